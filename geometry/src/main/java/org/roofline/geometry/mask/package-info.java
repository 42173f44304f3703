/**
 * Building masks: a mask read row by row as packed bits ({@link org.roofline.geometry.mask.Mask}) and its
 * implementations over an image's own arrays, and rasterizing polygons back into a mask.
 */
package org.roofline.geometry.mask;
