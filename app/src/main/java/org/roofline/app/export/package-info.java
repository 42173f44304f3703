/**
 * Exporting a review session to Shapefile, GeoJSON or GeoPackage, shared by the command line and the editor: request,
 * snapshot of the session, write, read back and compare, report.
 */
package org.roofline.app.export;
