package org.roofline.app.editor.map;

import org.roofline.app.editor.map.internal.RasterImages;
import java.util.Locale;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * View > Image brightness and contrast: two sliders (-100 % to 100 %) that change the map's image as they move, a
 * Reset button, and a line saying how the image's samples were stretched. Not modal: the review goes on beside it.
 */
public final class ImageDisplayDialog {

    public static final String BRIGHTNESS_ID = "image-brightness";
    public static final String CONTRAST_ID = "image-contrast";
    public static final String RESET_ID = "image-reset";

    private final Stage stage = new Stage(StageStyle.UTILITY);
    private final Slider brightness = new Slider(-100, 100, 0);
    private final Slider contrast = new Slider(-100, 100, 0);

    private ImageDisplayDialog(Window owner, ImageryLayer imagery) {
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Image brightness and contrast");
        brightness.setId(BRIGHTNESS_ID);
        contrast.setId(CONTRAST_ID);
        brightness.setValue(imagery.brightness() * 100);
        contrast.setValue(imagery.contrast() * 100);
        for (Slider s : new Slider[] {brightness, contrast}) {
            s.setShowTickLabels(true);
            s.setMajorTickUnit(50);
            s.setPrefWidth(260);
            s.valueProperty().addListener((o, a, b) -> imagery.setDisplay(brightness.getValue() / 100,
                    contrast.getValue() / 100));
        }
        Button reset = new Button("Reset");
        reset.setId(RESET_ID);
        reset.setOnAction(e -> {
            brightness.setValue(0);
            contrast.setValue(0);
        });
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Brightness (%)"), brightness);
        grid.addRow(1, new Label("Contrast (%)"), contrast);
        grid.add(new Label(describe(imagery.stretch())), 0, 2, 2, 1);
        grid.add(new javafx.scene.layout.HBox(8, reset, close), 0, 3, 2, 1);
        stage.setScene(new Scene(grid));
    }

    /** Opens the dialog for a map's image (FX thread); returns its window. */
    public static Stage open(Window owner, ImageryLayer imagery) {
        ImageDisplayDialog d = new ImageDisplayDialog(owner, Objects.requireNonNull(imagery, "imagery"));
        d.stage.show();
        return d.stage;
    }

    /** One line on the stretch, e.g. "Samples 152-1104 shown black to white (2-98 % of the histogram)". */
    static String describe(RasterImages.Stretch s) {
        if (s == null) {
            return "The image is not read yet.";
        }
        double[] min = s.min();
        double[] scale = s.scale();
        boolean identity = true;
        for (int b = 0; b < min.length; b++) {
            identity &= min[b] == 0 && scale[b] == 1;
        }
        if (identity) {
            return "8-bit samples, shown as they are.";
        }
        StringBuilder b = new StringBuilder("Samples ");
        for (int k = 0; k < min.length; k++) {
            if (k > 0) {
                b.append(", ");
            }
            b.append(String.format(Locale.ROOT, "%.0f-%.0f", min[k], min[k] + 255 / scale[k]));
        }
        return b.append(String.format(Locale.ROOT, " shown black to white (%.0f-%.0f %% of the histogram).",
                RasterImages.Stretch.LOW_PERCENT, RasterImages.Stretch.HIGH_PERCENT)).toString();
    }
}
