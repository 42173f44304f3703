/**
 * The map's machinery: tiled image loading and caching, raster-to-image conversion with its stretch, footprint
 * indexes and packed outlines. Not for use outside {@code editor.map}; it depends on nothing in the public map
 * package.
 */
package org.roofline.app.editor.map.internal;
