package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.rect;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roofline.app.review.ReviewNavigator.Move;
import org.roofline.geometry.footprint.Footprint;

/** The reviewer's moves without a window: next tile, next pending, Tab, decisions and what comes after them. */
class ReviewNavigatorTest {

    /** Tile 0 (x 0..100) holds 1 and 2, tile 1 (x 100..200) holds 3 and 4. */
    private final ReviewModel model = new ReviewModel(List.of(
            fp(1, rect(10, 70, 10, 10), 0.5), fp(2, rect(60, 70, 10, 10), 0.5),
            fp(3, rect(110, 70, 10, 10), 0.5), fp(4, rect(160, 70, 10, 10), 0.5)),
            Map.of(), new ReviewTiles(0, 100, 100, 2, 1), ReviewPersistence.NONE, CLOCK);
    private final Selection selection = new Selection();
    private final ReviewNavigator nav = new ReviewNavigator(model, selection);
    private final UndoStack undo = new UndoStack(model);

    private long current() {
        return model.currentFootprint().map(Footprint::id).orElse(-1L);
    }

    @Test
    void nextTileShowsItsFirstPendingFootprintAndSaysWhenItWraps() {
        undo.execute(SetStatus.accept(1L));
        selection.set(List.of(4L));
        assertEquals(new Move(0, -1, "", false), nav.nextTile());
        assertEquals(2L, current(), "the first pending footprint of the tile, not the first one");
        assertTrue(selection.isEmpty());
        assertEquals(new Move(1, -1, "", false), nav.nextTile());
        assertEquals(new Move(0, -1, "Past the last tile: back to the first. 3 footprints pending.", false),
                nav.nextTile());
        assertEquals(Move.say("No previous tile: this is the first one."), nav.previousTile());
    }

    @Test
    void anEmptyReviewHasNoTilesAndNothingPending() {
        ReviewModel empty = new ReviewModel(List.of(), Map.of(), new ReviewTiles(0, 100, 100, 2, 1),
                ReviewPersistence.NONE, CLOCK);
        ReviewNavigator n = new ReviewNavigator(empty, selection);
        assertTrue(n.nextTile().noFootprints());
        assertTrue(n.nextPending().noFootprints());
        assertEquals(ReviewNavigator.NO_CURRENT_TILE, n.refuseTileDecision().orElseThrow());
    }

    @Test
    void nextPendingCountsWhatIsLeftAndRevealsTheFootprint() {
        nav.nextTile();
        undo.execute(SetStatus.accept(2L, 3L));
        assertEquals(new Move(1, 4, "2 footprints pending.", false), nav.nextPending());
        assertEquals(4L, current());
        assertEquals(new Move(0, 1, "Past the last tile: back to a footprint left pending. 2 footprints pending.",
                false), nav.nextPending());
        undo.execute(SetStatus.accept(1L, 4L));
        assertEquals(Move.say(nav.completeMessage()), nav.nextPending());
    }

    @Test
    void aDecisionAppliesToTheSelectionElseTheCurrentFootprintThenMovesToTheNextPending() {
        ReviewNavigator.Target t = nav.decisionTarget();
        assertEquals(List.of(1L), t.ids(), "no current tile: the first tile's first footprint");
        assertEquals(0, t.move().showTile());
        undo.execute(SetStatus.accept(1L));
        assertEquals(Move.NONE, nav.afterDecision());
        assertEquals(2L, current());
        selection.set(List.of(3L, 4L));
        assertEquals(List.of(3L, 4L), nav.decisionTarget().ids());
        undo.execute(SetStatus.reject(3L, 4L));
        assertEquals(Move.NONE, nav.afterDecision());
        assertEquals(2L, current(), "a selection decision does not move");
        selection.clear();
        undo.execute(SetStatus.accept(2L));
        assertEquals(Move.say(nav.completeMessage()), nav.afterDecision());
        assertEquals(Move.NONE, nav.cycle(+1));
        assertEquals(1L, current());
    }

    @Test
    void afterUndoTheTouchedFootprintIsCurrentAndShown() {
        nav.nextTile();
        undo.execute(SetStatus.accept(3L));
        selection.set(List.of(1L));
        ReviewCommand c = undo.undoCommand();
        undo.undo();
        assertEquals(new Move(-1, 3, null, false), nav.afterUndoOrRedo(c));
        assertEquals(3L, current());
        assertTrue(selection.isEmpty());
    }
}
