package org.roofline.app.editor.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.AddFootprint;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.inference.imagery.Georeferencing;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The editing tools in a real window (headless Monocle) on the Banepa drone tile (EPSG:4326), driven with the mouse
 * and keys: vertex drag, insert and delete, draw, move, move all, the typed-metres offset and the re-regularize
 * preview. Footprints are made by hand in the image's pixels, apart from each other.
 */
@ExtendWith(ApplicationExtension.class)
class EditingToolsTest {

    private ToolFixture fx;
    private Footprint square; // id 1: pixels (100,100)-(160,160)
    private Footprint other; // id 2: pixels (300,100)-(360,150)
    private Footprint noisy; // id 3: a jagged, slightly skewed outline around (100,300)-(220,380)
    private Footprint small; // id 4: pixels (350,350)-(400,400)

    @Start
    void start(Stage stage) throws Exception {
        Georeferencing g = ToolFixture.readGeoref();
        square = ToolFixture.footprint(1, ToolFixture.pixels(g, 100, 100, 160, 100, 160, 160, 100, 160));
        other = ToolFixture.footprint(2, ToolFixture.pixels(g, 300, 100, 360, 100, 360, 150, 300, 150));
        noisy = new Footprint(3, ToolFixture.pixels(g, 100, 300, 140, 302, 180, 299, 220, 301, 223, 340, 226, 380,
                190, 378, 150, 381, 106, 379, 104, 340), ReviewStatus.PENDING, 0.7, "none", false, "test", null);
        small = ToolFixture.footprint(4, ToolFixture.pixels(g, 350, 350, 400, 350, 400, 400, 350, 400));
        fx = ToolFixture.open(stage, g, List.of(square, other, noisy, small));
    }

    private void click(FxRobot robot, Point2D p) {
        robot.moveTo(p).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Point2D plus(Point2D p, double dx, double dy) {
        return new Point2D(p.getX() + dx, p.getY() + dy);
    }

    private Coordinate vertex(long id, int i) {
        return fx.model.footprint(id).polygon().getExteriorRing().getCoordinateN(i);
    }

    private Map<Long, Footprint> snapshot() {
        Map<Long, Footprint> m = new HashMap<>();
        fx.model.footprints().forEach(f -> m.put(f.id(), f));
        return m;
    }

    private void selectByClick(FxRobot robot, Footprint f) {
        Coordinate c = f.polygon().getInteriorPoint().getCoordinate();
        click(robot, fx.screen(c));
        assertEquals(Set.of(f.id()), fx.selection.ids());
        assertEquals(f.id(), fx.model.currentFootprint().orElseThrow().id());
    }

    @Test
    void dragAVertexThenUndo(FxRobot robot) throws Exception {
        fx.awaitImage();
        selectByClick(robot, square);
        robot.interact(fx.tools::editVertices);
        assertSame(fx.tools.vertexTool(), fx.map.getTool());

        Coordinate before = vertex(1, 2); // pixel (160, 160)
        Point2D from = fx.screen(before);
        Point2D to = plus(from, 30, 15);
        drag(robot, from, to);

        Coordinate expected = fx.mapAt(to);
        Coordinate after = vertex(1, 2);
        double px = fx.unitsPerPixel();
        assertEquals(expected.x, after.x, px, "moved vertex x");
        assertEquals(expected.y, after.y, px, "moved vertex y");
        // moved by the dragged distance: 30 and 15 screen pixels in map units (y down on the screen, north up)
        assertEquals(30 * px, after.x - before.x, px);
        assertTrue(after.y < before.y);
        assertEquals(ReviewStatus.EDITED, fx.model.footprint(1).status());
        assertEquals(4, fx.model.footprint(1).vertexCount());
        assertEquals(vertex(1, 0), square.polygon().getExteriorRing().getCoordinateN(0), "other vertices stay");
        assertEquals(1, fx.undo.undoSize());

        robot.interact(fx.undo::undo);
        assertEquals(square, fx.model.footprint(1));
    }

    @Test
    void insertAVertexOnAnEdgeThenDeleteIt(FxRobot robot) throws Exception {
        fx.awaitImage();
        selectByClick(robot, square);
        robot.interact(fx.tools::editVertices);
        Point2D mid = fx.screenOfPixel(130, 100); // the middle of the top edge
        click(robot, mid);
        Footprint f = fx.model.footprint(1);
        assertEquals(5, f.vertexCount(), f.polygon().toText());
        Coordinate inserted = vertex(1, 1);
        Polygon edge = square.polygon();
        assertEquals(0, edge.getExteriorRing().distance(ToolFixture.GF.createPoint(inserted)), 1e-12,
                "the new vertex lies on the edge");
        assertEquals(0, inserted.distance(fx.mapAt(mid)), 2 * fx.unitsPerPixel());
        assertEquals(f.polygon().getArea(), edge.getArea(), edge.getArea() * 1e-9);

        robot.moveTo(fx.screen(inserted));
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, fx.model.footprint(1).vertexCount());
        assertTrue(fx.model.footprint(1).polygon().equalsTopo(square.polygon()));
        assertEquals(2, fx.undo.undoSize());
    }

    @Test
    void holesHaveHandlesTooAndAVertexSnapsToANeighbour(FxRobot robot) throws Exception {
        fx.awaitImage();
        Polygon shell = ToolFixture.pixels(fx.georef, 200, 180, 290, 180, 290, 260, 200, 260);
        Polygon hole = ToolFixture.pixels(fx.georef, 230, 200, 260, 200, 260, 230, 230, 230);
        Polygon courtyard = ToolFixture.GF.createPolygon(
                ToolFixture.GF.createLinearRing(shell.getExteriorRing().getCoordinates()),
                new org.locationtech.jts.geom.LinearRing[] {
                        ToolFixture.GF.createLinearRing(hole.getExteriorRing().getCoordinates())});
        robot.interact(() -> fx.undo.execute(new AddFootprint(courtyard)));
        click(robot, fx.screenOfPixel(210, 250)); // inside the ring, outside the hole
        assertEquals(Set.of(5L), fx.selection.ids());
        robot.interact(fx.tools::editVertices);

        // drag a hole corner 10 px (image) further in: the hole changes, the shell does not
        drag(robot, fx.screenOfPixel(260, 230), fx.screenOfPixel(270, 240));
        Polygon edited = fx.model.footprint(5).polygon();
        assertEquals(1, edited.getNumInteriorRing());
        assertTrue(edited.getExteriorRing().equalsExact(courtyard.getExteriorRing()));
        double areaLost = courtyard.getArea() - edited.getArea();
        double holeGrowth = ToolFixture.GF.createPolygon(edited.getInteriorRingN(0).getCoordinates()).getArea()
                - hole.getArea();
        assertTrue(holeGrowth > 0);
        assertEquals(holeGrowth, areaLost, hole.getArea() * 1e-9, "the area lost is the hole's growth");
        assertTrue(edited.getInteriorRingN(0).getCoordinateN(2).distance(fx.georef.toMap(new Coordinate(270, 240)))
                < 2 * fx.unitsPerPixel());

        // a hole corner dragged out of the building is refused
        int undoBefore = fx.undo.undoSize();
        drag(robot, fx.screenOfPixel(230, 200), fx.screenOfPixel(230, 150));
        assertEquals(undoBefore, fx.undo.undoSize());
        assertTrue(fx.messages.get(fx.messages.size() - 1).startsWith("Edit refused: invalid polygon"),
                fx.messages.toString());

        // the shell's corner dropped 3 screen pixels from the square's corner (160, 160) snaps onto it
        Point2D near = plus(fx.screenOfPixel(160, 160), 2, 2);
        drag(robot, fx.screenOfPixel(200, 180), near);
        Coordinate snapped = fx.model.footprint(5).polygon().getExteriorRing().getCoordinateN(0);
        assertEquals(square.polygon().getExteriorRing().getCoordinateN(2), snapped, "snapped exactly");
    }

    @Test
    void deleteStopsAtATriangleAndInvalidEditsAreRefused(FxRobot robot) throws Exception {
        fx.awaitImage();
        selectByClick(robot, small);
        robot.interact(fx.tools::editVertices);
        robot.moveTo(fx.screenOfPixel(400, 400));
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, fx.model.footprint(4).vertexCount());
        robot.moveTo(fx.screenOfPixel(350, 350));
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, fx.model.footprint(4).vertexCount(), "never below a triangle");
        assertTrue(fx.messages.get(fx.messages.size() - 1).contains("at least 3 vertices"), fx.messages.toString());

        // a click inside another footprint makes it the one edited
        click(robot, fx.screen(square.polygon().getInteriorPoint().getCoordinate()));
        assertEquals(1L, fx.tools.vertexTool().target().orElseThrow().id());
        assertSame(fx.tools.vertexTool(), fx.map.getTool());
        // drag the square's top-left corner across its right edge: a bow tie
        Footprint before = fx.model.footprint(1);
        int undoBefore = fx.undo.undoSize();
        drag(robot, fx.screenOfPixel(100, 100), fx.screenOfPixel(200, 130));
        assertEquals(before, fx.model.footprint(1), "an invalid edit leaves the footprint as it was");
        assertEquals(undoBefore, fx.undo.undoSize());
        String last = fx.messages.get(fx.messages.size() - 1);
        assertTrue(last.startsWith("Edit refused: invalid polygon: Self-intersection"), last);

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(fx.tools.selectTool(), fx.map.getTool());
    }

    @Test
    void drawARectangle(FxRobot robot) throws Exception {
        fx.awaitImage();
        robot.interact(fx.tools::draw);
        Point2D a = fx.screenOfPixel(420, 200);
        Point2D b = fx.screenOfPixel(480, 260);
        drag(robot, a, b);
        assertEquals(5, fx.model.size());
        Footprint f = fx.model.footprint(5);
        assertNotNull(f, "the new footprint takes the next free id");
        assertEquals(ReviewStatus.EDITED, f.status());
        assertEquals(AddFootprint.METHOD, f.method());
        assertEquals(4, f.vertexCount());
        Polygon expected = ToolFixture.pixels(fx.georef, 420, 200, 480, 200, 480, 260, 420, 260);
        double px = fx.unitsPerPixel();
        assertTrue(f.polygon().getEnvelopeInternal().getWidth() > 0);
        // the corners are where the mouse was, within a screen pixel
        assertEquals(0, f.polygon().getEnvelopeInternal().getMinX() - expected.getEnvelopeInternal().getMinX(), px);
        assertEquals(0, f.polygon().getEnvelopeInternal().getMaxY() - expected.getEnvelopeInternal().getMaxY(), px);
        assertEquals(expected.getArea(), f.polygon().getArea(), expected.getArea() * 0.05);
        assertEquals(Set.of(5L), fx.selection.ids());
        assertEquals(5L, fx.model.currentFootprint().orElseThrow().id());
        assertSame(fx.tools.vertexTool(), fx.map.getTool(), "the vertex tool takes over");

        robot.interact(fx.undo::undo);
        assertEquals(4, fx.model.size());
    }

    @Test
    void drawARotatedRectangleFromThreePoints(FxRobot robot) throws Exception {
        fx.awaitImage();
        robot.interact(fx.tools::draw);
        Point2D a = fx.screenOfPixel(420, 280);
        Point2D b = fx.screenOfPixel(480, 320); // a wall about 34 degrees off the image's rows
        robot.press(KeyCode.SHIFT).moveTo(a).press(MouseButton.PRIMARY).moveTo(b).release(MouseButton.PRIMARY)
                .release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, fx.model.size(), "nothing is added before the depth is given");
        Point2D c = fx.screenOfPixel(465, 350);
        robot.moveTo(c).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Footprint f = fx.model.footprint(5);
        assertNotNull(f, fx.messages.toString());
        assertEquals(AddFootprint.METHOD, f.method());
        assertEquals(4, f.vertexCount());
        double px = fx.unitsPerPixel();
        assertEquals(0, vertex(5, 0).distance(fx.mapAt(a)), px, "the wall starts where the drag did");
        assertEquals(0, vertex(5, 1).distance(fx.mapAt(b)), px, "and ends where it ended");
        // square on the ground (UTM 45N, metres), and not axis-aligned
        Polygon utm = (Polygon) CrsTransform.of(Crs.WGS84, Crs.epsg(32645)).transform(f.polygon());
        for (double angle : angles(utm)) {
            assertEquals(90, angle > 180 ? 360 - angle : angle, 0.5, "corner " + angles(utm));
        }
        Coordinate u0 = utm.getExteriorRing().getCoordinateN(0);
        Coordinate u1 = utm.getExteriorRing().getCoordinateN(1);
        double bearing = Math.toDegrees(Math.atan2(u1.y - u0.y, u1.x - u0.x));
        assertEquals(-34, bearing, 3, "the wall's direction");
        assertSame(fx.tools.vertexTool(), fx.map.getTool());
    }

    @Test
    void dragMovesTheSelectionThenMoveAllMovesEverything(FxRobot robot) throws Exception {
        fx.awaitImage();
        selectByClick(robot, other);
        robot.interact(fx.tools::move);
        Point2D from = fx.screenOfPixel(330, 125);
        Point2D to = plus(from, 40, -20);
        drag(robot, from, to);
        Coordinate shift = new Coordinate(fx.mapAt(to).x - fx.mapAt(from).x, fx.mapAt(to).y - fx.mapAt(from).y);
        double px = fx.unitsPerPixel();
        Coordinate c0 = other.polygon().getCentroid().getCoordinate();
        Coordinate c1 = fx.model.footprint(2).polygon().getCentroid().getCoordinate();
        assertEquals(shift.x, c1.x - c0.x, px);
        assertEquals(shift.y, c1.y - c0.y, px);
        assertTrue(c1.x - c0.x > 30 * px && c1.y - c0.y > 10 * px, "moved east and north");
        assertEquals(other.status(), fx.model.footprint(2).status(), "a move keeps the status");
        assertEquals(square, fx.model.footprint(1));
        assertEquals(small, fx.model.footprint(4));

        Map<Long, Footprint> before = snapshot();
        robot.interact(fx.tools::moveAll);
        drag(robot, fx.screenOfPixel(250, 250), fx.screenOfPixel(230, 270));
        Coordinate d = null;
        for (Footprint f : fx.model.footprints()) {
            Coordinate a = before.get(f.id()).polygon().getCentroid().getCoordinate();
            Coordinate b = f.polygon().getCentroid().getCoordinate();
            Coordinate di = new Coordinate(b.x - a.x, b.y - a.y);
            if (d == null) {
                d = di;
                assertTrue(di.x < 0 && di.y < 0, "moved west and south: " + di);
            } else {
                assertEquals(d.x, di.x, 1e-12);
                assertEquals(d.y, di.y, 1e-12);
            }
        }
        assertEquals(2, fx.undo.undoSize());
        robot.interact(fx.undo::undo);
        assertEquals(before, snapshot(), "one undo puts every footprint back");
    }

    @Test
    void typedMetresOffsetShiftsEveryFootprintByThatGroundDistance(FxRobot robot) throws Exception {
        fx.awaitImage();
        Map<Long, Footprint> before = snapshot();
        OffsetDialog[] dialog = new OffsetDialog[1];
        robot.interact(() -> dialog[0] = fx.tools.offset());
        assertNotNull(dialog[0], fx.messages.toString());
        robot.clickOn("#" + OffsetDialog.EAST_ID).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("3.5");
        robot.clickOn("#" + OffsetDialog.NORTH_ID).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("-2,25");
        robot.clickOn(dialog[0].getDialogPane().lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(dialog[0].isShowing());
        assertEquals(1, fx.undo.undoSize());
        for (Footprint f : fx.model.footprints()) {
            Coordinate a = before.get(f.id()).polygon().getCentroid().getCoordinate();
            Coordinate b = f.polygon().getCentroid().getCoordinate();
            GeodesicData g = Geodesic.WGS84.Inverse(a.y, a.x, b.y, b.x);
            double az = Math.toRadians(g.azi1);
            // within a millimetre of 3.5 m east, 2.25 m south (the tile is 68 m across)
            assertEquals(Math.hypot(3.5, 2.25), g.s12, 1e-3, "footprint " + f.id());
            assertEquals(3.5, g.s12 * Math.sin(az), 1e-3);
            assertEquals(-2.25, g.s12 * Math.cos(az), 1e-3);
        }
        robot.interact(fx.undo::undo);
        assertEquals(before, snapshot());
    }

    @Test
    void offsetDialogRefusesTextThatIsNotANumber(FxRobot robot) throws Exception {
        fx.awaitImage();
        OffsetDialog[] dialog = new OffsetDialog[1];
        robot.interact(() -> dialog[0] = fx.tools.offset());
        robot.clickOn("#" + OffsetDialog.EAST_ID).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("3 m");
        assertTrue(dialog[0].getDialogPane().lookupButton(ButtonType.OK).isDisabled());
        robot.interact(dialog[0]::close);
        assertEquals(0, fx.undo.undoSize());
    }

    /** The re-square panel opens on auto: each footprint's tolerance chosen from its own outline, and shown. */
    @Test
    void regularizePreviewOpensOnAutoAndSaysWhatItChose(FxRobot robot) throws Exception {
        fx.awaitImage();
        selectByClick(robot, noisy);
        robot.interact(() -> fx.tools.regularize());
        RegularizePreview preview = fx.tools.regularizePreview();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> preview.results().size() == 1);
        assertTrue(preview.autoBox().isSelected());
        double px = preview.chosenTolerances().get(3L);
        assertTrue(px >= 2.5 && px <= 14, "chosen " + px + " px");
        RegularizationFrame frame = RegularizationFrame.of(fx.georef, preview.centre());
        assertEquals(org.roofline.app.review.ReRegularize.regularize(noisy.polygon(),
                        preview.parameters().withTolerance(px * frame.workingUnitsPerPixel()), frame.mapToWorking()),
                preview.results().get(3L), "previewed at the chosen tolerance");
        String shown = robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Label l
                && l.getText().startsWith("auto: ")).queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(shown.startsWith(String.format(java.util.Locale.ROOT, "auto: %.1f px", px)), shown);

        robot.interact(() -> preview.toleranceSlider().setValue(4));
        assertFalse(preview.autoBox().isSelected(), "a tolerance chosen by hand leaves auto");
        assertTrue(preview.chosenTolerances().isEmpty());
        assertEquals(4 * frame.workingUnitsPerPixel(), preview.parameters().tolerance(), 1e-12);
        robot.interact(preview::cancel);
    }

    @Test
    void regularizePreviewThenCancelThenApply(FxRobot robot) throws Exception {
        fx.awaitImage();
        selectByClick(robot, noisy);
        robot.press(KeyCode.SHIFT);
        click(robot, fx.screen(square.polygon().getInteriorPoint().getCoordinate()));
        robot.release(KeyCode.SHIFT);
        assertEquals(Set.of(3L, 1L), fx.selection.ids());
        Map<Long, Footprint> before = snapshot();

        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = fx.tools.regularize());
        assertTrue(opened[0]);
        RegularizePreview preview = fx.tools.regularizePreview();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> preview.results().size() == 2);
        robot.interact(() -> preview.methodBox().setValue(RegularizationMethod.ANY_ANGLE));
        var anyAngle = preview.results().get(3L);
        assertEquals(RegularizationMethod.ANY_ANGLE, anyAngle.method());
        robot.interact(() -> preview.methodBox().setValue(RegularizationMethod.RIGHT_ANGLES));
        robot.interact(() -> preview.toleranceSlider().setValue(4));
        var rightAngles = preview.results().get(3L);
        assertEquals(RegularizationMethod.RIGHT_ANGLES, rightAngles.method());
        assertNotEquals(anyAngle.polygon(), rightAngles.polygon(), "the preview follows the method");

        robot.clickOn("#" + RegularizePreview.CANCEL_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(preview.isOpen());
        assertEquals(before, snapshot(), "cancel changes nothing");
        assertEquals(0, fx.undo.undoSize());

        // an edit while the panel is open: the preview follows the footprint as it is now
        robot.interact(() -> fx.undo.execute(new org.roofline.app.review.MoveFootprints(List.of(3L), 1e-5, 0)));
        robot.interact(() -> fx.tools.regularize());
        var movedPreview = preview.results().get(3L).polygon().getCentroid().getX();
        robot.interact(fx.undo::undo);
        assertEquals(1e-5, movedPreview - preview.results().get(3L).polygon().getCentroid().getX(), 1e-7);
        assertEquals(0, fx.undo.undoSize());
        robot.interact(() -> preview.methodBox().setValue(RegularizationMethod.RIGHT_ANGLES));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> preview.results().size() == 2);
        var previewed = preview.results().get(3L);
        robot.clickOn("#" + RegularizePreview.APPLY_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(preview.isOpen());
        assertEquals(1, fx.undo.undoSize());
        Footprint f = fx.model.footprint(3);
        assertEquals("right-angles", f.method());
        assertTrue(f.regularized());
        assertEquals(ReviewStatus.EDITED, f.status());
        assertEquals(previewed.polygon(), f.polygon(), "apply stores what was previewed");
        assertTrue(f.vertexCount() < noisy.vertexCount(), f.vertexCount() + " vertices");
        // right angles on the ground: the corners projected to UTM 45N, in metres
        Polygon utm = (Polygon) CrsTransform.of(Crs.WGS84, Crs.epsg(32645)).transform(f.polygon());
        for (double a : angles(utm)) {
            assertEquals(90, a % 180 == 0 ? 90 : (a > 180 ? 360 - a : a), 1.0, "corner " + a);
        }
        robot.interact(fx.undo::undo);
        assertEquals(before, snapshot());
    }

    private static List<Double> angles(Polygon p) {
        Coordinate[] c = p.getExteriorRing().getCoordinates();
        int n = c.length - 1;
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Coordinate a = c[(i - 1 + n) % n];
            Coordinate b = c[i];
            Coordinate d = c[(i + 1) % n];
            double x = Math.toDegrees(Math.abs(Math.atan2(a.y - b.y, a.x - b.x) - Math.atan2(d.y - b.y, d.x - b.x)));
            out.add(x);
        }
        return out;
    }
}
