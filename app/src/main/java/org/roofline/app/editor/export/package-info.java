/**
 * The export dialog: choose format, statuses and CRS, and export on a background thread through {@code
 * org.roofline.app.export}.
 */
package org.roofline.app.editor.export;
