package org.roofline.geometry.vectorize;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * One connected foreground component of a mask, as an exact pixel-edge outline.
 *
 * @param id         component number, in raster order of its first pixel, from 0
 * @param geometry   a {@link Polygon}, or with 8-connectivity a {@code MultiPolygon} whose parts touch only at corners;
 *                   always valid, and rasterizing it reproduces the component's pixels exactly
 * @param pixelArea  the geometry's area in pixels: the component's pixels plus any pinholes filled
 */
public record VectorizedShape(int id, Geometry geometry, long pixelArea) {
}
