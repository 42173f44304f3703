package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.imagery.GeoImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The editor, headless (Monocle): review keys change the model, undo restores it, the overview loads. */
@ExtendWith(ApplicationExtension.class)
class RooflineEditorTest {

    private static final Path IMAGE = Path.of(System.getProperty("roofline.resources"),
            "samples/fair-kampala/chips/OAM-309612-261632-19.tif");

    private ReviewModel model;
    private EditorPane root;

    @Start
    void start(Stage stage) throws Exception {
        assertTrue(Files.isRegularFile(IMAGE), IMAGE.toString());
        Envelope extent;
        try (GeoImage img = GeoImage.open(IMAGE)) {
            extent = img.info().extent();
        }
        // four small squares, one near each corner of the image, in a 2 x 2 tile grid
        GeometryFactory gf = new GeometryFactory();
        double w = extent.getWidth();
        double h = extent.getHeight();
        List<Footprint> fps = new ArrayList<>();
        long id = 1;
        for (double fy : new double[] {0.75, 0.25}) {
            for (double fx : new double[] {0.25, 0.75}) {
                double cx = extent.getMinX() + fx * w;
                double cy = extent.getMinY() + fy * h;
                double r = w * 0.05;
                Polygon p = gf.createPolygon(new Coordinate[] {new Coordinate(cx - r, cy - r),
                        new Coordinate(cx + r, cy - r), new Coordinate(cx + r, cy + r),
                        new Coordinate(cx - r, cy + r), new Coordinate(cx - r, cy - r)});
                fps.add(Footprint.pending(id++, p, "test", true, IMAGE.getFileName().toString()));
            }
        }
        model = ReviewModel.of(fps, Math.max(w, h) / 2 + 1e-9, ReviewPersistence.NONE, Clock.systemUTC());
        root = RooflineEditor.createRoot(IMAGE, model);
        stage.setScene(EditorPane.scene(root));
        stage.show();
        root.map().requestFocus();
    }

    @Test
    void reviewKeysAndUndo(FxRobot robot) throws Exception {
        assertEquals(-1, model.currentTile());
        assertTrue(model.tileSequence().size() >= 2, "tiles " + model.tileSequence());

        robot.type(KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        int tile = model.currentTile();
        assertEquals(model.tileSequence().get(0), tile);
        Footprint current = model.currentFootprint().orElseThrow();
        assertEquals(ReviewStatus.PENDING, current.status());

        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(current.id()).status());
        assertEquals(1, model.count(ReviewStatus.ACCEPTED));
        assertTrue(root.statusBar().getText().contains("Accepted 1"), root.statusBar().getText());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ReviewStatus.PENDING, model.footprint(current.id()).status());
        assertEquals(0, model.count(ReviewStatus.ACCEPTED));

        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(current.id()).status());

        robot.type(KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(tile, model.currentTile());
        assertEquals(model.tileSequence().get(1), model.currentTile());

        robot.type(KeyCode.D);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ReviewStatus.REJECTED, model.currentFootprint().orElseThrow().status());
    }

    @Test
    void overviewLoadsInTheBackground() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> root.map().getOverview() != null || root.map().loadErrorProperty().get() != null);
        assertNull(root.map().loadErrorProperty().get());
        Image img = root.map().getOverview();
        assertNotNull(img);
        assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
        // not all one colour
        var pr = img.getPixelReader();
        int first = pr.getArgb(0, 0);
        boolean varied = false;
        for (int y = 0; y < img.getHeight() && !varied; y += 7) {
            for (int x = 0; x < img.getWidth() && !varied; x += 7) {
                varied = pr.getArgb(x, y) != first;
            }
        }
        assertTrue(varied, "the overview is a single colour");
    }
}
