/**
 * Extraction from the editor: the background service that runs the pipeline, its panel with progress and cancel,
 * settings, and summaries of what was found or what failed.
 */
package org.roofline.app.editor.extract;
