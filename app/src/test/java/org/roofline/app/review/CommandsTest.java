package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.NOW;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.poly;
import static org.roofline.app.review.Fixtures.rect;
import static org.roofline.app.review.Fixtures.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;

class CommandsTest {

    private final List<Footprint> footprints = List.of(
            fp(1, rect(10, 10, 10, 10), 0.9),
            fp(2, rect(30, 10, 10, 10), 0.4),
            fp(3, rect(50, 10, 10, 10), 0.7),
            fp(4, rect(250, 10, 10, 10), 0.2));   // another tile

    private final Fixtures.Recorder rec = new Fixtures.Recorder(footprints);
    private final ReviewModel m = ReviewModel.of(footprints, 100, rec, CLOCK);
    private final UndoStack stack = new UndoStack(m);

    private void assertStoreMatchesModel() {
        assertEquals(snapshot(m), rec.store);
    }

    @Test
    void acceptRejectUndoRedoRestoreExactState() {
        Map<Long, Footprint> start = snapshot(m);
        stack.execute(SetStatus.accept(1L, 2L));
        stack.execute(SetStatus.reject(3L));
        Map<Long, Footprint> end = snapshot(m);
        assertEquals(ReviewStatus.ACCEPTED, m.footprint(1).status());
        assertEquals(NOW, m.footprint(1).reviewedAt());
        assertEquals(ReviewStatus.REJECTED, m.footprint(3).status());
        assertEquals("Reject 1 footprint", stack.undoDescription());

        stack.undo();
        stack.undo();
        assertEquals(start, snapshot(m));
        assertFalse(stack.canUndo());
        assertTrue(stack.canRedo());
        assertStoreMatchesModel();

        stack.redo();
        stack.redo();
        assertEquals(end, snapshot(m));
        assertStoreMatchesModel();
        assertEquals(List.of("changed [1, 2]", "changed [3]", "changed [3]", "changed [1, 2]",
                "changed [1, 2]", "changed [3]"), rec.calls);
    }

    @Test
    void newCommandClearsRedoAndHistoryIsBounded() {
        UndoStack small = new UndoStack(m, 2);
        small.execute(SetStatus.accept(1L));
        small.execute(SetStatus.accept(2L));
        small.execute(SetStatus.accept(3L));
        assertEquals(2, small.undoSize());
        small.undo();
        assertTrue(small.canRedo());
        small.execute(SetStatus.reject(4L));
        assertFalse(small.canRedo());
        small.undo();
        small.undo();
        assertFalse(small.canUndo());
        assertThrows(IllegalStateException.class, small::undo);
        assertEquals(ReviewStatus.ACCEPTED, m.footprint(1).status()); // dropped from history: stays
        assertEquals(ReviewStatus.PENDING, m.footprint(2).status());
    }

    @Test
    void bulkSetStatusTakesPendingOfCurrentTileOnly() {
        stack.execute(SetStatus.reject(2L));
        m.goToTile(m.tileOf(1));
        Map<Long, Footprint> before = snapshot(m);
        stack.execute(new BulkSetStatus(ReviewStatus.ACCEPTED));
        assertEquals(ReviewStatus.ACCEPTED, m.footprint(1).status());
        assertEquals(ReviewStatus.REJECTED, m.footprint(2).status());
        assertEquals(ReviewStatus.ACCEPTED, m.footprint(3).status());
        assertEquals(ReviewStatus.PENDING, m.footprint(4).status());
        assertEquals("Accept 2 pending footprints of the tile", stack.undoDescription());
        stack.undo();
        assertEquals(before, snapshot(m));
        assertStoreMatchesModel();
    }

    @Test
    void acceptAboveConfidenceOnOneHundredThousandFootprints() {
        int n = 100_000;
        List<Footprint> many = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = (i % 1000) * 2.0;
            double y = (i / 1000) * 2.0;
            many.add(fp(i + 1, rect(x, y, 1, 1), (i % 100) / 100.0));
        }
        Fixtures.Recorder r = new Fixtures.Recorder(many);
        ReviewModel big = ReviewModel.of(many, 100, r, CLOCK);
        UndoStack s = new UndoStack(big);
        Map<Long, Footprint> before = snapshot(big);

        s.execute(new AcceptAboveConfidence(0.5));
        assertEquals(n / 2, big.count(ReviewStatus.ACCEPTED));
        assertEquals(n / 2, big.count(ReviewStatus.PENDING));
        assertEquals(1, s.undoSize());
        assertEquals(List.of(n / 2), r.sizes); // one persistence call for the whole batch

        s.undo();
        assertEquals(n, big.count(ReviewStatus.PENDING));
        assertEquals(List.of(n / 2, n / 2), r.sizes);
        assertEquals(before, snapshot(big));
        assertEquals(before, r.store);
    }

    @Test
    void invalidEditIsRefusedAndNothingChanges() {
        Polygon bowTie = poly(0, 0, 10, 10, 10, 0, 0, 10);
        Map<Long, Footprint> before = snapshot(m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stack.execute(new EditGeometry(1, bowTie)));
        assertTrue(e.getMessage().contains("Self-intersection"), e.getMessage());
        assertTrue(e.getMessage().contains("(5.0, 5.0)"), e.getMessage());
        assertEquals(before, snapshot(m));
        assertTrue(rec.calls.isEmpty());
        assertFalse(stack.canUndo());
    }

    @Test
    void editGeometryMarksEditedAndUndoes() {
        Map<Long, Footprint> before = snapshot(m);
        Polygon bigger = rect(10, 10, 12, 12);
        stack.execute(new EditGeometry(1, bigger));
        assertSame(bigger, m.footprint(1).polygon());
        assertEquals(ReviewStatus.EDITED, m.footprint(1).status());
        stack.undo();
        assertEquals(before, snapshot(m));
        assertStoreMatchesModel();
    }

    @Test
    void moveSelectionAndAllAndUndo() {
        Map<Long, Footprint> before = snapshot(m);
        stack.execute(new MoveFootprints(List.of(1L, 2L), 1.5, -2));
        assertEquals(new Coordinate(11.5, 8), m.footprint(1).polygon().getCoordinates()[0]);
        assertEquals(before.get(3L), m.footprint(3));
        stack.execute(MoveFootprints.all(200, 0));
        assertEquals("Move all 4 footprints by (200, 0) map units", stack.undoDescription());
        assertEquals("(1.848, -0.000017) map units", new MoveFootprints(List.of(1L), 1.84830553990877, -1.7e-5)
                .description().replaceFirst(".* by ", ""));
        assertEquals("Move 1 footprint by 1.82 m east, 0.40 m south", new MoveFootprints(List.of(1L), 1e-5, -4e-6)
                .describedAs("1.82 m east, 0.40 m south").description());
        assertEquals(new Coordinate(250, 10), m.footprint(3).polygon().getCoordinates()[0]);
        assertEquals(m.tileOf(4), m.tileOf(3)); // moved into footprint 4's tile (clamped to the grid)
        assertTrue(m.footprintIdsInTile(m.tileOf(4)).contains(3L));
        stack.undo();
        stack.undo();
        assertEquals(before, snapshot(m));
        assertNotEquals(m.tileOf(4), m.tileOf(3));
        assertStoreMatchesModel();
    }

    @Test
    void reRegularizeNoisyRectangleToFourVerticesAndUndo() {
        Random rnd = new Random(7);
        List<Double> xy = new ArrayList<>();
        // a 40 x 20 rectangle, a vertex every 2 units, each jittered by up to 0.3 units
        for (int x = 0; x < 40; x += 2) {
            xy.add(x + jitter(rnd)); xy.add(0 + jitter(rnd));
        }
        for (int y = 0; y < 20; y += 2) {
            xy.add(40 + jitter(rnd)); xy.add(y + jitter(rnd));
        }
        for (int x = 40; x > 0; x -= 2) {
            xy.add(x + jitter(rnd)); xy.add(20 + jitter(rnd));
        }
        for (int y = 20; y > 0; y -= 2) {
            xy.add(0 + jitter(rnd)); xy.add(y + jitter(rnd));
        }
        double[] a = xy.stream().mapToDouble(Double::doubleValue).toArray();
        Footprint noisy = fp(10, poly(a), 0.5);
        Fixtures.Recorder r = new Fixtures.Recorder(List.of(noisy));
        ReviewModel one = ReviewModel.of(List.of(noisy), 100, r, CLOCK);
        UndoStack s = new UndoStack(one);
        assertTrue(noisy.vertexCount() > 40);

        s.execute(new ReRegularize(List.of(10L), RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES)
                .withTolerance(1.0)));
        Footprint reg = one.footprint(10);
        assertEquals(4, reg.vertexCount());
        assertTrue(reg.regularized());
        assertEquals("right-angles", reg.method());
        assertEquals(ReviewStatus.EDITED, reg.status());
        s.undo();
        assertEquals(noisy, one.footprint(10));
        assertEquals(noisy, r.store.get(10L));
    }

    private static double jitter(Random rnd) {
        return (rnd.nextDouble() - 0.5) * 0.6;
    }

    @Test
    void addAndDeleteWithUndoPersistInOrder() {
        Map<Long, Footprint> before = snapshot(m);
        AddFootprint add = new AddFootprint(rect(70, 10, 10, 10));
        stack.execute(add);
        assertEquals(5, add.id());
        assertEquals(ReviewStatus.EDITED, m.footprint(5).status());
        assertEquals(m.tileOf(1), m.tileOf(5));
        stack.execute(new DeleteFootprint(List.of(1L, 5L)));
        assertFalse(m.contains(1));
        assertFalse(m.footprintIdsInTile(m.tileOf(2)).contains(1L));
        stack.undo();
        assertTrue(m.contains(1));
        stack.undo();
        assertEquals(before, snapshot(m));
        stack.redo();
        assertEquals(5, m.footprint(5).id()); // redo re-adds with the same id
        assertEquals(List.of("changed [5]", "removed [1, 5]", "changed [1, 5]", "removed [5]", "changed [5]"),
                rec.calls);
        assertStoreMatchesModel();
        assertThrows(IllegalArgumentException.class, () -> new AddFootprint(poly(0, 0, 10, 10, 10, 0, 0, 10)));
        assertThrows(IllegalArgumentException.class, () -> stack.execute(new DeleteFootprint(99)));
    }

    @Test
    void failingPersistenceLeavesModelUnchangedAndCommandUnrecorded() {
        ReviewPersistence failing = new ReviewPersistence() {
            @Override
            public void footprintsChanged(java.util.Collection<Footprint> f) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void footprintsRemoved(java.util.Collection<Long> ids) {
            }

            @Override
            public void tileVisited(int tileIndex, boolean visited) {
            }
        };
        ReviewModel fm = ReviewModel.of(footprints, 100, failing, CLOCK);
        UndoStack s = new UndoStack(fm);
        Map<Long, Footprint> before = snapshot(fm);
        assertThrows(IllegalStateException.class, () -> s.execute(SetStatus.accept(1L)));
        assertEquals(before, snapshot(fm));
        assertFalse(s.canUndo());
    }

    @Test
    void listenersHearFootprintChanges() {
        List<ReviewEvent> events = new ArrayList<>();
        m.addListener(events::add);
        stack.execute(SetStatus.accept(2L));
        stack.undo();
        assertEquals(2, events.size());
        assertEquals(ReviewEvent.Kind.FOOTPRINTS, events.get(0).kind());
        assertEquals(List.of(2L), events.get(1).changedIds());
    }
}
