/**
 * The crash-safe review session in a GeoPackage: every decision committed as it is made, original outlines, review
 * tiles, the one-editor lock, and opening footprint files as a session.
 */
package org.roofline.app.session;
