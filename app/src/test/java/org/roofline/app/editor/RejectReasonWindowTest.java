package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.format.VectorFormat;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Reject reasons in the real window: D then a digit gives the reason of the footprint just rejected, a digit alone
 * rejects with it, Shift+D then a digit gives it to the whole tile's rejects; the status line and the legend count
 * them, Ctrl+Z takes a reason back, the session keeps them, and the export dialog writes them as the {@code reason}
 * attribute that GDAL reads.
 */
@ExtendWith(ApplicationExtension.class)
class RejectReasonWindowTest {

    @TempDir
    static Path dir;

    private RooflineEditor editor;
    private ReviewSession session;

    @Start
    void start(Stage stage) throws IOException {
        BundledSample.Location sample = BundledSample.install(dir.resolve("data"));
        session = ReviewSession.openOrCreate(sample.image(), sample.footprints(), sample.session());
        RooflineEditor.prepare(new OpenedReview(session.image(), session.model(), session.store().crs(),
                session.store().file(), session), p -> {
                    throw new IOException("not in this test");
                }, List::of);
        editor = new RooflineEditor();
        editor.start(stage);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void type(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void rejectWithReasonsCountUndoAndExport(FxRobot robot) throws Exception {
        EditorPane pane = editor.pane();
        ReviewModel model = pane.model();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.map().getOverview() != null);

        type(robot, KeyCode.N);
        long first = fx(() -> model.currentFootprint().orElseThrow().id());
        type(robot, KeyCode.D);
        long second = fx(() -> model.currentFootprint().orElseThrow().id());
        assertNotEquals(first, second);
        assertNull(model.footprint(first).rejectReason(), "the plain reject as before");
        var rejectedAt = model.footprint(first).reviewedAt();
        type(robot, KeyCode.DIGIT3);
        assertEquals(RejectReason.WRONG_SHAPE, model.footprint(first).rejectReason(), "D then 3: wrong shape");
        assertEquals(rejectedAt, model.footprint(first).reviewedAt());
        assertEquals(second, fx(() -> model.currentFootprint().orElseThrow().id()), "the reason does not move on");

        type(robot, KeyCode.DIGIT1); // no D before: rejects the current footprint as not a building, moves on
        assertEquals(ReviewStatus.REJECTED, model.footprint(second).status());
        assertEquals(RejectReason.NOT_A_BUILDING, model.footprint(second).rejectReason());

        // the rest of the tile: Shift+D, then 4 gives them all the reason "offset"
        int tile = model.currentTile();
        List<Long> rest = model.footprintsInTile(tile).stream().filter(f -> f.status() == ReviewStatus.PENDING)
                .map(f -> f.id()).toList();
        assertTrue(rest.size() >= 1, "pending footprints left in the tile");
        type(robot, KeyCode.SHIFT, KeyCode.D);
        type(robot, KeyCode.DIGIT4);
        for (long id : rest) {
            assertEquals(RejectReason.OFFSET, model.footprint(id).rejectReason(), "footprint " + id);
        }
        String counts = String.format("Rejected %d (1 not a building, 1 wrong shape, %d offset)", 2 + rest.size(),
                rest.size());
        assertTrue(fx(() -> pane.statusBar().getText()).contains(counts), fx(() -> pane.statusBar().getText()));
        assertEquals(List.of("not a building 1", "wrong shape 1", "offset " + rest.size()),
                fx(() -> pane.map().footprintLayer().reasonRows()));

        // one Ctrl+Z takes the tile's reason back, the rejects stay
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        for (long id : rest) {
            assertEquals(ReviewStatus.REJECTED, model.footprint(id).status());
            assertNull(model.footprint(id).rejectReason());
        }
        assertTrue(fx(() -> pane.statusBar().getText()).contains("(1 not a building, 1 wrong shape)"));
        type(robot, KeyCode.CONTROL, KeyCode.Y);
        assertEquals(RejectReason.OFFSET, model.footprint(rest.get(0)).rejectReason());

        // the session has them
        try (ReviewSession again = ReviewSession.openReadOnly(session.store().file())) {
            assertEquals(RejectReason.WRONG_SHAPE, again.model().footprint(first).rejectReason());
            assertEquals(rest.size(), again.model().count(RejectReason.OFFSET));
        }

        // export the rejected footprints through the dialog: GDAL reads each one's reason
        type(robot, KeyCode.CONTROL, KeyCode.E);
        Path gpkg = dir.resolve("rejected.gpkg");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<VectorFormat> format = robot.lookup("#export-format").queryAs(ComboBox.class);
            format.setValue(VectorFormat.GEOPACKAGE);
            robot.lookup("#export-status-accepted").queryAs(CheckBox.class).setSelected(false);
            robot.lookup("#export-status-edited").queryAs(CheckBox.class).setSelected(false);
            robot.lookup("#export-status-rejected").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#export-path").queryAs(TextField.class).setText(gpkg.toString());
        });
        robot.interact(() -> robot.lookup("#export-run").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> robot.lookup(".dialog-pane")
                .queryAll().stream().anyMatch(n -> n.lookupAll(".label").stream()
                        .anyMatch(l -> ((javafx.scene.control.Labeled) l).getText() != null
                                && ((javafx.scene.control.Labeled) l).getText().contains("read back")))));
        assertTrue(Files.exists(gpkg));
        Map<String, Long> expected = new java.util.TreeMap<>(Map.of("not-a-building", 1L, "wrong-shape", 1L,
                "offset", (long) rest.size()));
        assertEquals(expected, new java.util.TreeMap<>(ogrReasons(gpkg)));
    }

    /** Feature counts by reason, as GDAL's ogrinfo reads the file. */
    private static Map<String, Long> ogrReasons(Path file) throws Exception {
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-q", "-al", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out.lines().map(String::strip).filter(l -> l.startsWith("reason (String) = "))
                .map(l -> l.substring("reason (String) = ".length()))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }
}
