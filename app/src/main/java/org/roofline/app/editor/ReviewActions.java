package org.roofline.app.editor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.BulkSetStatus;
import org.roofline.app.review.RejectWithReason;
import org.roofline.app.review.ReviewCommand;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewNavigator;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.TileOrder;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * What the Review and Edit menus' review keys do: the {@link ReviewNavigator}'s moves shown on the map and in the
 * status line, decisions and undo/redo run on the {@link UndoStack} (a large change is saved in the background
 * first: the status line says "Saving..." until it is shown). FX thread.
 */
final class ReviewActions {

    private final ReviewModel model;
    private final UndoStack undo;
    private final ReviewNavigator navigator;
    private final MapView map;
    private final StatusLine status;
    private final Supplier<Window> window;
    /** The last plain reject, which a reason key right after it completes (see {@link #rejectWithReason}). */
    private ReviewCommand lastReject;
    /** Review > Improve the model; null until {@link #setImprovement} (then the action says it is unavailable). */
    private ModelImprovement improvement;

    ReviewActions(ReviewModel model, UndoStack undo, MapView map, StatusLine status, Supplier<Window> window) {
        this.model = model;
        this.undo = undo;
        this.navigator = new ReviewNavigator(model, map.selection());
        this.map = map;
        this.status = status;
        this.window = window;
    }

    /** Shows what a move asks for: a tile fitted to the view, a footprint brought into view, a message. */
    private void show(ReviewNavigator.Move m) {
        if (m.showTile() >= 0) {
            map.showMapExtent(model.tiles().envelope(m.showTile()));
        }
        if (m.reveal() >= 0) {
            map.reveal(model.footprint(m.reveal()).polygon().getEnvelopeInternal());
        }
        if (m.message() != null) {
            status.say(m.noFootprints() && !status.emptyHint().isEmpty() ? status.emptyHint() : m.message());
        }
    }

    void nextTile() {
        show(navigator.nextTile());
    }

    void previousTile() {
        show(navigator.previousTile());
    }

    void nextPending() {
        show(navigator.nextPending());
    }

    void cycle(int direction) {
        show(navigator.cycle(direction));
    }

    /** Accept or reject the selection, else the current footprint, then move on to the next pending one. */
    void decide(ReviewStatus s) {
        ReviewNavigator.Target target = navigator.decisionTarget();
        show(target.move());
        if (target.ids().isEmpty()) {
            return;
        }
        SetStatus c = new SetStatus(target.ids(), s);
        execute(c);
        lastReject = s == ReviewStatus.REJECTED ? c : null;
        show(navigator.afterDecision());
    }

    /**
     * A reason key: right after a plain reject ({@code D} or {@code Shift+D}, the last command on the undo stack) it
     * gives the reason for the footprints that reject just rejected; otherwise it rejects the selection, else the
     * current footprint, with the reason and moves on like {@code D}.
     */
    void rejectWithReason(RejectReason reason) {
        ReviewCommand last = undo.undoCommand();
        if (last != null && last == lastReject) {
            List<Long> ids = last.touchedIds().stream().filter(id -> model.get(id)
                    .map(f -> f.status() == ReviewStatus.REJECTED).orElse(false)).toList();
            lastReject = null;
            if (!ids.isEmpty()) {
                execute(new RejectWithReason(ids, reason));
                return;
            }
        }
        ReviewNavigator.Target target = navigator.decisionTarget();
        show(target.move());
        if (target.ids().isEmpty()) {
            return;
        }
        execute(new RejectWithReason(target.ids(), reason));
        show(navigator.afterDecision());
    }

    void decideTile(ReviewStatus s) {
        var refusal = navigator.refuseTileDecision();
        if (refusal.isPresent()) {
            status.say(refusal.get());
            return;
        }
        BulkSetStatus c = new BulkSetStatus(s);
        execute(c);
        lastReject = s == ReviewStatus.REJECTED ? c : null;
        show(navigator.afterTileDecision());
    }

    /**
     * Runs a decision on the current footprint that is not an accept or reject (replace or keep the reference
     * building it matches), then moves on to the next pending footprint, as a decision does.
     */
    void decideThenAdvance(ReviewCommand c) {
        execute(c);
        show(navigator.afterDecision());
    }

    /** Shows a navigator move (for actions built beside these, such as the reference's). */
    void showMove(ReviewNavigator.Move m) {
        show(m);
    }

    void acceptByConfidence() {
        new ConfidenceDialog(window.get(), model).ask().ifPresent(this::execute);
    }

    void setImprovement(ModelImprovement m) {
        improvement = m;
    }

    /** Review > Improve the model from this review. */
    void improveModel() {
        if (improvement == null) {
            status.say("Improving the model is not available here.");
        } else {
            improvement.start();
        }
    }

    void cancelImprovement() {
        if (improvement != null) {
            improvement.cancel();
        }
    }

    /** Shows the precision curve from the decisions so far. */
    void showPrecision() {
        new PrecisionDialog(window.get(), model).show();
    }

    void toggleOrder() {
        model.setTileOrder(model.tileOrder() == TileOrder.DOUBT_FIRST ? TileOrder.POSITION : TileOrder.DOUBT_FIRST);
        status.say(model.tileOrder() == TileOrder.DOUBT_FIRST
                ? "Doubt first: tiles with the least confident, most changed, overlapping footprints come first."
                : "Tiles in position order.");
    }

    void undo() {
        step(undo.undoCommand(), "Nothing to undo.", "Undone: ", undo::undo);
    }

    void redo() {
        step(undo.redoCommand(), "Nothing to redo.", "Redone: ", undo::redo);
    }

    /** Undoes or redoes {@code c} (null: there is nothing to), then shows the footprint it touched. */
    private void step(ReviewCommand c, String nothing, String done, Supplier<CompletableFuture<Void>> run) {
        if (c == null) {
            status.say(nothing);
            return;
        }
        whenSaved(run.get(), done + c.description()).thenRun(() -> show(navigator.afterUndoOrRedo(c)));
    }

    /**
     * Runs a command on the undo stack; a large one is saved in the background first (the model, and the map, show it
     * once it is saved). A refusal or a failed save is shown in the status bar.
     */
    void execute(ReviewCommand c) {
        whenSaved(undo.execute(c), c.description());
    }

    private CompletableFuture<Void> whenSaved(CompletableFuture<Void> f, String done) {
        if (!f.isDone()) {
            status.say("Saving\u2026 " + done);
        }
        return f.whenComplete((ok, err) -> {
            status.say(err == null ? done : "Not saved, nothing changed: " + StatusLine.describe(err));
            map.redraw();
        });
    }
}
