package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20000 x 20000 RGB GeoTIFF (1.2 GB of pixels, a few MB on disk), written by GDAL in a temporary folder in three
 * layouts: tiled DEFLATE, DEFLATE strips of one row, tiled JPEG (YCbCr). Opening reads only headers; reading a window
 * decodes only what it needs. The printed probe shows time and bytes allocated per read; the assertions are on
 * memory and on values, never on time.
 */
class GeoImageLargeTest {

    private static final int SIZE = 20_000;
    /** Where a 300 x 200 gradient is written into band 1 (the rest of the image is 7, 8, 9). */
    private static final Rectangle PATCH = new Rectangle(12_345, 6_789, 300, 200);

    @TempDir
    Path tmp;

    private static final String CREATE = String.join("\n",
            "import sys",
            "import numpy as np",
            "from osgeo import gdal, osr",
            "gdal.UseExceptions()",
            "path, layout = sys.argv[1], sys.argv[2]",
            "opts = {'tiled': ['TILED=YES', 'COMPRESS=DEFLATE'], 'strips': ['COMPRESS=DEFLATE'],",
            "        'jpeg': ['TILED=YES', 'COMPRESS=JPEG', 'PHOTOMETRIC=YCBCR', 'JPEG_QUALITY=90']}[layout]",
            "ds = gdal.GetDriverByName('GTiff').Create(path, " + SIZE + ", " + SIZE + ", 3, gdal.GDT_Byte, opts)",
            "ds.SetGeoTransform([300000, 0.5, 0, 3100000, 0, -0.5])",
            "s = osr.SpatialReference(); s.ImportFromEPSG(32645); ds.SetSpatialRef(s)",
            "for b in (1, 2, 3):",
            "    ds.GetRasterBand(b).Fill(6 + b)",
            "y, x = np.mgrid[0:" + PATCH.height + ", 0:" + PATCH.width + "]",
            "ds.GetRasterBand(1).WriteArray(((x + 2 * y) % 251).astype(np.uint8), " + PATCH.x + ", " + PATCH.y + ")",
            "ds = None",
            "print('ok')");

    private static long allocated() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(bean.getThreadAllocatedBytes(bean.getAllThreadIds())).filter(v -> v > 0).sum();
    }

    private record Probe(Rectangle window, int subsampling) {
    }

    @Test
    void opensInstantlyAndReadsOnlyWhatAWindowNeeds() throws Exception {
        GdalPython.assumeGdal();
        // warm the libraries up on a small file, so that the numbers below are those of the big image
        try (GeoImage warm = GeoImage.open(GdalPython.sample("spacenet-atlanta/sample_geotiff.tif"))) {
            warm.read(new Rectangle(0, 0, 64, 64), 1);
        }
        List<Probe> probes = List.of(new Probe(new Rectangle(9_000, 9_000, 512, 512), 1),
                new Probe(new Rectangle(9_000, 9_000, 2_048, 2_048), 1),
                new Probe(new Rectangle(4_000, 4_000, 8_192, 8_192), 8),
                new Probe(new Rectangle(0, 0, SIZE, SIZE), 64),
                new Probe(new Rectangle(PATCH.x - 20, PATCH.y - 10, PATCH.width + 40, PATCH.height + 20), 1));
        StringBuilder table = new StringBuilder(String.format("%n%-7s %-34s %4s %11s %9s %12s%n", "layout",
                "window", "sub", "output", "ms", "allocated"));
        for (String layout : List.of("tiled", "strips", "jpeg")) {
            Path f = tmp.resolve(layout + ".tif");
            assertEquals("ok", GdalPython.run(CREATE, f.toString(), layout).strip());
            long t0 = System.nanoTime();
            long a0 = allocated();
            GeoImage image = GeoImage.open(f);
            long openNanos = System.nanoTime() - t0;
            long openBytes = allocated() - a0;
            try (image) {
                assertEquals(SIZE, image.info().width());
                assertEquals(32645, image.georef().crs().epsgCode().orElseThrow());
                table.append(String.format("%-7s %-34s %4s %11s %9.1f %9.1f MB   (%s, file %.1f MB)%n", layout,
                        "open", "", "", openNanos / 1e6, openBytes / 1e6, image.layout().orElse(""),
                        java.nio.file.Files.size(f) / 1e6));
                assertTrue(openBytes < 16L << 20, "open allocated " + openBytes + " bytes: it must read headers only");
                Map<Probe, RasterWindow> results = new LinkedHashMap<>();
                for (Probe p : probes) {
                    System.gc();
                    long a = allocated();
                    long t = System.nanoTime();
                    RasterWindow w = image.read(p.window(), p.subsampling());
                    long ms = (System.nanoTime() - t) / 1_000_000;
                    long bytes = allocated() - a;
                    results.put(p, w);
                    table.append(String.format("%-7s %-34s %4d %11s %9d %9.1f MB%n", layout,
                            ImageMessages.window(p.window()), p.subsampling(), w.width() + " x " + w.height(), ms,
                            bytes / 1e6));
                    if (p.window().width == 512) {
                        // 512 x 512 of a 20000 x 20000 image: nothing like the 1.2 GB of the whole
                        assertTrue(bytes < 96L << 20, layout + ": a 512 x 512 window allocated " + bytes + " bytes");
                    }
                }
                // values: pixels of the 1/64 overview, and the patch, as GDAL reads them
                RasterWindow whole = results.get(probes.get(3));
                assertEquals(313, whole.width());
                int[][] points = {{5, 300}, {312, 0}, {PATCH.x / 64 + 1, PATCH.y / 64 + 1}};
                List<GdalReference.Window> ones = Arrays.stream(points)
                        .map(p -> new GdalReference.Window(p[0] * 64, p[1] * 64, 1, 1, 1)).toList();
                List<double[]> gdal = GdalReference.samples(Map.of(f, ones), tmp).get(0);
                for (int k = 0; k < points.length; k++) {
                    for (int b = 0; b < 3; b++) {
                        assertEquals(gdal.get(k)[b], whole.sampleDouble(points[k][0], points[k][1], b),
                                layout + " overview pixel " + Arrays.toString(points[k]) + " band " + b);
                    }
                }
                checkPatch(f, results.get(probes.get(4)));
            }
        }
        System.out.println(table);
    }

    /** The window around the patch against GDAL's reading of the same window. */
    private void checkPatch(Path f, RasterWindow w) throws Exception {
        GdalReference.Window gw = new GdalReference.Window(w.window().x, w.window().y, w.window().width,
                w.window().height, 1);
        List<double[]> expected = GdalReference.samples(Map.of(f, List.of(gw)), tmp).get(0);
        try (GeoImage image = GeoImage.open(f)) {
            GdalReference.assertSamples(image, List.of(gw), expected, 0);
            assertEquals(expected.get(0)[20 + 10 * gw.w()], w.sampleDouble(20, 10, 0), "the patch's first pixel");
        }
    }
}
