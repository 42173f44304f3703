package org.roofline.geometry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.ExternalTools;
import org.roofline.geometry.crs.GeodesicArea;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.geojson.GeoJsonReader;
import org.roofline.geometry.io.geojson.GeoJsonWriter;

class FootprintLayersTest {

    private static final Crs UTM16N = Crs.epsg(32616);

    @TempDir
    Path tmp;

    private static Geometry wkt(String text) {
        try {
            return new WKTReader(new GeometryFactory()).read(text);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Footprint> atlantaFootprints() {
        List<Footprint> list = new ArrayList<>();
        list.add(new Footprint(7, (Polygon) wkt("POLYGON ((733700 3725000, 733720 3725000, 733720 3725015, 733700 3725015,"
                + " 733700 3725000))"), ReviewStatus.ACCEPTED, 0.91, "right-angles", true, "sample_geotiff.tif",
                Instant.parse("2025-03-01T08:00:00Z")));
        list.add(new Footprint(8, (Polygon) wkt("POLYGON ((733800 3725050, 733830 3725050, 733830 3725080, 733800 3725080,"
                + " 733800 3725050), (733810 3725060, 733820 3725060, 733820 3725070, 733810 3725070, 733810 3725060))"),
                ReviewStatus.PENDING, Double.NaN, "any-angle", false, null, null));
        return list;
    }

    @Test
    void writesTheSchemaWithTrueAreas() {
        List<Footprint> footprints = atlantaFootprints();
        VectorLayer layer = FootprintLayers.toLayer("buildings", footprints, UTM16N);
        assertEquals(FootprintLayers.FIELDS, layer.fields());
        assertEquals(List.of("id", "status", "confidence", "area_m2", "area_px", "vertices", "method", "regularized",
                "source", "reviewed_at"), layer.fields().stream().map(FieldDef::name).toList());
        assertSame(UTM16N, layer.crs());
        VectorFeature a = layer.features().get(0);
        assertEquals(7L, a.get("id"));
        assertEquals("accepted", a.get("status"));
        assertEquals(0.91, a.get("confidence"));
        assertEquals(GeodesicArea.squareMetres(footprints.get(0).polygon(), UTM16N), (Double) a.get("area_m2"), 0);
        assertEquals(300, (Double) a.get("area_m2"), 0.3, "20 m x 15 m");
        assertNull(a.get("area_px"));
        assertEquals("right-angles", a.get("method"));
        assertEquals(Boolean.TRUE, a.get("regularized"));
        assertEquals("sample_geotiff.tif", a.get("source"));
        assertEquals(Instant.parse("2025-03-01T08:00:00Z"), a.get("reviewed_at"));
        VectorFeature b = layer.features().get(1);
        assertNull(b.get("confidence"), "NaN confidence is null");
        assertEquals(800, (Double) b.get("area_m2"), 1, "the hole is subtracted");
        assertNull(b.get("reviewed_at"));
    }

    @Test
    void pixelFootprintsGetThePixelArea() {
        Footprint fp = Footprint.pending(1, (Polygon) wkt("POLYGON ((0 0, 10 0, 10 4, 0 4, 0 0))"), "none", true, "tile");
        VectorLayer layer = FootprintLayers.toLayer("pixels", List.of(fp), null);
        assertNull(layer.crs());
        assertNull(layer.features().get(0).get("area_m2"));
        assertEquals(40.0, layer.features().get(0).get("area_px"));
    }

    /** Footprints survive a trip through a GeoJSON file that keeps the CRS, and GDAL sees the schema. */
    @Test
    void roundTripsThroughGeoJson() throws Exception {
        List<Footprint> footprints = atlantaFootprints();
        Path file = tmp.resolve("buildings.geojson");
        new GeoJsonWriter().keepingSourceCrs().write(FootprintLayers.toLayer("buildings", footprints, UTM16N), file);
        FootprintLayers.Imported back = FootprintLayers.fromLayer(new GeoJsonReader().read(file));
        assertEquals(UTM16N, back.crs());
        assertEquals(0, back.skipped());
        assertEquals(footprints.size(), back.footprints().size());
        for (int i = 0; i < footprints.size(); i++) {
            Footprint a = footprints.get(i);
            Footprint b = back.footprints().get(i);
            assertTrue(a.polygon().norm().equalsExact(b.polygon().norm(), 0), "polygon " + i);
            assertEquals(a.withPolygon(b.polygon()), b, "every other value of footprint " + i);
        }
        if (ExternalTools.onPath("ogrinfo")) {
            String info = ExternalTools.ogrinfoSummary(file);
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = Pattern.compile("(?m)^(\\w+): ([\\w()]+) \\(").matcher(info);
            while (m.find()) {
                fields.put(m.group(1), m.group(2));
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (String[] f : new String[][] {{"id", "Integer"}, {"status", "String"}, {"confidence", "Real"},
                {"area_m2", "Real"}, {"area_px", "String"}, {"vertices", "Integer"}, {"method", "String"}, {"regularized", "Integer(Boolean)"},
                {"source", "String"}, {"reviewed_at", "DateTime"}}) {
                expected.put(f[0], f[1]);
            }
            // area_px is null throughout, which GDAL types as String
            assertEquals(expected, fields, info);
        }
    }

    /** Labels from another tool (OpenStreetMap via fAIr): pending footprints with fresh ids, nothing else kept. */
    @Test
    void importsForeignLayers() throws IOException {
        Path labels = ExternalTools.samples().resolve("fair-kampala/labels/OAM-309612-261632-19.geojson");
        assumeTrue(Files.isRegularFile(labels), "sample not found: " + labels);
        VectorLayer layer = new GeoJsonReader().read(labels);
        assertEquals(List.of("osm_id"), layer.fields().stream().map(FieldDef::name).toList());
        FootprintLayers.Imported imported = FootprintLayers.fromLayer(layer);
        assertSame(Crs.WGS84, imported.crs());
        int polygons = 0;
        for (VectorFeature f : layer.features()) {
            polygons += f.geometry().getNumGeometries();
        }
        assertEquals(polygons, imported.footprints().size());
        for (int i = 0; i < imported.footprints().size(); i++) {
            Footprint fp = imported.footprints().get(i);
            assertEquals(i + 1, fp.id(), "fresh ids");
            assertEquals(ReviewStatus.PENDING, fp.status());
            assertTrue(Double.isNaN(fp.confidence()));
            assertEquals(FootprintLayers.IMPORTED_METHOD, fp.method());
            assertNull(fp.source());
            assertNull(fp.reviewedAt());
        }
    }

    @Test
    void readsShapefileStyleNamesAndFixesIds() {
        List<FieldDef> fields = List.of(new FieldDef("ID", FieldType.INTEGER), new FieldDef("STATUS", FieldType.STRING),
                new FieldDef("regularize", FieldType.STRING), new FieldDef("reviewed_a", FieldType.STRING),
                new FieldDef("confidence", FieldType.REAL));
        List<VectorFeature> features = new ArrayList<>();
        features.add(feature(wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))"), 5L, "Rejected", "T", "2024-01-02T03:04:05Z", 0.5));
        features.add(feature(wkt("POLYGON ((2 0, 3 0, 3 1, 2 0))"), 5L, "nonsense", "F", null, 7.0));
        features.add(feature(wkt("MULTIPOLYGON (((4 0, 5 0, 5 1, 4 0)), ((6 0, 7 0, 7 1, 6 0)))"), 9L, "edited", null,
                "not a date", null));
        features.add(feature(wkt("LINESTRING (0 0, 1 1)"), 10L, "accepted", "T", null, null));
        FootprintLayers.Imported in = FootprintLayers.fromLayer(new VectorLayer("shp", Crs.WGS84, fields, features));
        assertEquals(1, in.skipped(), "the line");
        List<Footprint> fps = in.footprints();
        assertEquals(4, fps.size());
        assertEquals(List.of(5L, 10L, 9L, 11L), fps.stream().map(Footprint::id).toList(),
                "5 kept, its duplicate and the second part renumbered above the largest kept id");
        assertEquals(ReviewStatus.REJECTED, fps.get(0).status());
        assertTrue(fps.get(0).regularized());
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), fps.get(0).reviewedAt());
        assertEquals(0.5, fps.get(0).confidence());
        assertEquals(ReviewStatus.PENDING, fps.get(1).status(), "an unknown status is pending");
        assertTrue(Double.isNaN(fps.get(1).confidence()), "a confidence outside [0, 1] is unknown");
        assertEquals(ReviewStatus.EDITED, fps.get(2).status());
        assertEquals(ReviewStatus.EDITED, fps.get(3).status(), "both parts of the MultiPolygon");
        assertNull(fps.get(2).reviewedAt());
    }

    private static VectorFeature feature(Geometry g, Long id, String status, String regularized, String reviewed,
            Double confidence) {
        Map<String, Object> a = new HashMap<>();
        a.put("ID", id);
        a.put("STATUS", status);
        a.put("regularize", regularized);
        a.put("reviewed_a", reviewed);
        a.put("confidence", confidence);
        return new VectorFeature(g, a);
    }
}
