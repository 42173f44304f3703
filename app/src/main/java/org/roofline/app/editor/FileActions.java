package org.roofline.app.editor;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.roofline.app.editor.export.ExportDialog;
import org.roofline.app.editor.extract.ExtractionService;
import org.roofline.app.editor.extract.ExtractionSettings;

/** What the File menu does: open another image or session, extract buildings (or cancel), export. FX thread. */
final class FileActions {

    private final OpenedReview review;
    private final EditorHost host;
    private final ExtractionService extraction;
    private final StatusLine status;
    private final Supplier<Window> window;

    FileActions(OpenedReview review, EditorHost host, ExtractionService extraction, StatusLine status,
                Supplier<Window> window) {
        this.review = review;
        this.host = host;
        this.extraction = extraction;
        this.status = status;
        this.window = window;
    }

    void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open an image or a Roofline session");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images and sessions",
                        "*.tif", "*.tiff", "*.TIF", "*.jpg", "*.jpeg", "*.png", "*.gpkg"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path image = review.image();
        if (review.sessionFile() != null && review.sessionFile().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(review.sessionFile().toAbsolutePath().getParent().toFile());
        } else if (image.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(image.toAbsolutePath().getParent().toFile());
        }
        File f = chooser.showOpenDialog(window.get());
        if (f != null) {
            host.open(f.toPath());
        }
    }

    /** Extracts buildings from the image with the bundled model (null) or a model file. */
    void extract(Path modelFile) {
        if (extraction.isRunning()) {
            status.say("An extraction is already running (Cancel stops it).");
            return;
        }
        ExtractionSettings settings = ExtractionSettings.of(review.image());
        extraction.extract(modelFile == null ? settings : settings.withModel(modelFile));
    }

    void extractWithModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("A TorchScript model (.pt, with its .json beside it)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("TorchScript models", "*.pt", "*.pth", "*.ts",
                        "*.torchscript", "*.params"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(window.get());
        if (f != null) {
            Path p = f.toPath();
            // Roofline's own models are a folder (.params + .json): the folder is the model
            extract(p.getFileName().toString().endsWith(".params") ? p.toAbsolutePath().getParent() : p);
        }
    }

    void cancelExtraction() {
        if (extraction.isRunning()) {
            extraction.cancel();
        }
    }

    void export() {
        Path base = review.sessionFile() != null ? review.sessionFile() : review.image();
        String stem = base.getFileName().toString().replaceFirst("(\\.roofline)?\\.[^.]+$", "");
        Path dir = base.toAbsolutePath().getParent();
        ExportDialog.show(window.get(), review.model(), review.crs(), dir.resolve(stem + "-footprints.gpkg"));
    }
}
