package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Menu;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.ReviewTiles;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Open and Recent: another review replaces the current one in the same window, off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class OpenInWindowTest {

    private static final Path SAMPLES = Path.of(System.getProperty("roofline.resources"), "samples");
    private static final Path FIRST = SAMPLES.resolve("fair-kampala/chips/OAM-309612-261632-19.tif");
    private static final Path SECOND = SAMPLES.resolve("fair-banepa/oam/OAM-386690-220241-19.tif");

    private final AtomicBoolean firstClosed = new AtomicBoolean();
    private RooflineEditor editor;
    private Stage stage;

    private static ReviewModel empty() {
        return new ReviewModel(List.of(), java.util.Map.of(), ReviewTiles.covering(new Envelope(0, 1, 0, 1), 1),
                ReviewPersistence.NONE, Clock.systemUTC());
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        OpenedReview first = new OpenedReview(FIRST, empty(), null, null, () -> firstClosed.set(true));
        RooflineEditor.prepare(first, path -> {
            if (path.equals(SECOND)) {
                Thread.sleep(200); // slow on purpose: the window stays responsive meanwhile
                return new OpenedReview(SECOND, empty(), null, null, null);
            }
            throw new java.io.IOException(path.getFileName() + ": not an image or a Roofline session");
        }, () -> List.of(SECOND, FIRST));
        editor = new RooflineEditor();
        editor.start(stage);
    }

    @Test
    void opensAnotherReviewInTheSameWindowAndClosesTheFirst(FxRobot robot) throws Exception {
        EditorPane before = editor.pane();
        Menu file = before.menuBar().getMenus().get(0);
        Menu recent = (Menu) file.getItems().stream().filter(i -> i instanceof Menu).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> recent.getItems().size() == 2); // read in the background
        assertEquals(2, recent.getItems().size());
        assertTrue(recent.getItems().get(0).getText().startsWith(SECOND.getFileName().toString()));

        robot.interact(() -> recent.getItems().get(0).fire());
        assertTrue(before.statusBar().getText().contains("Opening"), before.statusBar().getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> editor.pane() != before);
        assertNotSame(before, editor.pane());
        assertEquals(SECOND, editor.pane().image());
        assertSame(editor.pane(), stage.getScene().getRoot());
        assertTrue(stage.getTitle().contains(SECOND.getFileName().toString()), stage.getTitle());
        assertTrue(firstClosed.get(), "the first review (its session) was closed");
    }

    @Test
    void aFileThatCannotBeOpenedLeavesTheCurrentReviewAndSaysWhy(FxRobot robot) throws Exception {
        EditorPane before = editor.pane();
        Path bad = SAMPLES.resolve("NOTICE.md");
        robot.interact(() -> editor.open(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> before.statusBar().getText().contains("Cannot open"));
        assertTrue(before.statusBar().getText().contains("NOTICE.md: not an image or a Roofline session"),
                before.statusBar().getText());
        assertSame(before, editor.pane());
        assertFalse(firstClosed.get());
    }
}
