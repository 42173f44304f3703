package org.roofline.geometry.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.merge.MergedFootprint.Kind;

/**
 * Separate buildings that touch (terraced houses, found as separate instances) across tile seams: they must stay
 * separate, while a building cut by a seam still becomes one.
 */
class SeamMergerNeighboursTest {

    private static final GeometryFactory GF = new GeometryFactory();

    /** Two tiles side by side whose extents overlap in the band 20 <= x <= 36 (the tile cores are the extents). */
    private static final Envelope TILE_1 = new Envelope(-100, 36, -50, 150);
    private static final Envelope TILE_2 = new Envelope(20, 150, -50, 150);

    private static Polygon rect(double x0, double y0, double x1, double y1) {
        return (Polygon) GF.toGeometry(new Envelope(x0, x1, y0, y1));
    }

    /** The part of a building inside a tile, or null when none has an area (it only touches the tile's edge). */
    private static Polygon clip(Polygon p, Envelope tile) {
        Geometry part = p.intersection(GF.toGeometry(tile));
        return part instanceof Polygon q && q.getArea() > 0 ? q : null;
    }

    /** What each tile sees of a row of houses: the parts inside it, each with a positive area. */
    private static List<MergeCandidate> seen(List<Polygon> houses) {
        List<MergeCandidate> out = new ArrayList<>();
        for (Envelope tile : List.of(TILE_1, TILE_2)) {
            for (Polygon h : houses) {
                Polygon part = clip(h, tile);
                if (part != null) {
                    out.add(new MergeCandidate(part, 0.9, tile == TILE_1 ? 1 : 2, tile));
                }
            }
        }
        return out;
    }

    @Test
    void terracedHousesSharingWallsAcrossTheSeamStaySeparate() {
        // six 10 x 30 houses sharing walls at x = 10, 20, ..., 50; the wall at x = 20 lies on tile 2's edge, house 4
        // (30..40) is cut by tile 1's edge
        List<Polygon> houses = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            houses.add(rect(10 * k, 0, 10 * k + 10, 30));
        }
        List<MergedFootprint> out = SeamMerger.merge(seen(houses));
        assertEquals(6, out.size());
        for (int k = 0; k < 6; k++) {
            MergedFootprint f = out.get(k);
            assertTrue(f.polygon().equalsTopo(houses.get(k)), "house " + (k + 1) + ": " + f.polygon());
            for (int j = k + 1; j < 6; j++) {
                assertEquals(0.0, f.polygon().intersection(out.get(j).polygon()).getArea(), 0.0);
            }
        }
        assertEquals(Kind.DUPLICATE_COLLAPSED, out.get(3).kind(), "house 4: its cut part inside the whole one");
    }

    @Test
    void neighboursWhoseRegularizedWallsOverlapBySliversStaySeparate() {
        // The party wall x = 30 as two tiles regularized it: tile 2's house 3 reaches 1.5 px into house 4, whose part
        // in tile 1 (cut at x = 36) is 6 px wide: an overlap of a quarter of that part, both candidates at their
        // tile's edge. The overlap is 4.5 px from tile 1's edge: a party wall, not a seam.
        List<MergeCandidate> in = List.of(
                new MergeCandidate(rect(20, 0, 30, 30), 0.9, 1, TILE_1),      // house 3, tile 1
                new MergeCandidate(rect(30, 0, 36, 30), 0.9, 1, TILE_1),      // house 4, cut by tile 1
                new MergeCandidate(rect(20, 0, 31.5, 30), 0.9, 2, TILE_2),    // house 3, tile 2, regularized wider
                new MergeCandidate(rect(30, 0, 40, 30), 0.9, 2, TILE_2));     // house 4, tile 2
        List<MergedFootprint> out = SeamMerger.merge(in);
        assertEquals(2, out.size());
        assertArrayEquals(new int[] {0, 2}, out.get(0).members());
        assertArrayEquals(new int[] {1, 3}, out.get(1).members());
        assertTrue(out.get(1).polygon().equalsTopo(rect(30, 0, 40, 30)));
    }

    @Test
    void aBuildingCutByTheSeamBecomesOneNextToItsNeighbours() {
        // a 60 x 20 house seen in part by each tile (neither sees it whole), between two rows of houses it touches
        Polygon longHouse = rect(0, 30, 60, 50);
        List<Polygon> buildings = new ArrayList<>(List.of(longHouse));
        for (int k = 0; k < 6; k++) {
            buildings.add(rect(10 * k, 0, 10 * k + 10, 30));
            buildings.add(rect(10 * k, 50, 10 * k + 10, 70));
        }
        List<MergedFootprint> out = SeamMerger.merge(seen(buildings));
        assertEquals(13, out.size());
        MergedFootprint merged = out.stream().filter(f -> f.kind() == Kind.SEAM_UNION).findFirst().orElseThrow();
        assertEquals(1, out.stream().filter(f -> f.kind() == Kind.SEAM_UNION).count());
        assertTrue(merged.polygon().equalsTopo(longHouse), merged.polygon().toString());
        double total = out.stream().mapToDouble(f -> f.polygon().getArea()).sum();
        assertEquals(60 * 20 + 6 * 10 * 30 + 6 * 10 * 20, total, 1e-6,
                "every building once, no overlap, nothing lost");
    }
}
