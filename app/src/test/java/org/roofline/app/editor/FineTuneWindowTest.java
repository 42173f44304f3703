package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.editor.finetune.FineTunePanel;
import org.roofline.app.editor.finetune.FineTuneService;
import org.roofline.app.finetune.ReviewedTiles;
import org.roofline.app.review.ReExtractTiles;
import org.roofline.app.review.RejectWithReason;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.SetStatus;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.training.FineTuner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Review > Improve the model in the real window, on the bundled sample with two tiles finished and one half
 * reviewed: a run cancelled from its panel leaves the review and the folder as they were; a run of two steps
 * finishes in seconds, re-extracts the untouched tiles without touching a decided footprint (nor the half-reviewed
 * tile), and one Ctrl+Z gives back every footprint as it was, in the session too.
 */
@ExtendWith(ApplicationExtension.class)
class FineTuneWindowTest {

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

    private static Map<Long, String> state(ReviewModel m) {
        Map<Long, String> out = new TreeMap<>();
        for (Footprint f : m.footprints()) {
            out.put(f.id(), f.status() + " " + f.rejectReason() + " " + f.polygon().toText());
        }
        return out;
    }

    @Test
    void cancelThenFinishThenUndo(FxRobot robot) throws Exception {
        EditorPane pane = editor.pane();
        ReviewModel model = pane.model();
        FineTuneService service = pane.modelImprovement().service();
        FineTunePanel panel = (FineTunePanel) pane.modelImprovement().panel();
        assertFalse(fx(panel::isVisible), "no strip before a run");

        // nothing finished yet: the action says so and starts nothing
        fx(() -> {
            pane.modelImprovement().start();
            return null;
        });
        assertEquals(Worker.State.READY, fx(service::getState));
        assertTrue(fx(() -> pane.statusBar().getText()).contains("No finished tile yet"));

        List<Integer> busy = new ArrayList<>();
        for (int t = 0; t < model.tiles().count(); t++) {
            if (model.footprintsInTile(t).size() >= 3) {
                busy.add(t);
            }
        }
        int half = busy.get(2);
        fx(() -> {
            for (int t : busy.subList(0, 2)) {
                List<Long> ids = model.footprintIdsInTile(t);
                pane.undoStack().execute(new SetStatus(ids.subList(1, ids.size()), ReviewStatus.ACCEPTED)).join();
                pane.undoStack().execute(new RejectWithReason(ids.subList(0, 1), RejectReason.WRONG_SHAPE)).join();
            }
            pane.undoStack().execute(SetStatus.accept(model.footprintIdsInTile(half).get(0))).join();
            return null;
        });
        ReviewedTiles tiles = fx(service::reviewedTiles);
        assertEquals(busy.subList(0, 2), tiles.finished());
        Map<Long, String> before = fx(() -> state(model));
        Path firstFolder = session.store().file().resolveSibling(
                session.store().file().getFileName().toString().replace(".roofline.gpkg", "") + "-finetuned-1");

        // a long run, cancelled from the panel once it trains
        fx(() -> {
            service.setSettings(FineTuner.Settings.of(Duration.ofMinutes(2)));
            pane.modelImprovement().start();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> fx(() -> String.valueOf(service.getMessage())).startsWith("step"));
        assertTrue(fx(panel::isVisible));
        assertTrue(fx(panel::statusText).startsWith("Improving the model: step"), fx(panel::statusText));
        robot.interact(() -> robot.lookup("#finetune-cancel").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(service::getState) == Worker.State.CANCELLED);
        assertEquals(before, fx(() -> state(model)), "a cancelled run changes nothing");
        assertFalse(Files.exists(firstFolder.resolve("roofline-unet.params")), "and writes no model");

        // a run of two steps finishes, its re-extraction is one command on the undo stack
        int undoDepth = fx(() -> pane.undoStack().undoSize());
        fx(() -> {
            service.setSettings(FineTuner.Settings.of(Duration.ofMinutes(2)).withMaxSteps(2));
            pane.modelImprovement().start();
            return null;
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(service::getState) == Worker.State.SUCCEEDED);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> pane.undoStack().undoSize()) == undoDepth + 1);
        assertInstanceOf(ReExtractTiles.class, fx(() -> pane.undoStack().undoCommand()));
        Path folder = fx(() -> service.getValue().report().modelDir());
        assertTrue(Files.isRegularFile(folder.resolve(FineTuner.PROVENANCE)), folder.toString());
        assertTrue(fx(panel::statusText).startsWith("Model fine-tuned on 2 finished tiles (2 steps"),
                fx(panel::statusText));
        assertTrue(fx(() -> pane.statusBar().getText()).contains("Ctrl+Z undoes it"));
        Map<Long, String> after = fx(() -> state(model));
        for (Map.Entry<Long, String> e : before.entrySet()) {
            if (!e.getValue().startsWith("PENDING")) {
                assertEquals(e.getValue(), after.get(e.getKey()), "decided footprint " + e.getKey());
            }
        }
        for (long id : fx(() -> model.footprintIdsInTile(half))) {
            assertEquals(before.get(id), after.get(id), "half-reviewed tile, footprint " + id);
        }
        assertFalse(after.equals(before), "the untouched tiles were re-extracted");

        // one Ctrl+Z gives every footprint back, in the session too
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> pane.undoStack().undoSize()) == undoDepth);
        assertEquals(before, fx(() -> state(model)));
        try (ReviewSession again = ReviewSession.openReadOnly(session.store().file())) {
            assertEquals(before.keySet(), state(again.model()).keySet());
        }
    }
}
