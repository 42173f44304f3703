package org.roofline.geometry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.ExternalTools;
import org.roofline.geometry.io.geojson.GeoJsonReader;
import org.roofline.geometry.io.geojson.GeoJsonWriter;

class GeometryRepairTest {

    @TempDir
    Path tmp;

    private static Geometry wkt(String text) {
        try {
            return new WKTReader(new GeometryFactory()).read(text);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static VectorLayer layer(Geometry... geometries) {
        return new VectorLayer("t", Crs.WGS84, List.of(new FieldDef("k", FieldType.INTEGER)),
                java.util.stream.IntStream.range(0, geometries.length)
                        .mapToObj(i -> new VectorFeature(geometries[i], Map.of("k", (long) i))).toList());
    }

    @Test
    void repairsWhatItCanAndKeepsEveryFeature() {
        Geometry valid = wkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))");
        Geometry bowTie = wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
        Geometry collapsed = wkt("POLYGON ((0 0, 1 1, 2 2, 0 0))");
        VectorLayer in = layer(valid, bowTie, collapsed);
        assertEquals(List.of(1, 2), GeometryRepair.invalidFeatures(in));

        GeometryRepair.Result r = GeometryRepair.repair(in);
        assertEquals(3, r.layer().features().size(), "no feature dropped");
        assertEquals(List.of(1), r.repairedFeatures());
        assertEquals(List.of(2), r.unrepairableFeatures());
        assertEquals(1, r.repaired());
        assertEquals(1, r.unrepairable());
        assertSame(valid, r.layer().features().get(0).geometry(), "valid geometries untouched");
        Geometry fixed = r.layer().features().get(1).geometry();
        assertTrue(fixed.isValid());
        assertEquals("MultiPolygon", fixed.getGeometryType(), "the bow-tie's two lobes");
        assertEquals(50, fixed.getArea(), 1e-9);
        assertSame(collapsed, r.layer().features().get(2).geometry(), "kept as it was when the fix is empty");
        assertEquals(1L, r.layer().features().get(1).get("k"), "attributes kept");
        assertSame(in.crs(), r.layer().crs());

        GeometryRepair.Result keep = new GeometryRepair(true).apply(in);
        assertEquals(List.of(1, 2), keep.repairedFeatures(), "kept collapsed: the line is a valid repair");
        assertEquals("LineString", keep.layer().features().get(2).geometry().getGeometryType());
    }

    /**
     * The real Boulder buildings (converted to GeoJSON by GDAL) hold 10 self-intersecting polygons: all are repaired,
     * and GDAL (GEOS through SpatiaLite) finds none invalid in what we write.
     */
    @Test
    void repairsTheBoulderBuildings() throws Exception {
        Path shp = ExternalTools.samples().resolve("boulder-mtbf33/boulder_buildings.shp");
        assumeTrue(Files.isRegularFile(shp), "sample not found: " + shp);
        assumeTrue(ExternalTools.onPath("ogr2ogr"), "ogr2ogr (gdal-bin) is not on the PATH");
        Path geojson = tmp.resolve("boulder.geojson");
        ExternalTools.run(null, "ogr2ogr", "-f", "GeoJSON", geojson.toString(), shp.toString());
        VectorLayer layer = new GeoJsonReader().read(geojson);
        assertEquals(13_491, layer.features().size());
        assertEquals(10, GeometryRepair.invalidFeatures(layer).size());

        GeometryRepair.Result r = GeometryRepair.repair(layer);
        assertEquals(10, r.repaired());
        assertEquals(0, r.unrepairable());
        assertEquals(13_491, r.layer().features().size());
        assertEquals(List.of(), GeometryRepair.invalidFeatures(r.layer()));
        for (int i : r.repairedFeatures()) {
            double before = Math.abs(layer.features().get(i).geometry().getArea());
            double after = r.layer().features().get(i).geometry().getArea();
            assertTrue(after > 0 && after < 2 * before + 1e-12, "feature " + i + ": " + before + " -> " + after);
        }

        Path out = tmp.resolve("repaired.geojson");
        new GeoJsonWriter().write(r.layer(), out);
        assertEquals("boulder_buildings", r.layer().name(), "the name GDAL wrote, kept");
        String sql = "SELECT COUNT(*) AS n FROM boulder_buildings WHERE NOT ST_IsValid(geometry)";
        String before = ExternalTools.run(null, "ogrinfo", "-ro", "-dialect", "sqlite", "-sql", sql, geojson.toString());
        assumeTrue(!before.contains("no such function"), "GDAL without SpatiaLite: " + before);
        assertTrue(before.contains("n (Integer) = 10"), before);
        String after = ExternalTools.run(null, "ogrinfo", "-ro", "-dialect", "sqlite", "-sql", sql, out.toString());
        Matcher m = Pattern.compile("n \\(Integer\\) = (\\d+)").matcher(after);
        assertTrue(m.find(), after);
        assertEquals("0", m.group(1), after);
    }
}
