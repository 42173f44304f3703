package org.roofline.app.editor.tools;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.map.MapTool;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.AddFootprint;
import org.roofline.app.review.UndoStack;

/**
 * Draws a new footprint: drag a rectangle (axis-aligned on the screen). On release one {@link AddFootprint} is run
 * (id {@link org.roofline.app.review.ReviewModel#nextFreeId()}, status EDITED, method {@value AddFootprint#METHOD});
 * the new footprint becomes the selection and the current footprint, and {@link #setOnDrawn} is told (by default the
 * {@link VertexEditTool} takes over, so the outline can be adjusted). A drag under {@value #MIN_PIXELS} screen pixels
 * either way draws nothing. Escape cancels a drag. FX thread only.
 */
public final class DrawTool implements MapTool {

    /** The smallest rectangle side drawn, in screen pixels. */
    public static final double MIN_PIXELS = 3;

    private static final GeometryFactory GF = new GeometryFactory();

    private final MapView map;
    private final UndoStack undo;
    private final Consumer<String> messages;
    private LongConsumer onDrawn;
    private double[] start;
    private double[] end;

    public DrawTool(MapView map, UndoStack undo, Consumer<String> messages) {
        this.map = Objects.requireNonNull(map, "map");
        this.undo = Objects.requireNonNull(undo, "undo");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.onDrawn = id -> map.setTool(new VertexEditTool(map, undo, messages));
    }

    /** What happens after a footprint is drawn (gets its id); by default a new {@link VertexEditTool} takes over. */
    public void setOnDrawn(LongConsumer action) {
        this.onDrawn = Objects.requireNonNull(action, "action");
    }

    @Override
    public String name() {
        return "Draw";
    }

    @Override
    public Cursor cursor() {
        return Cursor.CROSSHAIR;
    }

    @Override
    public void activated(MapView m) {
        messages.accept("Draw: drag a rectangle to add a footprint");
    }

    @Override
    public void deactivated(MapView m) {
        start = null;
        end = null;
    }

    @Override
    public boolean pressed(MapMouse e) {
        if (e.event().getButton() != MouseButton.PRIMARY) {
            return false;
        }
        start = new double[] {e.x(), e.y()};
        end = start;
        return true;
    }

    @Override
    public boolean dragged(MapMouse e) {
        if (start == null) {
            return false;
        }
        end = new double[] {e.x(), e.y()};
        return true;
    }

    @Override
    public boolean released(MapMouse e) {
        if (start == null) {
            return false;
        }
        double[] a = start;
        double[] b = {e.x(), e.y()};
        start = null;
        end = null;
        if (Math.abs(a[0] - b[0]) < MIN_PIXELS || Math.abs(a[1] - b[1]) < MIN_PIXELS) {
            messages.accept("Draw: drag a rectangle (at least " + (int) MIN_PIXELS + " pixels each way)");
            return true;
        }
        MapViewport v = e.viewport();
        Polygon p = GF.createPolygon(new Coordinate[] {v.toMap(a[0], a[1]), v.toMap(b[0], a[1]), v.toMap(b[0], b[1]),
                v.toMap(a[0], b[1]), v.toMap(a[0], a[1])});
        AddFootprint add;
        try {
            add = new AddFootprint(p);
        } catch (IllegalArgumentException ex) {
            messages.accept("Draw refused: " + ex.getMessage());
            return true;
        }
        undo.execute(add);
        long id = add.id();
        map.selection().set(List.of(id));
        map.model().selectFootprint(id);
        messages.accept("Footprint " + id + " added");
        onDrawn.accept(id);
        return true;
    }

    @Override
    public boolean keyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && start != null) {
            start = null;
            end = null;
            return true;
        }
        return false;
    }

    @Override
    public void drawOverlay(GraphicsContext g, MapViewport viewport) {
        if (start == null || end == null) {
            return;
        }
        g.save();
        g.setStroke(Color.DODGERBLUE);
        g.setLineWidth(2);
        g.setFill(Color.DODGERBLUE.deriveColor(0, 1, 1, 0.2));
        double x = Math.min(start[0], end[0]);
        double y = Math.min(start[1], end[1]);
        double w = Math.abs(start[0] - end[0]);
        double h = Math.abs(start[1] - end[1]);
        g.fillRect(x, y, w, h);
        g.strokeRect(x, y, w, h);
        g.restore();
    }
}
