package org.roofline.app.review;

import java.util.List;
import java.util.Optional;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Where the review goes next, as rules on a {@link ReviewModel} (no user interface):
 * <ul>
 *   <li><b>Next pending footprint</b>: the first pending footprint after the current one in the order the reviewer
 *       walks the image (tiles in {@link ReviewModel#tileSequence()}, footprints of a tile in Tab order), wrapping
 *       around past the last tile to the first, so a skipped footprint is found again;</li>
 *   <li><b>Next tile, wrapping</b>: past the last tile of the sequence, the first again;</li>
 *   <li><b>After undo or redo</b>: the footprint the command touched becomes current, so the next decision lands on
 *       it.</li>
 * </ul>
 */
public final class ReviewNavigation {

    private ReviewNavigation() {
    }

    /**
     * A place the review moved to.
     *
     * @param id      the footprint (or -1 for a tile step)
     * @param tile    its tile
     * @param wrapped whether the step went past the end of the tile sequence back to its start
     */
    public record Step(long id, int tile, boolean wrapped) {
    }

    /** Whether every footprint is decided (and there is at least one). */
    public static boolean isComplete(ReviewModel m) {
        return m.size() > 0 && m.count(ReviewStatus.PENDING) == 0;
    }

    /**
     * The next pending footprint after the current one (see the class comment); the current one itself only when it
     * is the last pending footprint. Empty when nothing is pending. Does not move.
     */
    public static Optional<Step> nextPending(ReviewModel m) {
        if (m.pendingInFocus() == 0) {
            return Optional.empty();
        }
        List<Integer> seq = m.tileSequence();
        int start = seq.indexOf(m.currentTile());
        long current = m.currentFootprint().map(Footprint::id).orElse(-1L);
        if (start >= 0) {
            List<Long> ids = m.footprintIdsInTile(seq.get(start));
            for (int k = ids.indexOf(current) + 1; k < ids.size(); k++) {
                if (pending(m, ids.get(k))) {
                    return Optional.of(new Step(ids.get(k), seq.get(start), false));
                }
            }
        }
        int n = seq.size();
        for (int j = 1; j <= n; j++) {
            int pos = start + j; // start -1 (no current tile): from the first tile
            int tile = seq.get(Math.floorMod(pos, n));
            boolean wrapped = pos >= n;
            List<Long> ids = m.footprintIdsInTile(tile);
            int end = ids.size();
            if (j == n && ids.contains(current)) {
                end = ids.indexOf(current) + 1; // back in the current tile: up to the current footprint
            }
            for (int k = 0; k < end; k++) {
                if (pending(m, ids.get(k))) {
                    return Optional.of(new Step(ids.get(k), tile, wrapped));
                }
            }
        }
        // a pending footprint in no tile of the sequence (added by an extraction since the order was computed)
        for (Footprint f : m.footprints()) {
            if (f.status() == ReviewStatus.PENDING && m.inFocus(f.id())) {
                return Optional.of(new Step(f.id(), m.tileOf(f.id()), true));
            }
        }
        return Optional.empty();
    }

    /**
     * Moves to the next tile of the sequence, or past the last one to the first; empty (and no move) when there are
     * no tiles.
     */
    public static Optional<Step> nextTileWrapping(ReviewModel m) {
        int t = m.nextTile();
        if (t >= 0) {
            return Optional.of(new Step(-1, t, false));
        }
        List<Integer> seq = m.tileSequence();
        if (seq.isEmpty()) {
            return Optional.empty();
        }
        m.goToTile(seq.get(0));
        return Optional.of(new Step(-1, seq.get(0), true));
    }

    /**
     * The footprint to make current after {@code c} was undone or redone: the first footprint it touched that is in
     * the model now (a footprint an undone draw added is gone; the one an undone delete removed is back). Empty for
     * a command that touches no footprint still there.
     */
    public static Optional<Long> afterUndoOrRedo(ReviewModel m, ReviewCommand c) {
        for (long id : c.touchedIds()) {
            if (m.contains(id)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private static boolean pending(ReviewModel m, long id) {
        Footprint f = m.footprint(id);
        return f != null && f.status() == ReviewStatus.PENDING && m.inFocus(id);
    }
}
