package org.roofline.geometry.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class PolygonRasterizerTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry wkt(String s) {
        try {
            return new WKTReader(GF).read(s);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void pixelCornerRectangleFillsExactlyItsPixels() {
        BitMask m = PolygonRasterizer.rasterize(wkt("POLYGON ((3 2, 8 2, 8 6, 3 6, 3 2))"), 12, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                boolean inside = x >= 3 && x < 8 && y >= 2 && y < 6;
                assertEquals(inside, m.get(x, y), "pixel " + x + "," + y);
            }
        }
        assertEquals(20, m.countForeground());
    }

    @Test
    void holeIsLeftEmpty() {
        BitMask m = PolygonRasterizer.rasterize(
                wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 3 7, 7 7, 7 3, 3 3))"), 10, 10);
        assertEquals(100 - 16, m.countForeground());
        for (int y = 3; y < 7; y++) {
            for (int x = 3; x < 7; x++) {
                assertFalse(m.get(x, y));
            }
        }
        assertTrue(m.get(2, 5));
        assertTrue(m.get(7, 5));
    }

    @Test
    void multiPolygonPartsAndHoles() {
        Geometry g = wkt("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1)),"
                + " ((6 1, 9 1, 9 2, 6 2, 6 1)))");
        BitMask m = PolygonRasterizer.rasterize(g, 10, 5);
        assertEquals(16 - 4 + 3, m.countForeground());
        assertTrue(m.get(7, 1));
        assertFalse(m.get(2, 2));
    }

    @Test
    void centreOnLeftAndTopEdgeIsInsideOnRightAndBottomOutside() {
        // Edges at 0.5 and 2.5 pass through pixel centres.
        BitMask m = PolygonRasterizer.rasterize(wkt("POLYGON ((0.5 0.5, 2.5 0.5, 2.5 2.5, 0.5 2.5, 0.5 0.5))"), 4, 4);
        assertEquals(4, m.countForeground());
        assertTrue(m.get(0, 0));
        assertTrue(m.get(1, 1));
        assertFalse(m.get(2, 1));
        assertFalse(m.get(1, 2));
    }

    @Test
    void polygonsSharingEdgesThroughCentresPartitionThePixels() {
        // A square cut along its diagonal and along a vertical line through pixel centres (x = 4.5).
        Geometry a = wkt("POLYGON ((0 0, 10 10, 0 10, 0 0))");
        Geometry b = wkt("POLYGON ((0 0, 4.5 0, 4.5 4.5, 0 0))");
        Geometry c = wkt("POLYGON ((4.5 0, 10 0, 10 10, 4.5 4.5, 4.5 0))");
        BitMask ma = PolygonRasterizer.rasterize(a, 10, 10);
        BitMask mb = PolygonRasterizer.rasterize(b, 10, 10);
        BitMask mc = PolygonRasterizer.rasterize(c, 10, 10);
        assertEquals(0, ma.countIntersection(mb));
        assertEquals(0, ma.countIntersection(mc));
        assertEquals(0, mb.countIntersection(mc));
        assertEquals(100, ma.countForeground() + mb.countForeground() + mc.countForeground());
    }

    @Test
    void triangleMatchesPointInPolygon() {
        Polygon t = (Polygon) wkt("POLYGON ((1.3 0.7, 17.9 5.2, 6.1 14.4, 1.3 0.7))");
        assertMatchesBruteForce(t, 20, 16, 0, 0);
    }

    @Test
    void randomPolygonsWithHolesMatchPointInPolygon() {
        Random random = new Random(12345);
        for (int i = 0; i < 200; i++) {
            Polygon p = randomStarPolygon(random, 20 + random.nextDouble() * 20, 20 + random.nextDouble() * 20,
                    random.nextDouble() < 0.5);
            double ox = random.nextInt(3) == 0 ? random.nextDouble() * 30 - 10 : 0;
            double oy = random.nextInt(3) == 0 ? random.nextDouble() * 30 - 10 : 0;
            assertMatchesBruteForce(p, 1 + random.nextInt(60), 1 + random.nextInt(60), ox, oy);
        }
    }

    @Test
    void windowEqualsSubBlockOfFullRaster() {
        Random random = new Random(99);
        for (int i = 0; i < 50; i++) {
            Polygon p = randomStarPolygon(random, 70, 90, true);
            BitMask full = PolygonRasterizer.rasterize(p, 150, 180);
            int ox = random.nextInt(120);
            int oy = random.nextInt(150);
            int w = 1 + random.nextInt(100);
            int h = 1 + random.nextInt(100);
            BitMask window = new BitMask(w, h);
            PolygonRasterizer.rasterize(p, window, ox, oy);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(full.get(ox + x, oy + y), window.get(x, y));
                }
            }
        }
    }

    @Test
    void addsToExistingPixels() {
        BitMask m = new BitMask(8, 8);
        m.set(7, 7, true);
        PolygonRasterizer.rasterize(wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"), m, 0, 0);
        assertEquals(5, m.countForeground());
        assertTrue(m.get(7, 7));
    }

    @Test
    void clipsGeometryOutsideTheMask() {
        BitMask m = PolygonRasterizer.rasterize(wkt("POLYGON ((-5 -5, 3 -5, 3 2, -5 2, -5 -5))"), 6, 6);
        assertEquals(6, m.countForeground());
        BitMask far = PolygonRasterizer.rasterize(wkt("POLYGON ((100 100, 103 100, 103 103, 100 103, 100 100))"), 6, 6);
        assertEquals(0, far.countForeground());
        BitMask huge = PolygonRasterizer.rasterize(wkt("POLYGON ((-1e12 -1e12, 1e12 -1e12, 1e12 1e12, -1e12 1e12, -1e12 -1e12))"), 70, 3);
        assertEquals(210, huge.countForeground());
    }

    @Test
    void emptyGeometrySetsNothing() {
        assertEquals(0, PolygonRasterizer.rasterize(GF.createPolygon(), 5, 5).countForeground());
    }

    @Test
    void rejectsBadArguments() {
        BitMask m = new BitMask(4, 4);
        assertThrows(IllegalArgumentException.class,
                () -> PolygonRasterizer.rasterize(wkt("LINESTRING (0 0, 3 3)"), 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> PolygonRasterizer.rasterize(wkt("POLYGON ((0 0, 2 0, 2 2, 0 0))"), m, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PolygonRasterizer.rasterize(wkt("POLYGON ((0 0, 2 0, 2 2, 0 0))"), -1, 4));
        assertThrows(NullPointerException.class, () -> PolygonRasterizer.rasterize(null, m, 0, 0));
    }

    private static void assertMatchesBruteForce(Geometry g, int width, int height, double ox, double oy) {
        BitMask m = new BitMask(width, height);
        PolygonRasterizer.rasterize(g, m, ox, oy);
        Coordinate c = new Coordinate();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                c.x = ox + x + 0.5;
                c.y = oy + y + 0.5;
                boolean inside = SimplePointInAreaLocator.locate(c, g) == Location.INTERIOR;
                assertEquals(inside, m.get(x, y), () -> "pixel " + c + " of " + g);
            }
        }
    }

    /**
     * A random simple polygon, star-shaped around (cx, cy) (angles evenly spaced with jitter, so every angular gap is
     * below 180 degrees), optionally with a star-shaped hole that stays inside the shell.
     */
    static Polygon randomStarPolygon(Random random, double cx, double cy, boolean withHole) {
        double minR = 4 + random.nextDouble() * 6;
        LinearRing shell = starRing(random, cx, cy, 5 + random.nextInt(12), minR,
                minR + 2 + random.nextDouble() * 15, false);
        if (!withHole) {
            return GF.createPolygon(shell);
        }
        // Shell chords stay at least minR * cos(65 deg) > 0.42 minR from the centre.
        LinearRing hole = starRing(random, cx, cy, 5 + random.nextInt(4), 0.1 * minR, 0.4 * minR, true);
        return GF.createPolygon(shell, new LinearRing[] {hole});
    }

    private static LinearRing starRing(Random random, double cx, double cy, int n, double minR, double maxR,
                                       boolean reverse) {
        Coordinate[] pts = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            int k = reverse ? n - 1 - i : i;
            double a = 2 * Math.PI * (k + 0.8 * random.nextDouble()) / n;
            double r = minR + random.nextDouble() * (maxR - minR);
            pts[i] = new Coordinate(cx + r * Math.cos(a), cy + r * Math.sin(a));
        }
        pts[n] = pts[0].copy();
        return GF.createLinearRing(pts);
    }
}
