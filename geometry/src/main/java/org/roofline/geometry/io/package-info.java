/**
 * The format-neutral vector model and what every format shares: layers and features ({@code VectorLayer}, {@code
 * VectorFeature}, {@code FieldDef}, {@code FieldType}), the {@code VectorReader} and {@code VectorWriter} contracts,
 * geometry repair, ISO-8601 date-time values, atomic writes and temporary files, and footprint layers. Depends on no
 * format: GeoJSON, Shapefile and GeoPackage live in {@code geojson}, {@code shapefile} and {@code geopackage}, and the
 * registry that picks one by file extension in {@code org.roofline.geometry.io.format} (start at its {@code
 * VectorIo}).
 */
package org.roofline.geometry.io;
