package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.roofline.geometry.crs.Crs;

class GeoreferencingTest {

    private static final PixelToMap ROTATED = new PixelToMap(1000, 0.8, 0.6, 2000, 0.6, -0.8);

    @Test
    void pixelAndMapCoordinatesBothWays() throws Exception {
        Georeferencing g = new Georeferencing(ROTATED, Crs.epsg(32616), Georeferencing.Source.WORLD_FILE);
        Coordinate map = g.toMap(new Coordinate(10, 20, 7));
        // the affine formula of the GDAL geotransform, written out
        assertEquals(1000 + 10 * 0.8 + 20 * 0.6, map.x, 1e-12);
        assertEquals(2000 + 10 * 0.6 - 20 * 0.8, map.y, 1e-12);
        assertEquals(7, map.getZ());
        Coordinate back = g.toPixel(map);
        assertEquals(10, back.x, 1e-9);
        assertEquals(20, back.y, 1e-9);
        assertEquals(7, back.getZ());

        Geometry px = new WKTReader().read("POLYGON ((10 20, 110 20, 110 70, 10 70, 10 20))");
        Geometry m = g.toMap(px);
        assertEquals(100 * 50 * 1.0, m.getArea(), 1e-9, "|det| = 0.8 * 0.8 + 0.6 * 0.6 = 1");
        assertTrue(g.toPixel(m).equalsExact(px, 1e-9));
    }

    @Test
    void extentOfARotatedImageHoldsItsFourCorners() {
        Georeferencing g = new Georeferencing(ROTATED, null, Georeferencing.Source.PAM_SIDECAR);
        Envelope e = g.extent(100, 50);
        double[][] corners = {{0, 0}, {100, 0}, {0, 50}, {100, 50}};
        double minX = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] c : corners) {
            double x = 1000 + c[0] * 0.8 + c[1] * 0.6;
            double y = 2000 + c[0] * 0.6 - c[1] * 0.8;
            assertTrue(e.covers(x, y));
            minX = Math.min(minX, x);
            maxY = Math.max(maxY, y);
        }
        assertEquals(minX, e.getMinX(), 1e-9);
        assertEquals(maxY, e.getMaxY(), 1e-9);
    }

    @Test
    void windowForAMapArea() {
        PixelToMap t = new PixelToMap(733601, 0.5, 0, 3725139, 0, -0.5);
        Georeferencing g = new Georeferencing(t, null, Georeferencing.Source.GEOTIFF_KEYS);
        assertEquals(new Rectangle(0, 0, 900, 900), g.windowFor(g.extent(900, 900), 900, 900).orElseThrow());
        Envelope area = new Envelope(t.toMap(10, 20), t.toMap(110, 70));
        assertEquals(new Rectangle(10, 20, 100, 50), g.windowFor(area, 900, 900).orElseThrow());
        Envelope partly = new Envelope(t.toMap(-50, -50), t.toMap(10.5, 10.5));
        assertEquals(new Rectangle(0, 0, 11, 11), g.windowFor(partly, 900, 900).orElseThrow());
        assertTrue(g.windowFor(new Envelope(0, 1, 0, 1), 900, 900).isEmpty());
        assertTrue(g.windowFor(new Envelope(), 900, 900).isEmpty());
    }

    @Test
    void noGeoreferencing() {
        Georeferencing none = Georeferencing.none();
        assertFalse(none.isGeoreferenced());
        assertNull(none.crs());
        assertEquals(new Envelope(0, 30, 0, 20), none.extent(30, 20));
        assertTrue(none.groundPixelSize(30, 20).isEmpty());
        Georeferencing w = none.forWindow(new Rectangle(5, 6, 10, 10), 2);
        assertEquals(Georeferencing.Source.NONE, w.source());
        assertEquals(new Coordinate(9, 10), w.toMap(new Coordinate(2, 2)), "window pixel -> image pixel");
        assertSame(none, none.forWindow(new Rectangle(0, 0, 10, 10), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Georeferencing(Georeferencing.identity(), Crs.WGS84, Georeferencing.Source.NONE));
        assertThrows(NullPointerException.class, () -> new Georeferencing(null, null, Georeferencing.Source.NONE));
    }

    /** A window's own georeferencing and samples agree with the whole image's. */
    @Test
    void windowGeoreferencingAndSamples() throws Exception {
        try (GeoImage image = GeoImage.open(GdalPython.sample("spacenet-atlanta/sample_geotiff.tif"))) {
            RasterWindow all = image.readAll(1);
            Rectangle r = new Rectangle(101, 37, 500, 400);
            for (int s : new int[] {1, 2, 3, 7}) {
                RasterWindow w = image.read(r, s);
                for (int j = 0; j < w.height(); j += 11) {
                    for (int i = 0; i < w.width(); i += 13) {
                        int x = r.x + i * s;
                        int y = r.y + j * s;
                        assertEquals(all.sample(x, y, 0), w.sample(i, j, 0));
                        Coordinate c = w.georef().toMap(new Coordinate(i + 0.5, j + 0.5));
                        Coordinate e = image.georef().toMap(new Coordinate(x + 0.5 * s, y + 0.5 * s));
                        assertEquals(e.x, c.x, 1e-6);
                        assertEquals(e.y, c.y, 1e-6);
                    }
                }
                int[] band = w.samples(0, null);
                assertEquals(w.width() * w.height(), band.length);
                assertEquals(w.sample(w.width() - 1, 1, 0), band[2 * w.width() - 1], "row-major");
            }
        }
    }

    /**
     * The ground size of a geographic image's centre pixel: geodesic distances, checked against PROJ's {@code geod}
     * (GeographicLib's algorithm in PROJ) between the same edge midpoints, computed from GDAL's geotransform.
     */
    @Test
    void geodesicPixelSizeAgreesWithProjGeod() throws Exception {
        GdalPython.assumeGdal();
        GdalPython.assumeCommand("geod");
        List<Path> files = List.of(GdalPython.sample("fair-banepa/oam/OAM-386690-220241-19.tif"),
                GdalPython.sample("fair-kampala/chips/OAM-1238448-1046535-21.tif"),
                GdalPython.sample("fair-kampala/chips/OAM-309612-261632-19.tif"));
        Map<Path, GdalReference.Info> gdal = GdalReference.info(files);
        for (Path f : files) {
            GdalReference.Info g = gdal.get(f);
            double[] gt = g.gt();
            double cx = g.width() / 2.0;
            double cy = g.height() / 2.0;
            double[][] pairs = {{cx - 0.5, cy, cx + 0.5, cy}, {cx, cy - 0.5, cx, cy + 0.5}};
            StringBuilder in = new StringBuilder();
            for (double[] p : pairs) {
                double lon1 = gt[0] + p[0] * gt[1] + p[1] * gt[2];
                double lat1 = gt[3] + p[0] * gt[4] + p[1] * gt[5];
                double lon2 = gt[0] + p[2] * gt[1] + p[3] * gt[2];
                double lat2 = gt[3] + p[2] * gt[4] + p[3] * gt[5];
                in.append(String.format(java.util.Locale.ROOT, "%.15f %.15f %.15f %.15f%n", lat1, lon1, lat2, lon2));
            }
            String[] out = GdalPython.exec(List.of("geod", "-f", "%.12f", "-F", "%.12f", "+ellps=WGS84", "-I", "+units=m"),
                    in.toString()).strip().split("\n");
            double ex = Double.parseDouble(out[0].trim().split("\\s+")[2]);
            double ey = Double.parseDouble(out[1].trim().split("\\s+")[2]);
            try (GeoImage image = GeoImage.open(f)) {
                Georeferencing.PixelSize px = image.info().groundPixelSize().orElseThrow();
                assertEquals(ex, px.x(), ex * 1e-9, f + " x");
                assertEquals(ey, px.y(), ey * 1e-9, f + " y");
                System.out.printf("%s: centre pixel %.4f x %.4f m (geod %.4f x %.4f)%n", f.getFileName(), px.x(), px.y(),
                        ex, ey);
            }
        }
    }

    /** A projected CRS: the nominal pixel size in metres, as GDAL gives it (pixel size times metres per unit). */
    @Test
    void projectedPixelSize() throws Exception {
        GdalPython.assumeGdal();
        Path f = GdalPython.sample("spacenet-atlanta/sample_geotiff.tif");
        GdalReference.Info g = GdalReference.info(List.of(f)).get(f);
        try (GeoImage image = GeoImage.open(f)) {
            Georeferencing.PixelSize px = image.info().groundPixelSize().orElseThrow();
            assertEquals(g.gt()[1] * g.metresPerUnit(), px.x(), 1e-12);
            assertEquals(-g.gt()[5] * g.metresPerUnit(), px.y(), 1e-12);
        }
        // a transform without a CRS: no size in metres
        Georeferencing unknown = new Georeferencing(ROTATED, null, Georeferencing.Source.WORLD_FILE);
        assertTrue(unknown.groundPixelSize(10, 10).isEmpty());
    }
}
