package org.roofline.app.editor;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.stage.Window;
import org.roofline.app.review.PrecisionEstimate;
import org.roofline.app.review.ReviewModel;

/**
 * The precision curve: for each tenth of the confidence range, the share of the footprints the reviewer decided that
 * were kept, as a bar with its 95 % interval as a whisker, and the counts; a band with fewer than
 * {@link PrecisionEstimate#MIN_DECISIONS} decisions shows no bar. A snapshot of the decisions when opened.
 */
final class PrecisionDialog extends Dialog<Void> {

    /** Confidence bands of the curve. */
    static final int BANDS = 10;
    private static final double BAR_WIDTH = 240;

    private final GridPane grid = new GridPane();

    PrecisionDialog(Window owner, ReviewModel model) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Precision by confidence");
        List<PrecisionEstimate> curve = PrecisionEstimate.curve(model.footprints(), BANDS);
        int decided = curve.stream().mapToInt(PrecisionEstimate::decisions).sum();
        setHeaderText(String.format(Locale.ROOT, "Share of footprints kept (accepted or edited) by the model's "
                + "confidence, from your %d decisions", decided));
        grid.setId("precision-grid");
        grid.setHgap(10);
        grid.setVgap(4);
        for (int row = 0; row < curve.size(); row++) {
            PrecisionEstimate e = curve.get(curve.size() - 1 - row); // most confident on top
            grid.add(new Label(String.format(Locale.ROOT, "%.1f\u2013%.1f", e.low(), e.high())), 0, row);
            grid.add(bar(e), 1, row);
            Label text = new Label(rowText(e));
            text.setId("precision-band-" + row);
            grid.add(text, 2, row);
        }
        Label note = new Label("Whiskers: 95 % Wilson interval. No bar below " + PrecisionEstimate.MIN_DECISIONS
                + " decisions in a band.");
        VBox box = new VBox(10, grid, note);
        box.setPadding(new Insets(10));
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    }

    /** A band's text: "96 % ± 3 % of 240" or "12 decisions (too few)". */
    static String rowText(PrecisionEstimate e) {
        if (!e.isEstimable()) {
            return e.decisions() + (e.decisions() == 1 ? " decision" : " decisions") + " (too few)";
        }
        return String.format(Locale.ROOT, "%.0f %% \u00b1 %.0f %% of %d", 100 * e.precision(), 100 * e.margin(),
                e.decisions());
    }

    private static Pane bar(PrecisionEstimate e) {
        Pane p = new Pane();
        p.setPrefSize(BAR_WIDTH, 14);
        p.setMinSize(BAR_WIDTH, 14);
        Rectangle frame = new Rectangle(0, 2, BAR_WIDTH, 10);
        frame.setFill(Color.TRANSPARENT);
        frame.setStroke(Color.LIGHTGRAY);
        p.getChildren().add(frame);
        if (e.isEstimable()) {
            Rectangle r = new Rectangle(0, 2, BAR_WIDTH * e.precision(), 10);
            r.setFill(Color.SEAGREEN);
            double[] i = e.interval();
            Line whisker = new Line(BAR_WIDTH * i[0], 7, BAR_WIDTH * i[1], 7);
            whisker.setStrokeWidth(2);
            p.getChildren().addAll(r, whisker);
        }
        return p;
    }

    GridPane grid() {
        return grid;
    }
}
