package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The editor killed with SIGKILL in the middle of a review loses no decision it made: a child JVM opens the editor
 * (headless Monocle) on a session of the bundled sample and presses review keys (N, A, D, Shift+A, Ctrl+Z, P),
 * printing each decision once its key has been handled; the test kills it mid-way, reopens the session (as GDAL
 * and Roofline find it, write-ahead log and all) and finds every printed decision, the last one for each footprint.
 */
class EditorCrashTest {

    @TempDir
    Path dir;

    @Test
    void killedEditorLosesNoDecision() throws Exception {
        BundledSample.Location sample = BundledSample.install(dir.resolve("sample"));
        int total;
        try (ReviewSession s = ReviewSession.openOrCreate(sample.image(), sample.footprints(), sample.session())) {
            total = s.model().size();
            assertTrue(total > 20, "sample footprints: " + total);
            assertTrue(s.model().footprints().stream().allMatch(f -> f.status() == ReviewStatus.PENDING));
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"),
                EditorCrashChild.class.getName(), sample.session().toString(), "40"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        Map<Long, ReviewStatus> printed = new LinkedHashMap<>();
        int decisions = 0;
        boolean finished = false;
        int killAfter = 25;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("decided ")) {
                    String[] p = line.split(" ");
                    printed.put(Long.parseLong(p[1]), ReviewStatus.fromCode(p[2]));
                    if (++decisions >= killAfter) {
                        break;
                    }
                } else if (line.equals("finished")) {
                    finished = true;
                    break;
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(finished, "the child ran out of keys before it was killed");
        assertTrue(decisions >= killAfter, "the child printed " + decisions + " decisions before it ended");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(printed.values().stream().anyMatch(s -> s == ReviewStatus.ACCEPTED), printed.toString());
        assertTrue(printed.values().stream().anyMatch(s -> s == ReviewStatus.REJECTED), printed.toString());
        System.out.println("killed the editor after " + decisions + " printed decisions (" + printed.size()
                + " footprints); -wal left: " + Files.exists(Path.of(sample.session() + "-wal")));

        String ogr = ogrinfo();
        if (ogr != null) { // the crashed session as another program finds it
            Process p = new ProcessBuilder(ogr, "-ro", "-so", sample.session().toString(), "footprints")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("Feature Count: " + total), out);
        }
        try (SessionStore store = SessionStore.open(sample.session())) {
            SessionStore.Contents c = store.load();
            Map<Long, Footprint> byId = new LinkedHashMap<>();
            c.footprints().forEach(f -> byId.put(f.id(), f));
            assertEquals(total, byId.size());
            for (Map.Entry<Long, ReviewStatus> e : printed.entrySet()) {
                Footprint f = byId.get(e.getKey());
                assertNotNull(f, "footprint " + e.getKey());
                assertEquals(e.getValue(), f.status(), "footprint " + e.getKey() + " was printed as " + e.getValue());
            }
            long decided = byId.values().stream().filter(f -> f.status() != ReviewStatus.PENDING).count();
            assertTrue(decided < total, "mid-way: some footprints are still pending");
            assertTrue(c.visitedTiles().cardinality() > 0, "the visited tiles are kept too");
            assertEquals(total, c.originals().size(), "the outlines before regularization are kept");
        }
    }

    private static String ogrinfo() {
        for (String p : new String[] {"/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }
}
