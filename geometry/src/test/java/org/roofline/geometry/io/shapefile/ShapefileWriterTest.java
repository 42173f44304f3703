package org.roofline.geometry.io.shapefile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;

class ShapefileWriterTest {

    @TempDir
    Path tmp;

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void boulderRoundTripAsGdalSeesIt() throws Exception {
        Gdal.assumeAvailable();
        Path source = ShapefileReaderTest.boulder();
        VectorLayer layer = new ShapefileReader().read(source);
        Path out = tmp.resolve("boulder.shp");
        new ShapefileWriter().write(layer, out);
        assertEquals(List.of("boulder.cpg", "boulder.dbf", "boulder.prj", "boulder.shp", "boulder.shx"), files(tmp));
        assertEquals("UTF-8", Files.readString(tmp.resolve("boulder.cpg")));

        Gdal.Report src = Gdal.describe(source, null);
        Gdal.Report written = Gdal.describe(out, null);
        assertEquals(13_491, written.count());
        assertEquals(4326, written.epsg());
        String summary = Gdal.ogrinfoSummary(out);
        assertTrue(summary.contains("ID[\"EPSG\",4326]"), "ogrinfo -so names EPSG:4326");
        // the dBase header's date of last update is today (H2GIS wrote the year modulo 100: GDAL read 1926)
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        assertTrue(summary.contains("DBF_DATE_LAST_UPDATE=" + year + "-")
                || summary.contains("DBF_DATE_LAST_UPDATE=" + (year - 1) + "-"), summary);
        assertEquals(year - 1900, Files.readAllBytes(tmp.resolve("boulder.dbf"))[1] & 0xff);
        assertEquals(List.of("year_built"), written.fieldNames());
        assertEquals("Integer64", written.fieldTypes().get("year_built"));
        assertEquals(src.invalid(), written.invalid(), "GDAL's count of invalid geometries");
        assertEquals(10, written.invalid());
        assertEquals(0, written.nullGeometries());
        for (int i = 0; i < 13_491; i++) {
            assertEquals(src.value(i, "year_built"), written.value(i, "year_built"), "year_built of feature " + i);
        }
        List<Integer> picks = List.of(0, 1, 7, 100, 4_321, 9_999, 13_490);
        Gdal.Report a = Gdal.describe(source, picks);
        Gdal.Report b = Gdal.describe(out, picks);
        for (int i : picks) {
            assertTrue(SampleLayers.sameShape(a.geometry(i), b.geometry(i)), "geometry of feature " + i);
        }
        // and back through Roofline's reader
        VectorLayer again = new ShapefileReader().read(out);
        assertEquals(layer.fields(), again.fields());
        for (int i = 0; i < layer.features().size(); i++) {
            VectorFeature x = layer.features().get(i);
            VectorFeature y = again.features().get(i);
            assertEquals(x.attributes(), y.attributes());
            assertTrue(SampleLayers.sameShape(x.geometry(), y.geometry()), "geometry " + i);
        }
    }

    @Test
    void footprintFieldsTypesAndUnicodeAsGdalSeesThem() throws Exception {
        Gdal.assumeAvailable();
        VectorLayer layer = SampleLayers.footprints(Crs.epsg(32613));
        Path out = tmp.resolve("footprints.shp");
        ShapefileWriter writer = new ShapefileWriter();
        writer.write(layer, out);
        assertEquals(1, writer.truncatedValues(), "the 400-byte string was cut");

        Gdal.Report r = Gdal.describe(out, List.of(0, 1, 2, 3, 4));
        assertEquals(5, r.count());
        assertEquals(32613, r.epsg());
        assertEquals(List.of("id", "status", "confidence", "area_m2", "method", "regularize", "source",
                "reviewed_a", "vertices"), r.fieldNames());
        assertEquals("Integer64", r.fieldTypes().get("id"));
        assertEquals("Real", r.fieldTypes().get("confidence"));
        assertEquals("Real", r.fieldTypes().get("area_m2"));
        assertEquals("String", r.fieldTypes().get("status"));
        assertEquals("String", r.fieldTypes().get("reviewed_a"));
        // dBase L: GDAL 3.6 shows it as a one-character string (T, F, and ? for null)
        assertTrue(List.of("String", "Integer(Boolean)").contains(r.fieldTypes().get("regularize")),
                r.fieldTypes().get("regularize"));

        assertEquals(SampleLayers.UNICODE, r.value(1, "source"));
        String cut = r.value(2, "source");
        assertTrue(SampleLayers.LONG.startsWith(cut), "cut at a character boundary: " + cut);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 254 && cut.length() > 150, cut);
        assertEquals("1", r.value(0, "id"));
        assertEquals("-123456789012", r.value(3, "vertices"));
        assertNull(r.value(4, "vertices"));
        assertEquals(0.875, Double.parseDouble(r.value(0, "confidence")));
        assertNull(r.value(1, "confidence"), "NaN is written as null");
        assertEquals(123_456_789.125, Double.parseDouble(r.value(4, "area_m2")));
        assertEquals(1e-9, Double.parseDouble(r.value(4, "confidence")), 1e-20);
        assertEquals(-1.5, Double.parseDouble(r.value(3, "area_m2")));
        assertTrue(List.of("T", "1").contains(r.value(0, "regularize")), r.value(0, "regularize"));
        assertTrue(List.of("F", "0").contains(r.value(1, "regularize")), r.value(1, "regularize"));
        assertTrue(r.value(3, "regularize") == null || r.value(3, "regularize").equals("?"));
        assertEquals("2024-05-01T10:15:30.123Z", r.value(0, "reviewed_a"));
        assertEquals("1999-12-31T23:59:59.000Z", r.value(2, "reviewed_a"));
        assertNull(r.value(1, "reviewed_a"));
        assertNull(r.value(3, "status"));
        assertNull(r.value(3, "source"), "an empty string reads back as null");
        assertEquals("tab\there", r.value(4, "source"));

        // geometries: the multi-part polygon with a hole, the invalid bow tie, the empty one (a null shape)
        for (int i = 0; i < 4; i++) {
            Geometry expected = layer.features().get(i).geometry();
            assertTrue(SampleLayers.sameShape(expected, r.geometry(i)), "geometry " + i + ": " + r.geometry(i));
        }
        assertNull(r.geometry(4), "an empty geometry is a null shape");
        assertEquals(1, r.invalid());

        // Roofline's reader: the dBase names, L as BOOLEAN, DATETIME as text
        VectorLayer again = new ShapefileReader().read(out);
        assertEquals(32613, again.crs().epsgCode().getAsInt());
        assertEquals(new FieldDef("regularize", FieldType.BOOLEAN), again.fields().get(5));
        assertEquals(new FieldDef("reviewed_a", FieldType.STRING), again.fields().get(7));
        assertEquals(Boolean.TRUE, again.features().get(0).get("regularize"));
        assertEquals(Boolean.FALSE, again.features().get(1).get("regularize"));
        assertNull(again.features().get(3).get("regularize"));
        assertEquals(SampleLayers.UNICODE, again.features().get(1).get("source"));
        assertEquals(cut, again.features().get(2).get("source"));
        assertTrue(again.features().get(4).geometry().isEmpty());
    }

    @Test
    void fieldNamesAreCutDeterministically() {
        Map<String, String> names = DbfFieldNames.of(SampleLayers.footprintFields());
        assertEquals(List.of("id", "status", "confidence", "area_m2", "method", "regularize", "source",
                "reviewed_a", "vertices"), new ArrayList<>(names.values()));

        List<FieldDef> clash = Stream.of("building_height", "building_heat", "Building_Hx", "building_h",
                        "straße_länge", "a")
                .map(n -> new FieldDef(n, FieldType.STRING)).collect(Collectors.toList());
        assertEquals(List.of("building_h", "building_1", "Building_2", "building_3", "straße_l", "a"),
                new ArrayList<>(DbfFieldNames.of(clash).values()));
        List<FieldDef> many = IntStream.range(0, 12).mapToObj(i -> new FieldDef("attribute_" + i, FieldType.REAL))
                .collect(Collectors.toList());
        List<String> cut = new ArrayList<>(DbfFieldNames.of(many).values());
        assertEquals("attribute_", cut.get(0));
        assertEquals("attribut_9", cut.get(9));
        assertEquals("attribu_10", cut.get(10));
        assertEquals(cut, new ArrayList<>(DbfFieldNames.of(many).values()), "deterministic");
    }

    @Test
    void pointsAndLinesToo() throws Exception {
        Gdal.assumeAvailable();
        List<FieldDef> fields = List.of(new FieldDef("n", FieldType.INTEGER));
        Map<String, Geometry[]> layers = new LinkedHashMap<>();
        layers.put("points", new Geometry[] {SampleLayers.wkt("POINT (1 2)"), SampleLayers.wkt("POINT EMPTY"),
                SampleLayers.wkt("POINT (3 4)")});
        layers.put("multipoints", new Geometry[] {SampleLayers.wkt("POINT (1 2)"),
                SampleLayers.wkt("MULTIPOINT ((5 6), (7 8))")});
        layers.put("lines", new Geometry[] {SampleLayers.wkt("LINESTRING (0 0, 1 1, 2 0)"),
                SampleLayers.wkt("MULTILINESTRING ((0 0, 1 0), (5 5, 6 6, 7 5))")});
        for (Map.Entry<String, Geometry[]> e : layers.entrySet()) {
            List<VectorFeature> features = new ArrayList<>();
            for (int i = 0; i < e.getValue().length; i++) {
                features.add(new VectorFeature(e.getValue()[i], Map.of("n", (long) i)));
            }
            Path out = tmp.resolve(e.getKey() + ".shp");
            new ShapefileWriter().write(new VectorLayer(e.getKey(), null, fields, features), out);
            assertFalse(Files.exists(tmp.resolve(e.getKey() + ".prj")), "no CRS, no .prj");
            Gdal.Report r = Gdal.describe(out, IntStream.range(0, features.size()).boxed().toList());
            assertNull(r.epsg());
            for (int i = 0; i < features.size(); i++) {
                Geometry expected = features.get(i).geometry();
                Geometry gdal = r.geometry(i);
                if (expected.isEmpty()) {
                    assertNull(gdal);
                } else {
                    if (e.getKey().equals("multipoints") && expected.getNumGeometries() == 1) {
                        expected = expected.getFactory().createMultiPoint(new org.locationtech.jts.geom.Point[] {
                            (org.locationtech.jts.geom.Point) expected});
                    }
                    assertTrue(expected.equalsExact(gdal), e.getKey() + " " + i + ": " + gdal);
                }
                assertEquals(String.valueOf(i), r.value(i, "n"));
            }
        }
    }

    @Test
    void aRejectedValueLeavesNothingBehind() throws IOException {
        List<VectorFeature> features = new ArrayList<>(SampleLayers.footprints(null).features());
        Map<String, Object> bad = new LinkedHashMap<>(features.get(features.size() - 1).attributes());
        bad.put("area_m2", Double.POSITIVE_INFINITY);
        features.set(features.size() - 1, new VectorFeature(features.get(0).geometry(), bad));
        VectorLayer layer = SampleLayers.footprints(Crs.WGS84).withFeatures(features);
        Path out = tmp.resolve("bad.shp");
        IOException e = assertThrows(IOException.class, () -> new ShapefileWriter().write(layer, out));
        assertTrue(e.getMessage().startsWith(out.toString()) && e.getMessage().contains("area_m2"), e.getMessage());
        assertEquals(List.of(), files(tmp), "no file and no temporary file is left");

        Map<String, Object> huge = new LinkedHashMap<>(features.get(0).attributes());
        huge.put("id", Long.MAX_VALUE);
        features.set(features.size() - 1, new VectorFeature(features.get(0).geometry(), huge));
        e = assertThrows(IOException.class,
                () -> new ShapefileWriter().write(layer.withFeatures(features), out));
        assertTrue(e.getMessage().contains("9223372036854775807"), e.getMessage());
        assertEquals(List.of(), files(tmp));

        Map<String, Object> wrongType = new LinkedHashMap<>(features.get(0).attributes());
        wrongType.put("reviewed_at", "yesterday");
        features.set(features.size() - 1, new VectorFeature(features.get(0).geometry(), wrongType));
        assertThrows(IOException.class, () -> new ShapefileWriter().write(layer.withFeatures(features), out));
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void aFailedWriteKeepsTheOlderShapefile() throws IOException {
        Path out = tmp.resolve("keep.shp");
        VectorLayer good = SampleLayers.footprints(Crs.WGS84);
        new ShapefileWriter().write(good, out);
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (String f : files(tmp)) {
            before.put(f, Files.readAllBytes(tmp.resolve(f)));
        }
        List<VectorFeature> features = new ArrayList<>(good.features());
        Map<String, Object> bad = new LinkedHashMap<>(features.get(2).attributes());
        bad.put("confidence", Double.NEGATIVE_INFINITY);
        features.set(2, new VectorFeature(features.get(2).geometry(), bad));
        assertThrows(IOException.class, () -> new ShapefileWriter().write(good.withFeatures(features), out));
        assertEquals(new ArrayList<>(before.keySet()), files(tmp));
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(tmp.resolve(e.getKey())), e.getKey());
        }
    }

    @Test
    void mixedGeometriesAndBadTargetsAreErrors() throws IOException {
        List<FieldDef> none = List.of();
        VectorLayer mixed = new VectorLayer("mixed", null, none, List.of(
                new VectorFeature(SampleLayers.wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))"), Map.of()),
                new VectorFeature(SampleLayers.wkt("LINESTRING (0 0, 1 1)"), Map.of())));
        Path out = tmp.resolve("mixed.shp");
        IOException e = assertThrows(IOException.class, () -> new ShapefileWriter().write(mixed, out));
        assertTrue(e.getMessage().contains("feature 1"), e.getMessage());
        assertEquals(List.of(), files(tmp));

        VectorLayer ok = new VectorLayer("ok", null, none, List.of(
                new VectorFeature(SampleLayers.wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))"), Map.of())));
        Path noDir = tmp.resolve("no-such-dir").resolve("ok.shp");
        e = assertThrows(IOException.class, () -> new ShapefileWriter().write(ok, noDir));
        assertTrue(e.getMessage().contains("no-such-dir"), e.getMessage());
        Path notShp = tmp.resolve("ok.txt");
        assertThrows(IOException.class, () -> new ShapefileWriter().write(ok, notShp));
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void overwritingRemovesStaleCompanions() throws IOException {
        Path out = tmp.resolve("over.shp");
        new ShapefileWriter().write(SampleLayers.footprints(Crs.WGS84), out);
        Files.writeString(tmp.resolve("over.qix"), "stale index");
        Files.writeString(tmp.resolve("over.PRJ"), "stale, other case");
        new ShapefileWriter().write(SampleLayers.footprints(null), out);
        assertEquals(List.of("over.cpg", "over.dbf", "over.shp", "over.shx"), files(tmp));
        assertNull(new ShapefileReader().read(out).crs());
    }

    @Test
    void anEmptyLayerIsAValidPolygonShapefile() throws Exception {
        Path out = tmp.resolve("empty.shp");
        VectorLayer empty = new VectorLayer("empty", Crs.WGS84, List.of(new FieldDef("when", FieldType.DATETIME)),
                List.of());
        new ShapefileWriter().write(empty, out);
        VectorLayer back = new ShapefileReader().read(out);
        assertEquals(0, back.features().size());
        assertEquals(4326, back.crs().epsgCode().getAsInt());
        if (Gdal.available()) {
            Gdal.Report r = Gdal.describe(out, List.of());
            assertEquals(0, r.count());
            assertEquals("Polygon", r.geometryType());
        }
    }
}
