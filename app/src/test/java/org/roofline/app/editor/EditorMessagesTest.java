package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.footprint.Footprint;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the status bar says at start-up: the hint of an empty review (gone once footprints arrive), key-file errors. */
@ExtendWith(ApplicationExtension.class)
class EditorMessagesTest {

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage s) {
        this.stage = s;
    }

    private EditorPane show(FxRobot robot, ReviewModel model, Path keys) throws Exception {
        EditorPane pane = WaitForAsyncUtils.asyncFx(() -> new EditorPane(ReviewNavigationWindowTest.IMAGE, model, keys))
                .get(10, TimeUnit.SECONDS);
        robot.interact(() -> {
            stage.setScene(EditorPane.scene(pane));
            stage.show();
        });
        return pane;
    }

    @Test
    void theEmptyReviewHintGoesOnceAnExtractionFoundFootprints(FxRobot robot) throws Exception {
        Envelope extent = ReviewNavigationWindowTest.extent();
        ReviewModel model = new ReviewModel(List.of(), Map.of(), ReviewTiles.covering(extent, extent.getWidth() / 2),
                ReviewPersistence.NONE, Clock.systemUTC());
        EditorPane pane = show(robot, model, dir.resolve("keys.properties"));
        assertTrue(pane.statusBar().getText().contains("No footprints yet"), pane.statusBar().getText());
        List<Footprint> found = ReviewNavigationWindowTest.squares(extent);
        robot.interact(() -> model.addExtracted(found, Map.of())); // what the extraction does as it finds them
        assertEquals(12, model.size());
        assertFalse(pane.statusBar().getText().contains("No footprints yet"), pane.statusBar().getText());
        robot.interact(() -> pane.showMessage("something else"));
        assertFalse(pane.statusBar().getText().contains("No footprints yet"));
    }

    @Test
    void anUnreadableKeyLineIsSaidAtStartUpOnStderrAndInTheStatusBar(FxRobot robot) throws Exception {
        Path keys = dir.resolve("keys.properties");
        Files.writeString(keys, "review.accept = NotAKey\nreview.no-such-action = K\n");
        Envelope extent = ReviewNavigationWindowTest.extent();
        ReviewModel model = ReviewModel.of(ReviewNavigationWindowTest.squares(extent), extent.getWidth() / 2,
                ReviewPersistence.NONE, Clock.systemUTC());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        EditorPane pane;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            pane = show(robot, model, keys);
        } finally {
            System.setErr(old);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains(keys + ": 'NotAKey' for review.accept is not a key"), printed);
        assertTrue(printed.contains("unknown action 'review.no-such-action'"), printed);
        assertEquals(2, printed.lines().filter(l -> l.contains(keys.toString())).count(), "once each: " + printed);
        String status = pane.statusBar().getText();
        assertTrue(status.contains("is not a key") && status.contains("1 more: F1 lists them"), status);
        // another review opened in the same run: said in its status bar, not again on stderr
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        System.setErr(new PrintStream(again, true, StandardCharsets.UTF_8));
        EditorPane second;
        try {
            second = show(robot, model, keys);
        } finally {
            System.setErr(old);
        }
        assertEquals("", again.toString(StandardCharsets.UTF_8));
        assertTrue(second.statusBar().getText().contains("is not a key"), second.statusBar().getText());
    }
}
