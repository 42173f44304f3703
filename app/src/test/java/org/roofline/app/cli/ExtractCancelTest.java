package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code roofline extract} in a child JVM, stopped with SIGTERM (what Ctrl+C or closing the terminal sends)
 * while the model is still running: the run is cancelled and no output file, not even a partial one, is left.
 */
class ExtractCancelTest {

    @TempDir
    Path tmp;

    @Test
    void killingARunLeavesNoOutput() throws Exception {
        // 2048 x 2048 px with no georeferencing: 100 tiles of 256 px for the bundled model, several seconds of work
        BufferedImage big = new BufferedImage(2048, 2048, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(1);
        for (int y = 0; y < 2048; y += 8) {
            for (int x = 0; x < 2048; x += 8) {
                int rgb = random.nextInt(0xffffff);
                for (int dy = 0; dy < 8; dy++) {
                    for (int dx = 0; dx < 8; dx++) {
                        big.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        Path image = tmp.resolve("big.png");
        ImageIO.write(big, "png", image.toFile());
        Path out = tmp.resolve("found.gpkg");
        Path log = Files.createTempFile("roofline-extract", ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "extract", image.toString(), "-o", out.toString(), "--device", "cpu")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // wait until the model has started on the tiles, then stop the process as a terminal would
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String seen = "";
            while (!seen.contains(" tiles, ") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                seen = Files.readString(log, StandardCharsets.UTF_8);
            }
            assertTrue(seen.contains("extract: "), "progress before the kill: " + seen);
            assertFalse(seen.matches("(?s).*buildings? from.*"), "the run must still be going: " + seen);
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ends after SIGTERM");
            String all = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(all.matches("(?s).*buildings? from.*"), "no result was written: " + all);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("big.png"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no output and no temporary file left");
        }
    }
}
