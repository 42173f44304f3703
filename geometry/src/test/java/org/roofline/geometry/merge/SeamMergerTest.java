package org.roofline.geometry.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.merge.MergedFootprint.Kind;

class SeamMergerTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static Polygon rect(double x0, double y0, double x1, double y1) {
        return (Polygon) GF.toGeometry(new Envelope(x0, x1, y0, y1));
    }

    /** The part of a building a tile sees: its intersection with the tile's extent. */
    private static Polygon clip(Polygon building, Envelope tileExtent) {
        return (Polygon) building.intersection(GF.toGeometry(tileExtent));
    }

    private static double symDifferenceArea(Geometry a, Geometry b) {
        return a.symDifference(b).getArea();
    }

    @Test
    void nonTransitiveChainOfSeamPartsIsOneBuilding() {
        // A 300 x 40 building seen by three tiles whose extents overlap by 30 px.
        Envelope t1 = new Envelope(-20, 120, -20, 60);
        Envelope t2 = new Envelope(90, 210, -20, 60);
        Envelope t3 = new Envelope(180, 320, -20, 60);
        Polygon building = rect(0, 0, 300, 40);
        Polygon a = clip(building, t1);
        Polygon b = clip(building, t2);
        Polygon c = clip(building, t3);
        assertFalse(a.intersects(c), "premise: A and C are disjoint");
        List<MergeCandidate> in = List.of(new MergeCandidate(a, 0.8, 1, t1), new MergeCandidate(b, 0.9, 2, t2),
                new MergeCandidate(c, 0.7, 3, t3));
        List<MergedFootprint> out = SeamMerger.merge(in);
        assertEquals(1, out.size());
        MergedFootprint f = out.get(0);
        assertEquals(Kind.SEAM_UNION, f.kind());
        assertArrayEquals(new int[] {0, 1, 2}, f.members());
        assertEquals(0.9, f.score());
        assertTrue(symDifferenceArea(f.polygon(), a.union(b).union(c)) < 1e-6);
    }

    @Test
    void neighboursSharingAWallInDifferentTilesStaySeparate() {
        Envelope t1 = new Envelope(-50, 50, -20, 60);
        Envelope t2 = new Envelope(50, 150, -20, 60);
        Polygon left = rect(10, 0, 50, 40);
        Polygon right = rect(50, 0, 90, 40);
        List<MergedFootprint> out = SeamMerger.merge(List.of(new MergeCandidate(left, 0.9, 1, t1),
                new MergeCandidate(right, 0.9, 2, t2)));
        assertEquals(2, out.size());
        assertSame(left, out.get(0).polygon());
        assertSame(right, out.get(1).polygon());
        assertEquals(Kind.SINGLE, out.get(0).kind());
        assertEquals(Kind.SINGLE, out.get(1).kind());
    }

    @Test
    void buildingSplitAcrossTwoTilesBecomesOneFootprint() {
        // Tile cores [0,100] and [100,200]; each tile sees 8 px beyond its core, so the parts overlap in a 16 px band.
        Envelope core1 = new Envelope(0, 100, 0, 100);
        Envelope core2 = new Envelope(100, 200, 0, 100);
        Envelope extent1 = new Envelope(0, 108, 0, 100);
        Envelope extent2 = new Envelope(92, 200, 0, 100);
        for (Polygon building : List.of(rect(60, 30, 140, 70),
                (Polygon) AffineTransformation.rotationInstance(Math.toRadians(30), 100, 50)
                        .transform(rect(70, 35, 130, 65)))) {
            List<MergeCandidate> in = List.of(new MergeCandidate(clip(building, extent1), 0.8, 1, core1),
                    new MergeCandidate(clip(building, extent2), 0.9, 2, core2));
            List<MergedFootprint> out = SeamMerger.merge(in);
            assertEquals(1, out.size(), () -> "for " + building);
            MergedFootprint f = out.get(0);
            assertEquals(Kind.SEAM_UNION, f.kind());
            assertEquals(building.getArea(), f.polygon().getArea(), 0.01 * building.getArea());
            assertTrue(symDifferenceArea(f.polygon(), building) < 0.01 * building.getArea());
            assertEquals(0.9, f.score());
        }
    }

    @Test
    void seamUnionGoesThroughTheReRegularizer() {
        Envelope core1 = new Envelope(0, 100, 0, 100);
        Envelope core2 = new Envelope(100, 200, 0, 100);
        Polygon building = rect(60, 30, 140, 70);
        Polygon regularized = rect(0, 0, 1, 1);
        AtomicInteger calls = new AtomicInteger();
        List<Polygon> seen = new ArrayList<>();
        SeamMerger merger = new SeamMerger(SeamMerger.Parameters.defaults(), p -> {
            calls.incrementAndGet();
            seen.add(p);
            return regularized;
        });
        List<MergedFootprint> out = merger.apply(List.of(
                new MergeCandidate(clip(building, new Envelope(0, 108, 0, 100)), 0.8, 1, core1),
                new MergeCandidate(clip(building, new Envelope(92, 200, 0, 100)), 0.9, 2, core2),
                new MergeCandidate(rect(10, 10, 20, 20), 0.5, 1, core1)));
        assertEquals(2, out.size());
        assertEquals(1, calls.get(), "only the seam union is re-regularized");
        assertSame(regularized, out.get(0).polygon());
        assertEquals(building.getArea(), seen.get(0).getArea(), 1e-6);
        assertEquals(Kind.SINGLE, out.get(1).kind());
        assertArrayEquals(new int[] {2}, out.get(1).members());
    }

    @Test
    void buildingAtAFourTileCornerBecomesOneFootprint() {
        Polygon building = rect(70, 75, 130, 125);
        List<MergeCandidate> in = new ArrayList<>();
        int tile = 0;
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 2; tx++) {
                Envelope core = new Envelope(tx * 100, tx * 100 + 100, ty * 100, ty * 100 + 100);
                Envelope extent = new Envelope(tx * 100 - 8, tx * 100 + 108, ty * 100 - 8, ty * 100 + 108);
                in.add(new MergeCandidate(clip(building, extent), 0.5 + 0.1 * tile, tile, core));
                tile++;
            }
        }
        List<MergedFootprint> out = SeamMerger.merge(in);
        assertEquals(1, out.size());
        MergedFootprint f = out.get(0);
        assertEquals(Kind.SEAM_UNION, f.kind());
        assertArrayEquals(new int[] {0, 1, 2, 3}, f.members());
        assertEquals(building.getArea(), f.polygon().getArea(), 0.01 * building.getArea());
        assertEquals(0.8, f.score(), 1e-12);
    }

    @Test
    void exactDuplicatesCollapseToTheBestScore() {
        Polygon p = rect(20, 20, 40, 40);
        Envelope t1 = new Envelope(0, 108, 0, 108);
        Envelope t2 = new Envelope(0, 108, 92, 200);
        List<MergedFootprint> out = SeamMerger.merge(List.of(new MergeCandidate(p, 0.7, 1, t1),
                new MergeCandidate((Polygon) p.copy(), 0.9, 2, t2)));
        assertEquals(1, out.size());
        assertEquals(0.9, out.get(0).score());
        assertEquals(Kind.DUPLICATE_COLLAPSED, out.get(0).kind());
        assertArrayEquals(new int[] {0, 1}, out.get(0).members());
        assertTrue(out.get(0).polygon().equalsExact(p));
    }

    @Test
    void nearDuplicatesKeepTheBestScoringPolygon() {
        Polygon low = rect(20, 20, 40, 40);
        Polygon high = rect(20.5, 20, 40.5, 40);
        List<MergedFootprint> out = SeamMerger.merge(List.of(MergeCandidate.of(high, 0.9, 1),
                MergeCandidate.of(low, 0.7, 2)));
        assertEquals(1, out.size());
        assertSame(high, out.get(0).polygon());
        out = SeamMerger.merge(List.of(MergeCandidate.of(low, 0.7, 1), MergeCandidate.of(high, 0.9, 2)));
        assertSame(high, out.get(0).polygon());
    }

    @Test
    void completeViewWinsOverHigherScoringPartialView() {
        // Tile 2 sees only 30 of the building's 40 px (it is cut at tile 2's edge x = 50).
        Polygon whole = rect(20, 20, 60, 40);
        Polygon partial = rect(20, 20, 50, 40);
        List<MergedFootprint> out = SeamMerger.merge(List.of(
                new MergeCandidate(whole, 0.6, 1, new Envelope(0, 100, 0, 100)),
                new MergeCandidate(partial, 0.95, 2, new Envelope(-50, 50, 0, 100))));
        assertEquals(1, out.size());
        assertSame(whole, out.get(0).polygon());
        assertEquals(Kind.DUPLICATE_COLLAPSED, out.get(0).kind());
        assertEquals(0.95, out.get(0).score());
    }

    @Test
    void seamPartsNeedBothToReachTheirTileEdge() {
        // The same overlap as a seam split, but candidate 1 is 30 px from its tile's edge: not a seam part.
        Polygon a = rect(60, 30, 108, 70);
        Polygon b = rect(92, 30, 140, 70);
        Envelope farCore = new Envelope(0, 300, 0, 100);
        Envelope core2 = new Envelope(92, 200, 0, 100);
        assertEquals(2, SeamMerger.merge(List.of(new MergeCandidate(a, 0.8, 1, farCore),
                new MergeCandidate(b, 0.8, 2, core2))).size());
        // Unknown tile extent: no seam rule either.
        assertEquals(2, SeamMerger.merge(List.of(MergeCandidate.of(a, 0.8, 1), MergeCandidate.of(b, 0.8, 2))).size());
        // Both at their tile's edge: one building.
        assertEquals(1, SeamMerger.merge(List.of(new MergeCandidate(a, 0.8, 1, new Envelope(0, 108, 0, 100)),
                new MergeCandidate(b, 0.8, 2, core2))).size());
    }

    @Test
    void smallOverlapOfSeamPartsBelowMinimumIsNoLink() {
        // Two seam-touching candidates overlapping in 5% of the smaller: distinct buildings.
        Polygon a = rect(0, 0, 100, 40);
        Polygon b = rect(98, 0, 198, 40);
        List<MergedFootprint> out = SeamMerger.merge(List.of(
                new MergeCandidate(a, 0.8, 1, new Envelope(0, 100, 0, 100)),
                new MergeCandidate(b, 0.8, 2, new Envelope(98, 200, 0, 100))));
        assertEquals(2, out.size());
    }

    @Test
    void sameTileCandidatesNeverMerge() {
        Polygon a = rect(0, 0, 20, 20);
        Polygon b = rect(2, 0, 22, 20);
        Envelope core = new Envelope(0, 100, 0, 100);
        List<MergedFootprint> out = SeamMerger.merge(List.of(new MergeCandidate(a, 0.9, 5, core),
                new MergeCandidate(b, 0.8, 5, core)));
        assertEquals(2, out.size());
        assertTrue(out.stream().allMatch(f -> f.kind() == Kind.SINGLE));
        assertSame(a, out.get(0).polygon());
        assertSame(b, out.get(1).polygon());
    }

    @Test
    void outputOrderFollowsSmallestMemberIndex() {
        Polygon x = rect(0, 0, 10, 10);
        Polygon y = rect(100, 0, 110, 10);
        List<MergedFootprint> out = SeamMerger.merge(List.of(MergeCandidate.of(y, 0.5, 1),
                MergeCandidate.of(x, 0.5, 1), MergeCandidate.of((Polygon) y.copy(), 0.6, 2)));
        assertEquals(2, out.size());
        assertArrayEquals(new int[] {0, 2}, out.get(0).members());
        assertArrayEquals(new int[] {1}, out.get(1).members());
        assertEquals(List.of(), SeamMerger.merge(List.of()));
    }

    @Test
    void twentyThousandCandidatesOnAGrid() {
        // 100 x 100 buildings, each found by two overlapping tiles (10 x 10 buildings a tile), the second copy shifted
        // by 0.3 px: 20,000 candidates, 10,000 buildings.
        List<MergeCandidate> in = new ArrayList<>(20_000);
        for (int r = 0; r < 100; r++) {
            for (int c = 0; c < 100; c++) {
                double x = c * 20;
                double y = r * 20;
                int tileA = (r / 10) * 10 + c / 10;
                int tileB = 1000 + ((r + 5) / 10) * 11 + (c + 5) / 10;
                in.add(MergeCandidate.of(rect(x, y, x + 12, y + 12), 0.8, tileA));
                in.add(MergeCandidate.of(rect(x + 0.3, y, x + 12.3, y + 12), 0.7, tileB));
            }
        }
        List<MergedFootprint> out = SeamMerger.merge(in);
        assertEquals(10_000, out.size());
        assertTrue(out.stream().allMatch(f -> f.kind() == Kind.DUPLICATE_COLLAPSED && f.score() == 0.8));
    }

    @Test
    void recordsAreImmutableAndChecked() {
        Polygon p = rect(0, 0, 1, 1);
        Envelope core = new Envelope(0, 10, 0, 10);
        MergeCandidate c = new MergeCandidate(p, 0.5, 1, core);
        core.expandToInclude(100, 100);
        assertEquals(10, c.tileCore().getMaxX());
        c.tileCore().expandToInclude(200, 200);
        assertEquals(10, c.tileCore().getMaxX());
        assertThrows(IllegalArgumentException.class, () -> new MergeCandidate(p, Double.NaN, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new MergeCandidate(GF.createPolygon(), 0.5, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new MergeCandidate(p, 0.5, 1, new Envelope()));

        int[] members = {3, 4};
        MergedFootprint f = new MergedFootprint(p, 0.5, members, Kind.DUPLICATE_COLLAPSED);
        members[0] = 99;
        f.members()[1] = 99;
        assertArrayEquals(new int[] {3, 4}, f.members());
        assertEquals(f, new MergedFootprint((Polygon) p.copy(), 0.5, new int[] {3, 4}, Kind.DUPLICATE_COLLAPSED));

        SeamMerger.Parameters d = SeamMerger.Parameters.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withDuplicateIoU(0));
        assertThrows(IllegalArgumentException.class, () -> d.withContainment(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withMinSeamOverlap(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withEdgeDistance(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withCollapseIoU(0));
        assertEquals(2.5, d.withEdgeDistance(2.5).edgeDistance());
    }
}
