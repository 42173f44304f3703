package org.roofline.geometry.io.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.ExternalTools;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.GeometryRepair;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.geojson.GeoJsonReader;
import org.roofline.geometry.io.geojson.GeoJsonWriter;

class VectorFormatTest {

    @TempDir
    Path tmp;

    @Test
    void choosesByExtension() {
        assertEquals(VectorFormat.GEOJSON, VectorFormat.forPath(Path.of("a/b.geojson")));
        assertEquals(VectorFormat.GEOJSON, VectorFormat.forPath(Path.of("B.JSON")));
        assertEquals(VectorFormat.SHAPEFILE, VectorFormat.forPath(Path.of("roads.Shp")));
        assertEquals(VectorFormat.GEOPACKAGE, VectorFormat.forPath(Path.of("/data/x.gpkg")));
        for (String bad : List.of("x.kml", "x.shp.zip", "gpkg", ".geojson", "x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VectorFormat.forPath(Path.of(bad)), bad);
            assertEquals("unknown vector format for " + bad + ": use .geojson, .shp or .gpkg", e.getMessage());
        }
        assertEquals(List.of(".geojson", ".json"), VectorFormat.GEOJSON.extensions());
    }

    @Test
    void givesEachFormatsReaderAndWriter() {
        assertTrue(VectorFormat.GEOJSON.reader() instanceof GeoJsonReader);
        assertTrue(VectorFormat.GEOJSON.writer() instanceof GeoJsonWriter);
        assertEquals("ShapefileReader", VectorFormat.SHAPEFILE.reader().getClass().getSimpleName());
        assertEquals("ShapefileWriter", VectorFormat.SHAPEFILE.writer().getClass().getSimpleName());
        assertEquals("GeoPackageReader", VectorFormat.GEOPACKAGE.reader().getClass().getSimpleName());
        assertEquals("GeoPackageWriter", VectorFormat.GEOPACKAGE.writer().getClass().getSimpleName());
    }

    /**
     * Footprints in UTM through every format: GDAL reads each file with EPSG:32616 (from the GeoPackage's
     * definition, the Shapefile's ESRI .prj, the GeoJSON's legacy crs member) and the footprints read back equal.
     */
    @Test
    void footprintsSurviveEveryFormat() throws Exception {
        List<Footprint> footprints = List.of(
                new Footprint(3, (Polygon) new WKTReader().read("POLYGON ((733700 3725000, 733720 3725000, 733720 3725015,"
                        + " 733700 3725015, 733700 3725000))"), ReviewStatus.ACCEPTED, 0.875, "right-angles", true,
                        "sample_geotiff.tif", Instant.parse("2025-03-01T08:00:00Z")),
                new Footprint(4, (Polygon) new WKTReader().read("POLYGON ((733800 3725050, 733830 3725050, 733830 3725080,"
                        + " 733800 3725080, 733800 3725050), (733810 3725060, 733810 3725070, 733820 3725070,"
                        + " 733820 3725060, 733810 3725060))"), ReviewStatus.PENDING, Double.NaN, "any-angle", false,
                        null, null));
        VectorLayer layer = FootprintLayers.toLayer("buildings", footprints, Crs.epsg(32616));
        for (String name : List.of("buildings.gpkg", "buildings.shp", "buildings.geojson")) {
            Path file = tmp.resolve(name);
            if (name.endsWith(".geojson")) {
                new GeoJsonWriter().keepingSourceCrs().write(layer, file);
            } else {
                VectorIo.write(layer, file);
            }
            FootprintLayers.Imported back = FootprintLayers.fromLayer(VectorIo.read(file));
            assertEquals(Crs.epsg(32616), back.crs(), name);
            assertEquals(footprints.size(), back.footprints().size(), name);
            for (int i = 0; i < footprints.size(); i++) {
                Footprint a = footprints.get(i);
                Footprint b = back.footprints().get(i);
                assertTrue(a.polygon().equalsTopo(b.polygon()), name + " polygon " + i);
                assertEquals(a.withPolygon(b.polygon()), b, name + " footprint " + i);
            }
            if (ExternalTools.onPath("ogrinfo")) {
                String info = ExternalTools.ogrinfoSummary(file);
                assertTrue(info.contains("ID[\"EPSG\",32616]]"), name + ": " + info);
                assertTrue(info.contains("Feature Count: 2"), name + ": " + info);
            }
        }
    }

    /** The real Boulder Shapefile through the facade: its ESRI .prj is identified, its 10 invalid polygons kept. */
    @Test
    void readsTheBoulderShapefile() throws Exception {
        Path shp = ExternalTools.samples().resolve("boulder-mtbf33/boulder_buildings.shp");
        assumeTrue(Files.isRegularFile(shp), "sample not found: " + shp);
        VectorLayer layer = VectorIo.read(shp);
        assertSame(Crs.WGS84, layer.crs());
        assertEquals(13_491, layer.features().size());
        assertEquals(10, GeometryRepair.invalidFeatures(layer).size());
        assertEquals(0, GeometryRepair.invalidFeatures(GeometryRepair.repair(layer).layer()).size());
    }

    @Test
    void vectorIoReadsWhatItWrites() throws Exception {
        VectorLayer layer = new VectorLayer("pts", Crs.epsg(32616), List.of(new FieldDef("name", FieldType.STRING)),
                List.of(new VectorFeature(new GeometryFactory().createPoint(new Coordinate(741763.890144, 3737497.583285)),
                        Map.of("name", "Atlanta"))));
        Path file = tmp.resolve("pts.geojson");
        VectorIo.write(layer, file);
        VectorLayer back = VectorIo.read(file);
        assertEquals(Crs.WGS84, back.crs(), "GeoJSON is written as RFC 7946");
        Coordinate c = back.features().get(0).geometry().getCoordinate();
        assertEquals(-84.39, c.x, 1e-8);
        assertEquals(33.75, c.y, 1e-8);
        assertEquals("Atlanta", back.features().get(0).get("name"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorIo.write(layer, tmp.resolve("pts.kml")));
        assertTrue(e.getMessage().startsWith("unknown vector format for "), e.getMessage());
    }
}
