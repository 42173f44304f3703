package org.roofline.inference.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.mask.BitMask;

class ProbabilityStitcherTest {

    /** A smooth field with structure everywhere, so any misplaced pixel shows. */
    static float field(int x, int y) {
        return (float) (0.5 + 0.25 * Math.sin(x * 0.37) + 0.2 * Math.cos(y * 0.23 + x * 0.011));
    }

    /**
     * The output of a tile: the field where the tile owns pixels (given), garbage elsewhere (as a real model's output
     * differs near tile edges), garbage in the padding.
     */
    static float[] tileOutput(TileGrid grid, Tile t, Rectangle owned) {
        int size = grid.tileSize();
        float[] p = new float[size * size];
        Rectangle w = t.window();
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                int x = w.x + i;
                int y = w.y + j;
                p[j * size + i] = owned.contains(x, y) ? field(x, y) : 7f + t.index();
            }
        }
        return p;
    }

    @Test
    void wholeImageReproducesTheFieldAcrossSeams() {
        for (int[] c : new int[][] {{900, 900, 256, 32}, {300, 130, 64, 12}, {50, 40, 64, 8}}) {
            TileGrid grid = new TileGrid(c[0], c[1], c[2], c[3], 1);
            ProbabilityStitcher s = ProbabilityStitcher.forImage(grid, 0.5);
            for (Tile t : grid.tiles()) {
                assertFalse(s.isComplete());
                s.add(t, tileOutput(grid, t, t.core()));
            }
            assertTrue(s.isComplete());
            float[] data = s.probabilities();
            for (int y = 0; y < grid.height(); y++) {
                for (int x = 0; x < grid.width(); x++) {
                    assertEquals(field(x, y), data[y * grid.width() + x], 0f, "pixel " + x + "," + y);
                }
            }
            BitMask m = BitMask.copyOf(s.mask());
            for (int y = 0; y < grid.height(); y++) {
                for (int x = 0; x < grid.width(); x++) {
                    assertEquals(field(x, y) >= 0.5f, m.get(x, y));
                }
            }
        }
    }

    @Test
    void rowBlocksReproduceTheFieldOverTheirWindowHeight() {
        TileGrid grid = new TileGrid(700, 600, 128, 16, 1);
        for (int r = 0; r < grid.rows(); r++) {
            ProbabilityStitcher s = ProbabilityStitcher.forRow(grid, r, 0.5);
            Rectangle region = s.region();
            assertEquals(grid.row(r).get(0).window().y, region.y);
            assertEquals(grid.width(), region.width);
            for (Tile t : grid.row(r)) {
                Rectangle owned = new Rectangle(t.core().x, t.window().y, t.core().width, t.window().height);
                assertEquals(owned, s.owned(t));
                s.add(t, tileOutput(grid, t, owned));
            }
            assertTrue(s.isComplete());
            for (int y = region.y; y < region.y + region.height; y++) {
                for (int x = 0; x < grid.width(); x++) {
                    assertEquals(field(x, y), s.value(x, y), 0f);
                }
            }
        }
    }

    @Test
    void skippedTilesStayZeroAndMeanProbability() {
        TileGrid grid = new TileGrid(200, 100, 64, 8, 1);
        ProbabilityStitcher s = ProbabilityStitcher.forImage(grid, 0.5);
        for (Tile t : grid.tiles()) {
            if (t.index() == 0) {
                s.skip(t);
            } else {
                float[] p = new float[64 * 64];
                java.util.Arrays.fill(p, 0.8f);
                s.add(t, p);
            }
        }
        assertTrue(s.isComplete());
        assertEquals(0f, s.value(0, 0));
        GeometryFactory gf = new GeometryFactory();
        Polygon inside = gf.createPolygon(new Coordinate[] {new Coordinate(100, 10), new Coordinate(110, 10),
                new Coordinate(110, 20), new Coordinate(100, 20), new Coordinate(100, 10)});
        assertEquals(0.8, s.meanProbability(inside), 1e-6);
        // half over tile 0's core (x < 28 + ...): a 10 x 10 square straddling the border
        int border = grid.tiles().get(1).core().x;
        Polygon straddle = gf.createPolygon(new Coordinate[] {new Coordinate(border - 5, 0),
                new Coordinate(border + 5, 0), new Coordinate(border + 5, 10), new Coordinate(border - 5, 10),
                new Coordinate(border - 5, 0)});
        assertEquals(0.4, s.meanProbability(straddle), 1e-6);
    }
}
