package org.roofline.geometry.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs GDAL and PROJ command-line tools (ogrinfo, ogr2ogr, gdalsrsinfo, cs2cs), the independent readers and
 * calculators the tests check Roofline's output against. Tests that need one skip themselves when it is not on the
 * PATH.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** @return the sample data directory, {@code resources/samples} */
    public static Path samples() {
        return Paths.get(System.getProperty("roofline.resources", "../resources")).resolve("samples");
    }

    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command with the given standard input; fails the test unless it exits with 0. @return its output */
    public static String run(String stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** @return {@code ogrinfo -ro -al -so file} */
    public static String ogrinfoSummary(Path file) throws IOException, InterruptedException {
        return run(null, "ogrinfo", "-ro", "-al", "-so", file.toString());
    }

    /** @return the EPSG codes GDAL finds for a CRS definition (a file or text), best first */
    public static List<String> gdalEpsgCodes(String definition) throws IOException, InterruptedException {
        String out = run(null, "gdalsrsinfo", "-e", definition);
        return java.util.regex.Pattern.compile("EPSG:(\\d+)").matcher(out).results().map(m -> m.group(1)).toList();
    }
}
