package org.roofline.geometry.io.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.crs.ExternalTools;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;

class GeoJsonLayerIoTest {

    private static final Pattern OGR_FIELD = Pattern.compile("(?m)^(.+): (\\w+(?:\\(\\w+\\))?) \\(\\d+\\.\\d+\\)$");

    @TempDir
    Path tmp;

    private static Geometry wkt(String text) {
        try {
            return new WKTReader(new GeometryFactory()).read(text);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Path atlanta() {
        Path file = ExternalTools.samples().resolve("spacenet-atlanta/geotiff_labels.geojson");
        assumeTrue(Files.isRegularFile(file), "sample not found: " + file);
        return file;
    }

    /** The fields as GDAL types them, mapped to Roofline's types ("?" for a type Roofline does not have). */
    private static Map<String, String> gdalFields(String ogrinfo) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = OGR_FIELD.matcher(ogrinfo);
        while (m.find()) {
            out.put(m.group(1), switch (m.group(2)) {
                case "Integer", "Integer64" -> "INTEGER";
                case "Real" -> "REAL";
                case "String", "String(JSON)" -> "STRING";
                case "DateTime" -> "DATETIME";
                case "Integer(Boolean)" -> "BOOLEAN";
                default -> "?" + m.group(2);
            });
        }
        return out;
    }

    private static Map<String, String> ourFields(VectorLayer layer) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldDef f : layer.fields()) {
            out.put(f.name(), f.type().name());
        }
        return out;
    }

    private static int gdalFeatureCount(String ogrinfo) {
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfo);
        assertTrue(m.find(), ogrinfo);
        return Integer.parseInt(m.group(1));
    }

    private static String gdalEpsg(String ogrinfo) {
        // the last ID of the layer SRS WKT is the CRS's own
        Matcher m = Pattern.compile("(?m)^    ID\\[\"EPSG\",(\\d+)\\]\\]").matcher(ogrinfo);
        return m.find() ? m.group(1) : null;
    }

    /** Every real GeoJSON sample: same features, field names, order and types, and CRS as GDAL reads them. */
    @Test
    void readsRealFilesAsGdalDoes() throws Exception {
        assumeTrue(ExternalTools.onPath("ogrinfo"), "ogrinfo (gdal-bin) is not on the PATH");
        List<Path> files;
        try (Stream<Path> s = Files.walk(ExternalTools.samples())) {
            files = s.filter(p -> p.toString().endsWith(".geojson")).sorted().toList();
        }
        assumeTrue(files.size() >= 4, "samples not found");
        int checked = 0;
        for (Path file : files) {
            VectorLayer layer = new GeoJsonReader().read(file);
            String info = ExternalTools.ogrinfoSummary(file);
            if (info.contains("Feature Count: 0")) {
                assertTrue(layer.features().isEmpty(), file.toString());
                continue;
            }
            assertEquals(gdalFeatureCount(info), layer.features().size(), file.toString());
            assertEquals(gdalFields(info), ourFields(layer), file.toString());
            assertEquals(gdalEpsg(info), Integer.toString(layer.crs().epsgCode().orElseThrow()), file.toString());
            checked++;
        }
        assertTrue(checked >= 4);
    }

    @Test
    void honoursTheLegacyCrsMember() throws IOException {
        VectorLayer layer = new GeoJsonReader().read(atlanta());
        assertEquals(Crs.epsg(32616), layer.crs());
        assertEquals("geotiff_labels", layer.name());
        assertEquals(43, layer.features().size());
        Envelope e = new Envelope();
        layer.features().forEach(f -> e.expandToInclude(f.geometry().getEnvelopeInternal()));
        assertTrue(e.getMinX() >= 733601 && e.getMaxX() <= 734051 && e.getMinY() >= 3724689 && e.getMaxY() <= 3725139,
                "UTM coordinates, not reprojected: " + e);
        assertEquals(FieldType.INTEGER, layer.fields().stream().filter(f -> f.name().equals("osm_id")).findFirst()
                .orElseThrow().type());
    }

    /** Default output is RFC 7946: reprojected to WGS 84 longitude/latitude, no crs member; GDAL agrees. */
    @Test
    void writesRfc7946() throws Exception {
        VectorLayer utm = new GeoJsonReader().read(atlanta());
        Path out = tmp.resolve("atlanta-wgs84.geojson");
        new GeoJsonWriter().write(utm, out);
        String text = Files.readString(out);
        assertFalse(text.contains("\"crs\""), "no crs member");
        VectorLayer back = new GeoJsonReader().read(out);
        assertSame(Crs.WGS84, back.crs());
        assertEquals(ourFields(utm), ourFields(back));
        CrsTransform toWgs84 = CrsTransform.of(utm.crs(), Crs.WGS84);
        Envelope expected = new Envelope();
        for (int i = 0; i < utm.features().size(); i++) {
            Geometry g = back.features().get(i).geometry();
            Geometry reprojected = toWgs84.transform(utm.features().get(i).geometry());
            expected.expandToInclude(reprojected.getEnvelopeInternal());
            assertTrue(g.equalsExact(reprojected.norm(), 0) || g.norm().equalsExact(reprojected.norm(), 0), "feature " + i);
            assertEquals(utm.features().get(i).attributes(), back.features().get(i).attributes());
            Polygon p = (Polygon) g;
            assertTrue(Orientation.isCCW(p.getExteriorRing().getCoordinateSequence()), "exterior ring counter-clockwise");
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                assertFalse(Orientation.isCCW(p.getInteriorRingN(h).getCoordinateSequence()), "holes clockwise");
            }
        }
        if (ExternalTools.onPath("ogrinfo")) {
            String info = ExternalTools.ogrinfoSummary(out);
            assertEquals(43, gdalFeatureCount(info));
            assertEquals("4326", gdalEpsg(info), info);
            assertEquals(gdalFields(ExternalTools.ogrinfoSummary(atlanta())), gdalFields(info));
            Matcher m = Pattern.compile("Extent: \\((\\S+), (\\S+)\\) - \\((\\S+), (\\S+)\\)").matcher(info);
            assertTrue(m.find(), info);
            assertEquals(expected.getMinX(), Double.parseDouble(m.group(1)), 1e-6);
            assertEquals(expected.getMinY(), Double.parseDouble(m.group(2)), 1e-6);
            assertEquals(expected.getMaxX(), Double.parseDouble(m.group(3)), 1e-6);
            assertEquals(expected.getMaxY(), Double.parseDouble(m.group(4)), 1e-6);
        }
    }

    @Test
    void keepsTheSourceCrsWhenAsked() throws Exception {
        VectorLayer utm = new GeoJsonReader().read(atlanta());
        Path out = tmp.resolve("atlanta-utm.geojson");
        GeoJsonWriter writer = new GeoJsonWriter().keepingSourceCrs();
        assertTrue(writer.keepsSourceCrs());
        writer.write(utm, out);
        assertTrue(Files.readString(out).contains(
                "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::32616\"}}"));
        VectorLayer back = new GeoJsonReader().read(out);
        assertEquals(Crs.epsg(32616), back.crs());
        for (int i = 0; i < utm.features().size(); i++) {
            Geometry a = utm.features().get(i).geometry();
            Geometry b = back.features().get(i).geometry();
            assertTrue(a.norm().equalsExact(b.norm(), 0), "coordinates unchanged, feature " + i);
        }
        if (ExternalTools.onPath("ogrinfo")) {
            String info = ExternalTools.ogrinfoSummary(out);
            assertEquals("32616", gdalEpsg(info), info);
            assertTrue(info.contains("Extent: (733601.000000, 3724689.000000) - (734051.000000, 3725139.000000)"), info);
        }
    }

    @Test
    void readsAndWritesEveryGeometryType() throws Exception {
        List<Geometry> geometries = List.of(
                wkt("POINT (1.5 2.5)"),
                wkt("LINESTRING (0 0, 1 1, 2 0)"),
                wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))"),
                wkt("MULTIPOINT ((0 0), (1 1))"),
                wkt("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))"),
                wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"),
                wkt("GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 0))"),
                wkt("GEOMETRYCOLLECTION EMPTY"));
        List<VectorFeature> features = new ArrayList<>();
        for (int i = 0; i < geometries.size(); i++) {
            features.add(new VectorFeature(geometries.get(i), Map.of("n", (long) i)));
        }
        VectorLayer layer = new VectorLayer("mixed", Crs.WGS84, List.of(new FieldDef("n", FieldType.INTEGER)), features);
        Path out = tmp.resolve("mixed.geojson");
        new GeoJsonWriter().write(layer, out);
        VectorLayer back = new GeoJsonReader().read(out);
        assertEquals(geometries.size(), back.features().size());
        for (int i = 0; i < geometries.size(); i++) {
            Geometry a = geometries.get(i);
            Geometry b = back.features().get(i).geometry();
            assertEquals(a.getGeometryType(), b.getGeometryType(), "type of " + i);
            assertTrue(a.equalsExact(b) || a.norm().equalsExact(b.norm()), a + " read back as " + b);
            assertEquals((long) i, back.features().get(i).get("n"));
        }
        assertTrue(Files.readString(out).contains("\"geometry\":null"), "the empty geometry is written as null");
        if (ExternalTools.onPath("ogrinfo")) {
            String info = ExternalTools.ogrinfoSummary(out);
            assertEquals(8, gdalFeatureCount(info));
            assertTrue(info.contains("Geometry: Unknown (any)"), info);
        }
    }

    @Test
    void typesPropertiesDeliberately() throws Exception {
        String json = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature("{\"i\":1,\"r\":1,\"s\":\"a\",\"b\":true,\"t\":\"2024-05-01T10:15:30Z\",\"mix\":1,\"n\":null,"
                        + "\"nest\":{\"k\":[1,2]},\"big\":1}")
                + "," + feature("{\"i\":-7,\"r\":2.5,\"s\":\"b\",\"b\":false,\"t\":\"2024-05-01T12:15:30+02:00\","
                        + "\"mix\":\"x\",\"n\":null,\"nest\":[true],\"big\":123456789012345678901234}")
                + "," + feature("{\"i\":null,\"r\":null,\"extra\":\"late\"}")
                + "]}";
        Path file = tmp.resolve("types.geojson");
        Files.writeString(file, json);
        VectorLayer layer = new GeoJsonReader().read(file);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("i", "INTEGER");
        expected.put("r", "REAL");
        expected.put("s", "STRING");
        expected.put("b", "BOOLEAN");
        expected.put("t", "DATETIME");
        expected.put("mix", "STRING");
        expected.put("n", "STRING");
        expected.put("nest", "STRING");
        expected.put("big", "REAL");
        expected.put("extra", "STRING");
        assertEquals(expected, ourFields(layer));
        VectorFeature f0 = layer.features().get(0);
        VectorFeature f1 = layer.features().get(1);
        assertEquals(1L, f0.get("i"));
        assertEquals(1.0, f0.get("r"));
        assertEquals(Boolean.TRUE, f0.get("b"));
        assertEquals(Instant.parse("2024-05-01T10:15:30Z"), f0.get("t"));
        assertEquals(Instant.parse("2024-05-01T10:15:30Z"), f1.get("t"), "offsets are applied");
        assertEquals("1", f0.get("mix"), "a number in a text field keeps its JSON text");
        assertEquals("x", f1.get("mix"));
        assertEquals("{\"k\":[1,2]}", f0.get("nest"));
        assertEquals("[true]", f1.get("nest"));
        assertEquals(1.2345678901234568e23, (Double) f1.get("big"), 1e8);
        assertNull(layer.features().get(2).get("s"));
        assertEquals("late", layer.features().get(2).get("extra"));
        if (ExternalTools.onPath("ogrinfo")) {
            Map<String, String> gdal = gdalFields(ExternalTools.ogrinfoSummary(file));
            for (String agreed : List.of("i", "r", "s", "b", "t", "mix", "n", "nest", "extra")) {
                assertEquals(gdal.get(agreed), expected.get(agreed), "GDAL's type of " + agreed);
            }
        }
    }

    private static String feature(String properties) {
        return "{\"type\":\"Feature\",\"properties\":" + properties
                + ",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}";
    }

    @Test
    void readsInvalidGeometriesAsTheyAre() {
        String json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}]}";
        VectorLayer layer = new GeoJsonReader().read(json, "bowtie");
        assertEquals(2, layer.features().size());
        assertFalse(layer.features().get(0).geometry().isValid(), "a bow-tie is read, invalid, not dropped");
        assertEquals(5, layer.features().get(0).geometry().getNumPoints());
        assertTrue(layer.features().get(1).geometry().isEmpty(), "a null geometry is an empty one");
        assertSame(Crs.WGS84, layer.crs());
    }

    @Test
    void aLayerWithoutCrsRoundTripsAsOne() throws IOException {
        VectorLayer pixels = new VectorLayer("pixels", null, List.of(new FieldDef("id", FieldType.INTEGER)),
                List.of(new VectorFeature(wkt("POLYGON ((0 0, 640 0, 640 480, 0 480, 0 0))"), Map.of("id", 1L))));
        Path out = tmp.resolve("pixels.geojson");
        new GeoJsonWriter().write(pixels, out);
        assertTrue(Files.readString(out).contains("\"crs\":null"));
        VectorLayer back = new GeoJsonReader().read(out);
        assertNull(back.crs());
        assertEquals(640, back.features().get(0).geometry().getEnvelopeInternal().getMaxX(), 0, "not reprojected");
    }

    @Test
    void readsASingleFeatureAndThirdOrdinates() {
        VectorLayer layer = new GeoJsonReader().read("{\"geometry\":{\"coordinates\":[[1,2,3],[4,5,6]],"
                + "\"type\":\"LineString\"},\"type\":\"Feature\",\"id\":\"way/12\",\"properties\":{\"a\":1}}", "one");
        assertEquals(1, layer.features().size());
        assertEquals(3.0, layer.features().get(0).geometry().getCoordinates()[0].getZ());
        assertEquals("way/12", layer.features().get(0).get("id"), "the feature id becomes an id property");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GeoJsonReader().read("{\"type\":\"Point\",\"coordinates\":[1,2]}", "x"));
        assertEquals("not a GeoJSON FeatureCollection or Feature: its type is 'Point'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GeoJsonReader().read("{\"type\":\"FeatureCollection\","
                + "\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[0,0],[1,1]]]}}]}", "x"));
        assertEquals("feature 0: Polygon exterior ring has 2 positions, fewer than a ring needs", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GeoJsonReader().read("{\"type\":\"Feature\",", "x"));
        assertTrue(e.getMessage().startsWith("not GeoJSON: invalid JSON: ") && e.getMessage().contains("line 1"),
                e.getMessage());
    }

    @Test
    void numbersAreWrittenPlainAndZIsKept() throws IOException {
        VectorLayer layer = new VectorLayer("n", Crs.WGS84, List.of(new FieldDef("v", FieldType.REAL)),
                List.of(new VectorFeature(wkt("POINT Z (0.0000001 -12.5 1500)"), Map.of("v", 3.25e-12))));
        StringWriter w = new StringWriter();
        new GeoJsonWriter().write(layer, w);
        assertEquals("{\"type\":\"FeatureCollection\",\"name\":\"n\",\"features\":[\n"
                + "{\"type\":\"Feature\",\"properties\":{\"v\":0.00000000000325},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[0.0000001,-12.5,1500]}}\n]}\n", w.toString());
    }

    @Test
    void reportsCrsProblemsNamingTheFile() throws IOException {
        Path unknown = tmp.resolve("unknown-crs.geojson");
        Files.writeString(unknown, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"urn:ogc:def:crs:EPSG::999999\"}},\"features\":[]}");
        IOException e = assertThrows(IOException.class, () -> new GeoJsonReader().read(unknown));
        assertTrue(e.getMessage().startsWith(unknown + ": unknown CRS 'urn:ogc:def:crs:EPSG::999999'"), e.getMessage());
        Path link = tmp.resolve("link-crs.geojson");
        Files.writeString(link, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"link\",\"properties\":"
                + "{\"href\":\"http://example.com/crs/42\"}},\"features\":[]}");
        e = assertThrows(IOException.class, () -> new GeoJsonReader().read(link));
        assertTrue(e.getMessage().startsWith(link + ": the \"crs\" member links to"), e.getMessage());
        Path epsgObject = tmp.resolve("epsg-object.geojson");
        Files.writeString(epsgObject, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"EPSG\",\"properties\":"
                + "{\"code\":2154}},\"features\":[]}");
        assertEquals(OptionalInt.of(2154), new GeoJsonReader().read(epsgObject).crs().epsgCode());

        Crs custom = Crs.fromWkt("PROJCS[\"Site grid\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
                + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
                + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",1234.5],PARAMETER[\"False_Northing\",0.0],"
                + "PARAMETER[\"Central_Meridian\",-84.4],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",33.7],"
                + "UNIT[\"Meter\",1.0]]");
        VectorLayer layer = new VectorLayer("site", custom, List.of(), List.of(new VectorFeature(wkt("POINT (1 2)"), Map.of())));
        Path out = tmp.resolve("site.geojson");
        e = assertThrows(IOException.class, () -> new GeoJsonWriter().write(layer, out));
        assertTrue(e.getMessage().startsWith(out + ": cannot write RFC 7946 GeoJSON: cannot reproject from Site grid"),
                e.getMessage());
        e = assertThrows(IOException.class, () -> new GeoJsonWriter().keepingSourceCrs().write(layer, out));
        assertTrue(e.getMessage().startsWith(out + ": cannot name the CRS Site grid (no EPSG code) in GeoJSON"),
                e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }
}
