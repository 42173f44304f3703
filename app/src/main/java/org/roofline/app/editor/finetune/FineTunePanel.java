package org.roofline.app.editor.finetune;

import java.util.Objects;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A strip showing a {@link FineTuneService}: a progress bar, its message, and a Cancel button enabled while it runs;
 * shown only once a run has started. Node ids: {@code finetune-progress}, {@code finetune-status},
 * {@code finetune-cancel}. JavaFX thread only.
 */
public final class FineTunePanel extends HBox {

    private final FineTuneService service;
    private final ProgressBar bar = new ProgressBar(0);
    private final Label status = new Label();
    private final Button cancel = new Button("Cancel");

    public FineTunePanel(FineTuneService service) {
        this.service = Objects.requireNonNull(service, "service");
        setSpacing(8);
        setPadding(new Insets(4, 8, 4, 8));
        setAlignment(Pos.CENTER_LEFT);
        bar.setId("finetune-progress");
        bar.setPrefWidth(180);
        status.setId("finetune-status");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        cancel.setId("finetune-cancel");
        cancel.setOnAction(e -> service.cancel());
        cancel.disableProperty().bind(service.runningProperty().not());
        bar.progressProperty().bind(service.progressProperty());
        getChildren().addAll(bar, status, cancel);
        visibleProperty().bind(service.stateProperty().isNotEqualTo(Worker.State.READY));
        managedProperty().bind(visibleProperty());
        service.messageProperty().addListener((o, a, b) -> update());
        service.stateProperty().addListener((o, a, b) -> update());
        update();
    }

    /** The status as shown. */
    public String statusText() {
        return status.getText();
    }

    private void update() {
        status.setText(switch (service.getState()) {
            case READY -> "";
            case SCHEDULED, RUNNING -> "Improving the model: " + service.getMessage();
            case SUCCEEDED -> service.getValue() == null ? "Model improved" : service.getValue().describe();
            case CANCELLED -> "Improving the model cancelled: the review is as it was";
            case FAILED -> "Improving the model failed: " + (service.getException() == null ? "?"
                    : org.roofline.geometry.text.OneLine.of(String.valueOf(service.getException().getMessage())));
        });
    }
}
