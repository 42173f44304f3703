package org.roofline.app.editor.export;

import org.roofline.geometry.text.OneLine;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.roofline.app.export.ExportException;
import org.roofline.app.export.ExportReport;
import org.roofline.app.export.ExportRequest;
import org.roofline.app.export.ExportStatuses;
import org.roofline.app.export.FootprintExporter;
import org.roofline.app.export.FootprintSnapshot;
import org.roofline.app.review.ReviewModel;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.format.VectorFormat;

/**
 * File > Export: the review's footprints to a Shapefile, GeoJSON or GeoPackage, with {@link FootprintExporter} (the
 * same export as {@code roofline export}).
 *
 * <p>The user picks the format, the statuses (check boxes with the number of footprints of each; accepted and edited
 * checked at first: what the reviewer kept), the CRS (the image's at first; an EPSG code or WKT may be typed, checked
 * as it is typed) and the output file (text field, or Browse… with a file chooser). Export takes a snapshot of the
 * review on the JavaFX thread (an immutable copy: the user may go on reviewing) and writes on a background
 * {@link Task} with a progress bar; the file is read back and compared. The dialog stays open: success shows the
 * report (count per status, file, CRS, read-back count), an error its one line (the file and the problem); Close
 * closes it. Its result is the last successful report, or null.
 *
 * <p>Node ids, for tests and styling: {@code export-format}, {@code export-status-<status>}, {@code export-crs},
 * {@code export-crs-info}, {@code export-path}, {@code export-browse}, {@code export-progress}, {@code export-message},
 * {@code export-run} (the Export button).
 */
public final class ExportDialog extends Dialog<ExportReport> {

    /** The Export button's type. */
    public static final ButtonType EXPORT = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);

    private final ReviewModel model;
    private final Crs imageCrs;
    private final ComboBox<VectorFormat> format = new ComboBox<>();
    private final Map<ReviewStatus, CheckBox> statusBoxes = new EnumMap<>(ReviewStatus.class);
    private final TextField crsField = new TextField();
    private final Label crsInfo = new Label();
    private final TextField pathField = new TextField();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();
    private final Button exportButton;
    private ExportReport lastReport;
    private Task<ExportReport> running;
    private final CheckBox changesBox = new CheckBox("Also write what the review changed in the reference map "
            + "(create, modify, delete; .osm: an OSM change file for JOSM)");
    private final TextField changesField = new TextField();
    private volatile org.roofline.app.export.ChangeExporter.Report lastChangeReport;

    /**
     * @param model     the review (read on the JavaFX thread only)
     * @param imageCrs  the CRS of the review's coordinates (the image's), or null for pixel coordinates
     * @param suggested the output file proposed at first, or null
     */
    public ExportDialog(ReviewModel model, Crs imageCrs, Path suggested) {
        this.model = Objects.requireNonNull(model, "model");
        this.imageCrs = imageCrs;
        setTitle("Export footprints");
        setHeaderText("Export the review's footprints");
        setResizable(true);
        getDialogPane().getButtonTypes().addAll(EXPORT, ButtonType.CLOSE);
        exportButton = (Button) getDialogPane().lookupButton(EXPORT);
        exportButton.setId("export-run");
        // Export keeps the dialog open: it starts the background export instead
        exportButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            startExport();
        });
        setResultConverter(b -> lastReport);
        getDialogPane().setContent(content(suggested));
        validate();
    }

    /**
     * Opens the dialog (not waiting for it) over {@code owner}: the action the lead wires to File > Export (Ctrl+E).
     *
     * @return the dialog, already showing
     */
    public static ExportDialog show(Window owner, ReviewModel model, Crs imageCrs, Path suggested) {
        ExportDialog d = new ExportDialog(model, imageCrs, suggested);
        if (owner != null) {
            d.initOwner(owner);
        }
        d.show();
        return d;
    }

    private Node content(Path suggested) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        int row = 0;

        format.setId("export-format");
        format.getItems().addAll(VectorFormat.SHAPEFILE, VectorFormat.GEOJSON, VectorFormat.GEOPACKAGE);
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(VectorFormat f) {
                return f == null ? "" : switch (f) {
                    case SHAPEFILE -> "Shapefile (.shp)";
                    case GEOJSON -> "GeoJSON (.geojson)";
                    case GEOPACKAGE -> "GeoPackage (.gpkg)";
                };
            }

            @Override
            public VectorFormat fromString(String s) {
                return null;
            }
        });
        VectorFormat initial = VectorFormat.GEOPACKAGE;
        if (suggested != null) {
            try {
                initial = VectorFormat.forPath(suggested);
            } catch (IllegalArgumentException e) {
                // keep GeoPackage and let the path field say what is wrong
            }
        }
        format.setValue(initial);
        format.valueProperty().addListener((o, a, f) -> {
            pathField.setText(withExtension(pathField.getText(), f));
            followFormat(f);
            validate();
        });
        grid.addRow(row++, new Label("Format"), format);

        HBox boxes = new HBox(12);
        for (ReviewStatus s : ReviewStatus.values()) {
            CheckBox box = new CheckBox(label(s) + " (" + model.count(s) + ")");
            box.setId("export-status-" + s.code());
            box.setSelected(ExportStatuses.KEPT.contains(s));
            box.selectedProperty().addListener((o, a, b) -> validate());
            statusBoxes.put(s, box);
            boxes.getChildren().add(box);
        }
        grid.addRow(row++, new Label("Statuses"), boxes);

        crsField.setId("export-crs");
        crsField.setPromptText(imageCrs == null ? "pixel coordinates" : "EPSG code or WKT");
        crsField.setText(defaultCrsText());
        crsField.textProperty().addListener((o, a, b) -> validate());
        crsInfo.setId("export-crs-info");
        grid.addRow(row++, new Label("CRS"), crsField);
        grid.add(crsInfo, 1, row++);

        pathField.setId("export-path");
        pathField.setPrefColumnCount(40);
        pathField.setText(suggested == null ? "" : suggested.toString());
        pathField.textProperty().addListener((o, a, b) -> validate());
        Button browse = new Button("Browse…");
        browse.setId("export-browse");
        browse.setOnAction(e -> browse());
        HBox pathRow = new HBox(8, pathField, browse);
        HBox.setHgrow(pathField, Priority.ALWAYS);
        grid.addRow(row++, new Label("File"), pathRow);

        if (model.hasReference()) {
            changesBox.setId("export-changes");
            changesBox.setSelected(true);
            changesField.setId("export-changes-path");
            changesField.setPrefColumnCount(40);
            if (suggested != null) {
                String name = suggested.getFileName().toString().replaceFirst("(-footprints)?\\.[^.]+$", "");
                boolean osm = model.references().stream()
                        .anyMatch(org.roofline.app.review.ReferenceBuilding::isOsm);
                changesField.setText(suggested.resolveSibling(name + "-changes" + (osm ? ".osm" : ".gpkg"))
                        .toString());
            }
            changesField.disableProperty().bind(changesBox.selectedProperty().not());
            changesField.textProperty().addListener((o, a, b) -> validate());
            changesBox.selectedProperty().addListener((o, a, b) -> validate());
            grid.add(changesBox, 0, row++, 2, 1);
            grid.addRow(row++, new Label("Changes"), changesField);
        }

        progress.setId("export-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setVisible(false);
        grid.add(progress, 0, row++, 2, 1);
        message.setId("export-message");
        message.setWrapText(true);
        message.setMaxWidth(560);
        grid.add(message, 0, row, 2, 1);
        return grid;
    }

    /** The CRS field's first text: the image's EPSG code, or empty (the image's CRS, whatever it is). */
    private String defaultCrsText() {
        return imageCrs == null || imageCrs.epsgCode().isEmpty() ? "" : "EPSG:" + imageCrs.epsgCode().getAsInt();
    }

    /**
     * GeoJSON is WGS 84 by its standard (RFC 7946): choosing it turns an untouched CRS field to EPSG:4326, and leaving
     * it turns the field back to the image's CRS. A CRS the user typed is left alone.
     */
    private void followFormat(VectorFormat f) {
        String text = crsField.getText() == null ? "" : crsField.getText().strip();
        String wgs84 = "EPSG:4326";
        if (f == VectorFormat.GEOJSON && text.equals(defaultCrsText()) && imageCrs != null
                && imageCrs.canReproject()) {
            crsField.setText(wgs84);
        } else if (f != VectorFormat.GEOJSON && text.equals(wgs84) && !wgs84.equals(defaultCrsText())) {
            crsField.setText(defaultCrsText());
        }
    }

    private static String label(ReviewStatus s) {
        String c = s.code();
        return c.substring(0, 1).toUpperCase(Locale.ROOT) + c.substring(1);
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export footprints to");
        VectorFormat f = format.getValue();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.getConverter().toString(f),
                "*" + f.extensions().get(0)));
        Path current = currentPath();
        if (current != null && current.toAbsolutePath().getParent() != null
                && current.toAbsolutePath().getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
            chooser.setInitialFileName(current.getFileName().toString());
        }
        java.io.File chosen = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            pathField.setText(withExtension(chosen.getPath(), f));
        }
    }

    /** The path with the format's extension (replacing another known one, or added). */
    static String withExtension(String path, VectorFormat f) {
        if (path == null || path.isBlank() || f == null) {
            return path;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        for (VectorFormat any : VectorFormat.values()) {
            for (String ext : any.extensions()) {
                if (lower.endsWith(ext)) {
                    return any == f ? path : path.substring(0, path.length() - ext.length()) + f.extensions().get(0);
                }
            }
        }
        return path + f.extensions().get(0);
    }

    private Path currentPath() {
        String t = pathField.getText();
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return Path.of(t.strip());
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private Set<ReviewStatus> statuses() {
        EnumSet<ReviewStatus> out = EnumSet.noneOf(ReviewStatus.class);
        statusBoxes.forEach((s, b) -> {
            if (b.isSelected()) {
                out.add(s);
            }
        });
        return out;
    }

    /**
     * The CRS to write, as the field says (so a GeoJSON in the image's projected CRS keeps it); null, for an empty
     * field, keeps the image's (a GeoJSON then goes to WGS 84).
     */
    private Crs targetCrs() {
        String t = crsField.getText();
        if (t == null || t.isBlank()) {
            return null;
        }
        return Crs.parse(t); // IllegalArgumentException: shown by validate()
    }

    /** Checks the fields as they change: the CRS line says what the text means, Export is enabled when all is set. */
    private void validate() {
        boolean ok = true;
        try {
            Crs target = targetCrs();
            crsInfo.setText(target == null ? (imageCrs == null ? "pixel coordinates (the image has no CRS)"
                    : "the image's CRS: " + imageCrs) : target.equals(imageCrs) ? "the image's CRS: " + target
                    : "reproject to " + target);
        } catch (IllegalArgumentException e) {
            crsInfo.setText(e.getMessage());
            ok = false;
        }
        if (statuses().isEmpty() || currentPath() == null) {
            ok = false;
        }
        exportButton.setDisable(!ok || (running != null && running.isRunning()));
    }

    private void startExport() {
        if (running != null && running.isRunning()) {
            return;
        }
        Path out = currentPath();
        ExportRequest request;
        try {
            request = new ExportRequest(out, statuses(), targetCrs());
        } catch (RuntimeException e) {
            showError(e.getMessage());
            return;
        }
        FootprintSnapshot snapshot = FootprintSnapshot.of(model, imageCrs);
        Path changesOut = changesPath();
        org.roofline.app.export.ChangeSnapshot changes = changesOut == null ? null
                : org.roofline.app.export.ChangeSnapshot.of(model, imageCrs, null);
        lastChangeReport = null;
        Task<ExportReport> task = new Task<>() {
            @Override
            protected ExportReport call() throws ExportException {
                ExportReport r = FootprintExporter.export(snapshot, request, (step, fraction) -> {
                    updateProgress(fraction, 1);
                    updateMessage(step);
                });
                if (changes != null) {
                    updateMessage("writing the changes to " + changesOut.getFileName());
                    lastChangeReport = changesOut.getFileName().toString().toLowerCase(Locale.ROOT)
                            .endsWith(".osm") ? org.roofline.app.export.ChangeExporter.writeOsm(changes, changesOut,
                            null) : org.roofline.app.export.ChangeExporter.write(changes, changesOut);
                }
                return r;
            }
        };
        running = task;
        progress.progressProperty().bind(task.progressProperty());
        progress.setVisible(true);
        message.textProperty().bind(task.messageProperty());
        message.setStyle("");
        exportButton.setDisable(true);
        task.stateProperty().addListener((o, a, state) -> {
            if (state != Worker.State.SUCCEEDED && state != Worker.State.FAILED && state != Worker.State.CANCELLED) {
                return;
            }
            message.textProperty().unbind();
            progress.progressProperty().unbind();
            progress.setVisible(false);
            if (state == Worker.State.SUCCEEDED) {
                lastReport = task.getValue();
                message.setText(lastReport.summary() + ", " + lastReport.coordinates()
                        + (lastChangeReport == null ? "" : ". " + lastChangeReport.summary()));
            } else {
                Throwable e = task.getException();
                showError(e instanceof ExportException ? e.getMessage()
                        : "export failed: " + (e == null ? "cancelled" : e));
            }
            validate();
        });
        Thread t = new Thread(task, "roofline-export");
        t.setDaemon(true);
        t.start();
    }

    private void showError(String text) {
        message.textProperty().unbind();
        message.setStyle("-fx-text-fill: #b00020;");
        message.setText(OneLine.joinLines(text));
    }

    /** The message line as shown (the report, an error, or the step under way). */
    public String messageText() {
        return message.getText();
    }

    /** The format chooser (for tests and for the lead to preselect a format). */
    public ComboBox<VectorFormat> formatBox() {
        return format;
    }

    /** The change file chosen, or null when none is to be written (no reference, box unticked, field empty). */
    private Path changesPath() {
        if (!model.hasReference() || !changesBox.isSelected() || changesField.getText().isBlank()) {
            return null;
        }
        try {
            return Path.of(changesField.getText().strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The report of the change file the last export wrote, or null. */
    public org.roofline.app.export.ChangeExporter.Report lastChangeReport() {
        return lastChangeReport;
    }

    /** The last successful export's report, or null. */
    public ExportReport lastReport() {
        return lastReport;
    }
}
