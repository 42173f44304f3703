package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.StatusBar;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.BulkSetStatus;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.Selection;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** The editor's root: the map, the status bar, and the review keys (on the scene, whatever has the focus). */
final class EditorPane extends BorderPane {

    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.N);
    private static final KeyCombination NEXT_SPACE = new KeyCodeCombination(KeyCode.SPACE);
    private static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.P);
    private static final KeyCombination ACCEPT = new KeyCodeCombination(KeyCode.A);
    private static final KeyCombination REJECT = new KeyCodeCombination(KeyCode.D);
    private static final KeyCombination ACCEPT_TILE = new KeyCodeCombination(KeyCode.A, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    /** One daemon thread for image reading, shared by every editor. */
    private static final ExecutorService IO = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roofline-editor-io");
        t.setDaemon(true);
        return t;
    });

    private final ReviewModel model;
    private final UndoStack undo;
    private final Selection selection = new Selection();
    private final MapView map;
    private final StatusBar status = new StatusBar();
    private final EventHandler<KeyEvent> keys = this::keyPressed;

    EditorPane(Path image, ReviewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.undo = new UndoStack(model);
        this.map = new MapView(model, selection);
        setCenter(map);
        setBottom(status);
        model.addListener(e -> updateStatus());
        updateStatus();
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventHandler(KeyEvent.KEY_PRESSED, keys);
            }
            if (scene != null) {
                scene.addEventHandler(KeyEvent.KEY_PRESSED, keys);
            }
        });
        map.loadErrorProperty().addListener((obs, o, err) -> {
            if (err != null) {
                status.setText("Cannot read " + image.getFileName() + ": " + err.getMessage());
            }
        });
        map.loadOverview(image, IO);
    }

    MapView map() {
        return map;
    }

    ReviewModel model() {
        return model;
    }

    UndoStack undoStack() {
        return undo;
    }

    StatusBar statusBar() {
        return status;
    }

    private void keyPressed(KeyEvent e) {
        if (NEXT.match(e) || NEXT_SPACE.match(e)) {
            goTo(model.nextTile());
        } else if (PREVIOUS.match(e)) {
            goTo(model.previousTile());
        } else if (ACCEPT.match(e)) {
            setCurrent(ReviewStatus.ACCEPTED);
        } else if (REJECT.match(e)) {
            setCurrent(ReviewStatus.REJECTED);
        } else if (ACCEPT_TILE.match(e)) {
            if (model.currentTile() >= 0) {
                undo.execute(new BulkSetStatus(ReviewStatus.ACCEPTED));
            }
        } else if (UNDO.match(e)) {
            if (undo.canUndo()) {
                undo.undo();
            }
        } else if (REDO.match(e)) {
            if (undo.canRedo()) {
                undo.redo();
            }
        } else {
            return;
        }
        e.consume();
        map.redraw();
    }

    /** Shows a tile (if any) and makes its first footprint current. */
    private void goTo(int tile) {
        if (tile >= 0) {
            model.nextFootprint();
            map.showMapExtent(model.tiles().envelope(tile));
        }
    }

    /** Accept or reject the current footprint (the tile's first when none is current). */
    private void setCurrent(ReviewStatus s) {
        if (model.currentTile() < 0) {
            return;
        }
        Footprint f = model.currentFootprint().or(model::nextFootprint).orElse(null);
        if (f != null) {
            undo.execute(new SetStatus(java.util.List.of(f.id()), s));
        }
    }

    private void updateStatus() {
        status.setText(String.format("Tile %s   Accepted %d   Rejected %d   Pending %d   Edited %d",
                model.currentTile() < 0 ? "-" : Integer.toString(model.currentTile()),
                model.count(ReviewStatus.ACCEPTED), model.count(ReviewStatus.REJECTED),
                model.count(ReviewStatus.PENDING), model.count(ReviewStatus.EDITED)));
    }

    static Scene scene(EditorPane pane) {
        return new Scene(pane, 1000, 760);
    }
}
