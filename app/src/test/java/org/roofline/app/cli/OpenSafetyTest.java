package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.editor.RecentFiles;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.app.session.ReviewSession;
import org.roofline.app.session.SessionLock;
import org.roofline.app.session.SessionLockChild;

/**
 * {@code roofline open} and the session file: a session whose image is gone is not touched; a session another editor
 * holds is refused in one line that offers --read-only, which opens it without decisions and without changing it.
 */
class OpenSafetyTest {

    @TempDir
    Path tmp;
    Process child;

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @BeforeEach
    void isolateRecentFiles() {
        System.setProperty(RecentFiles.CONFIG_DIR_PROPERTY, tmp.resolve("config").toString());
    }

    @AfterEach
    void kill() throws Exception {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A session beside a copy of the Kampala chip, with one decision. */
    private Path session(Path image) throws Exception {
        Path found = tmp.resolve("found.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("polygonize", ExtractCommandTest.root().resolve(
                "resources/samples/fair-kampala/binarymasks/OAM-309612-261632-19.mask.tif").toString(),
                "-o", found.toString());
        assertEquals(0, r.exit(), r.err());
        try (ReviewSession review = OpenCommand.review(image, found, null, false, err)) {
            new UndoStack(review.model(), 10).execute(SetStatus.accept(review.model().footprints().iterator().next()
                    .id()));
            return review.store().file();
        }
    }

    private Path imageCopy() throws IOException {
        Path image = ExtractCommandTest.kampalaChip();
        return Files.copy(image, tmp.resolve(image.getFileName()));
    }

    @Test
    void aSessionWhoseImageIsGoneIsLeftExactlyAsItWas() throws Exception {
        Path image = imageCopy();
        Path session = session(image);
        Files.delete(image);
        byte[] before = Files.readAllBytes(session);
        IOException gone = assertThrows(IOException.class, () -> OpenCommand.review(session, null, null, false, err));
        assertTrue(gone.getMessage().startsWith(session + ": its image "), gone.getMessage());
        assertArrayEquals(before, Files.readAllBytes(session));
        assertFalse(Files.exists(SessionLock.lockFile(session)));
        try (var left = Files.list(tmp)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(session.getFileName() + "-")),
                    "no -wal/-shm/-journal left");
        }
    }

    @Test
    void aHeldSessionIsRefusedInOneLineAndOpensReadOnly() throws Exception {
        Path image = imageCopy();
        Path session = session(image);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SessionLockChild.class.getName(), session.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String ready = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertTrue(ready.startsWith("holding "), ready);

        for (Path asked : new Path[] {session, image}) {
            CliException held = assertThrows(CliException.class, () -> OpenCommand.review(asked, null, null, false,
                    err));
            String line = Main.describe(held);
            assertTrue(line.startsWith(session + ": is open in another Roofline editor (pid " + child.pid()),
                    line);
            assertTrue(line.endsWith("; add --read-only to look at it without making decisions"), line);
            assertFalse(line.contains("\n"), line);
        }

        try (ReviewSession ro = OpenCommand.review(session, null, null, true, err)) {
            assertTrue(ro.store().isReadOnly());
            long id = ro.model().footprints().iterator().next().id();
            UndoStack undo = new UndoStack(ro.model(), 10);
            UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                    () -> undo.execute(SetStatus.reject(id)));
            assertTrue(refused.getCause().getMessage().contains("opened read-only; decisions cannot be made"));
        }
        try (ReviewSession ro = OpenCommand.review(image, null, null, true, err)) {
            assertTrue(ro.store().isReadOnly());
        }
    }

    @Test
    void readOnlyNeedsAnExistingSession() throws Exception {
        Path image = imageCopy();
        CliException none = assertThrows(CliException.class, () -> OpenCommand.review(image, null, null, true, err));
        assertTrue(Main.describe(none).contains("no such session to open --read-only"), Main.describe(none));
        assertFalse(Files.exists(ReviewSession.defaultFileFor(image)));
    }
}
