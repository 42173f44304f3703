package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Test-scope child process for {@link EditorCrashTest}: opens the editor (headless Monocle) on a review session and
 * presses review keys on its scene, a key every {@code args[1]} ms, printing every decision ({@code decided ID
 * STATUS}) once the key's handler has returned, until it is killed. Prints {@code finished} if it runs out of keys.
 */
public final class EditorCrashChild {

    /** N next tile, A accept, D reject, Ctrl+Z undo, Shift+A accept the tile's pending footprints. */
    private static final String[] SCRIPT = {"N", "A", "D", "N", "SHIFT_A", "N", "A", "CTRL_Z", "D", "P", "N", "N"};

    private EditorCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path sessionFile = Path.of(args[0]);
        long pauseMs = Long.parseLong(args[1]);
        ReviewSession review = ReviewSession.open(sessionFile);
        ReviewModel model = review.model();
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        if (!up.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start");
        }
        EditorPane root = onFx(() -> {
            EditorPane pane = RooflineEditor.createRoot(review.image(), model);
            Stage stage = new Stage();
            stage.setScene(EditorPane.scene(pane));
            stage.show();
            pane.map().requestFocus();
            return pane;
        });
        System.out.println("ready " + model.size());
        System.out.flush();
        for (int i = 0; i < 400; i++) {
            String key = SCRIPT[i % SCRIPT.length];
            Map<Long, ReviewStatus> before = onFx(() -> statuses(model));
            Map<Long, ReviewStatus> after = onFx(() -> {
                press(root, key);
                return statuses(model);
            });
            for (Map.Entry<Long, ReviewStatus> e : after.entrySet()) {
                if (before.get(e.getKey()) != e.getValue()) {
                    System.out.println("decided " + e.getKey() + " " + e.getValue().code());
                }
            }
            System.out.flush();
            Thread.sleep(pauseMs);
        }
        System.out.println("finished");
        System.out.flush();
        Thread.sleep(120_000); // the test kills it before it closes anything
    }

    private static void press(EditorPane root, String key) {
        KeyCode code = switch (key) {
            case "SHIFT_A" -> KeyCode.A;
            case "CTRL_Z" -> KeyCode.Z;
            default -> KeyCode.valueOf(key);
        };
        boolean shift = key.startsWith("SHIFT_");
        boolean ctrl = key.startsWith("CTRL_");
        Event.fireEvent(root.map(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, ctrl, false, false));
        Event.fireEvent(root.map(), new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, shift, ctrl, false, false));
    }

    private static Map<Long, ReviewStatus> statuses(ReviewModel model) {
        Map<Long, ReviewStatus> m = new HashMap<>();
        for (Footprint f : model.footprints()) {
            m.put(f.id(), f.status());
        }
        return m;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
