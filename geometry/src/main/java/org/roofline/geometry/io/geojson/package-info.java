/**
 * GeoJSON reading and writing (RFC 7946, or a named CRS when asked to keep the source's): the document parser, the
 * property value conversions, and the reader and writer. Used through {@code
 * org.roofline.geometry.io.format.VectorIo}, or directly for the writer's options ({@code keepingSourceCrs()}).
 */
package org.roofline.geometry.io.geojson;
