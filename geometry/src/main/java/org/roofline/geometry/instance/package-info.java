/**
 * Separating touching buildings: from a model's footprint, boundary and contact probabilities to a label raster of
 * building instances ({@link org.roofline.geometry.instance.InstanceSegmenter}: seeds, a marker-controlled watershed,
 * distance transforms). Entry points are {@code InstanceSegmenter} and {@code InstanceLabels}; the rest is its
 * machinery.
 */
package org.roofline.geometry.instance;
