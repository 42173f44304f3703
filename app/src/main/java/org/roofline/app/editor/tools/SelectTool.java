package org.roofline.app.editor.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.roofline.app.editor.map.MapTool;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;

/**
 * The default tool: selects footprints.
 *
 * <ul>
 *   <li>Click: selects the footprint under the cursor (and makes it the review's current footprint); click on nothing
 *       clears the selection. Shift+click adds to the selection, Ctrl+click toggles.</li>
 *   <li>Shift+drag: box selection; Ctrl+drag: lasso selection (the polygon of the drag path). Both replace the
 *       selection with the footprints whose interior point lies inside the box or lasso (see
 *       {@link FootprintPicker#enclosedBy}): a footprint is selected when it is enclosed near its centre, not when an
 *       edge is grazed.</li>
 *   <li>A plain drag is not consumed: the map pans.</li>
 * </ul>
 * A press and release less than {@value #CLICK_SLOP} screen pixels apart is a click. FX thread only.
 */
public final class SelectTool implements MapTool {

    /** Largest mouse travel, in screen pixels, of a click. */
    public static final double CLICK_SLOP = 4;
    /** Pick tolerance around outlines, in screen pixels. */
    public static final double PICK_TOLERANCE = 4;

    private static final GeometryFactory GF = new GeometryFactory();

    private enum Gesture { NONE, CLICK, BOX, LASSO }

    private final MapView map;
    private final Consumer<String> messages;
    private Gesture gesture = Gesture.NONE;
    private double startX;
    private double startY;
    private boolean moved;
    private final List<double[]> path = new ArrayList<>(); // screen positions of a box or lasso drag

    /** @param undo unused by selection, kept so that every tool is made the same way */
    public SelectTool(MapView map, UndoStack undo, Consumer<String> messages) {
        this.map = Objects.requireNonNull(map, "map");
        Objects.requireNonNull(undo, "undo");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public String name() {
        return "Select";
    }

    @Override
    public void deactivated(MapView m) {
        gesture = Gesture.NONE;
        path.clear();
    }

    @Override
    public boolean pressed(MapMouse e) {
        if (e.event().getButton() != MouseButton.PRIMARY) {
            gesture = Gesture.NONE;
            return false;
        }
        startX = e.x();
        startY = e.y();
        moved = false;
        path.clear();
        path.add(new double[] {e.x(), e.y()});
        if (e.event().isShiftDown()) {
            gesture = Gesture.BOX;
            return true;
        }
        if (ctrl(e)) {
            gesture = Gesture.LASSO;
            return true;
        }
        gesture = Gesture.CLICK; // not consumed: a drag pans, a release in place is a click
        return false;
    }

    @Override
    public boolean dragged(MapMouse e) {
        if (Math.hypot(e.x() - startX, e.y() - startY) >= CLICK_SLOP) {
            moved = true;
        }
        if (gesture == Gesture.BOX || gesture == Gesture.LASSO) {
            if (gesture == Gesture.BOX) {
                path.clear();
                path.add(new double[] {startX, startY});
            }
            path.add(new double[] {e.x(), e.y()});
            return true;
        }
        return false;
    }

    @Override
    public boolean released(MapMouse e) {
        Gesture g = gesture;
        gesture = Gesture.NONE;
        if (g == Gesture.NONE || e.event().getButton() != MouseButton.PRIMARY) {
            return false;
        }
        if (!moved && Math.hypot(e.x() - startX, e.y() - startY) < CLICK_SLOP) {
            path.clear();
            click(e);
            return true;
        }
        if (g == Gesture.CLICK) {
            return false; // it was a pan
        }
        path.add(new double[] {e.x(), e.y()});
        Geometry region = g == Gesture.BOX ? box(e.viewport()) : lasso(e.viewport());
        path.clear();
        if (region == null) {
            return true;
        }
        List<Long> ids = FootprintPicker.enclosedBy(map.model(), region);
        map.selection().set(ids);
        messages.accept((g == Gesture.BOX ? "Box" : "Lasso") + ": " + ids.size() + " footprint"
                + (ids.size() == 1 ? "" : "s") + " selected"
                + (ids.size() > 1 ? "; Edit > " + RegularizePreview.countLabel(ids.size()) + " squares them at once"
                : ""));
        return true;
    }

    private void click(MapMouse e) {
        double tol = PICK_TOLERANCE * e.viewport().mapUnitsPerScreenPixel();
        Optional<Footprint> hit = FootprintPicker.at(map.model(), e.map(), tol);
        boolean shift = e.event().isShiftDown();
        boolean ctrl = ctrl(e);
        if (hit.isEmpty()) {
            if (!shift && !ctrl) {
                map.selection().clear();
            }
            return;
        }
        long id = hit.get().id();
        if (ctrl) {
            map.selection().toggle(id);
        } else if (shift) {
            map.selection().addAll(List.of(id));
        } else {
            map.selection().set(List.of(id));
        }
        if (map.selection().contains(id)) {
            map.model().selectFootprint(id);
        }
        messages.accept("Footprint " + id + " (" + hit.get().status().name().toLowerCase(java.util.Locale.ROOT)
                + ", " + hit.get().vertexCount() + " vertices); " + map.selection().size() + " selected");
    }

    private Geometry box(MapViewport v) {
        double[] a = path.get(0);
        double[] b = path.get(path.size() - 1);
        if (Math.abs(a[0] - b[0]) < 1 || Math.abs(a[1] - b[1]) < 1) {
            return null;
        }
        Coordinate[] ring = {v.toMap(a[0], a[1]), v.toMap(b[0], a[1]), v.toMap(b[0], b[1]), v.toMap(a[0], b[1]),
                v.toMap(a[0], a[1])};
        return GF.createPolygon(ring);
    }

    private Geometry lasso(MapViewport v) {
        if (path.size() < 3) {
            return null;
        }
        Coordinate[] ring = new Coordinate[path.size() + 1];
        for (int i = 0; i < path.size(); i++) {
            ring[i] = v.toMap(path.get(i)[0], path.get(i)[1]);
        }
        ring[path.size()] = new Coordinate(ring[0]);
        // a hand-drawn path often crosses itself: the fixer keeps every enclosed part
        return GeometryFixer.fix(GF.createPolygon(ring));
    }

    private static boolean ctrl(MapMouse e) {
        return e.event().isControlDown() || e.event().isMetaDown();
    }

    @Override
    public void drawOverlay(GraphicsContext g, MapViewport viewport) {
        if (path.size() < 2 || (gesture != Gesture.BOX && gesture != Gesture.LASSO)) {
            return;
        }
        g.save();
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.5);
        g.setLineDashes(5, 4);
        g.setFill(Color.rgb(255, 255, 255, 0.12));
        if (gesture == Gesture.BOX) {
            double[] a = path.get(0);
            double[] b = path.get(path.size() - 1);
            double x = Math.min(a[0], b[0]);
            double y = Math.min(a[1], b[1]);
            g.fillRect(x, y, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
            g.strokeRect(x, y, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
        } else {
            double[] xs = new double[path.size()];
            double[] ys = new double[path.size()];
            for (int i = 0; i < path.size(); i++) {
                xs[i] = path.get(i)[0];
                ys[i] = path.get(i)[1];
            }
            g.fillPolygon(xs, ys, xs.length);
            g.strokePolygon(xs, ys, xs.length);
        }
        g.restore();
    }
}
