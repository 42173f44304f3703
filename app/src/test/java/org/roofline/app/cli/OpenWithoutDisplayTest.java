package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a display, {@code roofline} (no arguments: the bundled sample) and {@code roofline open} say so in one line
 * and how to proceed, exit with 1, and leave nothing behind (no sample copied, no session made). Run in a child JVM
 * whose environment has no DISPLAY.
 */
class OpenWithoutDisplayTest {

    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private Result roofline(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Droofline.data.dir=" + tmp.resolve("data"),
                "-Droofline.config.dir=" + tmp.resolve("config"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    private static void assertNoDisplayLine(Result r) {
        assertEquals(1, r.exit(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("roofline: no display: DISPLAY is not set"), lines.get(0));
        assertTrue(lines.get(0).contains("Xvfb") && lines.get(0).contains("roofline --help"), lines.get(0));
        // run from compiled classes, as here: the jar a build from source makes, by its path in the source tree
        assertTrue(lines.get(0).contains("(xvfb-run java -jar app/target/roofline.jar ...)"), lines.get(0));
    }

    @Test
    void theHintNamesTheJarThatIsRunning() {
        Path dir = tmp.toAbsolutePath();
        assertEquals("java -jar app/target/roofline.jar",
                Invocation.forCodeLocation(dir.resolve("app/target/roofline.jar"), dir));
        assertEquals("java -jar /opt/rf/roofline.jar", Invocation.forCodeLocation(Path.of("/opt/rf/roofline.jar"),
                dir));
        assertEquals("java -jar 'my apps/roofline.jar'",
                Invocation.forCodeLocation(dir.resolve("my apps/roofline.jar"), dir));
        assertEquals("java -jar app/target/roofline.jar",
                Invocation.forCodeLocation(dir.resolve("app/target/classes"), dir), "classes: the source tree's jar");
    }

    @Test
    void noArgumentsWithoutADisplay() throws Exception {
        assertNoDisplayLine(roofline());
        assertFalse(Files.exists(tmp.resolve("data")), "nothing copied");
    }

    @Test
    void openWithoutADisplay() throws Exception {
        Path image = Files.copy(ExtractCommandTest.kampalaChip(), tmp.resolve("chip.tif"));
        assertNoDisplayLine(roofline("open", image.toString()));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("chip.tif"), files.map(p -> p.getFileName().toString()).toList(), "no session made");
        }
    }
}
