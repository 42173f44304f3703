package org.roofline.app.finetune;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Where a review stands, tile by tile, for fine-tuning: a tile is <em>finished</em> when it holds at least one
 * footprint and none is pending (its labels are all known: what was kept is a building, what was rejected is not);
 * a tile is <em>untouched</em> when it holds no decided footprint (only pending ones, or none and it was never
 * visited): those are re-extracted. Footprints belong to the tile of their centroid, as in the review.
 *
 * @param finished  the finished tiles, ascending
 * @param untouched the untouched tiles, ascending
 */
public record ReviewedTiles(List<Integer> finished, List<Integer> untouched) {

    public ReviewedTiles {
        finished = List.copyOf(finished);
        untouched = List.copyOf(untouched);
    }

    /** Sorts the tiles of a grid by the footprints in them (a snapshot: any thread). */
    public static ReviewedTiles of(ReviewTiles grid, Collection<Footprint> footprints) {
        Map<Integer, int[]> byTile = new TreeMap<>(); // {pending, decided}
        for (Footprint f : footprints) {
            var c = f.polygon().getCentroid();
            int t = c.isEmpty() ? 0 : grid.indexOf(c.getX(), c.getY());
            byTile.computeIfAbsent(t, k -> new int[2])[f.status() == ReviewStatus.PENDING ? 0 : 1]++;
        }
        List<Integer> finished = new ArrayList<>();
        List<Integer> untouched = new ArrayList<>();
        for (int t = 0; t < grid.count(); t++) {
            int[] n = byTile.getOrDefault(t, new int[2]);
            if (n[0] == 0 && n[1] > 0) {
                finished.add(t);
            } else if (n[1] == 0 && (n[0] > 0 || !grid.isVisited(t))) {
                untouched.add(t);
            }
        }
        return new ReviewedTiles(finished, untouched);
    }
}
