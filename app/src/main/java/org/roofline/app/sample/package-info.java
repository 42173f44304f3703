/**
 * The bundled sample: the Banepa mosaic and its footprints, copied out of the jar on first use into the user's data
 * directory.
 */
package org.roofline.app.sample;
