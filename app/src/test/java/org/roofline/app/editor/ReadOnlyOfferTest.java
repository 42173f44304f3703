package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.ReviewTiles;
import org.roofline.app.session.SessionLock;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File &gt; Open of a session another editor holds: a dialog says who holds it and offers to open it read-only;
 * choosing that opens it read-only (title and status bar say so), cancelling keeps the current review.
 */
@ExtendWith(ApplicationExtension.class)
class ReadOnlyOfferTest {

    private static final Path SAMPLES = Path.of(System.getProperty("roofline.resources"), "samples");
    private static final Path FIRST = SAMPLES.resolve("fair-kampala/chips/OAM-309612-261632-19.tif");
    private static final Path HELD_IMAGE = SAMPLES.resolve("fair-banepa/oam/OAM-386690-220241-19.tif");
    private static final Path HELD = Path.of("/data/held.roofline.gpkg");
    private static final SessionLock.Holder HOLDER = new SessionLock.Holder(4242, "lab-3", null,
            Instant.parse("2026-12-05T16:10:00Z"));

    private final AtomicReference<Path> openedReadOnly = new AtomicReference<>();
    private RooflineEditor editor;
    private Stage stage;

    private static ReviewModel empty() {
        return new ReviewModel(List.of(), java.util.Map.of(), ReviewTiles.covering(new Envelope(0, 1, 0, 1), 1),
                ReviewPersistence.NONE, Clock.systemUTC());
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        RooflineEditor.prepare(new OpenedReview(FIRST, empty(), null, null, null), new OpenedReview.Opener() {
            @Override
            public OpenedReview open(Path path) throws Exception {
                throw new java.io.IOException("wrapped", new SessionLock.HeldException(HELD, HOLDER));
            }

            @Override
            public OpenedReview openReadOnly(Path path) {
                openedReadOnly.set(path);
                return new OpenedReview(HELD_IMAGE, empty(), null, HELD, null, true);
            }
        }, List::of);
        editor = new RooflineEditor();
        editor.start(stage);
    }

    private DialogPane offer() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w != stage && w.isShowing() && w.getScene().getRoot() instanceof DialogPane));
        return (DialogPane) Window.getWindows().stream()
                .filter(w -> w != stage && w.isShowing() && w.getScene().getRoot() instanceof DialogPane)
                .findFirst().orElseThrow().getScene().getRoot();
    }

    @Test
    void offersToOpenAHeldSessionReadOnly(FxRobot robot) throws Exception {
        EditorPane before = editor.pane();
        robot.interact(() -> editor.open(HELD));
        DialogPane dialog = offer();
        assertEquals("held.roofline.gpkg is open in another editor", dialog.getHeaderText());
        assertTrue(dialog.getContentText().startsWith("is open in another Roofline editor (pid 4242 on host lab-3, "
                + "since 2026-12-05 16:10:00 UTC"), dialog.getContentText());
        Button readOnly = (Button) dialog.lookupButton(ReadOnlyOffer.OPEN_READ_ONLY);
        robot.interact(readOnly::fire);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.pane() != before);
        assertEquals(HELD, openedReadOnly.get());
        assertNotSame(before, editor.pane());
        assertTrue(stage.getTitle().endsWith("held.roofline.gpkg (" + HELD_IMAGE.getFileName() + ") - read-only"),
                stage.getTitle());
        assertTrue(editor.pane().statusBar().getText().endsWith(ReadOnlyOffer.NOTE), editor.pane().statusBar().getText());
    }

    @Test
    void cancellingKeepsTheCurrentReview(FxRobot robot) throws Exception {
        EditorPane before = editor.pane();
        robot.interact(() -> editor.open(HELD));
        DialogPane dialog = offer();
        assertTrue(before.statusBar().getText().contains("Cannot open " + HELD + ": is open in another Roofline "
                + "editor (pid 4242"),
                before.statusBar().getText());
        robot.interact(((Button) dialog.lookupButton(javafx.scene.control.ButtonType.CANCEL))::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(before, editor.pane());
        assertEquals(null, openedReadOnly.get());
    }
}
