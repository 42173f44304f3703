package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.AppVersion;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.inference.imagery.GeoImage;
import picocli.CommandLine;

class MainTest {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path samples() {
        return Paths.get(System.getProperty("roofline.resources", "../resources")).resolve("samples");
    }

    private static Path kampala(String name) {
        Path p = samples().resolve("fair-kampala/binarymasks").resolve(name);
        assumeTrue(Files.exists(p), "sample data missing: " + p);
        return p;
    }

    // --- help and version

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("polygonize"), r.out());
        assertTrue(r.out().contains("bench"), r.out());
        assertTrue(r.out().contains("--version"), r.out());
        assertEquals("", r.err());

        Run bench = run("bench", "--help");
        assertEquals(0, bench.exit());
        assertTrue(bench.out().contains("postprocess"), bench.out());

        Run poly = run("polygonize", "--help");
        assertEquals(0, poly.exit());
        for (String option : List.of("--out", "--method", "--tolerance", "--min-edge", "--angle-tolerance",
                "--threshold", "--min-area", "--connectivity", "--threads", "right-angles-and-diagonals")) {
            assertTrue(poly.out().contains(option), option + " in " + poly.out());
        }
    }

    @Test
    void version() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().strip().matches("roofline \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out());
        assertEquals("roofline " + AppVersion.get(), r.out().strip());
    }

    // --- polygonize

    private static final Pattern SUMMARY =
            Pattern.compile("polygonize: (\\d+) buildings?, (\\d+) vertices, \\d+\\.\\d\\d s -> (.+?) \\((.+)\\)");

    @Test
    void polygonizesARealMask() throws Exception {
        Path mask = kampala("OAM-619224-523267-20.mask.tif");
        Path out = tmp.resolve("kampala.geojson");
        Run r = run("polygonize", mask.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(1, lines.length, r.out());
        Matcher m = SUMMARY.matcher(lines[0]);
        assertTrue(m.matches(), lines[0]);
        assertEquals(out.toString(), m.group(3));

        assertEquals("EPSG:4326 (WGS 84)", m.group(4));

        VectorLayer layer = VectorIo.read(out);
        List<VectorFeature> features = layer.features();
        assertTrue(features.size() > 0);
        assertEquals(Crs.WGS84, layer.crs());
        assertEquals(Integer.parseInt(m.group(1)), features.size());
        long vertices = 0;
        Envelope scene;
        try (GeoImage image = GeoImage.open(mask)) {
            scene = image.info().extent();
        }
        scene.expandBy(1e-9);
        for (VectorFeature f : features) {
            for (String p : List.of("id", "area_m2", "vertices", "method", "regularized", "status", "confidence",
                    "source")) {
                assertTrue(layer.fields().stream().anyMatch(d -> d.name().equals(p)), p);
            }
            assertEquals(mask.getFileName().toString(), f.get("source"));
            assertEquals("pending", f.get("status"));
            assertTrue(f.geometry().isValid());
            assertTrue(scene.contains(f.geometry().getEnvelopeInternal()), "map coordinates within the mask's extent");
            assertTrue(((Number) f.get("area_m2")).doubleValue() > 0);
            vertices += ((Number) f.get("vertices")).longValue();
        }
        assertEquals(Long.parseLong(m.group(2)), vertices);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "no temporary file left");
        }
    }

    @Test
    void everyMethodRuns() throws IOException {
        Path mask = samples().resolve("spacenet-atlanta/sample_fp_mask_from_geojson.tif");
        assumeTrue(Files.exists(mask));
        for (String method : List.of("right-angles", "right-angles-and-diagonals", "any-angle", "circle", "none")) {
            Path out = tmp.resolve(method + ".geojson");
            Run r = run("polygonize", mask.toString(), "-o", out.toString(), "--method", method,
                    "--connectivity", "8", "--threshold", "0.5", "--min-area", "20", "--tolerance", "1.5",
                    "--min-edge", "2", "--angle-tolerance", "15", "--threads", "1");
            assertEquals(0, r.exit(), method + ": " + r.err());
            assertTrue(VectorIo.read(out).features().size() > 10, method);
        }
    }

    @Test
    void emptyMaskGivesAnEmptyCollection() throws IOException {
        Path png = tmp.resolve("zeros.png");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        Path out = tmp.resolve("none.geojson");
        Run r = run("polygonize", png.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("roofline: " + png + ": no georeferencing (GeoTIFF keys, .aux.xml or world file): coordinates are "
                + "pixels, x right, y down", r.err().strip(), "said once, as a note");
        assertTrue(r.out().startsWith("polygonize: 0 buildings, 0 vertices, "), r.out());
        assertTrue(VectorIo.read(out).features().isEmpty());
        assertTrue(Files.readString(out).contains("\"features\":[]"));

        // the real all-zero Kampala mask too
        Path out2 = tmp.resolve("none2.geojson");
        Run r2 = run("polygonize", kampala("OAM-1238448-1046530-21.mask.tif").toString(), "-o", out2.toString());
        assertEquals(0, r2.exit(), r2.err());
        assertTrue(VectorIo.read(out2).features().isEmpty());
    }

    // --- errors

    /** Runs polygonize on a bad input and checks the one-line error. */
    private Run fails(Path mask, String... extra) {
        Path out = tmp.resolve("never.geojson");
        String[] args = Stream.concat(Stream.of("polygonize", mask.toString(), "-o", out.toString()),
                Arrays.stream(extra)).toArray(String[]::new);
        Run r = run(args);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        String[] lines = r.err().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith("roofline: " + mask + ": "), lines[0]);
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(r.err().contains("Exception"), "no exception class names: " + r.err());
        assertFalse(Files.exists(out), "no output file");
        return r;
    }

    @Test
    void notAnImage() throws IOException {
        Path f = tmp.resolve("text.png");
        Files.writeString(f, "definitely not a PNG\n".repeat(20));
        assertTrue(fails(f).err().contains("not an image"));
    }

    @Test
    void truncatedTiff() throws IOException {
        byte[] full = Files.readAllBytes(kampala("OAM-309612-261632-19.mask.tif"));
        Path f = tmp.resolve("cut.tif");
        Files.write(f, Arrays.copyOf(full, full.length / 2));
        assertTrue(fails(f).err().contains("truncated or corrupt"));
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("no-such-mask.tif");
        assertEquals("roofline: " + f + ": no such file\n", fails(f).err());
    }

    @Test
    void directoryInsteadOfAFile() {
        assertTrue(fails(tmp).err().contains("directory"));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = tmp.resolve("empty.png");
        Files.write(f, new byte[0]);
        assertTrue(fails(f).err().contains("empty file"));
    }

    @Test
    void zeroByZeroImage() throws IOException {
        Path f = tmp.resolve("zero.png");
        Files.write(f, pngHeaderOnly(0, 0));
        assertTrue(fails(f).err().contains("empty"), fails(f).err());
    }

    @Test
    void maskTooLarge() throws IOException {
        Path f = tmp.resolve("huge.png");
        Files.write(f, pngHeaderOnly(60_000, 60_000));
        assertTrue(fails(f).err().contains("too large (60000 x 60000"), fails(f).err());
    }

    @Test
    void notEnoughMemory() throws IOException {
        assumeTrue(Runtime.getRuntime().maxMemory() < 2_500_000_000L, "large test heap");
        Path f = tmp.resolve("big.png");
        Files.write(f, pngHeaderOnly(46_000, 46_000));
        String err = fails(f).err();
        assertTrue(err.contains(": not enough memory for big.png (46000 x 46000); raise -Xmx"), err);
    }

    @Test
    void unwritableOutput() {
        Path mask = kampala("OAM-619224-523267-20.mask.tif");
        Path out = tmp.resolve("no/such/dir/out.geojson");
        Run r = run("polygonize", mask.toString(), "-o", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("roofline: " + out + ": cannot write: "), r.err());
        assertEquals(1, r.err().split("\n").length);
    }

    @Test
    void debugPrintsTheStackTrace() {
        Path f = tmp.resolve("missing.tif");
        for (String[] args : List.of(new String[] {"--debug", "polygonize", f.toString(), "-o", "x.geojson"},
                new String[] {"polygonize", "--debug", f.toString(), "-o", "x.geojson"})) {
            Run r = run(args);
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("\tat "), r.err());
            assertTrue(r.err().contains("no such file"), r.err());
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path mask = kampala("OAM-619224-523267-20.mask.tif");
        String out = tmp.resolve("o.geojson").toString();
        List<List<String>> cases = List.of(
                List.of("--threshold", "0"), List.of("--threshold", "1.5"), List.of("--method", "squares"),
                List.of("--connectivity", "6"), List.of("--tolerance", "-1"), List.of("--angle-tolerance", "50"),
                List.of("--threads", "0"), List.of("--min-area", "-3"), List.of("--min-edge", "x"));
        for (List<String> extra : cases) {
            String[] args = Stream.concat(Stream.of("polygonize", mask.toString(), "-o", out), extra.stream())
                    .toArray(String[]::new);
            Run r = run(args);
            assertEquals(2, r.exit(), extra + ": " + r);
            assertTrue(r.err().startsWith("roofline: Invalid value for option '" + extra.get(0) + "'"),
                    extra + ": " + r.err());
            assertEquals(2, r.err().lines().count(), "what is wrong, and where help is: " + r.err());
        }
        Run missingOut = run("polygonize", mask.toString());
        assertEquals(2, missingOut.exit());
        assertTrue(missingOut.err().contains("--out"), missingOut.err());
        assertFalse(Files.exists(Paths.get(out)));
    }

    // --- bench

    @Test
    void benchPostprocess() throws IOException {
        Path png = tmp.resolve("scene.png");
        Path truth = tmp.resolve("truth.geojson");
        Run r = run("bench", "postprocess", "--size", "512", "--buildings", "60", "--threads", "2", "--seed", "7",
                "--repeat", "1", "--save-mask", png.toString(), "--save-truth", truth.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("bench postprocess: 512 x 512 mask"), r.out());
        for (String row : List.of("vectorize ", "regularize ", "postprocess   1 thread", "postprocess   2 threads")) {
            assertTrue(r.out().contains(row), row + " in " + r.out());
        }
        assertTrue(r.out().contains("buildings/s"), r.out());
        assertTrue(r.out().contains("C-IoU"), r.out());

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(512, image.getWidth());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        boolean some = false;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                int v = image.getRaster().getSample(x, y, 0);
                assertTrue(v == 0 || v == 255);
                some |= v == 255;
            }
        }
        assertTrue(some);
        List<VectorFeature> gt = VectorIo.read(truth).features();
        assertTrue(gt.size() > 0 && gt.size() <= 60, "ground truth: " + gt.size());
    }

    @Test
    void benchRejectsAnImpossibleScene() {
        Run r = run("bench", "postprocess", "--size", "64", "--buildings", "100");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("roofline: Invalid value for option '--buildings'"), r.err());
        assertTrue(r.err().endsWith("Run 'roofline bench postprocess --help' for the options.\n"), r.err());
    }

    // --- helpers

    /** A PNG made of the signature, an IHDR chunk of the given size, and IEND: a header without pixels. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
