package org.roofline.geometry.vectorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.mask.BitMask;

class MaskVectorizerTest {

    private static BitMask parse(String... rows) {
        BitMask m = new BitMask(rows[0].length(), rows.length);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                m.set(x, y, rows[y].charAt(x) == '#');
            }
        }
        return m;
    }

    @Test
    void singlePixelIsAUnitSquare() {
        List<VectorizedShape> shapes = MaskVectorizer.vectorize(parse("...", ".#.", "..."));
        assertEquals(1, shapes.size());
        Polygon p = (Polygon) shapes.get(0).geometry();
        assertEquals(1.0, p.getArea(), 0);
        assertEquals(5, p.getNumPoints());
        assertEquals(new org.locationtech.jts.geom.Envelope(1, 2, 1, 2), p.getEnvelopeInternal());
    }

    @Test
    void emptyMaskGivesNothing() {
        assertTrue(MaskVectorizer.vectorize(new BitMask(100, 50)).isEmpty());
        assertTrue(MaskVectorizer.vectorize(new BitMask(0, 0)).isEmpty());
    }

    @Test
    void ringWithHoleAndIsland() {
        BitMask m = parse(
                "#######",
                "#.....#",
                "#..#..#",
                "#.....#",
                "#######");
        List<VectorizedShape> shapes = MaskVectorizer.vectorize(m);
        assertEquals(2, shapes.size());
        Polygon ring = (Polygon) shapes.get(0).geometry();
        assertEquals(1, ring.getNumInteriorRing());
        assertEquals(35 - 15, ring.getArea(), 0);
        assertEquals(1, shapes.get(1).geometry().getArea(), 0);
        assertTrue(ring.isValid());
    }

    @Test
    void diagonalPixelsOfOneComponentMakeAHoleTouchingTheShell() {
        // The hole at (1,1) meets the outside only through the corner at (2,2): 4-connected background is not
        // enough to escape, so it must be a hole that touches the shell at one point: valid, not self-touching.
        BitMask m = parse(
                "###.",
                "#.#.",
                "##.#",
                "..##");
        List<VectorizedShape> shapes = MaskVectorizer.vectorize(m);
        assertEquals(2, shapes.size(), "4-connectivity: the pixel block at the bottom right is separate");
        for (VectorizedShape s : shapes) {
            assertTrue(s.geometry().isValid(), s.geometry().toText());
        }
        List<VectorizedShape> eight = new MaskVectorizer(Connectivity.EIGHT, 0, new GeometryFactory()).apply(m, 0, 0);
        assertEquals(1, eight.size());
        assertInstanceOf(MultiPolygon.class, eight.get(0).geometry());
        assertTrue(eight.get(0).geometry().isValid());
        assertEquals(10, eight.get(0).pixelArea());
    }

    @Test
    void originOffsetsCoordinates() {
        List<VectorizedShape> shapes = new MaskVectorizer(Connectivity.FOUR, 0, new GeometryFactory())
                .apply(parse("#"), 100, 200);
        assertEquals(new org.locationtech.jts.geom.Envelope(100, 101, 200, 201),
                shapes.get(0).geometry().getEnvelopeInternal());
    }

    @Test
    void minAreaDropsSpeckleButKeepsItsNeighbours() {
        BitMask m = parse(
                "##....",
                "##..#.",
                "......");
        List<VectorizedShape> shapes = new MaskVectorizer(Connectivity.FOUR, 2, new GeometryFactory()).apply(m, 0, 0);
        assertEquals(1, shapes.size());
        assertEquals(4, shapes.get(0).pixelArea());
    }

    /** Random masks, compared against a flood fill and a point-in-polygon test at every pixel centre. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void reproducesRandomMasksExactly(int seed) {
        Random random = new Random(seed);
        int w = 20 + random.nextInt(70);
        int h = 20 + random.nextInt(70);
        double density = 0.3 + 0.4 * random.nextDouble();
        BitMask m = new BitMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m.set(x, y, random.nextDouble() < density);
            }
        }
        for (Connectivity c : Connectivity.values()) {
            List<VectorizedShape> shapes = new MaskVectorizer(c, 0, new GeometryFactory()).apply(m, 0, 0);
            assertEquals(countComponents(m, c == Connectivity.EIGHT), shapes.size(), c + " component count");
            int[][] owner = new int[h][w];
            long total = 0;
            for (VectorizedShape s : shapes) {
                assertTrue(s.geometry().isValid(), () -> c + " invalid: " + s.geometry().toText());
                assertEquals(s.pixelArea(), s.geometry().getArea(), 1e-9);
                total += s.pixelArea();
                IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(s.geometry());
                org.locationtech.jts.geom.Envelope e = s.geometry().getEnvelopeInternal();
                for (int y = (int) e.getMinY(); y < e.getMaxY(); y++) {
                    for (int x = (int) e.getMinX(); x < e.getMaxX(); x++) {
                        if (locator.locate(new Coordinate(x + 0.5, y + 0.5)) == Location.INTERIOR) {
                            assertTrue(m.get(x, y), "pixel " + x + "," + y + " covered but background");
                            owner[y][x]++;
                        }
                    }
                }
            }
            assertEquals(m.countForeground(), total);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(m.get(x, y) ? 1 : 0, owner[y][x], "pixel " + x + "," + y);
                }
            }
        }
    }

    private static int countComponents(BitMask m, boolean eight) {
        int w = m.width();
        int h = m.height();
        boolean[][] seen = new boolean[h][w];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!m.get(x, y) || seen[y][x]) {
                    continue;
                }
                n++;
                ArrayDeque<int[]> q = new ArrayDeque<>();
                q.add(new int[] {x, y});
                seen[y][x] = true;
                while (!q.isEmpty()) {
                    int[] p = q.poll();
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) {
                                continue;
                            }
                            int nx = p[0] + dx;
                            int ny = p[1] + dy;
                            if (m.get(nx, ny) && !seen[ny][nx]) {
                                seen[ny][nx] = true;
                                q.add(new int[] {nx, ny});
                            }
                        }
                    }
                }
            }
        }
        return n;
    }
}
