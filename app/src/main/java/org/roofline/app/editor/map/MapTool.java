package org.roofline.app.editor.map;

import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import org.locationtech.jts.geom.Coordinate;

/**
 * What the mouse does on the map (select, edit vertices, draw, move). The map view sends its mouse events to the
 * active tool first; an event the tool does not consume (returns false) falls through to the map's own panning
 * (drag) and zooming (wheel). A tool draws its feedback (rubber band, handles, preview) on top of every layer.
 * FX thread only.
 */
public interface MapTool {

    /** A mouse event with its position on the map. */
    record MapMouse(MouseEvent event, MapViewport viewport, Coordinate map) {
        public double x() {
            return event.getX();
        }

        public double y() {
            return event.getY();
        }
    }

    /** A short name for the status bar ("Select", "Edit vertices"). */
    String name();

    /** Called when the tool becomes the map's active tool. */
    default void activated(MapView map) {
    }

    /** Called when another tool replaces it (drop any half-done gesture). */
    default void deactivated(MapView map) {
    }

    default boolean pressed(MapMouse e) {
        return false;
    }

    default boolean dragged(MapMouse e) {
        return false;
    }

    default boolean released(MapMouse e) {
        return false;
    }

    default boolean moved(MapMouse e) {
        return false;
    }

    /** A key pressed while the map has the focus (Delete, Escape, Enter); true when consumed. */
    default boolean keyPressed(KeyEvent e) {
        return false;
    }

    /** Draws the tool's feedback over the layers. */
    default void drawOverlay(GraphicsContext g, MapViewport viewport) {
    }

    default Cursor cursor() {
        return Cursor.DEFAULT;
    }

    /** The tool that does nothing: the map pans and zooms. */
    MapTool NONE = () -> "Pan";
}
