package org.roofline.app.editor.map;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.map.internal.IndexedFootprint;
import org.roofline.app.editor.map.internal.LiveFootprintIndex;
import org.roofline.app.review.FootprintIndex;
import org.roofline.app.review.Validation;
import org.roofline.geometry.footprint.Footprint;

/**
 * "Validation as you go": markers for the issues {@link Validation} finds on the footprints in the viewport
 * (invalid outline: red cross; overlap with another footprint: orange ring; nearly-square corner: magenta diamond).
 *
 * <p><b>Incremental.</b> Issues are computed per footprint when it first comes into view and cached; a change to a
 * footprint drops the cached issues of every footprint whose envelope meets its old or new place (their overlaps may
 * have changed), nothing else. A frame spends at most {@link #FRAME_BUDGET_NANOS} computing; what is left is computed
 * in the following frames. With more than {@link #maxFootprints()} footprints on screen nothing is checked or drawn
 * (the markers would be unreadable anyway). Shown by default; {@link #setVisible} toggles it.
 *
 * <p>FX thread only.
 */
public final class ValidationLayer extends SwitchableLayer {

    /** Time a frame may spend checking footprints not yet checked. */
    public static final long FRAME_BUDGET_NANOS = 4_000_000;

    private final LiveFootprintIndex index;
    private final java.util.function.IntSupplier visibleHint;
    private final Map<Long, List<Validation.Issue>> cache = new HashMap<>();
    private final Map<Validation.Kind, Integer> lastMarkers = new EnumMap<>(Validation.Kind.class);
    private Validation.Frame frame = Validation.Frame.MAP;
    private int maxFootprints = 2000;
    private boolean moreScheduled;
    private int lastUnchecked;

    /**
     * @param visibleHint footprints in this frame's view when already known (the footprint layer counted them), else
     *                    a negative number
     */
    ValidationLayer(LiveFootprintIndex index, Runnable repaint, java.util.function.IntSupplier visibleHint) {
        super("Validation", repaint);
        this.index = Objects.requireNonNull(index, "index");
        this.visibleHint = Objects.requireNonNull(visibleHint, "visibleHint");
    }

    /**
     * Where corners are measured (on the ground, not in degrees) and the image's border (corners there are where
     * the image cuts a building): set by the map once the image is read. Clears what was checked.
     */
    public void setFrame(Validation.Frame f) {
        frame = java.util.Objects.requireNonNull(f, "frame");
        cache.clear();
        repaint();
    }

    public int maxFootprints() {
        return maxFootprints;
    }

    public void setMaxFootprints(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maximum must be >= 0, was " + n);
        }
        maxFootprints = n;
    }

    /** Drops cached issues of the footprints meeting these map areas and of these ids (after a change). */
    void invalidate(Collection<Envelope> touched, Collection<Long> ids) {
        for (long id : ids) {
            cache.remove(id);
        }
        for (Envelope e : touched) {
            for (IndexedFootprint f : index.query(e)) {
                cache.remove(f.id());
            }
        }
    }

    /** The issues of a footprint (computed now if not cached), empty if there is no such footprint. */
    public List<Validation.Issue> issues(long id) {
        IndexedFootprint f = index.get(id);
        return f == null ? List.of() : issuesOf(f);
    }

    /** Whether a footprint's issues are cached (tests). */
    public boolean isCached(long id) {
        return cache.containsKey(id);
    }

    /** Markers of each kind drawn in the last frame. */
    public Map<Validation.Kind, Integer> lastMarkers() {
        return Map.copyOf(lastMarkers);
    }

    /** Footprints on screen left unchecked by the last frame (its time budget ran out). */
    public int lastUnchecked() {
        return lastUnchecked;
    }

    private List<Validation.Issue> issuesOf(IndexedFootprint f) {
        return cache.computeIfAbsent(f.id(), id -> {
            List<Footprint> near = new ArrayList<>();
            for (IndexedFootprint g : index.query(f.envelope())) {
                near.add(g.footprint());
            }
            return List.copyOf(Validation.of(f.footprint(), new FootprintIndex(near), Validation.Thresholds.DEFAULT,
                    frame));
        });
    }

    @Override
    public void draw(GraphicsContext g, MapViewport v) {
        lastMarkers.clear();
        lastUnchecked = 0;
        if (visibleHint.getAsInt() > maxFootprints) {
            return; // without building the list of what is in view
        }
        List<IndexedFootprint> shown = index.query(v.visibleMap());
        if (shown.size() > maxFootprints) {
            return;
        }
        long deadline = System.nanoTime() + FRAME_BUDGET_NANOS;
        g.setLineWidth(2);
        for (IndexedFootprint f : shown) {
            List<Validation.Issue> issues = cache.get(f.id());
            if (issues == null) {
                if (System.nanoTime() > deadline) {
                    lastUnchecked++;
                    continue;
                }
                issues = issuesOf(f);
            }
            for (Validation.Issue i : issues) {
                Coordinate at = i.location() != null ? i.location() : f.envelope().centre();
                marker(g, i.kind(), v.toScreen(at));
                lastMarkers.merge(i.kind(), 1, Integer::sum);
            }
        }
        if (lastUnchecked > 0 && !moreScheduled) {
            moreScheduled = true;
            Platform.runLater(() -> {
                moreScheduled = false;
                repaint();
            });
        }
    }

    private static void marker(GraphicsContext g, Validation.Kind kind, Point2D p) {
        double x = p.getX();
        double y = p.getY();
        switch (kind) {
            case INVALID -> {
                g.setStroke(Color.RED);
                g.strokeLine(x - 6, y - 6, x + 6, y + 6);
                g.strokeLine(x - 6, y + 6, x + 6, y - 6);
            }
            case OVERLAP -> {
                g.setStroke(Color.ORANGE);
                g.strokeOval(x - 6, y - 6, 12, 12);
            }
            case NEAR_SQUARE_CORNER -> {
                g.setStroke(Color.MAGENTA);
                g.strokePolygon(new double[] {x, x + 5, x, x - 5}, new double[] {y - 5, y, y + 5, y}, 4);
            }
        }
    }
}
