package org.roofline.app.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.ThisProcess;

/**
 * One editor per session, with real processes: a second editor is refused and told who holds the session, and may
 * open it read-only (no decision accepted, file unchanged); a killed editor's lock does not get stuck; SIGTERM
 * releases it.
 */
class SessionLockTest {

    @TempDir
    Path dir;
    Path session;
    Process child;

    @BeforeEach
    void session() throws Exception {
        session = dir.resolve("review.gpkg");
        GeometryFactory gf = new GeometryFactory();
        Polygon square = gf.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(10, 0),
                new Coordinate(10, 10), new Coordinate(0, 10), new Coordinate(0, 0)});
        SessionStore.create(session, null, null, List.of(Footprint.pending(1, square, "test", false, "test"),
                Footprint.pending(2, (Polygon) square.copy(), "test", false, "test")), 1).close();
        assertFalse(Files.exists(SessionLock.lockFile(session)), "a closed session leaves no lock");
    }

    @AfterEach
    void kill() throws Exception {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private long holdInAnotherProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SessionLockChild.class.getName(), session.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertEquals("holding 2", line);
        return child.pid();
    }

    @Test
    void aSecondEditorIsRefusedAndToldWhoHoldsTheSession() throws Exception {
        long pid = holdInAnotherProcess();
        SessionLock.HeldException e = assertThrows(SessionLock.HeldException.class, () -> SessionStore.open(session));
        assertEquals(pid, e.holder().pid());
        assertTrue(e.getMessage().startsWith(session + ": is open in another Roofline editor (pid " + pid
                + " on host " + ThisProcess.host() + ", since "), e.getMessage());
        assertEquals(pid, SessionLock.holder(session).orElseThrow().pid());
    }

    @Test
    void readOnlyRefusesDecisionsAndLeavesTheFileAsItWas() throws Exception {
        byte[] before = Files.readAllBytes(session);
        try (SessionStore ro = SessionStore.openReadOnly(session)) {
            assertTrue(ro.isReadOnly());
            List<Footprint> fps = ro.load().footprints();
            assertEquals(2, fps.size());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ro.footprintsChanged(
                    List.of(fps.get(0).withStatus(ReviewStatus.ACCEPTED, java.time.Instant.now()))));
            assertEquals(session + ": opened read-only; decisions cannot be made (reopen the session when no other "
                    + "editor has it)", e.getCause().getMessage());
            assertThrows(UncheckedIOException.class, () -> ro.footprintsRemoved(List.of(1L)));
            ro.tileVisited(0, true); // not a decision: ignored
            assertFalse(Files.exists(SessionLock.lockFile(session)), "read-only takes no lock");
        }
        assertArrayEquals(before, Files.readAllBytes(session));
        try (SessionStore again = SessionStore.open(session)) {
            assertEquals(ReviewStatus.PENDING, again.load().footprints().get(0).status());
        }
    }

    @Test
    void readOnlyWhileAnotherEditorHoldsIt() throws Exception {
        holdInAnotherProcess();
        try (SessionStore ro = SessionStore.openReadOnly(session)) {
            assertEquals(2, ro.load().footprints().size());
        }
        assertTrue(SessionLock.holder(session).isPresent(), "the holder keeps its lock");
    }

    @Test
    void aKilledEditorsLockIsTakenOver() throws Exception {
        long pid = holdInAnotherProcess();
        child.destroyForcibly(); // SIGKILL: the lock file stays behind
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        Path lock = SessionLock.lockFile(session);
        assertTrue(Files.readString(lock).contains("pid=" + pid));
        assertTrue(SessionLock.holder(session).isEmpty(), "a dead holder holds nothing");
        try (SessionStore store = SessionStore.open(session)) {
            assertTrue(Files.readString(lock).contains("pid=" + ProcessHandle.current().pid()));
            assertEquals(2, store.load().footprints().size());
        }
        assertFalse(Files.exists(lock));
    }

    @Test
    void sigtermReleasesTheLock() throws Exception {
        holdInAnotherProcess();
        assertTrue(Files.exists(SessionLock.lockFile(session)));
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(SessionLock.lockFile(session)));
    }

    @Test
    void thisProcessMayReopenItsOwnSessionAndTheLastCloseReleasesIt() throws Exception {
        Path lock = SessionLock.lockFile(session);
        SessionStore first = SessionStore.open(session);
        SessionStore second = SessionStore.open(session); // File > Open of the session on screen
        first.close();
        assertTrue(Files.exists(lock));
        second.close();
        assertFalse(Files.exists(lock));
    }

    @Test
    void aLockFromAnotherHostCountsAsHeldAndSaysWhichFileToDelete() throws Exception {
        Path lock = SessionLock.lockFile(session);
        Files.writeString(lock, "pid=1\nhost=elsewhere.example\nsince=2026-12-05T10:00:00Z\n");
        SessionLock.HeldException e = assertThrows(SessionLock.HeldException.class, () -> SessionStore.open(session));
        assertEquals(session + ": is open in another Roofline editor (pid 1 on host elsewhere.example, since "
                + "2026-12-05 10:00:00 UTC); if that editor is no longer running, delete " + lock, e.getMessage());
    }
}
