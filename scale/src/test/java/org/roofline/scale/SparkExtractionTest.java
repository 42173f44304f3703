package org.roofline.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.engine.EngineRequest;

/** The Spark engine in local mode against the local engine, on real Banepa tiles. One session for the class. */
class SparkExtractionTest {

    private static SparkSession session;

    @BeforeAll
    static void start() {
        session = SparkSessions.local2();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    /** Two tiles apart from each other: per image, Spark gives the local engine's footprints, ids in image order. */
    @Test
    void perImageTheLocalEnginesFootprints() throws Exception {
        var images = List.of(SparkSessions.OAM.resolve("OAM-386693-220243-19.tif"),
                SparkSessions.OAM.resolve("OAM-386695-220245-19.tif"));
        EngineRequest request = SparkSessions.request(images);
        List<Footprint> expected = new ArrayList<>();
        for (var image : images) {
            for (Footprint f : SparkSessions.local(image, request)) {
                expected.add(f.withId(expected.size() + 1));
            }
        }
        List<Footprint> spark;
        try (SparkRun run = SparkSessions.run(session, request)) {
            spark = SparkSessions.footprints(run);
            assertEquals(expected.size(), run.count());
        }
        assertTrue(expected.size() > 20, "the tiles hold buildings: " + expected.size());
        assertEquals(expected.size(), spark.size());
        for (int i = 0; i < expected.size(); i++) {
            Footprint e = expected.get(i);
            Footprint s = spark.get(i);
            assertEquals(e.id(), s.id());
            assertTrue(e.polygon().equalsExact(s.polygon()), "footprint " + e.id());
            assertEquals(e.confidence(), s.confidence(), 0, "confidence of " + e.id());
            assertEquals(e.method(), s.method());
            assertEquals(e.source(), s.source());
        }
    }

    /**
     * The four tiles of the bundled mosaic, as four images, give the mosaic's buildings: the buildings the mosaic's
     * extraction finds across the tiles' seams come out as one footprint each, matched at IoU 0.5, where the four
     * local results side by side (no seam join) give two halves. The mosaic was re-encoded (JPEG) and the model sees
     * other context near the seams, so footprints agree building by building, not vertex by vertex.
     */
    @Test
    void fourTilesGiveTheMosaicsBuildings() throws Exception {
        EngineRequest request = SparkSessions.request(SparkSessions.BLOCK);
        List<Footprint> mosaic = SparkSessions.local(SparkSessions.MOSAIC, request);
        List<Footprint> sideBySide = new ArrayList<>();
        for (var tile : SparkSessions.BLOCK) {
            sideBySide.addAll(SparkSessions.local(tile, request));
        }
        List<Footprint> spark;
        try (SparkRun run = SparkSessions.run(session, request)) {
            spark = SparkSessions.footprints(run);
        }
        org.locationtech.jts.geom.Envelope extent;
        try (var img = org.roofline.inference.imagery.GeoImage.open(SparkSessions.MOSAIC)) {
            extent = img.georef().extent(img.info().width(), img.info().height());
        }
        List<org.locationtech.jts.geom.Polygon> acrossSeams = new ArrayList<>();
        for (Footprint f : mosaic) {
            var e = f.polygon().getEnvelopeInternal();
            double midX = extent.centre().x;
            double midY = extent.centre().y;
            if (e.getMinX() < midX && e.getMaxX() > midX || e.getMinY() < midY && e.getMaxY() > midY) {
                acrossSeams.add(f.polygon());
            }
        }
        var matcher = new org.roofline.geometry.metrics.BuildingMatcher();
        var sparkAll = matcher.apply(polygons(spark), polygons(mosaic)).evaluation();
        var naiveAll = matcher.apply(polygons(sideBySide), polygons(mosaic)).evaluation();
        var sparkSeam = matcher.apply(polygons(spark), acrossSeams).evaluation();
        var naiveSeam = matcher.apply(polygons(sideBySide), acrossSeams).evaluation();
        System.out.printf("mosaic %d, spark %d, side by side %d; across seams %d: spark matched %d, side by side %d;"
                        + " all: spark F1 %.3f, side by side F1 %.3f%n", mosaic.size(), spark.size(),
                sideBySide.size(), acrossSeams.size(), sparkSeam.truePositives(), naiveSeam.truePositives(),
                sparkAll.f1(), naiveAll.f1());
        double sparkMean = 0;
        double naiveMean = 0;
        for (var m : acrossSeams) {
            double bs = best(m, spark);
            double bn = best(m, sideBySide);
            assertTrue(bs >= bn - 0.02, "a seam building the join made worse: IoU " + bs + " < " + bn);
            sparkMean += bs / acrossSeams.size();
            naiveMean += bn / acrossSeams.size();
        }
        System.out.printf("mean IoU of the seam buildings' best match: spark %.3f, side by side %.3f%n", sparkMean,
                naiveMean);
        assertTrue(acrossSeams.size() >= 5, "the seams cut buildings: " + acrossSeams.size());
        assertTrue(sparkMean >= naiveMean + 0.03, "the seam join brings the seam buildings closer to the mosaic's");
        assertTrue(sparkSeam.truePositives() > naiveSeam.truePositives(), "the seam join matters");
        assertTrue(Math.abs(spark.size() - mosaic.size()) <= 0.1 * mosaic.size(), spark.size() + " vs "
                + mosaic.size());
        assertTrue(sparkAll.f1() > naiveAll.f1() && sparkAll.f1() >= 0.85, "F1 against the mosaic: " + sparkAll.f1());
    }

    private static double best(org.locationtech.jts.geom.Polygon m, List<Footprint> fps) {
        double best = 0;
        for (Footprint f : fps) {
            if (f.polygon().intersects(m)) {
                double i = f.polygon().intersection(m).getArea();
                best = Math.max(best, i / (f.polygon().getArea() + m.getArea() - i));
            }
        }
        return best;
    }

    private static List<org.locationtech.jts.geom.Polygon> polygons(List<Footprint> fps) {
        return fps.stream().map(Footprint::polygon).toList();
    }

    /** A unit whose first attempt fails is re-run by Spark, and the output is the same as without the failure. */
    @Test
    void aFailedFirstAttemptGivesTheSameOutput() throws Exception {
        EngineRequest request = SparkSessions.request(SparkSessions.BLOCK.subList(0, 2));
        List<Footprint> clean;
        try (SparkRun run = SparkSessions.run(session, request)) {
            clean = SparkSessions.footprints(run);
        }
        List<Footprint> retried;
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        System.setProperty(UnitExtraction.FAIL_FIRST_ATTEMPT, "1");
        try (SparkRun run = SparkEngine.run(session, request, SparkEngine.checkImages(request), lines::add,
                System.nanoTime()).keepingSession()) {
            retried = SparkSessions.footprints(run);
            assertTrue(run.failures().isEmpty(), run.failures().toString());
        } finally {
            System.clearProperty(UnitExtraction.FAIL_FIRST_ATTEMPT);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("injected failure") && l.contains("Spark retries it")),
                lines.toString());
        assertEquals(clean, retried);
    }

    /**
     * The GeoParquet directory: one file per partition with the CRS in its footer's geo metadata, read back through
     * Parquet's own footer reader and through Spark (row count and columns).
     */
    @Test
    void geoParquetCarriesTheCrsInItsFooter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        EngineRequest request = SparkSessions.request(SparkSessions.BLOCK.subList(2, 4));
        java.nio.file.Path out = dir.resolve("banepa.parquet");
        long count;
        try (SparkRun run = SparkSessions.run(session, request)) {
            count = run.count();
            run.writeGeoParquet(out);
        }
        List<java.nio.file.Path> files;
        try (var s = java.nio.file.Files.list(out)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        assertTrue(!files.isEmpty() && java.nio.file.Files.exists(out.resolve("_SUCCESS")));
        for (var f : files) {
            try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                            new org.apache.hadoop.fs.Path(f.toString()), new org.apache.hadoop.conf.Configuration()))) {
                String geo = reader.getFooter().getFileMetaData().getKeyValueMetaData().get("geo");
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(geo);
                var column = json.path("columns").path("geometry");
                assertEquals("geometry", json.path("primary_column").asText());
                assertEquals("WKB", column.path("encoding").asText());
                assertEquals("EPSG", column.path("crs").path("id").path("authority").asText(), geo);
                assertEquals(4326, column.path("crs").path("id").path("code").asInt(), geo);
                assertEquals(4, column.path("bbox").size());
            }
        }
        var rows = session.read().parquet(out.toString());
        assertEquals(count, rows.count());
        assertEquals(count, rows.select("id").distinct().count());
        assertTrue(java.util.Arrays.asList(rows.columns()).containsAll(List.of("geometry", "confidence", "area_m2")));
        var first = rows.orderBy("id").first();
        var polygon = new org.locationtech.jts.io.WKBReader().read((byte[]) first.getAs("geometry"));
        assertTrue(polygon.getArea() > 0 && polygon.getEnvelopeInternal().getMinX() > 85
                && polygon.getEnvelopeInternal().getMinX() < 86, "Banepa, lon/lat: " + polygon);
    }

    /**
     * An image whose pixels cannot be decoded (a real chip cut in half) fails every attempt: it is reported in one
     * line naming it, and the other image's footprints land; without allowing failed units the run fails naming it.
     */
    @Test
    void aUnitThatKeepsFailingIsReportedAndTheOthersLand(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path chip;
        try (var s = java.nio.file.Files.list(SparkSessions.RESOURCES.resolve("samples/fair-kampala/chips"))) {
            chip = s.filter(p -> p.toString().endsWith(".tif")).sorted().findFirst().orElseThrow();
        }
        byte[] all = java.nio.file.Files.readAllBytes(chip);
        java.nio.file.Path broken = dir.resolve("half.tif");
        java.nio.file.Files.write(broken, java.util.Arrays.copyOf(all, all.length / 2));
        var good = SparkSessions.OAM.resolve("OAM-386693-220243-19.tif");
        EngineRequest allow = SparkSessions.request(List.of(good, broken));
        int expected = SparkSessions.local(good, allow).size();
        try (SparkRun run = SparkSessions.run(session, allow)) {
            assertEquals(1, run.failures().size(), run.failures().toString());
            String line = run.failures().get(0);
            assertTrue(line.startsWith(broken.toAbsolutePath() + ": ") && line.endsWith("(after 4 attempts)")
                    && !line.contains("\n"), line);
            assertEquals(expected, run.count());
        }
        EngineRequest strict = new EngineRequest(allow.images(), allow.master(), null, "cpu", 8, 0, -1,
                allow.method(), "auto", 1, false);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.roofline.inference.engine.EngineException.class,
                () -> SparkSessions.run(session, strict).close());
        assertEquals(broken.toAbsolutePath().toString(), e.subject());
        assertTrue(e.problem().startsWith("1 of 2 images failed"), e.problem());
    }
}
