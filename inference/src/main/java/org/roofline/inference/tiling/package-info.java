/**
 * Tiling an image into overlapping model tiles and stitching their probabilities back without seams (each pixel from
 * the tile whose core holds it).
 */
package org.roofline.inference.tiling;
