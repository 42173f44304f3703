package org.roofline.app.editor;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.RangeSlider;
import org.roofline.app.review.AcceptAboveConfidence;
import org.roofline.app.review.PrecisionEstimate;
import org.roofline.app.review.ReviewModel;

/**
 * Accept by confidence: a range slider over [0, 1] with the number of pending footprints in the range and the share
 * of footprints in the range the reviewer kept so far ({@link PrecisionEstimate}), updated as it moves. OK returns the command (no cap on how many it accepts); the caller runs it on the undo stack.
 */
final class ConfidenceDialog extends Dialog<AcceptAboveConfidence> {

    private final RangeSlider slider = new RangeSlider(0, 1, 0.9, 1);
    private final Label count = new Label();
    private final Label estimate = new Label();

    ConfidenceDialog(Window owner, ReviewModel model) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Accept by confidence");
        setHeaderText("Accept every pending footprint whose confidence is in the range");
        slider.setShowTickLabels(true);
        slider.setShowTickMarks(true);
        slider.setMajorTickUnit(0.1);
        slider.setBlockIncrement(0.01);
        slider.setPrefWidth(420);
        estimate.setId("confidence-estimate");
        estimate.setWrapText(true);
        estimate.setMaxWidth(420);
        Runnable update = () -> {
            count.setText(String.format("%.2f \u2013 %.2f: %,d pending footprints",
                    slider.getLowValue(), slider.getHighValue(),
                    AcceptAboveConfidence.countPending(model, slider.getLowValue(), slider.getHighValue())));
            estimate.setText(PrecisionEstimate.of(model.footprints(), slider.getLowValue(), slider.getHighValue())
                    .sentence());
        };
        slider.lowValueProperty().addListener((o, a, b) -> update.run());
        slider.highValueProperty().addListener((o, a, b) -> update.run());
        update.run();
        VBox box = new VBox(10, slider, count, estimate);
        box.setPadding(new Insets(10));
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b == ButtonType.OK
                ? new AcceptAboveConfidence(slider.getLowValue(), slider.getHighValue()) : null);
    }

    RangeSlider slider() {
        return slider;
    }

    Label countLabel() {
        return count;
    }

    /** The precision the reviewer's decisions suggest for the range ({@link PrecisionEstimate#sentence()}). */
    Label estimateLabel() {
        return estimate;
    }

    /** Shows the dialog and returns the command to run, if the user pressed OK. */
    Optional<AcceptAboveConfidence> ask() {
        return showAndWait();
    }
}
