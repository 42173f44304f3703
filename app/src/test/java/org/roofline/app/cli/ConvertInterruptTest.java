package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.io.TempFiles;

/**
 * A real {@code roofline convert} process stopped with SIGTERM while it writes its output leaves no temporary file,
 * and an existing output stays as it was.
 */
class ConvertInterruptTest {

    @TempDir
    Path tmp;

    private List<String> temporaries() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(TempFiles.PREFIX)).toList();
        }
    }

    @Test
    void sigtermDuringConvertLeavesNoTemporaryFiles() throws Exception {
        Path in = tmp.resolve("many.geojson");
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[");
            for (int i = 0; i < 150_000; i++) {
                double x = 85.0 + (i % 400) * 1e-4;
                double y = 27.0 + (i / 400) * 1e-4;
                w.write(String.format(Locale.ROOT, "%s{\"type\":\"Feature\",\"properties\":{\"id\":%d},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],"
                        + "[%.6f,%.6f],[%.6f,%.6f]]]}}", i == 0 ? "" : ",", i, x, y, x + 5e-5, y, x + 5e-5, y + 5e-5,
                        x, y + 5e-5, x, y));
            }
            w.write("]}");
        }
        Path out = tmp.resolve("out.gpkg");
        Files.writeString(out, "the previous output");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "convert", in.toString(), out.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (temporaries().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "convert finished before it could be interrupted: "
                    + Files.readString(tmp.resolve("child.log")));
            assertTrue(!temporaries().isEmpty(), "no temporary file seen");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(List.of(), temporaries());
            assertEquals("the previous output", Files.readString(out));
        } finally {
            p.destroyForcibly();
        }
    }
}
