/**
 * Reading a reference map for conflation: {@code ReferenceReader} reads any file a reference comes in (GeoJSON,
 * newline-delimited GeoJSON, Shapefile, GeoPackage, OSM XML) into a vector layer, choosing the reader by extension;
 * {@code GeoJsonSeqReader} reads newline-delimited GeoJSON (one Feature per line, as Microsoft's and other open
 * footprint datasets ship). Start at {@code ReferenceReader}.
 */
package org.roofline.geometry.io.reference;
