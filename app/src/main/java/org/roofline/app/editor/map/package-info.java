/**
 * The map view's public API: {@link org.roofline.app.editor.map.MapView}, {@link
 * org.roofline.app.editor.map.MapLayer} (layers draw themselves), {@link org.roofline.app.editor.map.MapTool}, {@link
 * org.roofline.app.editor.map.MapViewport}, and the layers the editor uses. The machinery is in {@code internal},
 * which never reaches back here.
 */
package org.roofline.app.editor.map;
