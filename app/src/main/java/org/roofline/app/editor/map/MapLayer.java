package org.roofline.app.editor.map;

import javafx.scene.canvas.GraphicsContext;

/**
 * Something the map draws, bottom to top in the order the layers were added. A layer draws itself, only what lies in
 * the viewport, and quickly (it runs on the FX thread each frame); heavy work (reading imagery) goes to background
 * threads and ends with {@link MapView#redraw()}.
 */
public interface MapLayer {

    /** The layer's name for the legend and the layer list. */
    String name();

    /** Draws the layer for a viewport (FX thread). */
    void draw(GraphicsContext g, MapViewport viewport);

    /** Whether the map draws this layer. */
    default boolean isVisible() {
        return true;
    }
}
