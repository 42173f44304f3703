package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.imagery.GeoImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review as a cartographer meets it, through real key presses in the headless window: a skipped footprint is
 * found again (Shift+N, N wrapping) and the review says when it is complete; undo and redo land on the footprint they
 * touched and show it; every decision counts in the speed; Z keeps context around a small footprint.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewNavigationWindowTest {

    static final Path IMAGE = Path.of(System.getProperty("roofline.resources"),
            "samples/fair-kampala/chips/OAM-309612-261632-19.tif");

    @TempDir
    static Path config;

    private ReviewModel model;
    private EditorPane root;

    /** A 2 x 2 tile grid over the image, three small squares side by side in each tile. */
    static List<Footprint> squares(Envelope extent) {
        GeometryFactory gf = new GeometryFactory();
        double w = extent.getWidth();
        double h = extent.getHeight();
        double r = w * 0.03;
        List<Footprint> fps = new ArrayList<>();
        long id = 1;
        for (double fy : new double[] {0.75, 0.25}) {
            for (double fx : new double[] {0.25, 0.75}) {
                for (int k = 0; k < 3; k++) {
                    double cx = extent.getMinX() + (fx - 0.1 + 0.1 * k) * w;
                    double cy = extent.getMinY() + fy * h;
                    Polygon p = gf.createPolygon(new Coordinate[] {new Coordinate(cx - r, cy - r),
                            new Coordinate(cx + r, cy - r), new Coordinate(cx + r, cy + r),
                            new Coordinate(cx - r, cy + r), new Coordinate(cx - r, cy - r)});
                    fps.add(new Footprint(id++, p, ReviewStatus.PENDING, 0.5, "test", true, "t", null));
                }
            }
        }
        return fps;
    }

    static Envelope extent() throws Exception {
        try (GeoImage img = GeoImage.open(IMAGE)) {
            return img.info().extent();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Envelope extent = extent();
        model = ReviewModel.of(squares(extent), Math.max(extent.getWidth(), extent.getHeight()) / 2 + 1e-9,
                ReviewPersistence.NONE, Clock.systemUTC());
        root = new EditorPane(IMAGE, model, Files.createTempDirectory(config, "keys").resolve("keys.properties"));
        stage.setScene(EditorPane.scene(root));
        stage.show();
        root.map().requestFocus();
    }

    private void type(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private long current() {
        return model.currentFootprint().orElseThrow().id();
    }

    private String status() {
        return root.statusBar().getText();
    }

    @Test
    void aSkippedFootprintIsFoundAgainAndTheReviewSaysWhenItIsComplete(FxRobot robot) {
        type(robot, KeyCode.N);
        int skippedTile = model.currentTile();
        List<Long> skipped = model.footprintIdsInTile(skippedTile);
        for (int t = 1; t < model.tileSequence().size(); t++) {
            type(robot, KeyCode.N); // the first tile is left pending
            type(robot, KeyCode.SHIFT, KeyCode.A);
        }
        assertEquals(3, model.count(ReviewStatus.PENDING));
        type(robot, KeyCode.SHIFT, KeyCode.N);
        assertEquals(skipped.get(0).longValue(), current(), "the first skipped footprint, found from the last tile");
        assertEquals(skippedTile, model.currentTile());
        assertTrue(status().contains("back to a footprint left pending"), status());
        assertTrue(root.map().viewport().visibleMap()
                .contains(model.footprint(current()).polygon().getEnvelopeInternal()), "and shown");

        type(robot, KeyCode.TAB);
        type(robot, KeyCode.TAB);
        type(robot, KeyCode.N); // from the last footprint: N wraps past the last tile... to the next, then the first
        while (model.currentTile() != skippedTile) {
            type(robot, KeyCode.N);
        }
        assertTrue(status().contains("Past the last tile: back to the first"), status());

        type(robot, KeyCode.A);
        type(robot, KeyCode.A);
        assertFalse(status().contains("Review complete"), status());
        type(robot, KeyCode.A);
        assertEquals(0, model.count(ReviewStatus.PENDING));
        assertTrue(status().contains("Review complete: all 12 footprints decided"), status());
        type(robot, KeyCode.SHIFT, KeyCode.N);
        assertTrue(status().contains("Review complete"), status());
    }

    @Test
    void undoAndRedoMakeTheFootprintTheyTouchedCurrentAndShowIt(FxRobot robot) {
        type(robot, KeyCode.N);
        long first = current();
        type(robot, KeyCode.A);
        long next = current();
        assertTrue(next != first);
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(ReviewStatus.PENDING, model.footprint(first).status());
        assertEquals(first, current(), "the undone footprint is current again");
        type(robot, KeyCode.D);
        assertEquals(ReviewStatus.REJECTED, model.footprint(first).status(), "the next decision lands on it");
        assertEquals(ReviewStatus.PENDING, model.footprint(next).status());

        type(robot, KeyCode.CONTROL, KeyCode.Z);
        robot.interact(() -> {
            root.model().selectFootprint(next); // the reviewer moved on, and far away
            root.map().pan(5 * root.map().getWidth(), 5 * root.map().getHeight());
        });
        Envelope where = model.footprint(first).polygon().getEnvelopeInternal();
        assertFalse(root.map().viewport().visibleMap().intersects(where));
        type(robot, KeyCode.CONTROL, KeyCode.Y);
        assertEquals(ReviewStatus.REJECTED, model.footprint(first).status());
        assertEquals(first, current(), "redo makes it current too");
        assertTrue(root.map().viewport().visibleMap().contains(where), "and brings it into view");
    }

    @Test
    void everyDecisionCountsInTheSpeed(FxRobot robot) {
        type(robot, KeyCode.N);
        type(robot, KeyCode.SHIFT, KeyCode.A); // 3 decisions
        for (int k = 0; k < 3; k++) {
            type(robot, KeyCode.D); // 3 more: changing one's mind is deciding
            type(robot, KeyCode.TAB);
        }
        assertEquals(3, model.count(ReviewStatus.REJECTED));
        // within the first 10 s the rate is taken over 10 s: 6 decisions = 36 a minute
        assertTrue(status().contains("36.0/min"), status());
    }

    /** The text a label shows (its skin's Text node): ends in an ellipsis when the label cuts it off. */
    private static String shown(javafx.scene.control.Label l) {
        return ((javafx.scene.text.Text) l.lookup(".text")).getText();
    }

    @Test
    void theUndoMessageIsRoundedLikeTheMoveAndTheStatusBarCutsNothingOffAt1100Px(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> root.map().getOverview() != null);
        type(robot, KeyCode.N);
        long moved = current();
        type(robot, KeyCode.M);
        javafx.geometry.Point2D centre = root.map().localToScreen(root.map().getWidth() / 2,
                root.map().getHeight() / 2);
        robot.moveTo(centre).press(javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(centre.getX() + 37, centre.getY() + 23))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Moved 1 footprint by (\\d+\\.\\d\\d m east, "
                + "\\d+\\.\\d\\d m south)").matcher(status());
        assertTrue(m.find(), status());
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertTrue(status().contains("Undone: Move 1 footprint by " + m.group(1)), status());
        assertFalse(java.util.regex.Pattern.compile("\\d\\.\\d{5,}").matcher(status()).find(), "no raw floats: "
                + status());
        assertEquals(moved, current());

        type(robot, KeyCode.E); // the vertex tool's hint: the longest message there is
        robot.moveTo(centre); // the cursor position shows
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1100, root.getScene().getWidth(), 0.5, "the default window width");
        javafx.scene.control.Label text = (javafx.scene.control.Label) root.statusBar().lookup(".status-label");
        javafx.scene.control.Label cursor = (javafx.scene.control.Label) root.lookup("#cursor-position");
        assertFalse(cursor.getText().isEmpty());
        assertEquals(cursor.getText(), shown(cursor), "the cursor position is not cut off");
        assertTrue(text.getText().length() > 150, "a long status: " + text.getText());
        assertEquals(text.getText(), shown(text), "the status text is not cut off");
        javafx.geometry.Bounds t = text.lookup(".text").localToScene(text.lookup(".text").getBoundsInLocal());
        javafx.geometry.Bounds bar = root.statusBar().localToScene(root.statusBar().getBoundsInLocal());
        assertTrue(t.getMinY() >= bar.getMinY() - 0.5 && t.getMaxY() <= bar.getMaxY() + 0.5,
                "the status bar is as tall as its text: " + t + " in " + bar);
    }

    @Test
    void zoomToASmallFootprintKeepsContext(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> root.map().getOverview() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the image was not read", e);
        }
        type(robot, KeyCode.N);
        Envelope fp = model.footprint(current()).polygon().getEnvelopeInternal();
        type(robot, KeyCode.Z);
        MapView map = root.map();
        Envelope shown = map.viewport().visibleMap();
        assertTrue(shown.contains(fp));
        assertTrue(shown.getWidth() >= 3 * fp.getWidth() - 1e-12 && shown.getHeight() >= 3 * fp.getHeight() - 1e-12,
                "a margin of the footprint's size each side: " + shown + " around " + fp);
        double metresPerPixel = map.georeferencing().groundPixelSize(
                map.imageInfo().width(), map.imageInfo().height()).orElseThrow().x();
        double metresAcross = Math.min(map.getWidth(), map.getHeight()) / map.scale() * metresPerPixel;
        assertTrue(metresAcross >= MapView.MIN_ZOOM_METRES * 0.99, "at least 40 m of ground: " + metresAcross);
    }
}
