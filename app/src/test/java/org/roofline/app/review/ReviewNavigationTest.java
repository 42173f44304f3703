package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.rect;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;

/** Reading order within a tile, the next pending footprint across the image, tile wrap-around, after undo/redo. */
class ReviewNavigationTest {

    /** 2 x 1 tiles of 100 units: tile 0 is x 0..100, tile 1 is x 100..200 (y 0..100). */
    private static ReviewTiles grid() {
        return new ReviewTiles(0, 100, 100, 2, 1);
    }

    @Test
    void tabReadsRowsTopToBottomEachLeftToRight() {
        // ids scattered on purpose: the order must follow the map, not the ids
        List<Footprint> fs = List.of(
                fp(1, rect(60, 10, 10, 10), 0.5),  // bottom row, right
                fp(2, rect(10, 70, 10, 10), 0.5),  // top row, left
                fp(3, rect(10, 12, 10, 10), 0.5),  // bottom row, left (a little higher than 1)
                fp(4, rect(62, 72, 10, 6), 0.5),   // top row, right: lower top than 2 but same row
                fp(5, rect(35, 40, 10, 10), 0.5)); // middle row
        assertEquals(List.of(2L, 4L, 5L, 3L, 1L), ReadingOrder.of(fs));
        ReviewModel m = new ReviewModel(fs, Map.of(), grid(), ReviewPersistence.NONE, CLOCK);
        assertEquals(List.of(2L, 4L, 5L, 3L, 1L), m.footprintIdsInTile(0));
        m.goToTile(0);
        assertEquals(2L, m.nextFootprint().orElseThrow().id());
        assertEquals(4L, m.nextFootprint().orElseThrow().id());
        assertEquals(5L, m.nextFootprint().orElseThrow().id());
        // moving a footprint re-orders its tile
        new UndoStack(m).execute(new MoveFootprints(List.of(1L), 25, 62)); // 1 goes to the top row's right end
        assertEquals(List.of(2L, 4L, 1L, 5L, 3L), m.footprintIdsInTile(0));
    }

    private ReviewModel twoTiles() {
        List<Footprint> fs = List.of(
                fp(1, rect(10, 70, 10, 10), 0.5), fp(2, rect(60, 70, 10, 10), 0.5), // tile 0
                fp(3, rect(110, 70, 10, 10), 0.5), fp(4, rect(160, 70, 10, 10), 0.5)); // tile 1
        return new ReviewModel(fs, Map.of(), grid(), ReviewPersistence.NONE, CLOCK);
    }

    @Test
    void nextPendingWalksTheImageAndWrapsToASkippedFootprint() {
        ReviewModel m = twoTiles();
        UndoStack u = new UndoStack(m);
        assertEquals(new ReviewNavigation.Step(1, 0, false), ReviewNavigation.nextPending(m).orElseThrow());
        m.selectFootprint(1); // skipped: the reviewer went on without deciding 1
        u.execute(SetStatus.accept(2L));
        m.selectFootprint(2);
        assertEquals(new ReviewNavigation.Step(3, 1, false), ReviewNavigation.nextPending(m).orElseThrow());
        u.execute(SetStatus.reject(3L, 4L));
        m.selectFootprint(4);
        assertEquals(new ReviewNavigation.Step(1, 0, true), ReviewNavigation.nextPending(m).orElseThrow(),
                "past the last tile, back to the skipped one");
        assertFalse(ReviewNavigation.isComplete(m));
        m.selectFootprint(1);
        assertEquals(new ReviewNavigation.Step(1, 0, true), ReviewNavigation.nextPending(m).orElseThrow(),
                "the only one left is the current one");
        u.execute(SetStatus.accept(1L));
        assertTrue(ReviewNavigation.nextPending(m).isEmpty());
        assertTrue(ReviewNavigation.isComplete(m));
    }

    @Test
    void nextTileWrapsPastTheLastTile() {
        ReviewModel m = twoTiles();
        assertEquals(new ReviewNavigation.Step(-1, 0, false), ReviewNavigation.nextTileWrapping(m).orElseThrow());
        assertEquals(new ReviewNavigation.Step(-1, 1, false), ReviewNavigation.nextTileWrapping(m).orElseThrow());
        assertEquals(new ReviewNavigation.Step(-1, 0, true), ReviewNavigation.nextTileWrapping(m).orElseThrow());
        assertEquals(0, m.currentTile());
    }

    @Test
    void undoAndRedoPointAtTheFootprintTheyTouched() {
        ReviewModel m = twoTiles();
        UndoStack u = new UndoStack(m);
        u.execute(SetStatus.accept(3L));
        m.selectFootprint(4); // the review moved on
        ReviewCommand accepted = u.undoCommand();
        u.undo();
        assertEquals(3L, ReviewNavigation.afterUndoOrRedo(m, accepted).orElseThrow());
        u.redo();
        assertEquals(3L, ReviewNavigation.afterUndoOrRedo(m, accepted).orElseThrow());
        // an undone draw removes what it added: nothing of it to point at
        AddFootprint draw = new AddFootprint(rect(30, 30, 5, 5));
        u.execute(draw);
        u.undo();
        assertTrue(ReviewNavigation.afterUndoOrRedo(m, draw).isEmpty());
        u.redo();
        assertEquals(draw.id(), ReviewNavigation.afterUndoOrRedo(m, draw).orElseThrow());
    }
}
