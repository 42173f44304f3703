package org.roofline.app.editor.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.roofline.app.editor.map.MapTool;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.SplitFootprint;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;

/**
 * Splits a footprint that covers several roofs along a cut line: each click adds a point of the line (a drag still
 * pans); Enter or a double-click finishes it, Escape cancels it. The finished line splits the footprint it cuts in
 * two or more pieces, as one {@link SplitFootprint} (undo gives the footprint back); the pieces become the
 * selection. When the line cuts several footprints, the selected one is split (select it first), and a line that
 * cuts none says so and changes nothing. The tool stays active for the next cut. FX thread only.
 */
public final class SplitTool implements MapTool {

    /** The hint shown when the tool is chosen. */
    public static final String HINT = "Split: click points of a cut line across a footprint; Enter or double-click "
            + "splits it, Escape cancels";

    private static final GeometryFactory GF = new GeometryFactory();

    private final MapView map;
    private final UndoStack undo;
    private final Consumer<String> messages;
    private final List<Coordinate> points = new ArrayList<>(); // map coordinates of the clicks
    private double pressX = Double.NaN;
    private double pressY;
    private double[] mouse; // screen position, for the rubber band

    public SplitTool(MapView map, UndoStack undo, Consumer<String> messages) {
        this.map = Objects.requireNonNull(map, "map");
        this.undo = Objects.requireNonNull(undo, "undo");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public String name() {
        return "Split";
    }

    @Override
    public Cursor cursor() {
        return Cursor.CROSSHAIR;
    }

    @Override
    public void activated(MapView m) {
        messages.accept(HINT);
    }

    @Override
    public void deactivated(MapView m) {
        cancel();
    }

    /** Drops the line drawn so far. */
    public void cancel() {
        points.clear();
        mouse = null;
        pressX = Double.NaN;
    }

    /** The points of the line drawn so far (map coordinates). */
    public List<Coordinate> points() {
        return List.copyOf(points);
    }

    @Override
    public boolean pressed(MapMouse e) {
        if (e.event().getButton() != MouseButton.PRIMARY) {
            return false;
        }
        pressX = e.x();
        pressY = e.y();
        return false; // not consumed: a drag pans
    }

    @Override
    public boolean released(MapMouse e) {
        if (e.event().getButton() != MouseButton.PRIMARY || Double.isNaN(pressX)) {
            return false;
        }
        boolean click = Math.hypot(e.x() - pressX, e.y() - pressY) < SelectTool.CLICK_SLOP;
        pressX = Double.NaN;
        if (!click) {
            return false; // it was a pan
        }
        Coordinate c = e.map();
        Coordinate last = points.isEmpty() ? null : points.get(points.size() - 1);
        MapViewport v = e.viewport();
        boolean same = last != null && v.toScreen(last).distance(v.toScreen(c)) < SelectTool.CLICK_SLOP;
        if (!same) {
            points.add(c);
        }
        mouse = new double[] {e.x(), e.y()};
        if (e.event().getClickCount() >= 2) {
            finish();
        } else if (points.size() == 1) {
            messages.accept("Split: click the next point of the cut line (Enter or double-click splits)");
        }
        return true;
    }

    @Override
    public boolean moved(MapMouse e) {
        mouse = new double[] {e.x(), e.y()};
        return !points.isEmpty();
    }

    @Override
    public boolean keyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            finish();
            return true;
        }
        if (e.getCode() == KeyCode.ESCAPE && !points.isEmpty()) {
            cancel();
            messages.accept("Split cancelled");
            return true;
        }
        return false;
    }

    /**
     * Splits along the line drawn so far and starts a new line.
     *
     * @return whether a footprint was split (else the status bar says why)
     */
    public boolean finish() {
        List<Coordinate> line = List.copyOf(points);
        cancel();
        if (line.size() < 2) {
            messages.accept("Split: click at least two points across a footprint, then Enter");
            return false;
        }
        LineString cut = GF.createLineString(line.toArray(Coordinate[]::new));
        List<Footprint> crossed = new ArrayList<>();
        for (long id : map.footprintIdsIn(cut.getEnvelopeInternal())) {
            Footprint f = map.model().footprint(id);
            if (f != null && f.polygon().intersects(cut)) {
                crossed.add(f);
            }
        }
        if (crossed.size() > 1) {
            List<Footprint> selected = crossed.stream().filter(f -> map.selection().contains(f.id())).toList();
            if (selected.size() != 1) {
                messages.accept("Split: the line crosses " + crossed.size() + " footprints; select the one to "
                        + "split, then draw the line again");
                return false;
            }
            crossed = selected;
        }
        if (crossed.isEmpty()) {
            messages.accept("Split: the cut line does not cross any footprint; nothing changed");
            return false;
        }
        SplitFootprint split;
        try {
            split = SplitFootprint.of(crossed.get(0), cut);
        } catch (IllegalArgumentException ex) {
            messages.accept("Split: " + ex.getMessage() + "; nothing changed");
            return false;
        }
        try {
            undo.execute(split);
        } catch (RuntimeException ex) {
            messages.accept("Split failed: " + ex.getMessage());
            return false;
        }
        map.selection().set(split.ids());
        messages.accept("Split footprint " + crossed.get(0).id() + " in " + split.pieces().size() + ": "
                + split.ids() + " (Ctrl+Z undoes)");
        map.redraw();
        return true;
    }

    @Override
    public void drawOverlay(GraphicsContext g, MapViewport viewport) {
        if (points.isEmpty()) {
            return;
        }
        g.save();
        g.setStroke(Color.ORANGERED);
        g.setLineWidth(2);
        g.setLineDashes(6, 4);
        var prev = viewport.toScreen(points.get(0));
        g.fillOval(prev.getX() - 3, prev.getY() - 3, 6, 6);
        for (int i = 1; i < points.size(); i++) {
            var p = viewport.toScreen(points.get(i));
            g.strokeLine(prev.getX(), prev.getY(), p.getX(), p.getY());
            prev = p;
        }
        if (mouse != null) {
            g.strokeLine(prev.getX(), prev.getY(), mouse[0], mouse[1]);
        }
        g.restore();
    }
}
