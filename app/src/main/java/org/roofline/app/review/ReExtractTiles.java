package org.roofline.app.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Point;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Replaces the footprints of tiles that hold only pending ones with those a new extraction found there, as one
 * undoable change: the review after "Improve the model from this review".
 *
 * <p>Checked when first applied, on the model as it is then (the reviewer may have gone on deciding while the
 * extraction ran): a tile holding a decided footprint by then is left alone; in every other given tile the pending
 * footprints are removed and the found footprints whose centroid lies in it are added, pending, with fresh ids —
 * except those that overlap a decided footprint (of a neighbouring tile) by more than a tenth of their own area.
 * Decided footprints are never touched.
 */
public final class ReExtractTiles extends ReviewCommand {

    /** Share of a found footprint's area that may overlap a decided footprint before the found one is dropped. */
    static final double MAX_OVERLAP = 0.1;

    private final Map<Integer, List<Footprint>> found;
    private int tiles = -1;
    private int removed;
    private int added;

    /** @param found the footprints found, by the review tile they belong to (their ids do not matter) */
    public ReExtractTiles(Map<Integer, List<Footprint>> found) {
        Map<Integer, List<Footprint>> copy = new TreeMap<>();
        found.forEach((t, fs) -> copy.put(t, List.copyOf(fs)));
        this.found = copy;
    }

    /** Groups footprints by the review tile of their centroid (as {@link ReviewModel} assigns tiles). */
    public static Map<Integer, List<Footprint>> byTile(ReviewTiles grid, List<Footprint> footprints) {
        Map<Integer, List<Footprint>> out = new TreeMap<>();
        for (Footprint f : footprints) {
            Point c = f.polygon().getCentroid();
            int t = c.isEmpty() ? 0 : grid.indexOf(c.getX(), c.getY());
            out.computeIfAbsent(t, k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    @Override
    protected Change compute(ReviewModel m) {
        List<Footprint> decided = new ArrayList<>();
        for (Footprint f : m.footprints()) {
            if (f.status() != ReviewStatus.PENDING) {
                decided.add(f);
            }
        }
        List<Footprint> upserts = new ArrayList<>();
        List<Long> removals = new ArrayList<>();
        long next = m.nextFreeId();
        int done = 0;
        for (Map.Entry<Integer, List<Footprint>> e : found.entrySet()) {
            int tile = e.getKey();
            if (tile < 0 || tile >= m.tiles().count()) {
                continue;
            }
            List<Footprint> now = m.footprintsInTile(tile);
            if (now.stream().anyMatch(f -> f.status() != ReviewStatus.PENDING)) {
                continue; // decided meanwhile
            }
            done++;
            now.forEach(f -> removals.add(f.id()));
            for (Footprint f : e.getValue()) {
                if (!overlapsDecided(f, decided)) {
                    upserts.add(new Footprint(next++, f.polygon(), ReviewStatus.PENDING, f.confidence(), f.method(),
                            f.regularized(), f.source(), null));
                }
            }
        }
        tiles = done;
        removed = removals.size();
        added = upserts.size();
        return new Change(upserts, removals);
    }

    private static boolean overlapsDecided(Footprint f, List<Footprint> decided) {
        double area = f.polygon().getArea();
        for (Footprint d : decided) {
            if (d.polygon().getEnvelopeInternal().intersects(f.polygon().getEnvelopeInternal())
                    && d.polygon().intersection(f.polygon()).getArea() > MAX_OVERLAP * area) {
                return true;
            }
        }
        return false;
    }

    /** @return the tiles re-extracted (known once applied, else -1) */
    public int tiles() {
        return tiles;
    }

    @Override
    public String description() {
        if (tiles < 0) {
            return "Re-extract " + plural(found.size(), "tile");
        }
        return "Re-extract " + plural(tiles, "tile") + " with the fine-tuned model: " + plural(removed, "footprint")
                + " replaced by " + added;
    }
}
