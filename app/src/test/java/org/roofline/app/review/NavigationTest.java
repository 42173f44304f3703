package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.rect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

class NavigationTest {

    /** 3 x 3 tiles of 100 units, row 0 at the top (y 200..300). */
    private static final ReviewTiles grid() {
        return new ReviewTiles(0, 300, 100, 3, 3);
    }

    private final List<Footprint> footprints = List.of(
            fp(1, rect(10, 210, 10, 10), 0.9),                 // tile 0
            fp(2, rect(110, 210, 10, 10), 0.3),                // tile 1
            fp(4, rect(10, 110, 10, 10), 0.3),                 // tile 3, regularization changed it
            fp(5, rect(110, 110, 10, 10), 0.95).withStatus(ReviewStatus.ACCEPTED, Fixtures.NOW), // tile 4, done
            fp(6, rect(10, 10, 10, 10), 0.2),                  // tile 6: 6 and 7 overlap, mean 0.3
            fp(7, rect(15, 15, 10, 10), 0.4),
            fp(3, rect(210, 10, 10, 10), 0.5));                // tile 8

    private ReviewModel model(Fixtures.Recorder rec) {
        return new ReviewModel(footprints, Map.of(4L, rect(10, 110, 14, 10)), grid(), rec, CLOCK);
    }

    @Test
    void positionOrderIsRowMajorOverNonEmptyTiles() {
        ReviewModel m = model(new Fixtures.Recorder(footprints));
        assertEquals(List.of(0, 1, 3, 4, 6, 8), m.tileSequence());
        assertEquals(6, m.tileOf(7));
        assertEquals(List.of(6L, 7L), m.footprintIdsInTile(6));
    }

    @Test
    void doubtFirstOrdersByMeanConfidenceThenChangeThenOverlap() {
        ReviewModel m = model(new Fixtures.Recorder(footprints));
        m.setTileOrder(TileOrder.DOUBT_FIRST);
        // 0.3 ties: tile 3 (changed by regularization), tile 6 (overlaps), tile 1; then 0.5, 0.9; then nothing pending
        assertEquals(List.of(3, 6, 1, 8, 0, 4), m.tileSequence());
    }

    @Test
    void anOverlapWithARejectedFootprintIsNoReasonForDoubt() {
        List<Footprint> fs = List.of(
                fp(1, rect(10, 210, 10, 10), 0.5),                                                  // tile 0
                fp(2, rect(110, 210, 10, 10), 0.5),                                                 // tile 1
                fp(3, rect(112, 212, 10, 10), 0.5).withStatus(ReviewStatus.REJECTED, Fixtures.NOW)); // over 2
        ReviewModel m = new ReviewModel(fs, Map.of(), grid(), ReviewPersistence.NONE, CLOCK);
        m.setTileOrder(TileOrder.DOUBT_FIRST);
        assertEquals(List.of(0, 1), m.tileSequence(), "tied: by position, tile 1's overlap is with a rejected one");
        new UndoStack(m).execute(SetStatus.accept(3L));
        m.refreshTileOrder();
        assertEquals(List.of(1, 0), m.tileSequence(), "an overlap with a kept footprint comes first");
    }

    @Test
    void nextAndPreviousTileVisitAndPersist() {
        Fixtures.Recorder rec = new Fixtures.Recorder(footprints);
        ReviewModel m = model(rec);
        List<ReviewEvent> events = new ArrayList<>();
        m.addListener(events::add);
        m.setTileOrder(TileOrder.DOUBT_FIRST);
        assertEquals(3, m.nextTile());
        assertEquals(6, m.nextTile());
        assertEquals(3, m.previousTile());
        assertEquals(-1, m.previousTile());
        assertEquals(3, m.currentTile());
        assertTrue(m.tiles().isVisited(3));
        assertTrue(m.tiles().isVisited(6));
        assertFalse(m.tiles().isVisited(1));
        // visited once each: a second visit changes nothing, so nothing is persisted
        assertEquals(List.of("visited 3 true", "visited 6 true"), rec.calls);
        assertTrue(events.stream().anyMatch(e -> e.kind() == ReviewEvent.Kind.TILE_VISITED && e.tileIndex() == 6));
        // the end of the sequence
        for (int i = 0; i < 5; i++) {
            m.nextTile();
        }
        assertEquals(4, m.currentTile());
        assertEquals(-1, m.nextTile());
        assertEquals(6, m.tiles().visitedCount());
    }

    @Test
    void tabCyclesFootprintsOfTheTile() {
        ReviewModel m = model(new Fixtures.Recorder(footprints));
        assertTrue(m.nextFootprint().isEmpty()); // no current tile
        m.goToTile(6);
        assertEquals(6L, m.nextFootprint().orElseThrow().id());
        assertEquals(7L, m.nextFootprint().orElseThrow().id());
        assertEquals(6L, m.nextFootprint().orElseThrow().id()); // wraps
        assertEquals(7L, m.previousFootprint().orElseThrow().id()); // Shift+Tab wraps back
        assertEquals(7L, m.currentFootprint().orElseThrow().id());
        m.goToTile(0);
        assertEquals(1L, m.previousFootprint().orElseThrow().id());
    }

    @Test
    void gridCoversExtentIncludingItsMaxBorder() {
        ReviewTiles t = ReviewTiles.covering(new org.locationtech.jts.geom.Envelope(0, 200, 0, 100), 100);
        assertEquals(2, t.columns(), "an extent two tiles wide has two columns, not three");
        assertEquals(1, t.rows());
        assertEquals(0, t.indexOf(0, 100));
        assertEquals(t.count() - 1, t.indexOf(200, 0));
        assertEquals(new org.locationtech.jts.geom.Envelope(100, 200, 0, 100), t.envelope(t.indexOf(150, 50)));
    }

    @Test
    void extractedFootprintsArePersistedFirstAndNewTilesGoToTheEndOfTheSequence() {
        Fixtures.Recorder rec = new Fixtures.Recorder(footprints);
        ReviewModel m = model(rec);
        List<ReviewEvent> events = new ArrayList<>();
        m.addListener(events::add);
        m.goToTile(0);
        Footprint found = fp(20, rect(210, 210, 10, 10), 0.6); // tile 2, empty so far
        m.addExtracted(List.of(found), Map.of(20L, rect(209, 209, 12, 12)));
        assertEquals(List.of("visited 0 true", "changed [20]"), rec.calls);
        assertEquals(found, rec.store.get(20L));
        assertEquals(List.of(0, 1, 3, 4, 6, 8, 2), m.tileSequence()); // appended, the rest unmoved
        assertEquals(2, m.tileOf(20));
        assertTrue(m.regularizationChange(m.footprint(20)) > 0.2);
        assertEquals(ReviewEvent.Kind.FOOTPRINTS, events.get(events.size() - 1).kind());
        assertEquals(List.of(20L), events.get(events.size() - 1).changedIds());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> m.addExtracted(List.of(fp(1, rect(0, 0, 1, 1), 0.5)), Map.of()));
        m.refreshTileOrder();
        assertEquals(List.of(0, 1, 2, 3, 4, 6, 8), m.tileSequence());
    }

    @Test
    void tilesDividingAnImageAreSquareOnItsPixelsAndCoverItExactly() {
        // the bundled sample: 1024 x 1024 pixels of 1.341e-6 by 1.188e-6 degrees
        var extent = new org.locationtech.jts.geom.Envelope(85.5189514, 85.5189514 + 1024 * 1.341104507e-6,
                27.634265475 - 1024 * 1.188123122e-6, 27.634265475);
        ReviewTiles t = ReviewTiles.dividing(extent, 1024, 1024, 4);
        assertEquals(4, t.columns());
        assertEquals(4, t.rows());
        assertEquals(256 * 1.341104507e-6, t.tileWidth(), 1e-15);
        assertEquals(256 * 1.188123122e-6, t.tileHeight(), 1e-15);
        var last = t.envelope(t.count() - 1);
        assertEquals(extent.getMaxX(), last.getMaxX(), 1e-12);
        assertEquals(extent.getMinY(), last.getMinY(), 1e-12);
        // a wide image: 4 tiles of 250 px along 1000 px, 2 rows for 300 px
        ReviewTiles wide = ReviewTiles.dividing(new org.locationtech.jts.geom.Envelope(0, 1000, 0, 300), 1000, 300, 4);
        assertEquals(4, wide.columns());
        assertEquals(2, wide.rows());
        assertEquals(250, wide.tileHeight(), 1e-12);
    }
}
