package org.roofline.geometry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TempFiles} with real processes: SIGTERM runs the hook that deletes a writer's temporary files; a SIGKILLed
 * writer's are recognised and removed by the next writer in that folder; a live process's are left alone.
 */
class TempFilesTest {

    @TempDir
    Path dir;

    private Process child(Path target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TempFilesChild.class.getName(),
                target.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Path started(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertTrue(line != null, "the child printed nothing");
        return Path.of(line);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void namesAreRecognisableHiddenAndKeepTheExtension() {
        Path t = TempFiles.beside(dir.resolve("out.shp"));
        String name = t.getFileName().toString();
        assertTrue(name.startsWith(TempFiles.PREFIX), name);
        assertTrue(name.endsWith(".out.shp"), name);
        assertTrue(name.contains("-" + ProcessHandle.current().pid() + "-"), name);
        assertEquals(dir.toAbsolutePath(), t.getParent());
        TempFiles.release(t);
    }

    @Test
    void sigtermRemovesTheTemporaryFiles() throws Exception {
        Process p = child(dir.resolve("out.gpkg"));
        try {
            Path temp = started(p);
            assertTrue(Files.exists(temp));
            assertEquals(2, names().size(), names().toString());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(List.of(), names());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aKilledWritersFilesAreRemovedByTheNextWriterAndALiveOnesKept() throws Exception {
        Process killed = child(dir.resolve("a.gpkg"));
        Process alive = child(dir.resolve("b.gpkg"));
        try {
            Path stale = started(killed);
            Path live = started(alive);
            killed.destroyForcibly(); // SIGKILL: no hook runs
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(stale));
            Files.writeString(dir.resolve(".someone-elses.tmp"), "not ours");

            AtomicFiles.write(dir.resolve("c.txt"), out -> out.write(1));

            assertFalse(Files.exists(stale));
            assertFalse(Files.exists(stale.resolveSibling(stale.getFileName() + "-journal")));
            assertTrue(Files.exists(live));
            assertTrue(Files.exists(live.resolveSibling(live.getFileName() + "-journal")));
            assertTrue(Files.exists(dir.resolve(".someone-elses.tmp")));
            assertTrue(Files.exists(dir.resolve("c.txt")));
        } finally {
            killed.destroyForcibly();
            alive.destroyForcibly();
            alive.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRejectedCheckLeavesTheOldFileAndNoTemporary() throws Exception {
        Path target = dir.resolve("keep.geojson");
        Files.writeString(target, "old");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)), written -> {
                    assertEquals("new", Files.readString(written));
                    throw new java.io.IOException(written + ": rejected");
                }));
        assertTrue(e.getMessage().endsWith("rejected"));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("keep.geojson"), names());
    }
}
