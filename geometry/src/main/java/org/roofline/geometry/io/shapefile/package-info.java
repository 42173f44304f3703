/**
 * ESRI Shapefile reading and writing (.shp, .shx, .dbf, .prj, .cpg), with dBASE field-name and part handling. Used
 * through {@code org.roofline.geometry.io.format.VectorIo}.
 */
package org.roofline.geometry.io.shapefile;
