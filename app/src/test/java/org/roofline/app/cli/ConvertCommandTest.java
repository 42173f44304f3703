package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code roofline convert} and {@code roofline info} on the real Boulder Shapefile (13,491 footprints, ISO-8859-1
 * .cpg, 10 self-intersecting polygons), with GDAL (python3-gdal) reading back what Roofline wrote.
 */
class ConvertCommandTest {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static Path boulder() {
        return Path.of(System.getProperty("roofline.resources", "../resources"))
                .resolve("samples/boulder-mtbf33/boulder_buildings.shp");
    }

    /** Runs a GDAL/OGR Python snippet on a file and returns its standard output. */
    static String gdal(String script, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        // GEOS prints its validity findings on the same stream; the answer is the last line
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** Count, EPSG code, invalid geometries and the first 50 year_built values, as GDAL sees a file. */
    static final String SUMMARY = String.join("\n",
            "import sys",
            "from osgeo import ogr, osr",
            "ds = ogr.Open(sys.argv[1]); lyr = ds.GetLayer(0)",
            "srs = lyr.GetSpatialRef(); srs.AutoIdentifyEPSG()",
            "invalid = 0; years = []",
            "for f in lyr:",
            "    g = f.GetGeometryRef()",
            "    invalid += 0 if g.IsValid() else 1",
            "    if len(years) < 50: years.append(str(f.GetField('year_built')))",
            "print(lyr.GetFeatureCount(), srs.GetAuthorityCode(None), invalid, ','.join(years))");

    static boolean gdalAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpkg", "geojson", "shp"})
    void boulderConvertsToEveryFormatAndGdalAgrees(String extension) throws Exception {
        Path out = tmp.resolve("boulder." + extension);
        Run r = run("convert", boulder().toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("13491 features read, 13491 written, 10 repaired"), r.out());
        if (!gdalAvailable() && System.getenv("CI") == null) {
            return;
        }
        String[] source = gdal(SUMMARY, boulder()).split(" ");
        String[] written = gdal(SUMMARY, out).split(" ");
        assertEquals("13491", written[0]);
        assertEquals("4326", written[1]);
        assertEquals("10", source[2], "GDAL sees the 10 invalid polygons of the source");
        assertEquals("0", written[2], "every invalid polygon was repaired");
        assertEquals(source[3], written[3], "year_built values");
    }

    @Test
    void reprojectsOnRequest() throws Exception {
        Path out = tmp.resolve("utm.gpkg");
        Run r = run("convert", boulder().toString(), out.toString(), "--crs", "EPSG:26913");
        assertEquals(0, r.exit(), r.err());
        if (!gdalAvailable() && System.getenv("CI") == null) {
            return;
        }
        String[] written = gdal(SUMMARY, out).split(" ");
        assertEquals("26913", written[1]);
        // the first building's centroid, reprojected by GDAL from the source, matches ours to a millimetre
        String centroid = String.join("\n",
                "import sys",
                "from osgeo import ogr, osr",
                "ds = ogr.Open(sys.argv[1]); lyr = ds.GetLayer(0); f = lyr.GetNextFeature()",
                "g = f.GetGeometryRef().Clone()",
                "if sys.argv[1].endswith('.shp'):",
                "    src = lyr.GetSpatialRef(); dst = osr.SpatialReference(); dst.ImportFromEPSG(26913)",
                "    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)",
                "    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)",
                "    g.Transform(osr.CoordinateTransformation(src, dst))",
                "c = g.Centroid(); print('%.3f %.3f' % (c.GetX(), c.GetY()))");
        assertEquals(gdal(centroid, boulder()), gdal(centroid, out));
    }

    @Test
    void infoDescribesAVectorFile() {
        Run r = run("info", boulder().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Features:       13491"), r.out());
        assertTrue(r.out().contains("EPSG:4326"), r.out());
        assertTrue(r.out().contains("year_built (integer)"), r.out());
        assertTrue(r.out().contains("Invalid:        10"), r.out());
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws IOException {
        Path shp = tmp.resolve("lonely.shp");
        Files.copy(boulder(), shp);
        List<Run> runs = new ArrayList<>();
        runs.add(run("convert", shp.toString(), tmp.resolve("a.gpkg").toString()));
        Path garbled = tmp.resolve("garbled.geojson");
        Files.writeString(garbled, "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ");
        runs.add(run("convert", garbled.toString(), tmp.resolve("b.gpkg").toString()));
        runs.add(run("convert", tmp.resolve("missing.shp").toString(), tmp.resolve("c.gpkg").toString()));
        runs.add(run("convert", boulder().toString(), tmp.resolve("d.txt").toString()));
        runs.add(run("convert", boulder().toString(), tmp.resolve("e.gpkg").toString(), "--crs", "EPSG:999999"));
        for (Run r : runs) {
            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.err().startsWith("roofline: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertTrue(runs.get(0).err().contains("lonely.shp"), runs.get(0).err());
        assertTrue(runs.get(0).err().contains(".dbf"), runs.get(0).err());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("garbled.geojson", "lonely.shp"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing half-written");
        }
    }
}
