package org.roofline.inference.imagery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
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
