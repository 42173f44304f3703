package org.roofline.geometry.io.shapefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;

class ShapefileReaderTest {

    static final String BOULDER = "boulder_buildings";

    @TempDir
    Path tmp;

    /** The real Boulder building footprints (13,491 polygons, EPSG:4326, one field year_built). */
    static Path boulder() {
        String resources = System.getProperty("roofline.resources");
        assumeTrue(resources != null, "roofline.resources is not set");
        Path shp = Paths.get(resources, "samples", "boulder-mtbf33", BOULDER + ".shp");
        assertTrue(Files.isRegularFile(shp), "sample missing: " + shp);
        return shp;
    }

    /** Copies the Boulder Shapefile's parts with the given extensions into a directory. */
    static Path copyBoulder(Path dir, String... extensions) throws IOException {
        Path src = boulder();
        for (String ext : extensions) {
            Files.copy(src.resolveSibling(BOULDER + "." + ext), dir.resolve(BOULDER + "." + ext));
        }
        return dir.resolve(BOULDER + ".shp");
    }

    static int invalidCount(VectorLayer layer) {
        int n = 0;
        for (VectorFeature f : layer.features()) {
            if (!f.geometry().isValid()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void readsTheBoulderShapefile() throws IOException {
        VectorLayer layer = new ShapefileReader().read(boulder());
        assertEquals(BOULDER, layer.name());
        assertEquals(13_491, layer.features().size());
        assertEquals(List.of(new FieldDef("year_built", FieldType.INTEGER)), layer.fields());
        assertEquals(4326, layer.crs().epsgCode().getAsInt());
        for (VectorFeature f : layer.features()) {
            String type = f.geometry().getGeometryType();
            assertTrue(type.equals("Polygon") || type.equals("MultiPolygon"), type);
            assertFalse(f.geometry().isEmpty());
            Object year = f.get("year_built");
            assertTrue(year == null || year instanceof Long, () -> "year_built is a " + year.getClass());
        }
        // the source has 10 invalid polygons: they are read as they are (repair is GeometryRepair's job)
        assertEquals(10, invalidCount(layer));
    }

    @Test
    void valuesAndGeometriesMatchGdal() throws Exception {
        Gdal.assumeAvailable();
        VectorLayer layer = new ShapefileReader().read(boulder());
        Gdal.Report all = Gdal.describe(boulder(), null);
        assertEquals(layer.features().size(), all.count());
        assertEquals(4326, all.epsg());
        assertEquals(10, all.invalid(), "GDAL's count of invalid geometries in the source");
        int nonNull = 0;
        for (int i = 0; i < layer.features().size(); i++) {
            String expected = all.value(i, "year_built");
            Object actual = layer.features().get(i).get("year_built");
            assertEquals(expected == null ? null : Long.valueOf(expected), actual, "year_built of feature " + i);
            nonNull += actual == null ? 0 : 1;
        }
        assertTrue(nonNull > 10_000, "most features have a year: " + nonNull);

        List<Integer> picks = List.of(0, 1, 7, 100, 4_321, 9_999, 13_490);
        Gdal.Report some = Gdal.describe(boulder(), picks);
        for (int i : picks) {
            Geometry gdal = some.geometry(i);
            Geometry ours = layer.features().get(i).geometry();
            assertTrue(gdal.norm().equalsExact(ours.norm()), "geometry of feature " + i + " differs from GDAL's");
        }
    }

    @Test
    void withoutPrjTheCrsIsNull() throws IOException {
        Path shp = copyBoulder(tmp, "shp", "shx", "dbf", "cpg");
        VectorLayer layer = new ShapefileReader().read(shp);
        assertNull(layer.crs());
        assertEquals(13_491, layer.features().size());
    }

    @Test
    void missingDbfOrShxIsAnError() throws IOException {
        Path shp = copyBoulder(tmp, "shp", "shx", "prj");
        IOException e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertEquals(shp + ": missing " + BOULDER + ".dbf (a Shapefile needs .shp, .shx and .dbf)", e.getMessage());

        Files.delete(tmp.resolve(BOULDER + ".shx"));
        Files.copy(boulder().resolveSibling(BOULDER + ".dbf"), tmp.resolve(BOULDER + ".dbf"));
        e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertEquals(shp + ": missing " + BOULDER + ".shx (a Shapefile needs .shp, .shx and .dbf)", e.getMessage());
    }

    @Test
    void garbledPrjIsAnErrorNamingIt() throws IOException {
        Path shp = copyBoulder(tmp, "shp", "shx", "dbf");
        Path prj = tmp.resolve(BOULDER + ".prj");
        Files.writeString(prj, "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHER");
        IOException e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertTrue(e.getMessage().startsWith(prj.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        Files.writeString(prj, "  \n");
        e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertTrue(e.getMessage().startsWith(prj.toString()), e.getMessage());
    }

    @Test
    void truncatedShpIsAnErrorNamingIt() throws IOException {
        Path shp = copyBoulder(tmp, "shp", "shx", "dbf", "prj");
        long size = Files.size(shp);
        try (var ch = java.nio.channels.FileChannel.open(shp, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        IOException e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertTrue(e.getMessage().startsWith(shp.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Files.write(shp, new byte[40]);
        e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertTrue(e.getMessage().startsWith(shp.toString()), e.getMessage());
    }

    @Test
    void shxAndDbfMustAgree() throws IOException {
        Path shp = copyBoulder(tmp, "shp", "shx", "dbf");
        Path shx = tmp.resolve(BOULDER + ".shx");
        try (var ch = java.nio.channels.FileChannel.open(shx, StandardOpenOption.WRITE)) {
            ch.truncate(100 + 8 * 10);
        }
        IOException e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertTrue(e.getMessage().contains(BOULDER), e.getMessage());
    }

    @Test
    void notAShapefileAndMissingPathAreErrors() throws IOException {
        Path missing = tmp.resolve("nothing-here.shp");
        IOException e = assertThrows(IOException.class, () -> new ShapefileReader().read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path text = tmp.resolve("text.shp");
        Files.writeString(text, "this is not a shapefile, but it is long enough to have a header of 100 bytes: "
                + "0123456789012345678901234567890123456789");
        Files.writeString(tmp.resolve("text.shx"), Files.readString(text));
        Files.writeString(tmp.resolve("text.dbf"), Files.readString(text));
        e = assertThrows(IOException.class, () -> new ShapefileReader().read(text));
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());
    }

    @Test
    void cpgChoosesTheCharset() throws IOException {
        VectorLayer layer = new VectorLayer("names", null, List.of(new FieldDef("name", FieldType.STRING)),
                List.of(new VectorFeature(new GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(
                        1, 2)), Map.of("name", "Zürich – Straße"))));
        Path shp = tmp.resolve("names.shp");
        new ShapefileWriter().write(layer, shp);
        assertEquals("Zürich – Straße", new ShapefileReader().read(shp).features().get(0).get("name"));

        Path cpg = tmp.resolve("names.cpg");
        Files.writeString(cpg, "1252");
        String asWindows = new String("Zürich – Straße".getBytes(StandardCharsets.UTF_8),
                java.nio.charset.Charset.forName("windows-1252"));
        assertEquals(asWindows, new ShapefileReader().read(shp).features().get(0).get("name"));

        Files.delete(cpg); // no .cpg, language driver 0: ISO-8859-1
        String asLatin1 = new String("Zürich – Straße".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(asLatin1, new ShapefileReader().read(shp).features().get(0).get("name"));

        Files.writeString(cpg, "KLINGON-7");
        IOException e = assertThrows(IOException.class, () -> new ShapefileReader().read(shp));
        assertTrue(e.getMessage().startsWith(cpg.toString()), e.getMessage());
    }

    @Test
    void cpgNames() {
        assertEquals(StandardCharsets.UTF_8, ShapefileReader.cpgCharset("UTF-8"));
        assertEquals(StandardCharsets.UTF_8, ShapefileReader.cpgCharset("utf8\n"));
        assertEquals(StandardCharsets.ISO_8859_1, ShapefileReader.cpgCharset("ISO-8859-1"));
        assertEquals(StandardCharsets.ISO_8859_1, ShapefileReader.cpgCharset("88591"));
        assertEquals(StandardCharsets.ISO_8859_1, ShapefileReader.cpgCharset("8859-1"));
        assertEquals("ISO-8859-15", ShapefileReader.cpgCharset("885915").name());
        assertEquals("windows-1252", ShapefileReader.cpgCharset("1252").name());
        assertEquals("windows-1251", ShapefileReader.cpgCharset("ANSI 1251").name());
        assertEquals("IBM437", ShapefileReader.cpgCharset("437").name());
        assertNull(ShapefileReader.cpgCharset(""));
        assertNull(ShapefileReader.cpgCharset("no such thing"));
    }

    /** A Shapefile that GDAL writes with N, N with decimals, C and D fields (L: see ShapefileWriterTest). */
    @Test
    void readsEveryDbaseTypeGdalWrites() throws Exception {
        Gdal.assumeAvailable();
        Path shp = tmp.resolve("types.shp");
        String script = String.join("\n",
                "import sys",
                "from osgeo import ogr, osr",
                "ogr.UseExceptions()",
                "ds = ogr.GetDriverByName('ESRI Shapefile').CreateDataSource(sys.argv[1])",
                "srs = osr.SpatialReference(); srs.ImportFromEPSG(32613)",
                "lyr = ds.CreateLayer('types', srs, ogr.wkbPolygon, ['ENCODING=UTF-8'])",
                "lyr.CreateField(ogr.FieldDefn('count', ogr.OFTInteger))",
                "lyr.CreateField(ogr.FieldDefn('big', ogr.OFTInteger64))",
                "r = ogr.FieldDefn('ratio', ogr.OFTReal); r.SetWidth(12); r.SetPrecision(4); lyr.CreateField(r)",
                "lyr.CreateField(ogr.FieldDefn('label', ogr.OFTString))",
                "b = ogr.FieldDefn('flag', ogr.OFTInteger); b.SetSubType(ogr.OFSTBoolean); lyr.CreateField(b)",
                "lyr.CreateField(ogr.FieldDefn('built', ogr.OFTDate))",
                "for i, (c, big, ratio, label, flag, built) in enumerate([",
                "        (7, 12345678901234, 0.25, 'Zürich – Straße', 1, (2021, 3, 4)),",
                "        (None, None, None, None, None, None)]):",
                "    f = ogr.Feature(lyr.GetLayerDefn())",
                "    f.SetGeometry(ogr.CreateGeometryFromWkt('POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), "
                        + "(2 2, 4 2, 4 4, 2 4, 2 2))'))",
                "    if c is not None:",
                "        f.SetField('count', c); f.SetField('big', big); f.SetField('ratio', ratio)",
                "        f.SetField('label', label); f.SetField('flag', flag)",
                "        f.SetField('built', built[0], built[1], built[2], 0, 0, 0, 0)",
                "    lyr.CreateFeature(f)",
                "ds = None");
        Gdal.Result r = Gdal.run(List.of(Gdal.python(), "-c", script, shp.toString()));
        assertEquals(0, r.exit(), r.err());

        VectorLayer layer = new ShapefileReader().read(shp);
        assertEquals(32613, layer.crs().epsgCode().getAsInt());
        assertEquals(List.of(new FieldDef("count", FieldType.INTEGER), new FieldDef("big", FieldType.INTEGER),
                new FieldDef("ratio", FieldType.REAL), new FieldDef("label", FieldType.STRING),
                new FieldDef("flag", FieldType.INTEGER), new FieldDef("built", FieldType.DATETIME)), layer.fields());
        VectorFeature f = layer.features().get(0);
        assertEquals(7L, f.get("count"));
        assertEquals(12_345_678_901_234L, f.get("big"));
        assertEquals(0.25, f.get("ratio"));
        assertEquals("Zürich – Straße", f.get("label"));
        assertEquals(1L, f.get("flag")); // GDAL 3.6 writes booleans as N fields
        assertEquals(Instant.parse("2021-03-04T00:00:00Z"), f.get("built"));
        assertEquals(1, f.geometry().getNumGeometries());
        assertEquals(1, ((org.locationtech.jts.geom.Polygon) f.geometry()).getNumInteriorRing());
        assertEquals(96.0, f.geometry().getArea(), 1e-9);
        for (FieldDef d : layer.fields()) {
            assertNull(layer.features().get(1).get(d.name()), d.name() + " of the empty record");
        }
    }
}
