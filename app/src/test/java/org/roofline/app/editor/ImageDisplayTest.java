package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.map.ImageDisplayDialog;
import org.roofline.app.editor.map.internal.RasterImages;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.ReviewTiles;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RasterWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 16-bit imagery (SpaceNet Atlanta, 54..6615 with most pixels near 450) is shown stretched by the percentiles of its
 * histogram, not from its minimum to its maximum (which left it nearly black); View > Image brightness and contrast
 * changes the map as the sliders move.
 */
@ExtendWith(ApplicationExtension.class)
class ImageDisplayTest {

    private static final Path IMAGE = Path.of(System.getProperty("roofline.resources"),
            "samples/spacenet-atlanta/sample_geotiff.tif");

    private EditorPane root;

    @Start
    void start(Stage stage) throws Exception {
        Envelope extent;
        try (GeoImage img = GeoImage.open(IMAGE)) {
            extent = img.info().extent();
        }
        ReviewModel model = new ReviewModel(List.of(), Map.of(), ReviewTiles.covering(extent, extent.getWidth() / 2),
                ReviewPersistence.NONE, Clock.systemUTC());
        root = new EditorPane(IMAGE, model, Files.createTempFile("keys", ".properties"));
        stage.setScene(EditorPane.scene(root));
        stage.show();
    }

    /** Mean grey level (0..255) of an image. */
    private static double mean(Image img) {
        PixelReader pr = img.getPixelReader();
        double sum = 0;
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = pr.getArgb(x, y);
                sum += (((argb >> 16) & 0xFF) + ((argb >> 8) & 0xFF) + (argb & 0xFF)) / 3.0;
            }
        }
        return sum / ((double) w * h);
    }

    @Test
    void sixteenBitImageryIsStretchedByItsHistogramAndTheViewMenuAdjustsIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> root.map().getOverview() != null);
        double shown = mean(root.map().getOverview());
        double minMax;
        try (GeoImage img = GeoImage.open(IMAGE)) {
            RasterWindow w = img.readAll(1);
            minMax = mean(RasterImages.toImage(w, RasterImages.Stretch.minMax(w)));
            RasterImages.Stretch cut = RasterImages.Stretch.of(w, img.info().nodata());
            // the 2nd and 98th percentiles of the samples, as a sort of them gives them
            double[] v = java.util.Arrays.stream(w.samplesDouble(0, null)).filter(d -> d != 0).sorted().toArray();
            assertEquals(v[(int) Math.floor(0.02 * (v.length - 1))], cut.min()[0], 1e-9);
            assertEquals(255.0 / (v[(int) Math.ceil(0.98 * (v.length - 1))] - cut.min()[0]), cut.scale()[0], 1e-12);
        }
        assertTrue(minMax < 35, "from minimum to maximum the image is nearly black: " + minMax);
        assertTrue(shown > 70 && shown < 180, "stretched by its histogram it is readable: " + shown);

        MenuItem item = root.menuBar().getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "view.image-display".equals(i.getUserData())).findFirst().orElseThrow();
        robot.interact(item::fire);
        Slider brightness = robot.lookup("#" + ImageDisplayDialog.BRIGHTNESS_ID).queryAs(Slider.class);
        robot.lookup("#" + ImageDisplayDialog.CONTRAST_ID).queryAs(Slider.class);
        robot.interact(() -> root.map().redraw());
        double before = mean(WaitForAsyncUtils.asyncFx(() -> root.map().snapshot(null, null)).get());
        robot.interact(() -> brightness.setValue(40));
        assertEquals(0.4, root.map().imageryLayer().brightness(), 1e-9);
        robot.interact(() -> root.map().redraw());
        double brighter = mean(WaitForAsyncUtils.asyncFx(() -> root.map().snapshot(null, null)).get());
        assertTrue(brighter > before + 20, "brighter: " + before + " -> " + brighter);
        robot.clickOn("#" + ImageDisplayDialog.RESET_ID);
        assertEquals(0, root.map().imageryLayer().brightness());
    }
}
