package org.roofline.app.editor.extract;

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
 * A strip showing an {@link ExtractionService}: a progress bar, one line of status, and a Cancel button enabled while
 * the extraction runs. Status: "Extracting IMAGE: 4/9 tiles, 12 buildings added" while it runs, then "Extraction
 * done: …", "Extraction cancelled: N buildings kept" or the failure's one-line message. Node ids (for styling and
 * tests): {@code extraction-progress}, {@code extraction-status}, {@code extraction-cancel}.
 *
 * <p>JavaFX thread only. The lead puts it in the window (for example at the bottom, above the status bar).
 */
public final class ExtractionPanel extends HBox {

    private final ExtractionService service;
    private final ProgressBar bar = new ProgressBar(0);
    private final Label status = new Label("No extraction running");
    private final Button cancel = new Button("Cancel");

    public ExtractionPanel(ExtractionService service) {
        this.service = Objects.requireNonNull(service, "service");
        setSpacing(8);
        setPadding(new Insets(4, 8, 4, 8));
        setAlignment(Pos.CENTER_LEFT);
        bar.setId("extraction-progress");
        bar.setPrefWidth(180);
        status.setId("extraction-status");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        cancel.setId("extraction-cancel");
        cancel.setOnAction(e -> service.cancel());
        cancel.disableProperty().bind(service.runningProperty().not());
        bar.progressProperty().bind(service.progressProperty());
        getChildren().addAll(bar, status, cancel);
        service.messageProperty().addListener((o, a, b) -> update());
        service.footprintsAddedProperty().addListener((o, a, b) -> update());
        service.stateProperty().addListener((o, a, b) -> update());
        update();
    }

    /** The status line as shown. */
    public String statusText() {
        return status.getText();
    }

    private void update() {
        Worker.State state = service.getState();
        int added = service.footprintsAddedProperty().get();
        String image = service.getSettings() == null ? "" : " " + service.getSettings().image().getFileName();
        status.setText(switch (state) {
            case READY -> "No extraction running";
            case SCHEDULED, RUNNING -> "Extracting" + image + ": " + service.getMessage() + ", " + added
                    + " building" + (added == 1 ? "" : "s") + " added";
            case SUCCEEDED -> "Extraction done:" + image + ", " + (service.getValue() == null ? added + " buildings"
                    : service.getValue().describe());
            case CANCELLED -> "Extraction cancelled: " + added + " building" + (added == 1 ? "" : "s") + " kept";
            case FAILED -> service.getException() == null ? "Extraction failed"
                    : ExtractionFailure.oneLine(service.getException() instanceof ExtractionFailure f
                    ? f.getMessage() : "Extraction failed: " + service.getException());
        });
    }
}
