/**
 * Masks and label rasters to polygons with holes, outlines on pixel edges, in one pass ({@link
 * org.roofline.geometry.vectorize.MaskVectorizer}, {@link org.roofline.geometry.vectorize.LabelVectorizer}).
 */
package org.roofline.geometry.vectorize;
