package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs and outputs that used to give misleading or empty messages each give one line naming the file and what
 * is wrong with it, made from real sample files damaged in a temporary directory.
 */
class MisleadingMessagesTest {

    @TempDir
    Path tmp;

    private static List<String> oneLine(ConvertCommandTest.Run r) {
        assertEquals(1, r.exit(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return lines;
    }

    @Test
    void aShapefileRecordClaimingTwoBillionPartsIsCorruptNotOutOfMemory() throws Exception {
        Path boulder = ConvertCommandTest.boulder();
        String base = boulder.getFileName().toString().replace(".shp", "");
        for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
            Files.copy(boulder.resolveSibling(base + "." + ext), tmp.resolve("b." + ext));
        }
        Path shp = tmp.resolve("b.shp");
        try (FileChannel ch = FileChannel.open(shp, StandardOpenOption.WRITE)) {
            // record 0 starts at byte 100: 8 bytes of record header, shape type, box, then the part count
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, Integer.MAX_VALUE), 100 + 8 + 36);
        }
        for (String command : List.of("info", "convert")) {
            ConvertCommandTest.Run r = command.equals("info") ? ConvertCommandTest.run("info", shp.toString())
                    : ConvertCommandTest.run("convert", shp.toString(), tmp.resolve("o.geojson").toString());
            String line = oneLine(r).get(0);
            assertTrue(line.startsWith("roofline: " + shp + ": record 0 is corrupt (it claims 2147483647 parts"),
                    line);
            assertFalse(line.contains("memory"), line);
        }
        assertFalse(Files.exists(tmp.resolve("o.geojson")));
    }

    @Test
    void anOutputWhereNoFileCanBeMadeSaysWhy() throws Exception {
        Path procDir = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(procDir) && Files.isWritable(procDir),
                "needs a directory that refuses new files although it looks writable (Linux /proc as root)");
        Path mask = ExtractCommandTest.root().resolve(
                "resources/samples/fair-kampala/binarymasks/OAM-619224-523267-20.mask.tif");
        Path out = procDir.resolve("o.geojson");
        String line = oneLine(ConvertCommandTest.run("polygonize", mask.toString(), "-o", out.toString())).get(0);
        assertTrue(line.startsWith("roofline: /proc/o.geojson: cannot write: the file system refuses to create files "
                + "in /proc"), line);
        String convert = oneLine(ConvertCommandTest.run("convert", ConvertCommandTest.boulder().toString(),
                "/proc/o.shp")).get(0);
        assertTrue(convert.startsWith("roofline: /proc/o.shp: cannot write: "), convert);
        assertTrue(convert.length() > "roofline: /proc/o.shp: cannot write: ".length() + 10, convert);
    }

    @Test
    void anUnprojectableCoordinateNamesTheFileAndTheFeature() throws Exception {
        Path in = tmp.resolve("north-of-the-pole.geojson");
        Files.writeString(in, "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"a\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-87,33]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"a\":2},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[0,95],[1,95],[1,96],[0,95]]]}}]}");
        Path out = tmp.resolve("o.gpkg");
        String line = oneLine(ConvertCommandTest.run("convert", in.toString(), out.toString(), "--crs",
                "EPSG:32616")).get(0);
        assertTrue(line.startsWith("roofline: " + in + ": feature 2: cannot transform (0.0, 95.0) from EPSG:4326"),
                line);
        assertFalse(line.contains("internal error"), line);
        assertFalse(Files.exists(out));
    }

    private Path cut(Path source, String name, double fraction) throws Exception {
        byte[] all = Files.readAllBytes(source);
        Path file = tmp.resolve(name);
        Files.write(file, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
        return file;
    }

    @Test
    void aTruncatedSessionIsSaidToBeTruncated() throws Exception {
        Path whole = tmp.resolve("whole.gpkg");
        org.roofline.app.export.ExportFixtures.createSession(whole);
        Path session = cut(whole, "review.gpkg", 0.6);

        Path out = tmp.resolve("kept.shp");
        String export = oneLine(ConvertCommandTest.run("export", session.toString(), "-o", out.toString())).get(0);
        assertTrue(export.startsWith("roofline: " + session + ": damaged session, truncated: the SQLite header "
                + "announces "), export);
        assertFalse(export.contains("PRAGMA") || export.contains("SQL statement"), export);
        assertFalse(Files.exists(out));

        CliException open = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> OpenCommand.review(session, null, null, false, new java.io.PrintWriter(new java.io.StringWriter())));
        assertEquals(session.toString(), open.subject());
        assertTrue(open.problem().startsWith("damaged GeoPackage, truncated: the SQLite header announces "),
                open.problem());

        Path footprints = cut(ExtractCommandTest.root().resolve(
                "resources/samples/banepa-2x2/banepa-2x2.footprints.gpkg"), "footprints.gpkg", 0.5);
        String info = oneLine(ConvertCommandTest.run("info", footprints.toString())).get(0);
        assertTrue(info.startsWith("roofline: " + footprints + ": truncated: the SQLite header announces "), info);
    }

    @Test
    void aGeoJsonPropertyWithoutANameIsKept() throws Exception {
        Path in = tmp.resolve("blank.geojson");
        Files.writeString(in, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"\":\"kept\",\"b\":2},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,1]}}]}");
        for (String ext : List.of("gpkg", "shp", "geojson")) {
            Path out = tmp.resolve("blank-out." + ext);
            ConvertCommandTest.Run r = ConvertCommandTest.run("convert", in.toString(), out.toString());
            assertEquals(0, r.exit(), r.toString());
            org.roofline.geometry.io.VectorLayer layer = org.roofline.geometry.io.format.VectorIo.read(out);
            assertEquals("kept", layer.features().get(0).get("unnamed"), ext + ": " + layer.fields());
            assertEquals(2L, ((Number) layer.features().get(0).get("b")).longValue());
        }
    }

    @Test
    void aGeoPackageWithSeveralLayersNeedsLayer() throws Exception {
        // extract --keep-originals writes two feature tables; so does any GeoPackage made elsewhere with several
        Path gpkg = tmp.resolve("two.gpkg");
        ConvertCommandTest.Run made = ConvertCommandTest.run("extract", ExtractCommandTest.kampalaChip().toString(),
                "--model", ExtractCommandTest.fixture().toString(), "--device", "cpu", "-o", gpkg.toString(),
                "--keep-originals");
        assertEquals(0, made.exit(), made.toString());
        Path out = tmp.resolve("one.geojson");
        String line = oneLine(ConvertCommandTest.run("convert", gpkg.toString(), out.toString())).get(0);
        assertEquals("roofline: " + gpkg + ": has 2 feature tables (two, original_outlines); choose one with --layer "
                + "NAME", line);
        assertFalse(Files.exists(out));

        ConvertCommandTest.Run r = ConvertCommandTest.run("convert", gpkg.toString(), out.toString(), "--layer",
                "original_outlines");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("convert: 1 features read (layer original_outlines), "), r.out());
        String missing = oneLine(ConvertCommandTest.run("convert", gpkg.toString(), tmp.resolve("x.geojson").toString(),
                "--layer", "roofs")).get(0);
        assertTrue(missing.startsWith("roofline: " + gpkg + ": no feature table \"roofs\""), missing);
    }
}
