package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/** Every real image under resources/samples, read with {@link GeoImage} and compared with GDAL. */
class GeoImageSamplesTest {

    @TempDir
    Path tmp;

    /** Every image file of the samples (not the sidecars, labels or vectors). */
    static List<Path> sampleImages() throws IOException {
        Path root = GdalPython.resources().resolve("samples");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png") || n.endsWith(".jpg");
            }).sorted().toList();
        }
    }

    @Test
    void samplesAreThere() throws IOException {
        List<Path> files = sampleImages();
        // 13 Kampala chips, 13 masks, 2 Atlanta images, the 6 held-out Banepa tiles and the editor's sample (the mosaic of
        // four of them, JPEG YCbCr)
        assertEquals(35, files.size(), files.toString());
    }

    @Test
    void everySampleMatchesGdal() throws Exception {
        GdalPython.assumeGdal();
        List<Path> files = sampleImages();
        Map<Path, GdalReference.Info> gdal = GdalReference.info(files);
        Map<Path, List<GdalReference.Window>> windows = new LinkedHashMap<>();
        for (GdalReference.Info g : gdal.values()) {
            windows.put(g.file(), GdalReference.standardWindows(g.width(), g.height()));
        }
        List<List<double[]>> expected = GdalReference.samples(windows, tmp);
        int i = 0;
        for (Path f : files) {
            GdalReference.Info g = gdal.get(f);
            try (GeoImage image = GeoImage.open(f)) {
                GdalReference.assertHeader(image, g, true);
                // exact, the JPEG Banepa tiles too (the JDK's IJG libjpeg and GDAL's libjpeg-turbo agree bit for bit)
                GdalReference.assertSamples(image, windows.get(f), expected.get(i), 0);
            }
            i++;
        }
    }

    @Test
    void georeferencingSources() throws Exception {
        for (Path f : sampleImages()) {
            String n = f.toString();
            try (GeoImage image = GeoImage.open(f)) {
                Georeferencing.Source expected = n.contains("fair-banepa") ? Georeferencing.Source.PAM_SIDECAR
                        : n.endsWith("sample_fp_mask_from_geojson.tif") ? Georeferencing.Source.NONE
                        : Georeferencing.Source.GEOTIFF_KEYS;
                assertEquals(expected, image.georef().source(), n);
                if (expected == Georeferencing.Source.PAM_SIDECAR) {
                    assertEquals(PamSidecar.pathFor(f), image.georeferencingFile().orElseThrow());
                    assertEquals("JPEG", image.format(), "the Banepa .tif tiles are JPEG files");
                } else {
                    assertTrue(image.georeferencingFile().isEmpty());
                }
            }
        }
    }

    /** The four Banepa tiles form a 2 x 2 block: their extents touch. */
    @Test
    void banepaTilesAreAdjacent() throws Exception {
        Path dir = GdalPython.resources().resolve("samples/fair-banepa/oam");
        Envelope[][] e = new Envelope[2][2];
        for (int col = 0; col < 2; col++) {
            for (int row = 0; row < 2; row++) {
                try (GeoImage image = GeoImage.open(dir.resolve("OAM-38669" + col + "-22024" + (row + 1) + "-19.tif"))) {
                    e[col][row] = image.info().extent();
                    assertEquals(4326, image.georef().crs().epsgCode().orElseThrow());
                }
            }
        }
        double eps = 1e-9;
        assertEquals(e[0][0].getMaxX(), e[1][0].getMinX(), eps, "x tiles share an edge");
        assertEquals(e[0][0].getMinY(), e[0][1].getMaxY(), eps, "y tiles share an edge (rows go south)");
        assertEquals(e[0][0].getMinX(), e[0][1].getMinX(), eps);
    }

    /** The Atlanta image: 16-bit, nodata 0, UTM 16N, 0.5 m, as its NOTICE row says, checked without GDAL too. */
    @Test
    void atlantaHeader() throws Exception {
        try (GeoImage image = GeoImage.open(GdalPython.sample("spacenet-atlanta/sample_geotiff.tif"))) {
            RasterInfo info = image.info();
            assertEquals(SampleType.USHORT, info.type());
            assertEquals(0, info.nodata().orElseThrow());
            assertEquals(32616, info.georef().crs().epsgCode().orElseThrow());
            assertFalse(info.georef().crs().isGeographic());
            Georeferencing.PixelSize px = info.groundPixelSize().orElseThrow();
            assertEquals(Math.abs(info.georef().transform().pixelWidth()), px.x(), 1e-12);
            assertEquals(Math.abs(info.georef().transform().pixelHeight()), px.y(), 1e-12);
            Coordinate ul = info.georef().toMap(new Coordinate(0, 0));
            assertEquals(info.extent().getMinX(), ul.x, 0);
            assertEquals(info.extent().getMaxY(), ul.y, 0);
        }
    }
}
