/**
 * The JavaFX review editor: the window ({@link org.roofline.app.editor.RooflineEditor}), its root pane that only
 * wires the parts ({@code EditorPane}): the action table ({@code EditorActions}) with what the File and Review
 * actions do ({@code FileActions}, {@code ReviewActions}, the latter on the JavaFX-free
 * {@link org.roofline.app.review.ReviewNavigator}), the menus and recent files ({@code EditorMenus}), the status line
 * ({@code StatusLine}); dialogs, and recent files. Sub-packages hold the key map, the map, the tools, extraction and
 * export. Only {@code RooflineEditor} is meant for use from outside.
 */
package org.roofline.app.editor;
