/**
 * Reading imagery and masks: GeoTIFF (Apache SIS), PNG/JPEG with world files or GDAL sidecars, windowed and
 * subsampled reads, georeferencing (pixel to map) and the image's CRS, and the one-line input errors ({@link
 * org.roofline.inference.imagery.RooflineInputException}). Start at {@link org.roofline.inference.imagery.GeoImage}.
 */
package org.roofline.inference.imagery;
