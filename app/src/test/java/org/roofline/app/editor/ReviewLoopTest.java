package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.format.VectorFormat;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole review loop in the real window (headless), as a new user meets it: the bundled sample opens with its
 * session, N goes to a tile, A accepts, D rejects, Shift+A accepts the rest of the tile, Ctrl+Z undoes it, E and a
 * drag move a vertex, Q re-squares it, Ctrl+E exports the kept footprints as a Shapefile that GDAL reads back with
 * the right count; the session, reopened, holds every decision.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewLoopTest {

    @TempDir
    static Path dir;

    private RooflineEditor editor;
    private ReviewSession session;

    @Start
    void start(Stage stage) throws IOException {
        BundledSample.Location sample = BundledSample.install(dir.resolve("data"));
        session = ReviewSession.openOrCreate(sample.image(), sample.footprints(), sample.session());
        RooflineEditor.prepare(new OpenedReview(session.image(), session.model(), session.store().crs(),
                session.store().file(), session), p -> {
                    throw new IOException("not in this test");
                }, List::of);
        editor = new RooflineEditor();
        editor.start(stage);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Lets a few pulses (layout passes) go by. */
    private static void settle() {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private void type(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void reviewEditReSquareExportAndReopen(FxRobot robot) throws Exception {
        EditorPane pane = editor.pane();
        ReviewModel model = pane.model();
        assertEquals(144, model.size(), "the sample's footprints");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.map().getOverview() != null);
        settle(); // the first fit to the image happens at the layout pass after the overview arrives

        // review: next tile, accept, reject, accept the rest of the tile, undo that
        type(robot, KeyCode.N);
        int tile = model.currentTile();
        List<Long> inTile = model.footprintIdsInTile(tile);
        assertTrue(inTile.size() >= 3, "a tile with a few buildings first: " + inTile);
        long first = fx(() -> model.currentFootprint().orElseThrow().id());
        type(robot, KeyCode.A);
        long second = fx(() -> model.currentFootprint().orElseThrow().id());
        assertNotEquals(first, second);
        type(robot, KeyCode.D);
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(first).status());
        assertEquals(ReviewStatus.REJECTED, model.footprint(second).status());
        type(robot, KeyCode.SHIFT, KeyCode.A);
        assertTrue(model.footprintsInTile(tile).stream().noneMatch(f -> f.status() == ReviewStatus.PENDING));
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        long pendingInTile = model.footprintsInTile(tile).stream()
                .filter(f -> f.status() == ReviewStatus.PENDING).count();
        assertEquals(inTile.size() - 2, pendingInTile, "undo gave back the bulk accept, not the single decisions");

        // edit: E on the current (pending) footprint, drag its first vertex 12 px right and 8 px down
        long edited = fx(() -> model.currentFootprint().orElseThrow().id());
        robot.interact(() -> {
            org.locationtech.jts.geom.Envelope e = model.footprint(edited).polygon().getEnvelopeInternal();
            e.expandBy(Math.max(e.getWidth(), e.getHeight()));
            pane.map().showMapExtent(e);
        });
        settle();
        Coordinate v = model.footprint(edited).polygon().getExteriorRing().getCoordinateN(0);
        type(robot, KeyCode.E);
        Point2D from = fx(() -> pane.map().localToScreen(pane.map().viewport().toScreen(v)));
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(from.add(6, 4)).moveTo(from.add(12, 8))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Footprint afterDrag = model.footprint(edited);
        assertEquals(ReviewStatus.EDITED, afterDrag.status(), pane.statusBar().getText() + " tool "
                + pane.map().getTool().name() + " vertex " + v + " at " + from);
        assertTrue(afterDrag.polygon().getExteriorRing().getCoordinateN(0).distance(v) > 0
                || !afterDrag.polygon().equalsExact(session.model().footprint(edited).polygon()));
        double unitsPerPixel = fx(() -> pane.map().viewport().mapUnitsPerScreenPixel());
        assertTrue(java.util.Arrays.stream(afterDrag.polygon().getCoordinates())
                        .anyMatch(c -> Math.abs(c.distance(v) - Math.hypot(12, 8) * unitsPerPixel)
                                < 2 * unitsPerPixel),
                "a vertex moved by the dragged distance");
        assertTrue(afterDrag.polygon().isValid());

        // re-square it: Q opens the preview, Apply replaces the outline with right angles
        type(robot, KeyCode.ESCAPE);
        robot.interact(() -> pane.selection().set(List.of(edited)));
        type(robot, KeyCode.Q);
        var preview = pane.tools().regularizePreview();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> preview.results().containsKey(edited)));
        robot.interact(() -> robot.lookup("#" + org.roofline.app.editor.tools.RegularizePreview.APPLY_ID)
                .queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !preview.isOpen()));
        assertEquals("right-angles", model.footprint(edited).method());
        assertTrue(model.footprint(edited).regularized());

        // export the kept footprints (accepted and edited) as a Shapefile through the dialog
        long kept = model.count(ReviewStatus.ACCEPTED) + model.count(ReviewStatus.EDITED);
        assertEquals(2, kept, "one accepted, one edited");
        type(robot, KeyCode.CONTROL, KeyCode.E);
        Path shp = dir.resolve("kept.shp");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<VectorFormat> format = robot.lookup("#export-format").queryAs(ComboBox.class);
            format.setValue(VectorFormat.SHAPEFILE);
            robot.lookup("#export-path").queryAs(TextField.class).setText(shp.toString());
        });
        robot.interact(() -> robot.lookup("#export-run").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> robot.lookup(".dialog-pane")
                .queryAll().stream().anyMatch(n -> n.lookupAll(".label").stream()
                        .anyMatch(l -> ((javafx.scene.control.Labeled) l).getText() != null
                                && ((javafx.scene.control.Labeled) l).getText().contains("read back")))));
        assertTrue(Files.exists(shp));
        Map<String, Long> statuses = ogrStatuses(shp);
        assertEquals(Map.of("accepted", 1L, "edited", 1L), statuses);

        // every decision is in the session: reopen it beside the open one
        Map<Long, ReviewStatus> expected = model.footprints().stream()
                .collect(Collectors.toMap(Footprint::id, Footprint::status));
        try (ReviewSession again = ReviewSession.open(session.store().file())) {
            Map<Long, ReviewStatus> stored = again.model().footprints().stream()
                    .collect(Collectors.toMap(Footprint::id, Footprint::status));
            assertEquals(expected, stored);
            assertTrue(again.model().footprint(edited).polygon()
                    .equalsExact(model.footprint(edited).polygon(), 1e-9));
        }
    }

    /** Feature counts by status, as GDAL's ogrinfo reads the Shapefile. */
    private static Map<String, Long> ogrStatuses(Path shp) throws Exception {
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-q", "-al", shp.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out.lines().map(String::strip).filter(l -> l.startsWith("status (String) = "))
                .map(l -> l.substring("status (String) = ".length()))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }
}
