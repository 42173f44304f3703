package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.GF;
import static org.roofline.app.review.Fixtures.NOW;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.poly;
import static org.roofline.app.review.Fixtures.rect;
import static org.roofline.app.review.Fixtures.snapshot;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** Splitting a footprint along a cut line and merging footprints: geometry, ids, undo/redo and persistence. */
class SplitMergeTest {

    /** An L: 20 x 10 along the bottom, 10 x 10 up the left; area 300. */
    private static final Polygon L = poly(0, 0, 20, 0, 20, 10, 10, 10, 10, 20, 0, 20);

    private static LineString line(double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        return GF.createLineString(c);
    }

    private final Footprint l = new Footprint(7, L, ReviewStatus.ACCEPTED, 0.8, "right-angles", true, "img.tif",
            NOW.minusSeconds(60));
    private final List<Footprint> footprints = List.of(l, fp(9, rect(100, 100, 10, 10), 0.5));
    private final Fixtures.Recorder rec = new Fixtures.Recorder(footprints);
    private final ReviewModel m = ReviewModel.of(footprints, 100, rec, CLOCK);
    private final UndoStack stack = new UndoStack(m);

    @Test
    void aStraightLineAcrossBothArmsCutsAnLInThreeAndUndoRestoresIt() {
        Map<Long, Footprint> before = snapshot(m);
        // x + y = 28 cuts the corner (10, 20) off the upright arm and the corner (20, 10) off the bottom arm
        SplitFootprint split = SplitFootprint.of(l, line(30, -2, -2, 30));
        stack.execute(split);

        assertEquals(List.of(7L, 10L, 11L), split.ids(), "the largest piece keeps the id, the others are new");
        assertEquals(4, m.size());
        double sum = 0;
        for (long id : split.ids()) {
            Footprint piece = m.footprint(id);
            assertEquals(ReviewStatus.EDITED, piece.status());
            assertEquals(NOW, piece.reviewedAt());
            assertEquals(0.8, piece.confidence());
            assertEquals("img.tif", piece.source());
            assertTrue(piece.polygon().isValid(), piece.polygon().toString());
            assertTrue(L.covers(piece.polygon()));
            sum += piece.polygon().getArea();
        }
        assertEquals(300, sum, 1e-9);
        assertEquals(296, m.footprint(7).polygon().getArea(), 1e-9);
        assertEquals(2, m.footprint(10).polygon().getArea(), 1e-9);
        assertEquals(2, m.footprint(11).polygon().getArea(), 1e-9);
        assertEquals(snapshot(m), rec.store, "each piece persisted as it was made");
        Map<Long, Footprint> after = snapshot(m);

        stack.undo();
        assertEquals(before, snapshot(m), "the original footprint, with its id, status and attributes");
        assertEquals(before, rec.store);
        stack.redo();
        assertEquals(after, snapshot(m), "redo gives the same pieces and ids");
        assertEquals(after, rec.store);
        assertEquals("Split footprint 7 in 3", stack.undoDescription());
    }

    @Test
    void aCutLineOfSeveralSegmentsFollowsItsBends() {
        // down the middle of the upright arm, then right along y = 5: the inner side of the L comes off
        SplitFootprint split = SplitFootprint.of(l, line(5, 25, 5, 5, 25, 5));
        stack.execute(split);
        List<Double> areas = split.ids().stream().map(id -> m.footprint(id).polygon().getArea())
                .sorted(Comparator.reverseOrder()).toList();
        assertEquals(List.of(175.0, 125.0), areas);
        for (long id : split.ids()) {
            assertTrue(m.footprint(id).polygon().isValid());
        }
    }

    @Test
    void aHoledFootprintCutThroughItsHoleGivesTwoPiecesWithoutTheHole() {
        Polygon ring = GF.createPolygon(rect(0, 0, 30, 30).getExteriorRing(),
                new org.locationtech.jts.geom.LinearRing[] {rect(10, 10, 10, 10).getExteriorRing()});
        List<Polygon> pieces = SplitFootprint.pieces(ring, line(-1, 15, 31, 15), "it");
        assertEquals(2, pieces.size());
        assertEquals(800, pieces.get(0).getArea() + pieces.get(1).getArea(), 1e-9);
        assertEquals(0, pieces.get(0).getNumInteriorRing());
    }

    @Test
    void aLineThatDoesNotCrossTheFootprintIsRefusedAndChangesNothing() {
        Map<Long, Footprint> before = snapshot(m);
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> SplitFootprint.of(l, line(30, 30, 40, 40)));
        assertTrue(outside.getMessage().contains("does not cross footprint 7"), outside.getMessage());
        // into the footprint and back out the same side: nothing cut off
        IllegalArgumentException halfway = assertThrows(IllegalArgumentException.class,
                () -> SplitFootprint.of(l, line(5, -5, 5, 5)));
        assertTrue(halfway.getMessage().contains("from edge to edge"), halfway.getMessage());
        assertEquals(before, snapshot(m));
        assertEquals(List.of(), rec.calls);
        assertFalse(stack.canUndo());
    }

    @Test
    void touchingFootprintsMergeIntoTheLargestAndUndoRestoresBoth() {
        List<Footprint> fps = List.of(fp(1, rect(0, 0, 10, 10), 0.9), fp(2, rect(10, 0, 20, 10), 0.4),
                fp(3, rect(50, 50, 5, 5), 0.7));
        Fixtures.Recorder r = new Fixtures.Recorder(fps);
        ReviewModel model = ReviewModel.of(fps, 100, r, CLOCK);
        UndoStack u = new UndoStack(model);
        Map<Long, Footprint> before = snapshot(model);
        MergeFootprints merge = MergeFootprints.of(List.of(fps.get(0), fps.get(1)), 0, null, null);
        u.execute(merge);
        assertEquals(2, model.size());
        assertNull(model.footprint(1));
        Footprint merged = model.footprint(2);
        assertEquals(ReviewStatus.EDITED, merged.status());
        assertEquals(0.4, merged.confidence(), "the largest footprint's attributes");
        assertEquals(300, merged.polygon().getArea(), 1e-9);
        assertTrue(merged.polygon().isValid());
        assertEquals(snapshot(model), r.store);
        Map<Long, Footprint> after = snapshot(model);
        assertEquals("Merge 2 footprints into 2", u.undoDescription());
        u.undo();
        assertEquals(before, snapshot(model));
        assertEquals(before, r.store);
        u.redo();
        assertEquals(after, snapshot(model));
    }

    @Test
    void aGapNarrowerThanTheLimitIsBridgedSquarely() {
        Polygon a = rect(10, 10, 10, 10);
        Polygon b = rect(20.3, 10, 10, 10);
        Polygon merged = MergeFootprints.union(List.of(a, b), 0.5, null, null);
        assertEquals(10 * 20.3, merged.getArea(), 1e-6, "the gap between facing walls is filled");
        assertEquals(5, merged.getNumPoints(), "four right-angled corners: " + merged);
        assertTrue(merged.getEnvelopeInternal().equals(new Envelope(10, 30.3, 10, 20)), merged.toString());
    }

    @Test
    void theGapIsMeasuredInTheWorkingFrame() {
        // map units of 1e-5 (about a metre in degrees); the working frame is in "metres"
        AffineTransformation toMetres = AffineTransformation.scaleInstance(1e5, 1e5);
        Polygon a = rect(0, 0, 10e-5, 10e-5);
        Polygon b = rect(10.3e-5, 0, 10e-5, 10e-5);
        Polygon merged = MergeFootprints.union(List.of(a, b), 0.5, toMetres, null);
        assertEquals(20.3e-5 * 10e-5, merged.getArea(), 1e-15);
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> MergeFootprints.union(List.of(a, rect(12e-5, 0, 10e-5, 10e-5)), 0.5, toMetres, null));
        assertTrue(far.getMessage().contains("2.00 apart"), far.getMessage());
    }

    @Test
    void footprintsFartherApartThanTheLimitAreRefusedAndNothingChanges() {
        Map<Long, Footprint> before = snapshot(m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MergeFootprints.of(List.of(l, m.footprint(9)), 0.5, null, null));
        assertTrue(e.getMessage().contains("do not touch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MergeFootprints.of(List.of(l), 0.5, null, null));
        assertEquals(before, snapshot(m));
        assertEquals(List.of(), rec.calls);
    }

    @Test
    void aSampleFootprintSplitIsInTheSessionFileAsItIsMade(@TempDir Path dir) throws Exception {
        BundledSample.Location sample = BundledSample.install(dir.resolve("data"));
        try (ReviewSession session = ReviewSession.openOrCreate(sample.image(), sample.footprints(),
                sample.session())) {
            ReviewModel model = session.model();
            Footprint big = model.footprints().stream()
                    .max(Comparator.comparingDouble(f -> f.polygon().getArea())).orElseThrow();
            Envelope e = big.polygon().getEnvelopeInternal();
            Coordinate c = big.polygon().getInteriorPoint().getCoordinate();
            // a vertical cut through an interior point, beyond the outline on both sides
            LineString cut = GF.createLineString(new Coordinate[] {new Coordinate(c.x, e.getMinY() - e.getHeight()),
                    new Coordinate(c.x, e.getMaxY() + e.getHeight())});
            UndoStack u = new UndoStack(model);
            SplitFootprint split = SplitFootprint.of(big, cut);
            u.execute(split);
            assertTrue(split.ids().size() >= 2, split.ids().toString());
            double sum = 0;
            for (long id : split.ids()) {
                assertTrue(model.footprint(id).polygon().isValid());
                sum += model.footprint(id).polygon().getArea();
            }
            assertEquals(big.polygon().getArea(), sum, big.polygon().getArea() * 1e-9);

            // a second reader, while the session is still open (as after a kill): the pieces are there
            try (ReviewSession again = ReviewSession.open(session.store().file(), sample.image())) {
                for (long id : split.ids()) {
                    Footprint stored = again.model().footprint(id);
                    assertEquals(ReviewStatus.EDITED, stored.status());
                    assertTrue(stored.polygon().equalsExact(model.footprint(id).polygon(), 1e-12));
                }
                assertEquals(model.size(), again.model().size());
            }
            u.undo();
            try (ReviewSession again = ReviewSession.open(session.store().file(), sample.image())) {
                assertEquals(big.status(), again.model().footprint(big.id()).status());
                assertTrue(again.model().footprint(big.id()).polygon().equalsExact(big.polygon(), 1e-12));
                for (long id : split.ids().subList(1, split.ids().size())) {
                    assertNull(again.model().footprint(id));
                }
            }
        }
    }
}
