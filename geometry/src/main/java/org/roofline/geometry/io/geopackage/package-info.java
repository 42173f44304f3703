/**
 * GeoPackage reading and writing (through H2GIS/SQLite JDBC), with the GeoPackage SRS table. Used through {@code
 * org.roofline.geometry.io.format.VectorIo}; the classes are public for the review session's own tables.
 */
package org.roofline.geometry.io.geopackage;
