package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.tools.RegularizePreview;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The split, merge and re-square-many tools in the real window (headless) on the bundled sample's session: X and
 * clicks draw a cut line, Enter splits; C merges the pieces back; a Ctrl+drag lasso and Q re-square many footprints
 * at once. Each is one undoable command, and the session file, read by a second reader while the editor still has
 * it open, holds the result.
 */
@ExtendWith(ApplicationExtension.class)
class SplitMergeWindowTest {

    @TempDir
    static Path dir;

    private ReviewSession session;
    private EditorPane pane;
    private ReviewModel model;

    @Start
    void start(Stage stage) throws IOException {
        Path folder = Files.createTempDirectory(dir, "sample");
        BundledSample.Location sample = BundledSample.install(folder);
        session = ReviewSession.openOrCreate(sample.image(), sample.footprints(), sample.session());
        model = session.model();
        pane = new EditorPane(new OpenedReview(session.image(), model, session.store().crs(),
                session.store().file(), session), folder.resolve("keys.properties"), EditorHost.NONE);
        stage.setScene(EditorPane.scene(pane));
        stage.show();
    }

    @AfterEach
    void close() throws IOException {
        session.close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

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

    private void awaitImage() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.map().getOverview() != null);
        settle();
    }

    /** Shows an area of the map (map coordinates) and lets the layout settle. */
    private void show(FxRobot robot, Envelope e) {
        robot.interact(() -> {
            pane.map().showMapExtent(e);
            pane.map().requestFocus();
        });
        settle();
    }

    private Point2D screen(Coordinate c) throws Exception {
        return fx(() -> pane.map().localToScreen(pane.map().viewport().toScreen(c)));
    }

    private void click(FxRobot robot, Coordinate c) throws Exception {
        robot.moveTo(screen(c)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String status() throws Exception {
        return fx(() -> pane.statusBar().getText());
    }

    private Map<Long, Footprint> snapshot() throws Exception {
        return fx(() -> {
            Map<Long, Footprint> out = new HashMap<>();
            model.footprints().forEach(f -> out.put(f.id(), f));
            return out;
        });
    }

    /** The session file as a second reader sees it (the editor still has it open, as if it were killed now). */
    private Map<Long, Footprint> stored() throws IOException {
        try (ReviewSession again = ReviewSession.open(session.store().file(), session.image())) {
            Map<Long, Footprint> out = new HashMap<>();
            again.model().footprints().forEach(f -> out.put(f.id(), f));
            return out;
        }
    }

    private static void assertSameFootprints(Map<Long, Footprint> expected, Map<Long, Footprint> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Footprint e : expected.values()) {
            Footprint a = actual.get(e.id());
            assertEquals(e.status(), a.status(), "footprint " + e.id());
            assertTrue(a.polygon().equalsExact(e.polygon(), 1e-12), "footprint " + e.id());
        }
    }

    private Footprint largest() {
        return model.footprints().stream().max(Comparator.comparingDouble(f -> f.polygon().getArea()))
                .orElseThrow();
    }

    @Test
    void xAndClicksSplitAFootprintCMergesItBackAndUndoRedoWalkBoth(FxRobot robot) throws Exception {
        awaitImage();
        Footprint big = fx(this::largest);
        Map<Long, Footprint> start = snapshot();
        Envelope e = big.polygon().getEnvelopeInternal();
        Envelope view = new Envelope(e);
        view.expandBy(Math.max(e.getWidth(), e.getHeight()));
        show(robot, view);
        robot.interact(() -> pane.selection().set(List.of(big.id())));

        // a line that ends inside the footprint cuts nothing: said so, nothing changes
        type(robot, KeyCode.X);
        assertTrue(status().contains("click points of a cut line"), status());
        Coordinate inside = big.polygon().getInteriorPoint().getCoordinate();
        Coordinate left = new Coordinate(e.getMinX() - e.getWidth() * 0.3, inside.y);
        click(robot, left);
        robot.moveTo(screen(inside)).doubleClickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(status().contains("nothing changed"), status());
        assertEquals(0, pane.undoStack().undoSize());
        assertSameFootprints(start, snapshot());

        // Escape drops a line under way (and goes back to Select); X again for a new line
        click(robot, left);
        assertEquals(1, fx(() -> pane.tools().splitTool().points().size()));
        type(robot, KeyCode.ESCAPE);
        assertEquals(0, fx(() -> pane.tools().splitTool().points().size()));
        assertEquals(pane.tools().selectTool(), fx(() -> pane.map().getTool()));
        assertEquals(0, pane.undoStack().undoSize());
        type(robot, KeyCode.X);

        // across the footprint, with a bend at its interior point, then Enter
        Coordinate right = new Coordinate(e.getMaxX() + e.getWidth() * 0.3, inside.y + e.getHeight() * 0.05);
        click(robot, left);
        click(robot, inside);
        click(robot, right);
        type(robot, KeyCode.ENTER);
        assertEquals(1, pane.undoStack().undoSize(), status());
        List<Long> pieces = fx(() -> List.copyOf(pane.selection().ids()));
        assertTrue(pieces.size() >= 2, status());
        assertTrue(pieces.contains(big.id()), "the largest piece keeps the id: " + pieces);
        double area = 0;
        for (long id : pieces) {
            Footprint f = model.footprint(id);
            assertEquals(ReviewStatus.EDITED, f.status());
            assertTrue(f.polygon().isValid());
            area += f.polygon().getArea();
        }
        assertEquals(big.polygon().getArea(), area, big.polygon().getArea() * 1e-9);
        assertTrue(status().contains("Split footprint " + big.id()), status());
        Map<Long, Footprint> split = snapshot();
        assertSameFootprints(split, stored());

        // undo gives the footprint back, redo splits it again
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertSameFootprints(start, snapshot());
        assertEquals(big, model.footprint(big.id()), "id, status and attributes restored");
        assertSameFootprints(start, stored());
        type(robot, KeyCode.CONTROL, KeyCode.Y);
        assertEquals(split, snapshot());

        // C merges the pieces (still selected) back into one
        type(robot, KeyCode.ESCAPE); // the select tool; the selection stays
        robot.interact(() -> pane.selection().set(pieces));
        type(robot, KeyCode.C);
        assertEquals(2, pane.undoStack().undoSize(), status());
        assertEquals(start.size(), model.size());
        Footprint merged = model.footprint(big.id());
        assertEquals(ReviewStatus.EDITED, merged.status());
        assertEquals(big.polygon().getArea(), merged.polygon().getArea(), big.polygon().getArea() * 1e-6);
        assertTrue(merged.polygon().isValid());
        for (long id : pieces) {
            if (id != big.id()) {
                assertNull(model.footprint(id));
            }
        }
        assertSameFootprints(snapshot(), stored());
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(split, snapshot(), "undo gives the pieces back");
        assertSameFootprints(split, stored());
    }

    @Test
    void footprintsFarApartAreNotMerged(FxRobot robot) throws Exception {
        awaitImage();
        List<Footprint> fps = fx(() -> new ArrayList<>(model.footprints()));
        Footprint a = fps.get(0);
        Footprint far = fps.stream().max(Comparator.comparingDouble(f -> f.polygon().distance(a.polygon())))
                .orElseThrow();
        Map<Long, Footprint> start = snapshot();
        robot.interact(() -> {
            pane.selection().set(List.of(a.id(), far.id()));
            pane.map().requestFocus();
        });
        type(robot, KeyCode.C);
        assertTrue(status().contains("do not touch") && status().contains(" m apart"), status());
        assertEquals(0, pane.undoStack().undoSize());
        assertEquals(start, snapshot());
    }

    @Test
    void aLassoSaysHowManyAndQReSquaresThemAsOneCommand(FxRobot robot) throws Exception {
        awaitImage();
        int tile = fx(() -> model.tileSequence().get(0));
        Envelope t = model.tiles().envelope(tile);
        Envelope view = new Envelope(t);
        view.expandBy(t.getWidth() * 0.1);
        show(robot, view);
        // a lasso (Ctrl+drag) around the middle of the tile
        Coordinate[] ring = {
                new Coordinate(t.getMinX() + t.getWidth() * 0.1, t.getMinY() + t.getHeight() * 0.1),
                new Coordinate(t.getMaxX() - t.getWidth() * 0.1, t.getMinY() + t.getHeight() * 0.1),
                new Coordinate(t.getMaxX() - t.getWidth() * 0.1, t.getMaxY() - t.getHeight() * 0.1),
                new Coordinate(t.getMinX() + t.getWidth() * 0.1, t.getMaxY() - t.getHeight() * 0.1)};
        robot.press(KeyCode.CONTROL);
        robot.moveTo(screen(ring[0])).press(MouseButton.PRIMARY);
        for (int i = 1; i <= 4; i++) {
            Point2D from = screen(ring[i - 1]);
            Point2D to = screen(ring[i % 4]);
            for (int k = 1; k <= 4; k++) {
                robot.moveTo(from.add(to.subtract(from).multiply(k / 4.0)));
            }
        }
        robot.release(MouseButton.PRIMARY).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        Polygon lasso = new GeometryFactory().createPolygon(new Coordinate[] {ring[0], ring[1], ring[2], ring[3],
                ring[0]});
        // the robot's mouse lands on whole pixels: count with a margin of two pixels either way
        double margin = 2 * fx(() -> pane.map().viewport().mapUnitsPerScreenPixel());
        var inner = lasso.buffer(-margin);
        var outer = lasso.buffer(margin);
        long surely = model.footprints().stream().filter(f -> inner.contains(f.polygon().getInteriorPoint())).count();
        long maybe = model.footprints().stream().filter(f -> outer.contains(f.polygon().getInteriorPoint())).count();
        int n = fx(() -> pane.selection().size());
        assertTrue(n >= 3, "a few footprints in the lasso: " + n + "; " + status());
        assertTrue(surely <= n && n <= maybe, surely + " <= " + n + " <= " + maybe + "; " + status());
        String label = RegularizePreview.countLabel(n);
        assertEquals("Re-square " + n + " footprints", label);
        assertTrue(status().contains(n + " footprints selected; Edit > " + label), status());
        MenuItem item = fx(() -> pane.menuBar().getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "edit.regularize".equals(i.getUserData())).findFirst().orElseThrow());
        assertTrue(item.getText().startsWith(label + " (live preview)"), item.getText());

        List<Long> ids = fx(() -> List.copyOf(pane.selection().ids()));
        Map<Long, Footprint> start = snapshot();
        type(robot, KeyCode.Q);
        RegularizePreview preview = pane.tools().regularizePreview();
        assertNotNull(preview);
        assertEquals(label, fx(() -> preview.applyButton().getText()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !preview.isComputing()
                && preview.results().keySet().containsAll(ids)));
        robot.interact(() -> preview.applyButton().fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !preview.isOpen()
                && pane.undoStack().undoSize() == 1));
        assertEquals("Re-square " + n + " footprints (right-angles)", fx(() -> pane.undoStack().undoDescription()));
        for (long id : ids) {
            assertEquals(ReviewStatus.EDITED, model.footprint(id).status(), "footprint " + id);
        }
        assertSameFootprints(snapshot(), stored());
        robot.interact(() -> pane.map().requestFocus());
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> pane.undoStack().undoSize() == 0));
        assertEquals(start, snapshot(), "one undo gives every footprint back");
        assertSameFootprints(start, stored());
    }
}
