package org.roofline.app.review;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The reviewer's moves, as rules on a {@link ReviewModel} and a {@link Selection} without any user interface: what
 * "next tile", "previous tile", "next pending", Tab, "the footprint a decision applies to", "after a decision" and
 * "after undo or redo" mean, and what the reviewer is told. Each move changes the model's current tile and footprint
 * (and the selection) and returns a {@link Move} saying what the view should show; {@link ReviewNavigation} holds the
 * underlying orders (the next pending footprint, tile wrap-around).
 */
public final class ReviewNavigator {

    /** Said when a tile decision is asked for before any tile is current. */
    public static final String NO_CURRENT_TILE = "No current tile: N goes to the first one.";

    /**
     * What a move asks of the view.
     *
     * @param showTile     a tile to fit into the view, or -1
     * @param reveal       a footprint to bring into view (after {@code showTile}), or -1
     * @param message      what to tell the reviewer ("" clears the last message), or null to leave it
     * @param noFootprints whether the move found nothing because the review has no footprints at all (the view may
     *                     say how to get some instead of {@code message})
     */
    public record Move(int showTile, long reveal, String message, boolean noFootprints) {

        /** Nothing to show, nothing to say. */
        public static final Move NONE = new Move(-1, -1, null, false);

        /** Only a message. */
        public static Move say(String message) {
            return new Move(-1, -1, message, false);
        }

        Move withMessage(String text) {
            return new Move(showTile, reveal, text, false);
        }
    }

    /**
     * The footprints a decision applies to, and how the view moved while finding them.
     *
     * @param ids  the footprints to decide; empty when there is none (then {@code move} says so)
     * @param move what the view should show
     */
    public record Target(List<Long> ids, Move move) {
        public Target {
            ids = List.copyOf(ids);
            Objects.requireNonNull(move, "move");
        }
    }

    private final ReviewModel model;
    private final Selection selection;

    public ReviewNavigator(ReviewModel model, Selection selection) {
        this.model = Objects.requireNonNull(model, "model");
        this.selection = Objects.requireNonNull(selection, "selection");
    }

    /**
     * The next tile of the sequence, past the last one back to the first (saying so: how many footprints are still
     * pending, or that the review is complete). Its first pending footprint (else its first) becomes current.
     */
    public Move nextTile() {
        Optional<ReviewNavigation.Step> step = ReviewNavigation.nextTileWrapping(model);
        if (step.isEmpty()) {
            return new Move(-1, -1, "No tiles: the image has no footprints.", true);
        }
        Move m = goTo(step.get().tile());
        if (step.get().wrapped()) {
            return m.withMessage(ReviewNavigation.isComplete(model) ? completeMessage()
                    : "Past the last tile: back to the first. " + pendingLeft());
        }
        return m;
    }

    /** The previous tile of the sequence (none before the first); its first pending footprint becomes current. */
    public Move previousTile() {
        int tile = model.previousTile();
        return tile < 0 ? Move.say("No previous tile: this is the first one.") : goTo(tile);
    }

    /** Shows a tile and makes its first pending footprint (else its first) current; the selection is cleared. */
    private Move goTo(int tile) {
        selection.clear();
        Optional<Footprint> first = model.footprintsInTile(tile).stream()
                .filter(f -> f.status() == ReviewStatus.PENDING && model.inFocus(f.id())).findFirst();
        if (first.isPresent()) {
            model.selectFootprint(first.get().id());
        } else {
            model.nextFootprint();
        }
        return new Move(tile, -1, "", false);
    }

    /**
     * The next pending footprint anywhere in the image, after the current one and wrapping around
     * ({@link ReviewNavigation#nextPending}); it becomes current, the selection is cleared, and the reviewer is told
     * how many are left. With nothing pending: the review is complete (or has no footprints).
     */
    public Move nextPending() {
        Optional<ReviewNavigation.Step> step = ReviewNavigation.nextPending(model);
        if (step.isEmpty()) {
            if (focusDone()) {
                return Move.say(focusDoneMessage());
            }
            return model.size() == 0 ? new Move(-1, -1, "", true) : Move.say(completeMessage());
        }
        selection.clear();
        long id = step.get().id();
        boolean otherTile = step.get().tile() != model.currentTile();
        model.selectFootprint(id);
        return new Move(otherTile ? step.get().tile() : -1, id, step.get().wrapped()
                ? "Past the last tile: back to a footprint left pending. " + pendingLeft() : pendingLeft(), false);
    }

    /** Tab ({@code +1}) and Shift+Tab ({@code -1}): the next or previous footprint of the tile (the first tile first). */
    public Move cycle(int direction) {
        if (model.currentTile() < 0) {
            return nextTile();
        }
        selection.clear();
        if (direction > 0) {
            model.nextFootprint();
        } else {
            model.previousFootprint();
        }
        return Move.NONE;
    }

    /**
     * What an accept or reject applies to: the selection, else the current footprint; with no current footprint the
     * tile's first (going to the first tile when none is current). Empty, saying so, when there is none.
     */
    public Target decisionTarget() {
        if (!selection.isEmpty()) {
            return new Target(List.copyOf(selection.ids()), Move.NONE);
        }
        Move move = model.currentTile() < 0 ? nextTile() : Move.NONE;
        Optional<Footprint> f = model.currentFootprint().or(model::nextFootprint);
        if (f.isEmpty()) {
            return new Target(List.of(), move.withMessage("No footprint here: N goes to the next tile."));
        }
        return new Target(List.of(f.get().id()), move);
    }

    /**
     * After a decision on the current footprint (none selected), the next pending footprint of the tile becomes
     * current (if any); when nothing is pending any more the reviewer is told the review is complete.
     */
    public Move afterDecision() {
        if (selection.isEmpty()) {
            advanceToPending();
        }
        return afterTileDecision();
    }

    /** After deciding a whole tile: whether the review is now complete. */
    public Move afterTileDecision() {
        if (ReviewNavigation.isComplete(model)) {
            return Move.say(completeMessage());
        }
        return focusDone() ? Move.say(focusDoneMessage()) : Move.NONE;
    }

    /** Whether only one change class is reviewed and none of its footprints is pending, while others are. */
    private boolean focusDone() {
        return model.focusClass() != null && model.pendingInFocus() == 0
                && model.count(ReviewStatus.PENDING) > 0;
    }

    /** What the reviewer is told when every footprint of the class in focus is decided. */
    public String focusDoneMessage() {
        return "Every " + model.focusClass().label().replace('_', ' ') + " footprint is decided; "
                + model.count(ReviewStatus.PENDING) + " of other classes pending.";
    }

    /** Why a tile decision cannot be made now (no current tile), if so. */
    public Optional<String> refuseTileDecision() {
        return model.currentTile() < 0 ? Optional.of(NO_CURRENT_TILE) : Optional.empty();
    }

    private void advanceToPending() {
        List<Long> ids = model.footprintIdsInTile(model.currentTile());
        long current = model.currentFootprint().map(Footprint::id).orElse(-1L);
        int start = ids.indexOf(current);
        for (int k = 1; k <= ids.size(); k++) {
            long id = ids.get(Math.floorMod(start + k, ids.size()));
            if (model.footprint(id).status() == ReviewStatus.PENDING && model.inFocus(id)) {
                model.selectFootprint(id);
                return;
            }
        }
    }

    /**
     * After undo or redo of {@code c}: the footprint it touched ({@link ReviewNavigation#afterUndoOrRedo}) becomes
     * current, so the next decision lands on it, and is brought into view; a selection not holding it is dropped.
     */
    public Move afterUndoOrRedo(ReviewCommand c) {
        Optional<Long> id = ReviewNavigation.afterUndoOrRedo(model, c);
        if (id.isEmpty()) {
            return Move.NONE;
        }
        if (!selection.ids().contains(id.get())) {
            selection.clear();
        }
        model.selectFootprint(id.get());
        return new Move(-1, id.get(), null, false);
    }

    /** "3 footprints pending." */
    public String pendingLeft() {
        long n = model.pendingInFocus();
        String of = model.focusClass() == null ? "" : model.focusClass().label().replace('_', ' ') + " ";
        return n + " " + of + "footprint" + (n == 1 ? "" : "s") + " pending.";
    }

    /** What the reviewer is told when every footprint is decided. */
    public String completeMessage() {
        return "Review complete: all " + model.size() + " footprints decided (File > Export\u2026 writes them).";
    }
}
