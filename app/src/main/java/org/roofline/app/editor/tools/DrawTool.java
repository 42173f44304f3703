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
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.NoninvertibleTransformationException;
import org.roofline.app.editor.map.MapTool;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.AddFootprint;
import org.roofline.app.review.UndoStack;

/**
 * Draws a new footprint, as a rectangle:
 * <ul>
 *   <li>drag: a rectangle axis-aligned on the screen;</li>
 *   <li>Shift+drag: a rotated rectangle from three points: the drag draws one wall, then moving the mouse sets the
 *       depth (perpendicular to the wall on the ground: built in the {@link RegularizationFrame}, so its corners are
 *       right angles on the ground even in EPSG:4326) and a click finishes.</li>
 * </ul>
 * When the rectangle is finished one {@link AddFootprint} is run
 * (id {@link org.roofline.app.review.ReviewModel#nextFreeId()}, status EDITED, method {@value AddFootprint#METHOD});
 * the new footprint becomes the selection and the current footprint, and {@link #setOnDrawn} is told (by default the
 * {@link VertexEditTool} takes over, so the outline can be adjusted). A rectangle under {@value #MIN_PIXELS} screen
 * pixels either way draws nothing. Escape cancels a drawing under way. FX thread only.
 */
public final class DrawTool implements MapTool {

    /** The smallest rectangle side drawn, in screen pixels. */
    public static final double MIN_PIXELS = 3;

    private static final GeometryFactory GF = new GeometryFactory();

    private final MapView map;
    private final UndoStack undo;
    private final Consumer<String> messages;
    private LongConsumer onDrawn;
    private enum Stage { IDLE, BOX, WALL, DEPTH }

    private Stage stage = Stage.IDLE;
    private double[] start;
    private double[] end;
    private double[] wallEnd; // the wall's second point, in DEPTH

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
        reset();
    }

    private void reset() {
        stage = Stage.IDLE;
        start = null;
        end = null;
        wallEnd = null;
    }

    @Override
    public boolean pressed(MapMouse e) {
        if (e.event().getButton() != MouseButton.PRIMARY) {
            return false;
        }
        if (stage == Stage.DEPTH) {
            double[] a = start;
            double[] b = wallEnd;
            reset();
            MapViewport v = e.viewport();
            Coordinate[] r = threePointRectangle(v.toMap(a[0], a[1]), v.toMap(b[0], b[1]), e.map());
            Coordinate c = r[2];
            Coordinate bm = r[1];
            if (v.toScreen(c).distance(v.toScreen(bm)) < MIN_PIXELS) {
                messages.accept("Draw: move away from the wall to give the rectangle a depth");
                return true;
            }
            add(GF.createPolygon(r));
            return true;
        }
        stage = e.event().isShiftDown() ? Stage.WALL : Stage.BOX;
        start = new double[] {e.x(), e.y()};
        end = start;
        return true;
    }

    @Override
    public boolean dragged(MapMouse e) {
        if (stage != Stage.BOX && stage != Stage.WALL) {
            return false;
        }
        end = new double[] {e.x(), e.y()};
        return true;
    }

    @Override
    public boolean moved(MapMouse e) {
        if (stage != Stage.DEPTH) {
            return false;
        }
        end = new double[] {e.x(), e.y()};
        return true;
    }

    @Override
    public boolean released(MapMouse e) {
        if (stage != Stage.BOX && stage != Stage.WALL) {
            return false;
        }
        double[] a = start;
        double[] b = {e.x(), e.y()};
        if (stage == Stage.WALL) {
            if (Math.hypot(a[0] - b[0], a[1] - b[1]) < MIN_PIXELS) {
                reset();
                messages.accept("Draw: Shift+drag along one wall (at least " + (int) MIN_PIXELS + " pixels)");
                return true;
            }
            stage = Stage.DEPTH;
            wallEnd = b;
            end = b;
            messages.accept("Draw: move the mouse to set the depth, click to finish (Escape cancels)");
            return true;
        }
        reset();
        if (Math.abs(a[0] - b[0]) < MIN_PIXELS || Math.abs(a[1] - b[1]) < MIN_PIXELS) {
            messages.accept("Draw: drag a rectangle (at least " + (int) MIN_PIXELS + " pixels each way)");
            return true;
        }
        MapViewport v = e.viewport();
        add(GF.createPolygon(new Coordinate[] {v.toMap(a[0], a[1]), v.toMap(b[0], a[1]), v.toMap(b[0], b[1]),
                v.toMap(a[0], b[1]), v.toMap(a[0], a[1])}));
        return true;
    }

    /**
     * The closed ring of the rectangle with wall a-b whose opposite wall passes through c, square on the ground:
     * a, b, b + d, a + d where d is the part of c - a perpendicular to the wall, in the {@link RegularizationFrame}.
     */
    Coordinate[] threePointRectangle(Coordinate a, Coordinate b, Coordinate c) {
        RegularizationFrame frame = RegularizationFrame.of(map.georeferencing(), a);
        AffineTransformation to = frame.mapToWorking();
        AffineTransformation back;
        try {
            back = to.getInverse();
        } catch (NoninvertibleTransformationException ex) {
            throw new IllegalStateException(ex); // a frame is a translation and a positive scaling
        }
        Coordinate wa = new Coordinate();
        Coordinate wb = new Coordinate();
        Coordinate wc = new Coordinate();
        to.transform(a, wa);
        to.transform(b, wb);
        to.transform(c, wc);
        double len = wa.distance(wb);
        double nx = -(wb.y - wa.y) / len;
        double ny = (wb.x - wa.x) / len;
        double d = (wc.x - wa.x) * nx + (wc.y - wa.y) * ny;
        Coordinate[] w = {wa, wb, new Coordinate(wb.x + d * nx, wb.y + d * ny), new Coordinate(wa.x + d * nx,
                wa.y + d * ny)};
        Coordinate[] ring = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
            ring[i] = new Coordinate();
            back.transform(w[i], ring[i]);
        }
        ring[4] = new Coordinate(ring[0]);
        return ring;
    }

    private void add(Polygon p) {
        AddFootprint add;
        try {
            add = new AddFootprint(p);
        } catch (IllegalArgumentException ex) {
            messages.accept("Draw refused: " + ex.getMessage());
            return;
        }
        undo.execute(add);
        long id = add.id();
        map.selection().set(List.of(id));
        map.model().selectFootprint(id);
        messages.accept("Footprint " + id + " added");
        onDrawn.accept(id);
    }

    @Override
    public boolean keyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && stage != Stage.IDLE) {
            reset();
            return true;
        }
        return false;
    }

    @Override
    public void drawOverlay(GraphicsContext g, MapViewport viewport) {
        if (start == null || end == null) {
            return;
        }
        if (stage == Stage.WALL || stage == Stage.DEPTH) {
            drawRotated(g, viewport);
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

    private void drawRotated(GraphicsContext g, MapViewport v) {
        g.save();
        g.setStroke(Color.DODGERBLUE);
        g.setLineWidth(2);
        if (stage == Stage.WALL) {
            g.strokeLine(start[0], start[1], end[0], end[1]);
        } else {
            Coordinate[] r = threePointRectangle(v.toMap(start[0], start[1]), v.toMap(wallEnd[0], wallEnd[1]),
                    v.toMap(end[0], end[1]));
            double[] xs = new double[4];
            double[] ys = new double[4];
            for (int i = 0; i < 4; i++) {
                var s = v.toScreen(r[i]);
                xs[i] = s.getX();
                ys[i] = s.getY();
            }
            g.setFill(Color.DODGERBLUE.deriveColor(0, 1, 1, 0.2));
            g.fillPolygon(xs, ys, 4);
            g.strokePolygon(xs, ys, 4);
        }
        g.restore();
    }
}
