/**
 * Quality metrics: IoU, N-ratio, C-IoU, corner angles, max tangent angle error and Hausdorff distance of polygons,
 * windowed C-IoU over a scene, and building-level matching (precision, recall, F1 at an IoU threshold).
 */
package org.roofline.geometry.metrics;
