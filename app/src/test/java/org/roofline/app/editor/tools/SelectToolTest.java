package org.roofline.app.editor.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.inference.imagery.Georeferencing;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The select tool in a real window on the Banepa drone tile with the OpenStreetMap buildings that lie inside it:
 * click, Shift+click, Ctrl+click, click on nothing, Shift+drag box, Ctrl+drag lasso, and a plain drag that pans.
 */
@ExtendWith(ApplicationExtension.class)
class SelectToolTest {

    private ToolFixture fx;
    private List<Footprint> osm;

    @Start
    void start(Stage stage) throws Exception {
        Georeferencing g = ToolFixture.readGeoref();
        Envelope extent = g.extent(512, 512);
        osm = new ArrayList<>();
        long id = 1;
        for (VectorFeature f : VectorIo.read(ToolFixture.OSM).features()) {
            Geometry geom = f.geometry();
            if (geom instanceof Polygon p && p.isValid() && extent.contains(p.getEnvelopeInternal())) {
                osm.add(ToolFixture.footprint(id++, p));
            }
        }
        assertTrue(osm.size() >= 10, "OSM buildings inside the tile: " + osm.size());
        fx = ToolFixture.open(stage, g, osm);
    }

    private Polygon pixelPolygon(double... xy) {
        return ToolFixture.pixels(fx.georef, xy);
    }

    @Test
    void clickShiftClickCtrlClickAndClickOnNothing(FxRobot robot) throws Exception {
        fx.awaitImage();
        Footprint a = osm.get(0);
        Footprint b = osm.get(osm.size() - 1);
        Point2D pa = fx.screen(a.polygon().getInteriorPoint().getCoordinate());
        Point2D pb = fx.screen(b.polygon().getInteriorPoint().getCoordinate());

        robot.moveTo(pa).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(a.id()), fx.selection.ids());
        assertEquals(a.id(), fx.model.currentFootprint().orElseThrow().id());

        robot.press(KeyCode.SHIFT).moveTo(pb).clickOn(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(a.id(), b.id()), fx.selection.ids());

        robot.press(KeyCode.CONTROL).moveTo(pa).clickOn(MouseButton.PRIMARY).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(b.id()), fx.selection.ids(), "Ctrl+click toggles");

        robot.moveTo(fx.screen(emptySpot())).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx.selection.isEmpty(), "a click on nothing clears");
    }

    /** A map position at least 10 px (image) from every footprint. */
    private Coordinate emptySpot() {
        for (int y = 20; y < 500; y += 8) {
            for (int x = 20; x < 500; x += 8) {
                Coordinate c = fx.georef.toMap(new Coordinate(x, y));
                boolean clear = true;
                for (Footprint f : osm) {
                    Polygon px = (Polygon) fx.georef.toPixel(f.polygon());
                    if (px.distance(ToolFixture.GF.createPoint(new Coordinate(x, y))) < 10) {
                        clear = false;
                        break;
                    }
                }
                if (clear) {
                    return c;
                }
            }
        }
        throw new AssertionError("no empty spot in the tile");
    }

    @Test
    void shiftDragSelectsTheFootprintsInTheBox(FxRobot robot) throws Exception {
        fx.awaitImage();
        robot.press(KeyCode.SHIFT).moveTo(fx.screenOfPixel(60, 60)).press(MouseButton.PRIMARY)
                .moveTo(fx.screenOfPixel(300, 452)).release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        Polygon box = pixelPolygon(60, 60, 300, 60, 300, 452, 60, 452);
        Set<Long> inside = new HashSet<>();
        for (Footprint f : osm) {
            if (box.contains(f.polygon())) {
                inside.add(f.id());
                assertTrue(fx.selection.contains(f.id()), "footprint " + f.id() + " lies in the box");
            } else if (box.disjoint(f.polygon())) {
                assertFalse(fx.selection.contains(f.id()), "footprint " + f.id() + " lies outside the box");
            }
        }
        assertTrue(inside.size() >= 2, "footprints in the box: " + inside);
        assertTrue(fx.selection.size() < osm.size());
        assertTrue(fx.messages.get(fx.messages.size() - 1).startsWith("Box: " + fx.selection.size()));
        assertEquals(0, fx.undo.undoSize(), "selection is not an edit");
    }

    @Test
    void ctrlDragSelectsTheFootprintsInTheLasso(FxRobot robot) throws Exception {
        fx.awaitImage();
        // a triangle: the lower-left half of the tile
        robot.press(KeyCode.CONTROL).moveTo(fx.screenOfPixel(10, 10)).press(MouseButton.PRIMARY)
                .moveTo(fx.screenOfPixel(10, 500)).moveTo(fx.screenOfPixel(500, 500))
                .moveTo(fx.screenOfPixel(12, 12)).release(MouseButton.PRIMARY).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Polygon lasso = pixelPolygon(10, 10, 10, 500, 500, 500);
        Polygon margin = (Polygon) lasso.buffer(-3 * fx.unitsPerPixel());
        int in = 0;
        int outButInBox = 0;
        for (Footprint f : osm) {
            if (margin.contains(f.polygon())) {
                in++;
                assertTrue(fx.selection.contains(f.id()), "footprint " + f.id() + " lies in the lasso");
            } else if (lasso.disjoint(f.polygon())) {
                outButInBox++; // in the lasso's bounding box (the whole tile) but not in the triangle
                assertFalse(fx.selection.contains(f.id()), "footprint " + f.id() + " lies outside the lasso");
            }
        }
        assertTrue(in >= 2 && outButInBox >= 2, in + " in, " + outButInBox + " out");
    }

    @Test
    void aPlainDragPansAndKeepsTheSelection(FxRobot robot) throws Exception {
        fx.awaitImage();
        robot.interact(() -> fx.selection.set(List.of(osm.get(0).id())));
        double before = fx.map.viewport().offsetX();
        Point2D from = fx.screenOfPixel(256, 256);
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(new Point2D(from.getX() - 80, from.getY()))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(before, fx.map.viewport().offsetX());
        assertEquals(80 / fx.map.viewport().scale(), fx.map.viewport().offsetX() - before, 2 / fx.map.viewport().scale());
        assertEquals(Set.of(osm.get(0).id()), fx.selection.ids());
    }
}
