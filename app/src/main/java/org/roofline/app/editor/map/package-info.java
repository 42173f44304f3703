/**
 * The map view's public API: {@link org.roofline.app.editor.map.MapView}, {@link
 * org.roofline.app.editor.map.MapLayer} (layers draw themselves), {@link org.roofline.app.editor.map.MapTool}, {@link
 * org.roofline.app.editor.map.MapViewport}, the map's pan and zoom keys as actions ({@link
 * org.roofline.app.editor.map.MapKeys}), and the layers the editor uses (each owning how it draws: the status
 * colours are {@link org.roofline.app.editor.map.FootprintLayer}'s, the scale bar draws itself). The machinery is in
 * {@code internal}, which never reaches back here.
 */
package org.roofline.app.editor.map;
