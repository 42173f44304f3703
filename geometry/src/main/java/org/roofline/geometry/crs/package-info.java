/**
 * Coordinate reference systems: parsing and identifying CRSs (EPSG codes, WKT, PROJ strings), transforming
 * coordinates and geometries between them (Apache SIS, with PROJ's own definitions where SIS lacks one), and geodesic
 * areas. Used by the formats, the command line and the editor; no state.
 */
package org.roofline.geometry.crs;
