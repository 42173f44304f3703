package org.roofline.app.editor.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.map.MapTool;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.EditGeometry;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;

/**
 * Edits the vertices of one footprint: the review's current footprint when it is selected or nothing is selected,
 * else the first selected one. Handles are drawn on every vertex, holes included.
 *
 * <ul>
 *   <li>Drag a handle: moves the vertex (the outline is previewed while dragging); on release one
 *       {@link EditGeometry} is run. The dragged vertex snaps to a vertex of another footprint within
 *       {@value #SNAP_PIXELS} screen pixels (hold Alt not to snap).</li>
 *   <li>Click (or double-click) on an edge: inserts a vertex there (dragging on from the edge places it).</li>
 *   <li>{@link #deleteVertex()} (Delete, Backspace): removes the hovered vertex, else the last one touched; never
 *       below a triangle.</li>
 *   <li>Click inside another footprint: it becomes the one edited.</li>
 *   <li>Escape: leaves the tool ({@link #setOnExit}).</li>
 * </ul>
 * An edit that would make the polygon invalid (self-intersection, a hole crossing the shell) is refused with the
 * reason on the status bar; the footprint is left as it was. A press away from handles and edges is not consumed (the
 * map pans). FX thread only.
 */
public final class VertexEditTool implements MapTool {

    /** Handle pick radius, in screen pixels. */
    public static final double HANDLE_PIXELS = 7;
    /** Edge pick distance, in screen pixels. */
    public static final double EDGE_PIXELS = 5;
    /** Snap distance to other footprints' vertices, in screen pixels. */
    public static final double SNAP_PIXELS = 8;

    private static final GeometryFactory GF = new GeometryFactory();

    /** A vertex: ring 0 is the shell, ring k &gt; 0 the hole k - 1; index into the ring without its closing point. */
    private record VertexRef(long footprint, int ring, int index) {
    }

    private final MapView map;
    private final UndoStack undo;
    private final Consumer<String> messages;
    private Runnable onExit;

    private List<List<Coordinate>> working; // the dragged footprint's rings (open), null when not dragging
    private VertexRef dragging;
    private boolean dragMoved;
    private VertexRef hovered;
    private VertexRef lastTouched;
    private double[] pressedAt; // a press away from handles: a click there picks another footprint

    public VertexEditTool(MapView map, UndoStack undo, Consumer<String> messages) {
        this.map = Objects.requireNonNull(map, "map");
        this.undo = Objects.requireNonNull(undo, "undo");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.onExit = () -> map.setTool(new SelectTool(map, undo, messages));
    }

    /** What Escape does (by default: the map's tool becomes a new {@link SelectTool}). */
    public void setOnExit(Runnable action) {
        this.onExit = Objects.requireNonNull(action, "action");
    }

    @Override
    public String name() {
        return "Edit vertices";
    }

    @Override
    public Cursor cursor() {
        return Cursor.CROSSHAIR;
    }

    @Override
    public void activated(MapView m) {
        Optional<Footprint> t = target();
        messages.accept(t.map(f -> "Edit vertices of footprint " + f.id()
                        + ": drag a vertex, click an edge to add one, Delete removes one, Escape leaves")
                .orElse("Edit vertices: select a footprint first"));
    }

    @Override
    public void deactivated(MapView m) {
        working = null;
        dragging = null;
        hovered = null;
    }

    /** The footprint being edited, if any. */
    public Optional<Footprint> target() {
        var sel = map.selection();
        Optional<Footprint> current = map.model().currentFootprint();
        if (current.isPresent() && (sel.isEmpty() || sel.contains(current.get().id()))) {
            return current;
        }
        for (long id : sel.ids()) {
            Footprint f = map.model().footprint(id);
            if (f != null) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean pressed(MapMouse e) {
        pressedAt = null;
        if (e.event().getButton() != MouseButton.PRIMARY) {
            return false;
        }
        Optional<Footprint> t = target();
        if (t.isEmpty()) {
            pressedAt = new double[] {e.x(), e.y()};
            return false;
        }
        Footprint f = t.get();
        MapViewport v = e.viewport();
        VertexRef v0 = vertexNear(f, v, e.x(), e.y());
        if (v0 != null) {
            working = rings(f.polygon());
            dragging = v0;
            dragMoved = false;
            lastTouched = v0;
            return true;
        }
        int[] edge = edgeNear(f, v, e.x(), e.y());
        if (edge != null) {
            working = rings(f.polygon());
            List<Coordinate> ring = working.get(edge[0]);
            Coordinate a = ring.get(edge[1]);
            Coordinate b = ring.get((edge[1] + 1) % ring.size());
            ring.add(edge[1] + 1, closestOnSegment(a, b, v, e.x(), e.y()));
            dragging = new VertexRef(f.id(), edge[0], edge[1] + 1);
            dragMoved = true; // the insertion itself is an edit
            lastTouched = dragging;
            return true;
        }
        pressedAt = new double[] {e.x(), e.y()};
        return false;
    }

    @Override
    public boolean dragged(MapMouse e) {
        if (dragging == null) {
            return false;
        }
        Coordinate c = e.map();
        if (!e.event().isAltDown()) {
            c = snap(c, dragging.footprint(), e.viewport());
        }
        working.get(dragging.ring()).set(dragging.index(), c);
        dragMoved = true;
        return true;
    }

    @Override
    public boolean released(MapMouse e) {
        if (dragging == null) {
            double[] p = pressedAt;
            pressedAt = null;
            if (p != null && Math.hypot(e.x() - p[0], e.y() - p[1]) < SelectTool.CLICK_SLOP) {
                return pick(e);
            }
            return false;
        }
        VertexRef d = dragging;
        List<List<Coordinate>> rings = working;
        dragging = null;
        working = null;
        if (dragMoved) {
            commit(d.footprint(), rings, "Vertex moved");
        }
        return true;
    }

    /** A click away from the handles: another footprint under the cursor becomes the one edited. */
    private boolean pick(MapMouse e) {
        double tol = SelectTool.PICK_TOLERANCE * e.viewport().mapUnitsPerScreenPixel();
        Optional<Footprint> hit = FootprintPicker.at(map.model(), e.map(), tol);
        if (hit.isEmpty() || target().map(f -> f.id() == hit.get().id()).orElse(false)) {
            return false;
        }
        long id = hit.get().id();
        map.selection().set(List.of(id));
        map.model().selectFootprint(id);
        hovered = null;
        lastTouched = null;
        messages.accept("Edit vertices of footprint " + id);
        return true;
    }

    @Override
    public boolean moved(MapMouse e) {
        Optional<Footprint> t = target();
        VertexRef h = t.map(f -> vertexNear(f, e.viewport(), e.x(), e.y())).orElse(null);
        if (!Objects.equals(h, hovered)) {
            hovered = h;
            return true;
        }
        return false;
    }

    @Override
    public boolean keyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            deleteVertex();
            return true;
        }
        if (e.getCode() == KeyCode.ESCAPE) {
            onExit.run();
            return true;
        }
        return false;
    }

    /**
     * Removes the hovered vertex, else the last one touched, as one {@link EditGeometry}; refused (with a message)
     * when the ring would have fewer than 3 vertices or the result is invalid.
     *
     * @return whether a vertex was removed
     */
    public boolean deleteVertex() {
        VertexRef r = hovered != null ? hovered : lastTouched;
        Optional<Footprint> t = target();
        if (r == null || t.isEmpty() || t.get().id() != r.footprint()) {
            messages.accept("Delete vertex: point at a vertex first");
            return false;
        }
        List<List<Coordinate>> rings = rings(t.get().polygon());
        if (r.ring() >= rings.size() || r.index() >= rings.get(r.ring()).size()) {
            messages.accept("Delete vertex: the vertex no longer exists");
            return false;
        }
        List<Coordinate> ring = rings.get(r.ring());
        if (ring.size() <= 3) {
            messages.accept("Delete vertex refused: a " + (r.ring() == 0 ? "footprint" : "hole")
                    + " needs at least 3 vertices");
            return false;
        }
        ring.remove(r.index());
        hovered = null;
        lastTouched = null;
        boolean done = commit(r.footprint(), rings, "Vertex deleted");
        map.redraw();
        return done;
    }

    private boolean commit(long id, List<List<Coordinate>> rings, String what) {
        Footprint f = map.model().footprint(id);
        if (f == null) {
            return false;
        }
        Polygon p;
        EditGeometry edit;
        try {
            p = polygon(rings);
            if (p.equalsExact(f.polygon())) {
                return false;
            }
            edit = new EditGeometry(id, p);
        } catch (IllegalArgumentException ex) {
            messages.accept("Edit refused: " + ex.getMessage());
            return false;
        }
        undo.execute(edit);
        messages.accept(what + " (footprint " + id + ", " + (p.getNumPoints() - 1 - p.getNumInteriorRing())
                + " vertices)");
        return true;
    }

    private VertexRef vertexNear(Footprint f, MapViewport v, double sx, double sy) {
        List<List<Coordinate>> rings = rings(f.polygon());
        VertexRef best = null;
        double bestD = HANDLE_PIXELS;
        for (int r = 0; r < rings.size(); r++) {
            List<Coordinate> ring = rings.get(r);
            for (int i = 0; i < ring.size(); i++) {
                Point2D s = v.toScreen(ring.get(i));
                double d = Math.hypot(s.getX() - sx, s.getY() - sy);
                if (d <= bestD) {
                    bestD = d;
                    best = new VertexRef(f.id(), r, i);
                }
            }
        }
        return best;
    }

    /** {ring, index of the edge's first vertex} of the edge nearest the screen position, or null. */
    private static int[] edgeNear(Footprint f, MapViewport v, double sx, double sy) {
        List<List<Coordinate>> rings = rings(f.polygon());
        int[] best = null;
        double bestD = EDGE_PIXELS;
        for (int r = 0; r < rings.size(); r++) {
            List<Coordinate> ring = rings.get(r);
            for (int i = 0; i < ring.size(); i++) {
                Point2D a = v.toScreen(ring.get(i));
                Point2D b = v.toScreen(ring.get((i + 1) % ring.size()));
                double d = segmentDistance(a, b, sx, sy);
                if (d <= bestD) {
                    bestD = d;
                    best = new int[] {r, i};
                }
            }
        }
        return best;
    }

    private static double segmentDistance(Point2D a, Point2D b, double x, double y) {
        double t = param(a, b, x, y);
        return Math.hypot(a.getX() + t * (b.getX() - a.getX()) - x, a.getY() + t * (b.getY() - a.getY()) - y);
    }

    private static double param(Point2D a, Point2D b, double x, double y) {
        double dx = b.getX() - a.getX();
        double dy = b.getY() - a.getY();
        double len2 = dx * dx + dy * dy;
        return len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - a.getX()) * dx + (y - a.getY()) * dy) / len2));
    }

    /** The point of segment ab (map) under the screen position, interpolated in map units (exactly on the edge). */
    private static Coordinate closestOnSegment(Coordinate a, Coordinate b, MapViewport v, double sx, double sy) {
        double t = param(v.toScreen(a), v.toScreen(b), sx, sy);
        return new Coordinate(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
    }

    /** The nearest vertex of another footprint within {@link #SNAP_PIXELS} on the screen, else {@code c}. */
    private Coordinate snap(Coordinate c, long self, MapViewport v) {
        // envelope prefilter in map units (a little wide: map units per pixel differ along x and y), exact on screen
        double wide = 2 * SNAP_PIXELS * v.mapUnitsPerScreenPixel();
        org.locationtech.jts.geom.Envelope near = new org.locationtech.jts.geom.Envelope(c);
        near.expandBy(wide);
        Point2D at = v.toScreen(c);
        Coordinate best = c;
        double bestD = SNAP_PIXELS;
        for (Footprint f : map.model().footprints()) {
            if (f.id() == self || !near.intersects(f.polygon().getEnvelopeInternal())) {
                continue;
            }
            for (Coordinate p : f.polygon().getCoordinates()) {
                double d = v.toScreen(p).distance(at);
                if (d <= bestD) {
                    bestD = d;
                    best = new Coordinate(p);
                }
            }
        }
        return best;
    }

    private static List<List<Coordinate>> rings(Polygon p) {
        List<List<Coordinate>> out = new ArrayList<>();
        out.add(open(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            out.add(open(p.getInteriorRingN(i).getCoordinates()));
        }
        return out;
    }

    private static List<Coordinate> open(Coordinate[] closed) {
        List<Coordinate> out = new ArrayList<>(closed.length - 1);
        for (int i = 0; i < closed.length - 1; i++) {
            out.add(new Coordinate(closed[i]));
        }
        return out;
    }

    private static Polygon polygon(List<List<Coordinate>> rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return GF.createPolygon(shell, holes);
    }

    private static LinearRing ring(List<Coordinate> open) {
        if (open.size() < 3) {
            throw new IllegalArgumentException("a ring needs at least 3 vertices");
        }
        Coordinate[] c = new Coordinate[open.size() + 1];
        for (int i = 0; i < open.size(); i++) {
            c[i] = new Coordinate(open.get(i));
        }
        c[open.size()] = new Coordinate(open.get(0));
        return GF.createLinearRing(c);
    }

    @Override
    public void drawOverlay(GraphicsContext g, MapViewport v) {
        Optional<Footprint> t = target();
        if (t.isEmpty()) {
            return;
        }
        List<List<Coordinate>> rings = working != null && dragging != null && dragging.footprint() == t.get().id()
                ? working : rings(t.get().polygon());
        if (working != null) {
            Outlines.stroke(g, v, t.get().polygon(), Color.WHITE, 1, true);
        }
        g.save();
        g.setStroke(Color.ORANGE);
        g.setLineWidth(2);
        for (List<Coordinate> ring : rings) {
            double[] xs = new double[ring.size()];
            double[] ys = new double[ring.size()];
            for (int i = 0; i < ring.size(); i++) {
                Point2D s = v.toScreen(ring.get(i));
                xs[i] = s.getX();
                ys[i] = s.getY();
            }
            g.strokePolygon(xs, ys, xs.length);
        }
        double h = 4;
        for (int r = 0; r < rings.size(); r++) {
            List<Coordinate> ring = rings.get(r);
            for (int i = 0; i < ring.size(); i++) {
                Point2D s = v.toScreen(ring.get(i));
                VertexRef ref = new VertexRef(t.get().id(), r, i);
                g.setFill(ref.equals(hovered) || ref.equals(dragging) ? Color.ORANGE : Color.WHITE);
                g.fillRect(s.getX() - h, s.getY() - h, 2 * h, 2 * h);
                g.setStroke(Color.BLACK);
                g.setLineWidth(1);
                g.strokeRect(s.getX() - h, s.getY() - h, 2 * h, 2 * h);
            }
        }
        g.restore();
    }
}
