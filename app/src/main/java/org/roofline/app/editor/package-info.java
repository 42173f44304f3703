/**
 * The JavaFX review editor: the window ({@link org.roofline.app.editor.RooflineEditor}), the pane that wires map,
 * actions and review together, dialogs, and recent files. Sub-packages hold the actions, the map, the tools,
 * extraction and export.
 */
package org.roofline.app.editor;
