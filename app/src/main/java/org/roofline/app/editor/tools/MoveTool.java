package org.roofline.app.editor.tools;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.map.MapTool;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.MoveFootprints;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;

/**
 * Moves footprints by dragging: the selection (the current footprint when nothing is selected), or, in "move all"
 * mode ({@link #setMoveAll}), every footprint of the review: the fix for imagery that is offset from the footprints.
 * The moved outlines are previewed while dragging (the old ones dashed); on release one {@link MoveFootprints} is run
 * (so one undo puts everything back) and the shift is reported in metres when the image is georeferenced. A drag with
 * nothing to move is not consumed (the map pans); Escape cancels a drag. FX thread only.
 */
public final class MoveTool implements MapTool {

    /** The preview draws at most this many outlines (those in view), so that dragging stays smooth. */
    public static final int PREVIEW_LIMIT = 3000;

    private final MapView map;
    private final UndoStack undo;
    private final Consumer<String> messages;
    private boolean moveAll;
    private Coordinate start; // map position of the press, null when not dragging
    private Coordinate now;
    private List<Footprint> moving = List.of();

    public MoveTool(MapView map, UndoStack undo, Consumer<String> messages) {
        this.map = Objects.requireNonNull(map, "map");
        this.undo = Objects.requireNonNull(undo, "undo");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** In "move all" mode a drag moves every footprint; else the selection. */
    public void setMoveAll(boolean all) {
        this.moveAll = all;
    }

    public boolean isMoveAll() {
        return moveAll;
    }

    @Override
    public String name() {
        return moveAll ? "Move all" : "Move";
    }

    @Override
    public Cursor cursor() {
        return Cursor.MOVE;
    }

    @Override
    public void activated(MapView m) {
        messages.accept(moveAll ? "Move all: drag to shift every footprint" : "Move: drag to shift the selection");
    }

    @Override
    public void deactivated(MapView m) {
        start = null;
        moving = List.of();
    }

    /** The footprints a drag moves now. */
    public List<Footprint> toMove() {
        ReviewModel model = map.model();
        if (moveAll) {
            return List.copyOf(model.footprints());
        }
        return FootprintPicker.selectedOrCurrent(model, map.selection());
    }

    @Override
    public boolean pressed(MapMouse e) {
        if (e.event().getButton() != MouseButton.PRIMARY) {
            return false;
        }
        moving = toMove();
        if (moving.isEmpty()) {
            messages.accept("Move: nothing selected");
            return false;
        }
        start = e.map();
        now = start;
        return true;
    }

    @Override
    public boolean dragged(MapMouse e) {
        if (start == null) {
            return false;
        }
        now = e.map();
        return true;
    }

    @Override
    public boolean released(MapMouse e) {
        if (start == null) {
            return false;
        }
        double dx = e.map().x - start.x;
        double dy = e.map().y - start.y;
        Coordinate at = start;
        List<Footprint> moved = moving;
        start = null;
        moving = List.of();
        if (dx == 0 && dy == 0) {
            return true;
        }
        String shift = describe(map, at, dx, dy);
        MoveFootprints command = (moveAll ? MoveFootprints.all(dx, dy)
                : new MoveFootprints(moved.stream().map(Footprint::id).toList(), dx, dy)).describedAs(shift);
        undo.execute(command);
        messages.accept("Moved " + (moveAll ? "all " : "") + moved.size() + " footprint"
                + (moved.size() == 1 ? "" : "s") + " by " + shift);
        return true;
    }

    @Override
    public boolean keyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && start != null) {
            start = null;
            moving = List.of();
            return true;
        }
        return false;
    }

    /** "1.20 m east, 0.40 m south", or the shift in map units when metres are unknown. */
    static String describe(MapView map, Coordinate at, double dx, double dy) {
        try {
            Coordinate m = GroundMetres.of(map.georeferencing()).toMetres(at, dx, dy);
            return String.format(Locale.ROOT, "%.2f m %s, %.2f m %s", Math.abs(m.x), m.x >= 0 ? "east" : "west",
                    Math.abs(m.y), m.y >= 0 ? "north" : "south");
        } catch (IllegalStateException noMetres) {
            return String.format(Locale.ROOT, "(%.6g, %.6g) map units", dx, dy);
        }
    }

    @Override
    public void drawOverlay(GraphicsContext g, MapViewport v) {
        if (start == null || now == null) {
            return;
        }
        double dx = now.x - start.x;
        double dy = now.y - start.y;
        Envelope visible = v.visibleMap();
        int drawn = 0;
        for (Footprint f : moving) {
            Envelope e = new Envelope(f.polygon().getEnvelopeInternal());
            e.translate(dx, dy);
            if (!visible.intersects(e) && !visible.intersects(f.polygon().getEnvelopeInternal())) {
                continue;
            }
            Outlines.stroke(g, v, f.polygon(), Color.WHITE, 1, true);
            Outlines.strokeShifted(g, v, f.polygon(), dx, dy, Color.ORANGE);
            if (++drawn >= PREVIEW_LIMIT) {
                break;
            }
        }
    }
}
