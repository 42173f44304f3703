package org.roofline.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.cli.Main;
import picocli.CommandLine;

/**
 * {@code roofline extract --engine spark} end to end, as a user runs it (the engine found through its service entry):
 * a list of images to one review GeoPackage, counted by GDAL's ogrinfo, and the same count as the local engine's
 * files. The command starts and stops its own Spark session (the one of this class).
 */
class SparkCommandLineTest {

    @TempDir
    Path tmp;

    @Test
    void aListOfImagesToOneGeoPackage() throws Exception {
        Path a = SparkSessions.OAM.resolve("OAM-386693-220243-19.tif").toAbsolutePath();
        Path b = SparkSessions.OAM.resolve("OAM-386695-220245-19.tif").toAbsolutePath();
        Path list = tmp.resolve("images.txt");
        Files.writeString(list, "# two Banepa tiles\n" + a + "\n\n" + b + "\n");
        Path out = tmp.resolve("banepa.gpkg");
        String[] r = run("extract", "--engine", "spark", "--master", "local[2]", list.toString(), "--out",
                out.toString(), "--device", "cpu", "--threads", "1");
        assertEquals("0", r[0], r[2]);
        Matcher m = Pattern.compile("extract: (\\d+) buildings on spark: 2 images \\(0 failed\\)").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        long count = Long.parseLong(m.group(1));
        assertTrue(r[2].contains("2/2 images"), r[2]);

        long local = 0;
        for (Path image : new Path[] {a, b}) {
            Path one = tmp.resolve(image.getFileName() + ".gpkg");
            String[] l = run("extract", image.toString(), "--out", one.toString(), "--device", "cpu", "--threads",
                    "1");
            assertEquals("0", l[0], l[2]);
            local += ogrCount(one, "Feature Count: ");
        }
        assertEquals(local, count);
        assertEquals(count, ogrCount(out, "Feature Count: "));
    }

    /** Bad input is one line naming the file. */
    @Test
    void aMissingImageIsOneLine() {
        Path missing = tmp.resolve("nowhere.tif");
        String[] r = run("extract", "--engine", "spark", SparkSessions.BLOCK.get(0).toString(), missing.toString(),
                "--out", tmp.resolve("x.gpkg").toString());
        assertEquals("1", r[0]);
        assertEquals("roofline: " + missing + ": does not exist", r[2].strip());
    }

    private static long ogrCount(Path gpkg, String prefix) throws Exception {
        Path ogr = Path.of("/usr/bin/ogrinfo");
        if (!Files.isExecutable(ogr)) {
            Assumptions.assumeTrue(System.getenv("CI") == null, "ogrinfo is missing under CI");
            Assumptions.abort("ogrinfo not installed");
        }
        Process p = new ProcessBuilder(ogr.toString(), "-ro", "-so", "-al", gpkg.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d+)").matcher(text);
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
