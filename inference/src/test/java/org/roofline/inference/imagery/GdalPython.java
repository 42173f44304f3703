package org.roofline.inference.imagery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs small Python scripts with GDAL's bindings (python3-gdal), to get expected values from an independent reader. */
final class GdalPython {

    private static String python;
    private static boolean probed;

    private GdalPython() {
    }

    /** @return a python3 that can {@code from osgeo import gdal}, or null */
    static synchronized String python() {
        if (!probed) {
            probed = true;
            for (String candidate : List.of("/usr/bin/python3", "python3")) {
                try {
                    if (runWith(candidate, "from osgeo import gdal; print('ok')").strip().equals("ok")) {
                        python = candidate;
                        break;
                    }
                } catch (IOException | RuntimeException e) {
                    // try the next one
                }
            }
        }
        return python;
    }

    static boolean available() {
        return python() != null;
    }

    /**
     * Skips the calling test (a JUnit assumption) when python3-gdal is missing, except on CI (environment variable
     * {@code CI} set), where a missing GDAL fails the test instead of silently skipping the cross-check.
     */
    static void assumeGdal() {
        assumeTool(available(), "python3 with osgeo.gdal (Debian: python3-gdal)");
    }

    /** Like {@link #assumeGdal()}, for a command-line tool (gdal_create, geod). */
    static void assumeCommand(String command) {
        assumeTool(onPath(command), "the command " + command);
    }

    /** When a tool is missing: fails on CI, skips elsewhere. */
    static void assumeTool(boolean present, String what) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            Assertions.fail(what + " is required for the GDAL cross-checks when CI is set");
        }
        Assumptions.assumeTrue(false, what + " is not installed; GDAL cross-check skipped");
    }

    /** Fails when CI is set: for checks that go on without GDAL, but must not on CI. */
    static void failOnCi(String what) {
        if (System.getenv("CI") != null) {
            Assertions.fail(what + " is required for the GDAL cross-checks when CI is set");
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command and returns its standard output; fails on a non-zero exit. */
    static String exec(List<String> cmd, String stdin) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", cmd));
        }
        return out;
    }

    /** Runs a script with arguments (sys.argv[1:]) and returns its standard output. */
    static String run(String script, String... args) throws IOException {
        String py = python();
        if (py == null) {
            throw new IllegalStateException("python3 with osgeo.gdal is not available");
        }
        return runWith(py, script, args);
    }

    private static String runWith(String py, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(py, "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", cmd));
        }
        return out;
    }

    static Path resources() {
        return Paths.get(System.getProperty("roofline.resources", "../resources"));
    }

    static Path sample(String relative) {
        Path p = resources().resolve("samples").resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("sample file missing: " + p);
        }
        return p;
    }
}
