package org.roofline.geometry.io.geopackage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.shapefile.Gdal;
import org.roofline.geometry.io.shapefile.SampleLayers;
import org.roofline.geometry.io.shapefile.ShapefileReader;

class GeoPackageReaderTest {

    @TempDir
    Path tmp;

    private static void assertNames(Path file, IOException e) {
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void missingPathIsAnError() {
        Path missing = tmp.resolve("missing.gpkg");
        IOException e = assertThrows(IOException.class, () -> new GeoPackageReader().read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(!Files.exists(missing), "reading does not create the file");
    }

    @Test
    void aFileThatIsNotAGeoPackageIsAnError() throws IOException {
        Path text = tmp.resolve("notes.gpkg");
        Files.writeString(text, "just some text, not SQLite", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> new GeoPackageReader().read(text));
        assertNames(text, e);
        assertTrue(e.getMessage().contains("not a GeoPackage"), e.getMessage());

        Path empty = tmp.resolve("empty.gpkg");
        Files.write(empty, new byte[0]);
        e = assertThrows(IOException.class, () -> new GeoPackageReader().read(empty));
        assertNames(empty, e);

        Path shp = GeoPackageWriterTest.boulder();
        e = assertThrows(IOException.class, () -> new GeoPackageReader().read(shp));
        assertNames(shp, e);
    }

    @Test
    void anSqliteDatabaseWithoutGeoPackageTablesIsAnError() throws Exception {
        Gdal.assumeAvailable(); // python3 is there with GDAL; its sqlite3 module makes the database
        Path db = tmp.resolve("plain.sqlite");
        Gdal.Result r = Gdal.run(List.of(Gdal.python(), "-c",
                "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute('create table t (a integer)')\n"
                        + "c.commit()", db.toString()));
        assertEquals(0, r.exit(), r.err());
        IOException e = assertThrows(IOException.class, () -> new GeoPackageReader().read(db));
        assertNames(db, e);
        assertTrue(e.getMessage().contains("not a GeoPackage"), e.getMessage());
    }

    @Test
    void theFirstOrANamedTable() throws IOException {
        Path out = tmp.resolve("one.gpkg");
        new GeoPackageWriter().write(SampleLayers.footprints(null), out);
        assertEquals("footprints", new GeoPackageReader().read(out).name());
        assertEquals("footprints", new GeoPackageReader("footprints").read(out).name());
        IOException e = assertThrows(IOException.class, () -> new GeoPackageReader("buildings").read(out));
        assertNames(out, e);
        assertTrue(e.getMessage().contains("buildings") && e.getMessage().contains("footprints"), e.getMessage());
    }

    /** A GeoPackage written by GDAL (ogr2ogr from the Boulder Shapefile, plus a table with every type). */
    @Test
    void readsWhatGdalWrites() throws Exception {
        Gdal.assumeAvailable();
        Path shp = GeoPackageWriterTest.boulder();
        Path gpkg = tmp.resolve("gdal.gpkg");
        Gdal.Result r = Gdal.run(List.of("ogr2ogr", "-f", "GPKG", gpkg.toString(), shp.toString()));
        assertEquals(0, r.exit(), r.err());
        String script = String.join("\n",
                "import sys",
                "from osgeo import ogr, osr",
                "ogr.UseExceptions()",
                "ds = ogr.Open(sys.argv[1], update=1)",
                "srs = osr.SpatialReference(); srs.ImportFromEPSG(32613)",
                "lyr = ds.CreateLayer('typed', srs, ogr.wkbPolygon)",
                "lyr.CreateField(ogr.FieldDefn('n', ogr.OFTInteger64))",
                "lyr.CreateField(ogr.FieldDefn('x', ogr.OFTReal))",
                "lyr.CreateField(ogr.FieldDefn('s', ogr.OFTString))",
                "b = ogr.FieldDefn('b', ogr.OFTInteger); b.SetSubType(ogr.OFSTBoolean); lyr.CreateField(b)",
                "lyr.CreateField(ogr.FieldDefn('d', ogr.OFTDate))",
                "lyr.CreateField(ogr.FieldDefn('t', ogr.OFTDateTime))",
                "f = ogr.Feature(lyr.GetLayerDefn())",
                "f.SetGeometry(ogr.CreateGeometryFromWkt('POLYGON ((0 0, 0 1, 1 1, 0 0))'))",
                "f.SetField('n', 9007199254740993); f.SetField('x', 2.5); f.SetField('s', 'Zürich – Straße')",
                "f.SetField('b', 1); f.SetField('d', 2021, 3, 4, 0, 0, 0, 0)",
                "f.SetField('t', 2021, 3, 4, 5, 6, 7.25, 100)",
                "lyr.CreateFeature(f)",
                "lyr.CreateFeature(ogr.Feature(lyr.GetLayerDefn()))",
                "ds = None");
        r = Gdal.run(List.of(Gdal.python(), "-c", script, gpkg.toString()));
        assertEquals(0, r.exit(), r.err());

        VectorLayer fromShp = new ShapefileReader().read(shp);
        VectorLayer layer = new GeoPackageReader().read(gpkg);
        assertEquals("boulder_buildings", layer.name());
        assertEquals(4326, layer.crs().epsgCode().getAsInt());
        assertEquals(List.of(new FieldDef("year_built", FieldType.INTEGER)), layer.fields());
        assertEquals(13_491, layer.features().size());
        for (int i = 0; i < layer.features().size(); i++) {
            assertEquals(fromShp.features().get(i).get("year_built"), layer.features().get(i).get("year_built"));
        }

        VectorLayer typed = new GeoPackageReader("typed").read(gpkg);
        assertEquals(32613, typed.crs().epsgCode().getAsInt());
        assertEquals(List.of(new FieldDef("n", FieldType.INTEGER), new FieldDef("x", FieldType.REAL),
                new FieldDef("s", FieldType.STRING), new FieldDef("b", FieldType.BOOLEAN),
                new FieldDef("d", FieldType.DATETIME), new FieldDef("t", FieldType.DATETIME)), typed.fields());
        VectorFeature f = typed.features().get(0);
        assertEquals(9_007_199_254_740_993L, f.get("n"));
        assertEquals(2.5, f.get("x"));
        assertEquals(SampleLayers.UNICODE, f.get("s"));
        assertEquals(Boolean.TRUE, f.get("b"));
        assertEquals(Instant.parse("2021-03-04T00:00:00Z"), f.get("d"));
        assertEquals(Instant.parse("2021-03-04T05:06:07.250Z"), f.get("t"));
        VectorFeature blank = typed.features().get(1);
        assertTrue(blank.geometry().isEmpty());
        for (FieldDef d : typed.fields()) {
            assertEquals(null, blank.get(d.name()), d.name());
        }
    }

    @Test
    void dateTimeText() {
        assertEquals(Instant.parse("2024-05-01T10:15:30Z"), GeoPackageReader.instant("2024-05-01T10:15:30Z"));
        assertEquals(Instant.parse("2024-05-01T08:15:30Z"), GeoPackageReader.instant("2024-05-01T10:15:30+02:00"));
        assertEquals(Instant.parse("2024-05-01T10:15:30.5Z"), GeoPackageReader.instant("2024-05-01 10:15:30.5"));
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), GeoPackageReader.instant("2024-05-01"));
        assertThrows(IllegalArgumentException.class, () -> GeoPackageReader.instant("yesterday"));
    }
}
