package org.roofline.geometry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

class GeoJsonFootprintIoTest {

    private static final List<String> FIELDS = List.of("id", "area", "vertices", "method", "regularized", "status",
            "confidence", "source", "reviewed_at");

    @TempDir
    Path tmp;

    private static Polygon polygon(String wkt) {
        try {
            return (Polygon) new WKTReader(new GeometryFactory()).read(wkt);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Footprint> sample() {
        List<Footprint> list = new ArrayList<>();
        list.add(Footprint.pending(1, polygon("POLYGON ((0 0, 10 0, 10 5, 0 5, 0 0))"), "right-angles", true,
                "tile \"a\".tif"));
        list.add(new Footprint(2, polygon("POLYGON ((20 20, 20 40, 40 40, 40 20, 20 20), (25 25, 30 25, 30 30, 25 30, 25 25))"),
                ReviewStatus.ACCEPTED, 0.875, "any-angle", false, null, Instant.parse("2024-05-01T10:15:30Z")));
        list.add(Footprint.pending(3, polygon("POLYGON ((0.1 0.2, 1e-7 3.5, 123456789.125 7, 0.1 0.2))"), "circle",
                true, "ünïcode\n"));
        return list;
    }

    @Test
    void writesAndReadsBack() throws IOException {
        Path file = tmp.resolve("out.geojson");
        List<Footprint> footprints = sample();
        new GeoJsonFootprintWriter().write(file, footprints);

        List<GeoJsonFeature> read = new GeoJsonFootprintReader().read(file);
        assertEquals(footprints.size(), read.size());
        for (int i = 0; i < footprints.size(); i++) {
            Footprint fp = footprints.get(i);
            GeoJsonFeature f = read.get(i);
            assertEquals(FIELDS, new ArrayList<>(f.properties().keySet()));
            assertTrue(f.geometry().equalsExact(fp.polygon().norm(), 0) || f.geometry().norm().equalsExact(fp.polygon().norm(), 0),
                    "geometry " + i + " round trip: " + f.geometry());
            assertEquals(fp.id(), f.number("id").longValue());
            assertEquals(fp.polygon().getArea(), f.number("area").doubleValue(), 0);
            assertEquals((long) fp.vertexCount(), f.number("vertices"));
            assertEquals(fp.method(), f.string("method"));
            assertEquals(fp.regularized(), f.properties().get("regularized"));
            assertEquals(fp.status().code(), f.string("status"));
            assertEquals(fp.source(), f.string("source"));
        }
        assertNull(read.get(0).properties().get("confidence"), "NaN confidence is written as null");
        assertEquals(0.875, read.get(1).number("confidence").doubleValue());
        assertEquals("2024-05-01T10:15:30Z", read.get(1).string("reviewed_at"));
        assertEquals(1, ((Polygon) read.get(1).geometry()).getNumInteriorRing());
        // the exact bits of awkward coordinates survive
        assertTrue(read.get(2).geometry().equalsTopo(footprints.get(2).polygon()));
        assertEquals(1e-7, read.get(2).geometry().getEnvelopeInternal().getMinX(), 0);
    }

    @Test
    void numbersArePlainJson() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double v : new double[] {0, -0.0, 12, 2.5, 1e-7, 1.5e20, -3.25e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
            sb.append(GeoJsonValues.plainNumber(v)).append(' ');
        }
        assertEquals("0 0 12 2.5 0.0000001 150000000000000000000 -0.00000000000325 null null ", sb.toString());
        // and so they are in a file: no exponent anywhere
        StringWriter w = new StringWriter();
        new GeoJsonFootprintWriter().write(w, sample());
        assertFalse(w.toString().matches("(?s).*\\d[eE][-+]?\\d.*"), w.toString());
        assertTrue(w.toString().contains("[0.0000001,3.5]"), w.toString());
    }

    @Test
    void ringsFollowTheRightHandRule() throws IOException {
        // a clockwise shell (in x-right, y-up terms) and a counter-clockwise hole: both are reversed on writing
        Polygon p = polygon("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
        StringWriter w = new StringWriter();
        new GeoJsonFootprintWriter().write(w, List.of(Footprint.pending(1, p, "none", true, null)));
        Polygon back = (Polygon) new GeoJsonFootprintReader().read(w.toString()).get(0).geometry();
        assertTrue(org.locationtech.jts.algorithm.Orientation.isCCW(back.getExteriorRing().getCoordinateSequence()));
        assertFalse(org.locationtech.jts.algorithm.Orientation.isCCW(back.getInteriorRingN(0).getCoordinateSequence()));
        assertTrue(back.equalsTopo(p));
    }

    @Test
    void writesAnEmptyCollection() throws IOException {
        Path file = tmp.resolve("empty.geojson");
        new GeoJsonFootprintWriter().write(file, List.of());
        assertTrue(new GeoJsonFootprintReader().read(file).isEmpty());
        assertEquals("{\"type\":\"FeatureCollection\",\"name\":\"empty\",\"crs\":null,\"features\":[]}\n",
                Files.readString(file));
    }

    @Test
    void writesGeometriesWithIdAndArea() throws IOException {
        Path file = tmp.resolve("truth.geojson");
        GeometryFactory gf = new GeometryFactory();
        Geometry multi = gf.createMultiPolygon(new Polygon[] {
                polygon("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"), polygon("POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))")});
        new GeoJsonFootprintWriter().writeGeometries(file, List.of(polygon("POLYGON ((0 0, 4 0, 4 4, 0 0))"), multi));
        List<GeoJsonFeature> read = new GeoJsonFootprintReader().read(file);
        assertEquals(2, read.size());
        assertEquals(List.of("id", "area"), new ArrayList<>(read.get(1).properties().keySet()));
        assertEquals(2L, read.get(1).number("id"));
        assertTrue(read.get(1).geometry() instanceof MultiPolygon);
        assertEquals(2.0, read.get(1).number("area").doubleValue());
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("keep.geojson");
        Files.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half a fi".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void writingIntoAMissingDirectoryFailsNamingIt() {
        Path file = tmp.resolve("no/such/dir/out.geojson");
        IOException e = assertThrows(IOException.class,
                () -> new GeoJsonFootprintWriter().write(file, sample()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void rejectsWhatIsNotGeoJson() throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("garbage.geojson", "this is not json");
        cases.put("array.geojson", "[1, 2, 3]");
        cases.put("point.geojson", "{\"type\": \"Point\", \"coordinates\": [1, 2]}");
        cases.put("truncated.geojson", "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feat");
        cases.put("badring.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,\"x\"]]]}}]}");
        cases.put("empty.geojson", "");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = tmp.resolve(c.getKey());
            Files.writeString(file, c.getValue());
            IOException e = assertThrows(IOException.class, () -> new GeoJsonFootprintReader().read(file), c.getKey());
            assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        Path binary = tmp.resolve("binary.geojson");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        IOException e = assertThrows(IOException.class, () -> new GeoJsonFootprintReader().read(binary));
        assertTrue(e.getMessage().startsWith(binary + ": not GeoJSON"), e.getMessage());

        Path missing = tmp.resolve("missing.geojson");
        e = assertThrows(IOException.class, () -> new GeoJsonFootprintReader().read(missing));
        assertEquals(missing + ": no such file", e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new GeoJsonFootprintReader().read("{\"type\": 3}"));
    }

    @Test
    void skipsNonPolygonalFeaturesAndClosesRings() {
        String json = "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"n\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
                + "{\"type\":\"Feature\",\"properties\":null,\"geometry\":null},"
                + "{\"type\":\"Feature\",\"properties\":{\"n\":3,\"nested\":{\"a\":[1,2.5,true]}},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0,9],[2,0,9],[2,2,9],[0,2,9]]]}}]}";
        List<GeoJsonFeature> read = new GeoJsonFootprintReader().read(json);
        assertEquals(1, read.size());
        assertEquals(4.0, read.get(0).geometry().getArea());
        assertEquals(3L, read.get(0).number("n"));
        assertEquals(Map.of("a", List.of(1L, 2.5, true)), read.get(0).properties().get("nested"));
    }

    /** The Kampala labels are real GeoJSON written by other software: the feature count must match GDAL's. */
    @Test
    void readsRealLabels() throws Exception {
        Path labels = resources().resolve("samples/fair-kampala/labels");
        assumeTrue(Files.isDirectory(labels), "sample labels not found at " + labels);
        int total = 0;
        try (Stream<Path> s = Files.list(labels)) {
            for (Path file : s.sorted().toList()) {
                List<GeoJsonFeature> features = new GeoJsonFootprintReader().read(file);
                for (GeoJsonFeature f : features) {
                    assertTrue(f.geometry().getArea() > 0, file + ": empty polygon");
                }
                Integer count = ogrFeatureCount(file);
                if (count != null) {
                    assertEquals(count.intValue(), features.size(), file.toString());
                }
                total += features.size();
            }
        }
        assertTrue(total > 0);
    }

    @Test
    void gdalReadsTheWrittenFile() throws Exception {
        assumeTrue(onPath("ogrinfo"), "ogrinfo (gdal-bin) is not on the PATH");
        Path file = tmp.resolve("for-gdal.geojson");
        new GeoJsonFootprintWriter().write(file, sample());
        String info = ogrinfo(file);
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(info);
        assertTrue(m.find(), info);
        assertEquals(3, Integer.parseInt(m.group(1)), info);
        List<String> fields = new ArrayList<>();
        Matcher f = Pattern.compile("(?m)^(\\w+): (Integer|Integer64|Real|String|DateTime|Date)\\b").matcher(info);
        while (f.find()) {
            fields.add(f.group(1));
        }
        assertEquals(FIELDS, fields, info);
        assertTrue(info.contains("Geometry: Polygon"), info);
    }

    // --- helpers

    static Path resources() {
        return Paths.get(System.getProperty("roofline.resources", "../resources"));
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String ogrinfo(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-so", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static Integer ogrFeatureCount(Path file) throws IOException, InterruptedException {
        if (!onPath("ogrinfo")) {
            return null;
        }
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfo(file));
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
