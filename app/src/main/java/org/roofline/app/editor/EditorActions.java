package org.roofline.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.actions.EditorAction;
import org.roofline.app.editor.actions.EditorAction.Category;
import org.roofline.app.editor.map.ImageDisplayDialog;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.tools.EditingTools;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The editor's action table: every action with its default shortcut, in the order of the menus and the keyboard
 * reference (the map's pan and zoom keys come from the map, {@link MapView#keyActions()}), and {@link #run}, the one
 * way an action runs, from a key or a menu. FX thread.
 */
final class EditorActions {

    private final List<EditorAction> actions = new ArrayList<>();
    private final ReviewModel model;
    private final UndoStack undo;
    private final MapView map;
    private final EditingTools tools;
    private final StatusLine status;

    /**
     * @param keyboardReference what F1 does (the keyboard reference needs the key map made of these actions)
     */
    EditorActions(FileActions file, ReviewActions review, EditorHost host, ReviewModel model, UndoStack undo,
                  MapView map, EditingTools tools, StatusLine status, Supplier<Window> window,
                  Runnable keyboardReference) {
        this.model = model;
        this.undo = undo;
        this.map = map;
        this.tools = tools;
        this.status = status;
        add("file.open", "Open image or session\u2026", Category.FILE,
                key(KeyCode.O, KeyCombination.SHORTCUT_DOWN), file::openFile);
        add("file.extract", "Extract buildings (bundled model)", Category.FILE,
                key(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> file.extract(null));
        add("file.extract-with", "Extract buildings with a model file\u2026", Category.FILE, null,
                file::extractWithModel);
        add("file.cancel-extraction", "Cancel the extraction", Category.FILE,
                key(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), file::cancelExtraction);
        add("file.export", "Export\u2026", Category.FILE, key(KeyCode.E, KeyCombination.SHORTCUT_DOWN), file::export);
        add("file.quit", "Quit", Category.FILE, key(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), host::quit);
        add("review.next-tile", "Next tile", Category.REVIEW, key(KeyCode.N), review::nextTile);
        actions.add(new EditorAction("review.next-tile-alt", "Next tile (second key)", Category.REVIEW,
                key(KeyCode.SPACE), review::nextTile).hiddenFromMenus());
        add("review.previous-tile", "Previous tile", Category.REVIEW, key(KeyCode.P), review::previousTile);
        add("review.next-pending", "Next pending footprint (whole image, wrapping)", Category.REVIEW,
                key(KeyCode.N, KeyCombination.SHIFT_DOWN), review::nextPending);
        add("review.next-footprint", "Next footprint in the tile", Category.REVIEW, key(KeyCode.TAB),
                () -> review.cycle(+1));
        add("review.previous-footprint", "Previous footprint in the tile", Category.REVIEW,
                key(KeyCode.TAB, KeyCombination.SHIFT_DOWN), () -> review.cycle(-1));
        add("review.accept", "Accept (selection or current footprint)", Category.REVIEW, key(KeyCode.A),
                () -> review.decide(ReviewStatus.ACCEPTED));
        add("review.reject", "Reject (selection or current footprint)", Category.REVIEW, key(KeyCode.D),
                () -> review.decide(ReviewStatus.REJECTED));
        add("review.accept-tile", "Accept every pending footprint of the tile", Category.REVIEW,
                key(KeyCode.A, KeyCombination.SHIFT_DOWN), () -> review.decideTile(ReviewStatus.ACCEPTED));
        add("review.reject-tile", "Reject every pending footprint of the tile", Category.REVIEW,
                key(KeyCode.D, KeyCombination.SHIFT_DOWN), () -> review.decideTile(ReviewStatus.REJECTED));
        add("review.accept-confidence", "Accept by confidence\u2026", Category.REVIEW,
                key(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), review::acceptByConfidence);
        add("review.doubt-first", "Doubt-first order (on/off)", Category.REVIEW, key(KeyCode.O),
                review::toggleOrder);
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (RejectReason r : RejectReason.values()) {
            add("review.reason-" + r.code(), "Reject as " + r.label() + " (right after D: its reason)",
                    Category.REVIEW, key(digits[r.ordinal()]), () -> review.rejectWithReason(r));
        }
        add("review.precision", "Precision by confidence (from your decisions)\u2026", Category.REVIEW, null,
                review::showPrecision);
        add("review.improve-model", "Improve the model from this review (fine-tune, re-extract untouched tiles)",
                Category.REVIEW, null, review::improveModel);
        add("review.cancel-improvement", "Cancel improving the model", Category.REVIEW, null,
                review::cancelImprovement);
        add("edit.undo", "Undo", Category.EDIT, key(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), review::undo);
        add("edit.redo", "Redo", Category.EDIT, key(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), review::redo);
        add("edit.select", "Select tool / clear the selection", Category.EDIT, key(KeyCode.ESCAPE), this::escape);
        add("edit.vertices", "Edit vertices (drag; click an edge to insert)", Category.EDIT, key(KeyCode.E),
                tools::editVertices);
        add("edit.delete-vertex", "Delete the vertex under the cursor", Category.EDIT, key(KeyCode.DELETE),
                this::deleteVertex);
        add("edit.draw", "Draw a missing building (rectangle)", Category.EDIT, key(KeyCode.B), tools::draw);
        add("edit.move", "Move the selection", Category.EDIT, key(KeyCode.M), tools::move);
        add("edit.move-all", "Move every footprint (imagery offset)", Category.EDIT,
                key(KeyCode.M, KeyCombination.SHIFT_DOWN), tools::moveAll);
        add("edit.offset", "Offset every footprint by metres\u2026", Category.EDIT,
                key(KeyCode.M, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), tools::offset);
        add("edit.regularize", "Re-square the selection (live preview)\u2026", Category.EDIT, key(KeyCode.Q),
                this::regularize);
        add("edit.split", "Split a footprint along a cut line (click points, Enter)", Category.EDIT,
                key(KeyCode.X), tools::split);
        add("edit.merge", "Merge the selected footprints into one", Category.EDIT, key(KeyCode.C), tools::merge);
        actions.addAll(map.keyActions());
        add("view.zoom-selection", "Zoom to the selection", Category.VIEW, key(KeyCode.Z), this::zoomToSelection);
        add("view.zoom-tile", "Zoom to the current tile", Category.VIEW, key(KeyCode.T), this::zoomToTile);
        add("view.zoom-image", "Zoom to the whole image", Category.VIEW, key(KeyCode.HOME), map::zoomToImage);
        add("view.validation", "Show validation markers (on/off)", Category.VIEW, key(KeyCode.V),
                this::toggleValidation);
        add("view.image-display", "Image brightness and contrast\u2026", Category.VIEW, null,
                () -> ImageDisplayDialog.open(window.get(), map.imageryLayer()));
        add("help.keys", "Keyboard reference", Category.HELP, key(KeyCode.F1), keyboardReference);
    }

    private void add(String id, String label, Category category, KeyCombination defaultKey, Runnable handler) {
        actions.add(new EditorAction(id, label, category, defaultKey, handler));
    }

    private static KeyCombination key(KeyCode code, KeyCombination.Modifier... mods) {
        return new KeyCodeCombination(code, mods);
    }

    /** Adds actions built elsewhere (the reference map's), after these in the menus and the keyboard reference. */
    void addAll(List<EditorAction> more) {
        actions.addAll(more);
    }

    /** Every action, in menu order. */
    List<EditorAction> all() {
        return List.copyOf(actions);
    }

    /**
     * Runs an action: refused (saying why) while a large change is being saved, unless it only moves the view or
     * helps; a refused command (an invalid edit, a failed save) is shown in the status line, never thrown at the
     * user. The map is redrawn after.
     */
    void run(EditorAction a) {
        if (undo.isBusy() && a.category() != Category.VIEW && a.category() != Category.HELP) {
            status.say("Saving the last change\u2026 (the map can be moved meanwhile)");
            return;
        }
        try {
            a.handler().run();
        } catch (RuntimeException ex) {
            status.say(a.label() + ": " + ex.getMessage());
        }
        map.redraw();
    }

    private void zoomToSelection() {
        if (map.zoomToSelection()) {
            return;
        }
        Optional<Footprint> f = model.currentFootprint();
        if (f.isPresent()) {
            Envelope e = f.get().polygon().getEnvelopeInternal();
            e.expandBy(Math.max(e.getWidth(), e.getHeight()));
            map.showMapExtent(e);
        } else {
            status.say("Nothing selected to zoom to.");
        }
    }

    private void zoomToTile() {
        if (model.currentTile() < 0 || !map.zoomToTile(model.currentTile())) {
            status.say("No current tile: N goes to the first one.");
        }
    }

    private void toggleValidation() {
        map.validationLayer().setVisible(!map.validationLayer().isVisible());
        status.say(map.validationLayer().isVisible()
                ? "Validation markers: invalid outlines, overlaps, almost-square corners." : "Validation hidden.");
    }

    private void escape() {
        if (map.getTool() != tools.selectTool()) {
            tools.select();
            status.say("Select tool.");
        } else {
            map.selection().clear();
        }
    }

    private void deleteVertex() {
        if (map.getTool() == tools.vertexTool()) {
            tools.vertexTool().deleteVertex();
        } else {
            status.say("Delete removes a vertex while editing vertices (E); D rejects a footprint.");
        }
    }

    private void regularize() {
        if (model.currentFootprint().isEmpty() && map.selection().isEmpty()) {
            status.say("Select footprints to re-square first (click, Shift+drag a box, Ctrl+drag a lasso).");
            return;
        }
        tools.regularize();
    }
}
