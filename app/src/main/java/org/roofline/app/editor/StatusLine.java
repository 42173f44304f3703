package org.roofline.app.editor;

import org.roofline.geometry.text.OneLine;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewSpeed;
import org.roofline.app.review.TileOrder;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The editor's status line: the review's counts, speed and tile order on the first line, the last message below,
 * the map position under the cursor on the right. An "empty review" hint (how to get footprints) stays until
 * footprints arrive. Updated on every model event; FX thread.
 */
final class StatusLine {

    private final ReviewModel model;
    private final StatusBar bar = new WrappingStatusBar();
    private final ReviewSpeed speed = new ReviewSpeed(Clock.systemUTC());
    private String message = "";
    private String emptyHint = "";

    StatusLine(ReviewModel model, ObservableValue<String> cursorText) {
        this.model = model;
        Label cursor = new Label();
        cursor.setId("cursor-position");
        cursor.textProperty().bind(cursorText);
        cursor.setMinWidth(Region.USE_PREF_SIZE); // the position is never cut off
        bar.getRightItems().add(cursor);
        model.addListener(this::modelChanged);
        update();
    }

    StatusBar bar() {
        return bar;
    }

    /** Counts a command's review decisions for the speed (undo and redo are none). */
    void recordDecisions(int decisions) {
        speed.record(decisions);
    }

    /** Shows a message under the counts (null or "" clears it). */
    void say(String text) {
        message = text == null ? "" : text;
        update();
    }

    /** Shows how to get footprints while the review has none; dropped once footprints arrive. */
    void setEmptyHint(String hint) {
        emptyHint = hint;
        say(hint);
    }

    /** The empty-review hint while it applies, else "". */
    String emptyHint() {
        return emptyHint;
    }

    private void modelChanged(ReviewEvent e) {
        if (e.kind() == ReviewEvent.Kind.FOOTPRINTS && !emptyHint.isEmpty() && model.size() > 0) {
            if (message.equals(emptyHint)) {
                message = "";
            }
            emptyHint = ""; // footprints arrived (an extraction): the hint no longer applies
        }
        update();
    }

    /** Refreshes the counts (also after a change that sent no model event, such as the tile order). */
    void update() {
        int tile = model.currentTile();
        List<Integer> seq = model.tileSequence();
        String where = tile < 0 ? "Tile -" : "Tile " + (seq.indexOf(tile) + 1) + "/" + seq.size();
        String text = String.format("%s (%d visited)   Accepted %d   Rejected %s   Edited %d   Pending %d   "
                        + "%.1f/min   %s",
                where, model.tiles().visitedCount(), model.count(ReviewStatus.ACCEPTED),
                rejected(model), model.count(ReviewStatus.EDITED),
                model.count(ReviewStatus.PENDING), speed.perMinute(),
                model.tileOrder() == TileOrder.DOUBT_FIRST ? "doubt first" : "by position");
        bar.setText(message.isEmpty() ? text : text + "\n" + message);
    }

    /** The rejected count with the reasons given, such as {@code 7 (2 not a building, 1 offset)}. */
    static String rejected(ReviewModel model) {
        StringBuilder reasons = new StringBuilder();
        for (RejectReason r : RejectReason.values()) {
            long n = model.count(r);
            if (n > 0) {
                reasons.append(reasons.length() == 0 ? " (" : ", ").append(n).append(' ').append(r.label());
            }
        }
        return model.count(ReviewStatus.REJECTED) + (reasons.length() == 0 ? "" : reasons + ")");
    }

    /** One line for an error, without the exception class when it has a message. */
    static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return OneLine.joinLines(m == null || m.isBlank() ? c.toString() : m);
    }
}
