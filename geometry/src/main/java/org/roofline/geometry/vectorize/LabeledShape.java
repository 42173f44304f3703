package org.roofline.geometry.vectorize;

import org.locationtech.jts.geom.Geometry;

/**
 * One connected component of one label of a label raster, as an exact pixel-edge outline.
 *
 * @param label     the label its pixels carry (positive)
 * @param geometry  a {@link org.locationtech.jts.geom.Polygon}, or with 8-connectivity a {@code MultiPolygon} whose
 *                  parts touch only at corners; always valid, and rasterizing it gives back the component's pixels
 *                  (pinholes smaller than the minimum area filled)
 * @param pixelArea the geometry's area in pixels
 */
public record LabeledShape(int label, Geometry geometry, long pixelArea) {
}
