package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.editor.tools.RegularizePreview;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Q's re-square panel opens beside the footprint it previews, and the old and new outlines differ in colour. */
@ExtendWith(ApplicationExtension.class)
class RegularizePreviewWindowTest {

    private ReviewModel model;
    private EditorPane root;

    @Start
    void start(Stage stage) throws Exception {
        Envelope extent = ReviewNavigationWindowTest.extent();
        List<Footprint> fps = new ArrayList<>(ReviewNavigationWindowTest.squares(extent));
        // footprint 1 becomes a larger, skewed quadrilateral that re-squaring changes
        Envelope e = fps.get(0).polygon().getEnvelopeInternal();
        double r = e.getWidth();
        double cx = e.centre().x;
        double cy = e.centre().y;
        fps.set(0, new Footprint(1, new GeometryFactory().createPolygon(new Coordinate[] {
            new Coordinate(cx - r, cy - r), new Coordinate(cx + r, cy - r), new Coordinate(cx + 1.2 * r, cy + r),
            new Coordinate(cx - r, cy + r), new Coordinate(cx - r, cy - r)}), ReviewStatus.PENDING, 0.5, "t", true,
                "t", null));
        model = ReviewModel.of(fps, Math.max(extent.getWidth(), extent.getHeight()) / 2 + 1e-9,
                ReviewPersistence.NONE, Clock.systemUTC());
        root = new EditorPane(ReviewNavigationWindowTest.IMAGE, model,
                Files.createTempFile("keys", ".properties"));
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

    /** Pixels of a colour (within a tolerance) inside a rectangle of the map (map-local screen pixels). */
    private static int count(WritableImage img, Rectangle2D where, Color c) {
        PixelReader pr = img.getPixelReader();
        int n = 0;
        for (int y = (int) Math.max(0, where.getMinY()); y < Math.min(img.getHeight(), where.getMaxY()); y++) {
            for (int x = (int) Math.max(0, where.getMinX()); x < Math.min(img.getWidth(), where.getMaxX()); x++) {
                Color p = pr.getColor(x, y);
                if (Math.abs(p.getRed() - c.getRed()) < 0.15 && Math.abs(p.getGreen() - c.getGreen()) < 0.15
                        && Math.abs(p.getBlue() - c.getBlue()) < 0.15) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void thePanelOpensBesideWhatItPreviewsAndOldAndNewDifferInColour(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> root.map().getOverview() != null);
        type(robot, KeyCode.N);
        assertTrue(model.currentFootprint().orElseThrow().id() == 1);
        Envelope fp = model.footprint(1).polygon().getEnvelopeInternal();
        MapViewport v = root.map().viewport();
        Point2D a = v.toScreen(new Coordinate(fp.getMinX(), fp.getMaxY()));
        Point2D b = v.toScreen(new Coordinate(fp.getMaxX(), fp.getMinY()));
        Rectangle2D local = new Rectangle2D(a.getX() - 4, a.getY() - 4, b.getX() - a.getX() + 8,
                b.getY() - a.getY() + 8);
        WritableImage before = WaitForAsyncUtils.asyncFx(() -> root.map().snapshot(null, null)).get();
        int cyanBefore = count(before, local, Color.CYAN);
        assertTrue(cyanBefore > 50, "the current footprint is outlined in cyan: " + cyanBefore);

        type(robot, KeyCode.Q);
        RegularizePreview preview = root.tools().regularizePreview();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> preview.isOpen() && !preview.isComputing()
                && !preview.results().isEmpty());
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Window panel = Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Re-square")).findFirst().orElseThrow();
        Point2D sa = root.map().localToScreen(local.getMinX(), local.getMinY());
        Rectangle2D onScreen = new Rectangle2D(sa.getX(), sa.getY(), local.getWidth(), local.getHeight());
        Rectangle2D panelBounds = new Rectangle2D(panel.getX(), panel.getY(), panel.getWidth(), panel.getHeight());
        assertFalse(panelBounds.intersects(onScreen), "the panel " + panelBounds + " covers the footprint "
                + onScreen);

        WritableImage after = WaitForAsyncUtils.asyncFx(() -> root.map().snapshot(null, null)).get();
        int cyanAfter = count(after, local, Color.CYAN);
        int newOutline = count(after, local, RegularizePreview.NEW_OUTLINE);
        int oldOutline = count(after, local, RegularizePreview.OLD_OUTLINE);
        assertTrue(newOutline > 50, "the new outline in its own colour: " + newOutline);
        assertTrue(oldOutline > 20, "the old outline in another: " + oldOutline);
        assertTrue(cyanAfter < cyanBefore / 10, "no cyan outline left to confuse old and new: " + cyanAfter + " of "
                + cyanBefore);
    }
}
