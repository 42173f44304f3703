package org.roofline.app.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Rectangle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.session.FootprintFile;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RasterWindow;

/**
 * The bundled sample: copied from the jar's resources to the data directory once, byte for byte; the mosaic is the
 * four Banepa tiles in their places with the right georeferencing (as GDAL reads it too); the footprints come with
 * their outlines before regularization under the same ids.
 */
class BundledSampleTest {

    private static final Path SAMPLES = Path.of(System.getProperty("roofline.resources"), "samples");
    private static final Path SOURCE = SAMPLES.resolve("banepa-2x2");

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(BundledSample.DATA_DIR_PROPERTY);
    }

    @Test
    void installsOnceIntoTheDataDirectory() throws Exception {
        System.setProperty(BundledSample.DATA_DIR_PROPERTY, tmp.resolve("data").toString());
        assertEquals(tmp.resolve("data").toAbsolutePath(), BundledSample.dataDirectory());
        BundledSample.Location s = BundledSample.install();
        Path folder = tmp.resolve("data").resolve("sample").toAbsolutePath();
        assertEquals(folder.resolve("banepa-2x2.tif"), s.image());
        assertEquals(folder.resolve("banepa-2x2.footprints.gpkg"), s.footprints());
        assertEquals(folder.resolve("banepa-2x2.roofline.gpkg"), s.session());
        assertTrue(Files.notExists(s.session()), "the session is made by opening the sample, not by installing it");
        assertArrayEquals(Files.readAllBytes(SOURCE.resolve("banepa-2x2.tif")), Files.readAllBytes(s.image()));
        assertArrayEquals(Files.readAllBytes(SOURCE.resolve("banepa-2x2.footprints.gpkg")),
                Files.readAllBytes(s.footprints()));
        assertTrue(Files.size(s.image()) < 1_000_000, "the mosaic stays small: " + Files.size(s.image()));

        // installed again: the files are left alone (a marked time survives) ...
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(s.image(), old);
        Files.setLastModifiedTime(s.footprints(), old);
        BundledSample.install();
        assertEquals(old, Files.getLastModifiedTime(s.image()));
        assertEquals(old, Files.getLastModifiedTime(s.footprints()));
        // ... unless one is damaged (truncated): then it is copied afresh, and no temporary file stays behind
        byte[] bytes = Files.readAllBytes(s.image());
        Files.write(s.image(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        BundledSample.install();
        assertArrayEquals(bytes, Files.readAllBytes(s.image()));
        try (var files = Files.list(folder)) {
            assertEquals(List.of("banepa-2x2.footprints.gpkg", "banepa-2x2.tif"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void theMosaicIsTheFourTilesInPlaceAndGdalAgrees() throws Exception {
        Path mosaic = BundledSample.install(tmp.resolve("s")).image();
        try (GeoImage img = GeoImage.open(mosaic)) {
            assertEquals(1024, img.info().width());
            assertEquals(1024, img.info().height());
            assertEquals(3, img.info().bands());
            assertEquals(4326, img.georef().crs().epsgCode().orElse(-1));
            Envelope extent = img.info().extent();
            Envelope tiles = new Envelope();
            RasterWindow all = img.readAll(1);
            List<String> tileNames = List.of("OAM-386690-220241-19.tif", "OAM-386691-220241-19.tif",
                    "OAM-386690-220242-19.tif", "OAM-386691-220242-19.tif");
            for (String name : tileNames) {
                try (GeoImage tile = GeoImage.open(SAMPLES.resolve("fair-banepa/oam").resolve(name))) {
                    tiles.expandToInclude(tile.info().extent());
                    Coordinate origin = tile.georef().toMap(new Coordinate(0, 0));
                    Coordinate at = img.georef().toPixel(origin);
                    int x = (int) Math.round(at.x);
                    int y = (int) Math.round(at.y);
                    // the source tiles' row heights differ in the 6th digit (XYZ tiles warped to EPSG:4326), so
                    // the lower tiles sit 0.0014 px (0.2 mm) off the mosaic's grid
                    assertEquals(x, at.x, 0.01, name + " column");
                    assertEquals(y, at.y, 0.01, name + " row");
                    assertTrue((x == 0 || x == 512) && (y == 0 || y == 512), name + " at " + x + ", " + y);
                    RasterWindow t = tile.readAll(1);
                    double diff = 0;
                    for (int band = 0; band < 3; band++) {
                        for (int j = 0; j < 512; j++) {
                            for (int i = 0; i < 512; i++) {
                                diff += Math.abs(t.sample(i, j, band) - all.sample(x + i, y + j, band));
                            }
                        }
                    }
                    double mean = diff / (3 * 512 * 512);
                    assertTrue(mean < 6, name + ": mean difference " + mean + " (JPEG re-encoding only)");
                }
            }
            assertEquals(tiles.getMinX(), extent.getMinX(), 1e-12);
            assertEquals(tiles.getMaxX(), extent.getMaxX(), 1e-12);
            assertEquals(tiles.getMinY(), extent.getMinY(), 1e-8);
            assertEquals(tiles.getMaxY(), extent.getMaxY(), 1e-8);

            String json = gdal("gdalinfo", "-json", mosaic.toString());
            Matcher m = Pattern.compile("\"geoTransform\"\\s*:\\s*\\[([^\\]]+)\\]").matcher(json);
            assertTrue(m.find(), json);
            double[] gt = java.util.Arrays.stream(m.group(1).split(",")).mapToDouble(v -> Double.parseDouble(v.trim()))
                    .toArray();
            assertEquals(extent.getMinX(), gt[0], 1e-12);
            assertEquals(extent.getMaxY(), gt[3], 1e-12);
            assertEquals(extent.getWidth() / 1024, gt[1], 1e-15);
            assertEquals(-extent.getHeight() / 1024, gt[5], 1e-15);
            assertTrue(json.contains("\"EPSG\",4326") || json.contains("ID[\\\"EPSG\\\",4326]"), "EPSG:4326");
        }
    }

    @Test
    void footprintsComeWithTheirOriginalOutlines() throws Exception {
        BundledSample.Location s = BundledSample.install(tmp.resolve("s"));
        FootprintFile f = FootprintFile.read(s.footprints(), null);
        assertTrue(f.footprints().size() > 20, "footprints: " + f.footprints().size());
        assertEquals(f.footprints().stream().map(Footprint::id).collect(Collectors.toSet()), f.originals().keySet());
        Envelope extent;
        try (GeoImage img = GeoImage.open(s.image())) {
            extent = img.info().extent();
        }
        List<Double> ious = new ArrayList<>();
        for (Footprint fp : f.footprints()) {
            Polygon o = f.originals().get(fp.id());
            double iou = fp.polygon().intersection(o).getArea() / fp.polygon().union(o).getArea();
            ious.add(iou);
            assertTrue(iou > 0.5, "footprint " + fp.id() + " and its outline: IoU " + iou);
            assertTrue(o.getNumPoints() >= fp.polygon().getNumPoints(), "the traced outline has more vertices");
            Envelope e = fp.polygon().getEnvelopeInternal();
            e.expandBy(1e-9);
            assertTrue(extent.contains(fp.polygon().getEnvelopeInternal()) || extent.intersects(e),
                    "footprint " + fp.id() + " lies on the image");
        }
        assertTrue(ious.stream().anyMatch(v -> v < 0.999), "regularization changed some outlines");

        // GDAL sees both tables as layers of the same size
        String info = gdal("ogrinfo", "-ro", "-so", "-al", s.footprints().toString());
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(info);
        List<Integer> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(List.of(f.footprints().size(), f.footprints().size()), counts, info);
        assertTrue(info.contains("Layer name: original_outlines"), info);
        Map<Long, Polygon> unused = f.originals();
        assertEquals(counts.get(1), unused.size());
    }

    private static String gdal(String tool, String... args) throws Exception {
        Path exe = Path.of("/usr/bin", tool);
        assumeTrue(Files.isExecutable(exe), tool + " (GDAL) is not installed");
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
