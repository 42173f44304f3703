package org.roofline.geometry.io.geopackage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.shapefile.Gdal;
import org.roofline.geometry.io.shapefile.SampleLayers;
import org.roofline.geometry.io.shapefile.ShapefileReader;

class GeoPackageWriterTest {

    @TempDir
    Path tmp;

    static Path boulder() {
        String resources = System.getProperty("roofline.resources");
        assumeTrue(resources != null, "roofline.resources is not set");
        Path shp = Paths.get(resources, "samples", "boulder-mtbf33", "boulder_buildings.shp");
        assertTrue(Files.isRegularFile(shp), "sample missing: " + shp);
        return shp;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** GDAL's own GeoPackage validator, where python3-gdal ships it. */
    static void validateWithGdal(Path gpkg) throws IOException {
        Gdal.Result r = Gdal.run(List.of(Gdal.python(), "-c",
                "import sys\ntry:\n    from osgeo_utils.samples import validate_gpkg\nexcept ImportError:\n"
                        + "    sys.exit(0)\nsys.exit(validate_gpkg.main(['validate_gpkg', sys.argv[1]]))",
                gpkg.toString()));
        assertEquals(0, r.exit(), "GDAL's validate_gpkg: " + r.out() + r.err());
    }

    @Test
    void boulderAsGdalSeesIt() throws Exception {
        Gdal.assumeAvailable();
        Path source = boulder();
        VectorLayer layer = new ShapefileReader().read(source);
        Path out = tmp.resolve("boulder.gpkg");
        new GeoPackageWriter().write(layer, out);
        assertEquals(List.of("boulder.gpkg"), files(tmp), "only the GeoPackage, no temporary or journal file");

        Gdal.Report src = Gdal.describe(source, null);
        Gdal.Report written = Gdal.describe(out, null);
        assertEquals("boulder_buildings", written.layer());
        assertEquals(13_491, written.count());
        assertEquals("Multi Polygon", written.geometryType());
        assertEquals(4326, written.epsg());
        String summary = Gdal.ogrinfoSummary(out);
        assertTrue(summary.contains("ID[\"EPSG\",4326]"), summary);
        assertTrue(!summary.contains("Warning"), "GDAL opens it without warnings: " + summary);
        assertEquals(List.of("year_built"), written.fieldNames());
        assertEquals("Integer64", written.fieldTypes().get("year_built"));
        assertEquals(10, written.invalid(), "GDAL's count of invalid geometries");
        assertEquals(src.invalid(), written.invalid());
        for (int i = 0; i < 13_491; i++) {
            assertEquals(src.value(i, "year_built"), written.value(i, "year_built"), "year_built of feature " + i);
        }
        List<Integer> picks = List.of(0, 1, 7, 100, 4_321, 9_999, 13_490);
        Gdal.Report a = Gdal.describe(source, picks);
        Gdal.Report b = Gdal.describe(out, picks);
        for (int i : picks) {
            Geometry expected = a.geometry(i);
            Geometry actual = b.geometry(i);
            assertEquals("MultiPolygon", actual.getGeometryType());
            if (expected instanceof Polygon p) { // a MULTIPOLYGON table holds one-part multi-polygons
                expected = p.getFactory().createMultiPolygon(new Polygon[] {p});
            }
            assertTrue(expected.norm().equalsExact(actual.norm()), "geometry of feature " + i);
        }
        validateWithGdal(out);

        // and back through Roofline's reader
        VectorLayer again = new GeoPackageReader().read(out);
        assertEquals("boulder_buildings", again.name());
        assertEquals(Crs.WGS84, again.crs());
        assertEquals(layer.fields(), again.fields());
        assertEquals(13_491, again.features().size());
        for (int i = 0; i < layer.features().size(); i++) {
            assertEquals(layer.features().get(i).attributes(), again.features().get(i).attributes());
            assertEquals(layer.features().get(i).geometry().getGeometryType(),
                    again.features().get(i).geometry().getGeometryType(), "one-part multi-polygons read as polygons");
            assertTrue(layer.features().get(i).geometry().norm().equalsExact(
                    again.features().get(i).geometry().norm()), "geometry " + i);
        }
    }

    @Test
    void footprintFieldsTypesAndUnicodeAsGdalSeesThem() throws Exception {
        Gdal.assumeAvailable();
        VectorLayer layer = SampleLayers.footprints(Crs.epsg(32613));
        Path out = tmp.resolve("footprints.gpkg");
        new GeoPackageWriter().write(layer, out);

        Gdal.Report r = Gdal.describe(out, List.of(0, 1, 2, 3, 4));
        assertEquals("footprints", r.layer());
        assertEquals(5, r.count());
        assertEquals(32613, r.epsg());
        assertEquals("Multi Polygon", r.geometryType());
        assertEquals(List.of("id", "status", "confidence", "area_m2", "method", "regularized", "source",
                "reviewed_at", "vertices"), r.fieldNames());
        assertEquals("Integer64", r.fieldTypes().get("id"));
        assertEquals("Real", r.fieldTypes().get("confidence"));
        assertEquals("String", r.fieldTypes().get("status"));
        assertEquals("Integer(Boolean)", r.fieldTypes().get("regularized"));
        assertEquals("DateTime", r.fieldTypes().get("reviewed_at"));

        assertEquals(SampleLayers.UNICODE, r.value(1, "source"));
        assertEquals(SampleLayers.LONG, r.value(2, "source"), "no length limit");
        assertEquals("", r.value(3, "source"));
        assertEquals("tab\there", r.value(4, "source"));
        assertEquals("-123456789012", r.value(3, "vertices"));
        assertNull(r.value(1, "confidence"), "NaN is stored as NULL");
        assertEquals(123_456_789.125, Double.parseDouble(r.value(4, "area_m2")));
        assertEquals("True", r.value(0, "regularized"));
        assertEquals("False", r.value(1, "regularized"));
        assertNull(r.value(3, "regularized"));
        assertEquals("2024-05-01T10:15:30.123|100", r.value(0, "reviewed_at"), "UTC (GDAL's time zone flag 100)");
        assertEquals("1999-12-31T23:59:59.000|100", r.value(2, "reviewed_at"));
        assertNull(r.value(1, "reviewed_at"));
        for (int i = 0; i < 4; i++) {
            Geometry expected = layer.features().get(i).geometry();
            if (expected instanceof Polygon p) { // a MULTIPOLYGON table holds one-part multi-polygons
                expected = p.getFactory().createMultiPolygon(new Polygon[] {p});
            }
            assertTrue(expected.norm().equalsExact(r.geometry(i).norm()), "geometry " + i + ": " + r.geometry(i));
        }
        assertNull(r.geometry(4), "an empty geometry is stored as NULL");
        assertEquals(1, r.nullGeometries());
        assertEquals(1, r.invalid());
        validateWithGdal(out);

        VectorLayer again = new GeoPackageReader().read(out);
        assertEquals(32613, again.crs().epsgCode().getAsInt());
        assertEquals(layer.fields(), again.fields());
        for (int i = 0; i < layer.features().size(); i++) {
            Map<String, Object> expected = new LinkedHashMap<>(layer.features().get(i).attributes());
            expected.replaceAll((k, v) -> v instanceof Double d && d.isNaN() ? null : v);
            assertEquals(expected, again.features().get(i).attributes(), "feature " + i);
        }
        assertEquals("Polygon", again.features().get(4).geometry().getGeometryType());
        assertTrue(again.features().get(4).geometry().isEmpty());
        for (int i = 0; i < 4; i++) {
            assertTrue(layer.features().get(i).geometry().norm().equalsExact(
                    again.features().get(i).geometry().norm()), "geometry " + i);
        }
    }

    @Test
    void polygonsOnlyMakeAPolygonTable() throws Exception {
        VectorLayer layer = new VectorLayer("squares", Crs.WGS84, List.of(), List.of(
                new VectorFeature(SampleLayers.wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"), Map.of()),
                new VectorFeature(SampleLayers.wkt("POLYGON ((2 0, 3 0, 3 1, 2 1, 2 0))"), Map.of())));
        Path out = tmp.resolve("squares.gpkg");
        new GeoPackageWriter().write(layer, out);
        VectorLayer back = new GeoPackageReader().read(out);
        assertEquals("Polygon", back.features().get(1).geometry().getGeometryType());
        if (Gdal.available()) {
            assertEquals("Polygon", Gdal.describe(out, List.of()).geometryType());
        }
    }

    @Test
    void aCrsWithoutEpsgCodeIsRegisteredByItsWkt() throws Exception {
        Crs custom = Crs.fromWkt("PROJCS[\"Roofline test TM\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\","
                + "SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\","
                + "0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
                + "PARAMETER[\"central_meridian\",-105.123],PARAMETER[\"scale_factor\",0.9996],"
                + "PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]");
        assertTrue(custom.epsgCode().isEmpty());
        Path out = tmp.resolve("custom.gpkg");
        new GeoPackageWriter().write(SampleLayers.footprints(custom), out);
        VectorLayer back = new GeoPackageReader().read(out);
        assertNotNull(back.crs());
        assertTrue(back.crs().epsgCode().isEmpty());
        assertEquals(custom.toWkt1(), back.crs().toWkt1());
        if (Gdal.available()) {
            String summary = Gdal.ogrinfoSummary(out);
            assertTrue(summary.contains("Roofline test TM") && summary.contains("-105.123"), summary);
        }
    }

    @Test
    void noCrsIsTheUndefinedCartesianSystem() throws Exception {
        Path out = tmp.resolve("pixels.gpkg");
        new GeoPackageWriter().write(SampleLayers.footprints(null), out);
        assertNull(new GeoPackageReader().read(out).crs());
        if (Gdal.available()) {
            assertNull(Gdal.describe(out, List.of()).epsg());
        }
    }

    @Test
    void aRejectedValueLeavesNothingBehind() throws IOException {
        VectorLayer good = SampleLayers.footprints(Crs.WGS84);
        Path out = tmp.resolve("out.gpkg");
        List<VectorFeature> features = new ArrayList<>(good.features());
        Map<String, Object> bad = new LinkedHashMap<>(features.get(4).attributes());
        bad.put("status", 42L); // a STRING field holding a Long
        features.set(4, new VectorFeature(features.get(4).geometry(), bad));
        IOException e = assertThrows(IOException.class,
                () -> new GeoPackageWriter().write(good.withFeatures(features), out));
        assertTrue(e.getMessage().startsWith(out.toString()) && e.getMessage().contains("status"), e.getMessage());
        assertEquals(List.of(), files(tmp), "no file and no temporary file is left");

        // an existing GeoPackage is left as it was
        new GeoPackageWriter().write(good, out);
        byte[] before = Files.readAllBytes(out);
        assertThrows(IOException.class, () -> new GeoPackageWriter().write(good.withFeatures(features), out));
        assertEquals(List.of("out.gpkg"), files(tmp));
        assertArrayEquals(before, Files.readAllBytes(out));

        Path noDir = tmp.resolve("missing-dir").resolve("x.gpkg");
        e = assertThrows(IOException.class, () -> new GeoPackageWriter().write(good, noDir));
        assertTrue(e.getMessage().contains("missing-dir"), e.getMessage());
        VectorLayer reserved = new VectorLayer("gpkg_contents", null, List.of(), List.of());
        assertThrows(IOException.class, () -> new GeoPackageWriter().write(reserved, tmp.resolve("r.gpkg")));
        VectorLayer clash = new VectorLayer("clash", null, List.of(new FieldDef("geom", FieldType.STRING)),
                List.of());
        assertThrows(IOException.class, () -> new GeoPackageWriter().write(clash, tmp.resolve("c.gpkg")));
        assertEquals(List.of("out.gpkg"), files(tmp));
    }

    @Test
    void overwritingReplacesTheWholeFile() throws IOException {
        Path out = tmp.resolve("over.gpkg");
        new GeoPackageWriter().write(SampleLayers.footprints(Crs.WGS84), out);
        VectorLayer other = new VectorLayer("other", null, List.of(new FieldDef("when", FieldType.DATETIME)),
                List.of(new VectorFeature(SampleLayers.wkt("POINT (1 2)"),
                        Map.of("when", Instant.parse("2020-02-29T12:00:00Z")))));
        new GeoPackageWriter().write(other, out);
        VectorLayer back = new GeoPackageReader().read(out);
        assertEquals("other", back.name());
        assertEquals(Instant.parse("2020-02-29T12:00:00Z"), back.features().get(0).get("when"));
        IOException e = assertThrows(IOException.class, () -> new GeoPackageReader("footprints").read(out));
        assertTrue(e.getMessage().contains("footprints"), e.getMessage());
    }
}
