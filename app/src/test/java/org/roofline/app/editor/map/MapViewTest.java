package org.roofline.app.editor.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.review.DeleteFootprint;
import org.roofline.app.review.MoveFootprints;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.Selection;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.app.review.Validation;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.PixelToMap;
import org.roofline.inference.imagery.RasterWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The map view in a real (headless, Monocle) window: tiles, level of detail, footprints, navigation, markers. */
@ExtendWith(ApplicationExtension.class)
class MapViewTest {

    private static final ExecutorService IO = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "map-test-io");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    static Path tmp;
    private static Path noise;
    private Stage stage;

    @BeforeAll
    static void image() throws Exception {
        noise = MapFixtures.noiseTiff(tmp, 2048, 2048);
    }

    @Start
    void start(Stage s) {
        stage = s;
    }

    private MapView show(FxRobot robot, ReviewModel model, Path image, int tile, long cacheBytes, int threads)
            throws Exception {
        AtomicReference<MapView> out = new AtomicReference<>();
        robot.interact(() -> {
            MapView map = new MapView(model, new Selection());
            map.imageryLayer().configure(tile, cacheBytes, threads);
            map.footprintLayer().setLegendVisible(false);
            stage.setScene(new Scene(new StackPane(map), 800, 600));
            stage.show();
            map.requestFocus();
            if (image != null) {
                map.loadOverview(image, IO);
            }
            out.set(map);
        });
        MapView map = out.get();
        if (image != null) {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> fx(() -> map.getOverview() != null || map.loadErrorProperty().get() != null));
            assertNull(fx(() -> map.loadErrorProperty().get()));
        }
        return map;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Redraws until the imagery layer has every tile of the view (or fails after 30 s). */
    private static void waitForTiles(MapView map) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> {
            map.redraw();
            return map.imageryLayer().pendingTiles() == 0 && map.imageryLayer().standInsDrawn() == 0
                    && map.imageryLayer().tilesDrawn() > 0;
        }));
    }

    @Test
    void tilesLoadInTheBackgroundAndTheCanvasShowsFullResolutionPixels(FxRobot robot) throws Exception {
        MapView map = show(robot, MapFixtures.model(List.of()), noise, 128, 64L << 20, 2);
        assertEquals(1024, fx(() -> map.getOverview().getWidth()), 0.0, "the overview is subsampled by 2");
        // 4 screen pixels per image pixel, image pixel (1001, 777) at the top-left
        robot.interact(() -> map.setView(4, 1001, 777));
        waitForTiles(map);
        assertEquals(0, fx(() -> map.imageryLayer().currentLevel()));
        assertTrue(fx(() -> map.imageryLayer().loadedTiles()) > 0);
        WritableImage shot = fx(() -> map.snapshot(null, null));
        PixelReader pr = shot.getPixelReader();
        int matched = 0;
        try (GeoImage img = GeoImage.open(noise)) {
            for (int j = 0; j < 40; j += 7) {
                for (int i = 0; i < 60; i += 9) {
                    int px = 1001 + i;
                    int py = 777 + j;
                    RasterWindow w = img.read(new Rectangle(px, py, 1, 1), 1);
                    int expected = w.sample(0, 0, 0) << 16 | w.sample(0, 0, 1) << 8 | w.sample(0, 0, 2);
                    assertEquals(MapFixtures.noise(px, py), expected, "the reader agrees with the generator");
                    int shown = pr.getArgb(i * 4 + 2, j * 4 + 2) & 0xFFFFFF;
                    assertEquals(String.format("%06x", expected), String.format("%06x", shown),
                            "screen pixel of image pixel " + px + "," + py);
                    matched++;
                }
            }
        }
        assertTrue(matched > 30);
    }

    @Test
    void zoomChangesTheLevel(FxRobot robot) throws Exception {
        MapView map = show(robot, MapFixtures.model(List.of()), noise, 128, 64L << 20, 2);
        assertEquals(4, fx(() -> map.imageryLayer().maxLevel()), "2048 px in 128 px tiles: levels 0..4");
        double[] scales = {2, 1, 0.75, 0.5, 0.3, 0.25, 0.2, 0.125, 0.01};
        int[] levels = {0, 0, 0, 1, 1, 2, 2, 3, 4};
        for (int k = 0; k < scales.length; k++) {
            double s = scales[k];
            int level = fx(() -> {
                map.setView(s, 0, 0);
                map.redraw();
                return map.imageryLayer().currentLevel();
            });
            assertEquals(levels[k], level, "scale " + s);
        }
        // a subsampled level shows subsampled pixels: at scale 0.5 (level 1) screen pixel (i, j) is image (2i, 2j)
        robot.interact(() -> map.setView(0.5, 0, 0));
        waitForTiles(map);
        assertEquals(1, fx(() -> map.imageryLayer().currentLevel()));
        assertTrue(fx(() -> map.imageryLayer().isCached(1, 0, 0)));
        PixelReader pr = fx(() -> map.snapshot(null, null)).getPixelReader();
        for (int[] p : new int[][] {{10, 20}, {101, 33}, {300, 250}}) {
            assertEquals(String.format("%06x", MapFixtures.noise(2 * p[0], 2 * p[1])),
                    String.format("%06x", pr.getArgb(p[0], p[1]) & 0xFFFFFF));
        }
    }

    @Test
    void theCacheStaysWithinItsBound(FxRobot robot) throws Exception {
        long bound = 10L * 128 * 128 * 4; // ten tiles
        MapView map = show(robot, MapFixtures.model(List.of()), noise, 128, bound, 2);
        // a 800 x 600 view at scale 2 needs 4 x 3 (to 5 x 4) tiles: sweep it over the image
        for (int y = 0; y < 2048; y += 600) {
            for (int x = 0; x < 2048; x += 700) {
                int fx = x;
                int fy = y;
                robot.interact(() -> map.setView(2, fx, fy));
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> {
                    map.redraw();
                    assertTrue(map.imageryLayer().cacheBytes() <= bound, "cache " + map.imageryLayer().cacheBytes());
                    return map.imageryLayer().pendingTiles() == 0;
                }));
            }
        }
        assertTrue(fx(() -> map.imageryLayer().cacheBytes()) <= bound);
        assertTrue(fx(() -> map.imageryLayer().cacheBytes()) > bound / 2, "the cache is used");
        assertTrue(fx(() -> map.imageryLayer().cacheEvictions()) > 0, "tiles were evicted");
        assertTrue(fx(() -> map.imageryLayer().loadedTiles()) > 20);
    }

    @Test
    void tilesThatLeftTheScreenAreNotRead(FxRobot robot) throws Exception {
        MapView map = show(robot, MapFixtures.model(List.of()), noise, 128, 64L << 20, 1);
        // jump across the image in one FX call: each frame wants tiles the next no longer wants
        fx(() -> {
            for (int k = 0; k < 10; k++) {
                map.setView(1, (k % 2) * 1200, (k / 2) * 300);
                map.redraw();
            }
            return null;
        });
        waitForTiles(map);
        long loaded = fx(() -> map.imageryLayer().loadedTiles());
        assertTrue(fx(() -> map.imageryLayer().droppedRequests()) > 0);
        // 10 views of 7 x 5 or more tiles each would be at least 35 x 10 reads: far fewer happened
        assertTrue(loaded < 35 * 5, "tiles read: " + loaded);
    }

    @Test
    void onlyVisibleFootprintsAreDrawnWithLevelOfDetail(FxRobot robot) throws Exception {
        PixelToMap t = MapFixtures.geoTransform(Path.of(MapFixtures.BANEPA + ".aux.xml"));
        List<Footprint> fps = MapFixtures.grid(t, 40, 2, 2, 12.7, 8); // 1600 squares of 8 px
        ReviewModel model = MapFixtures.model(fps);
        MapView map = show(robot, model, MapFixtures.BANEPA, 512, 64L << 20, 1);

        FootprintLayer.Frame whole = fx(() -> {
            map.footprintLayer().setLimits(1500, 4000);
            map.zoomToImage();
            map.redraw();
            return map.lastFootprintFrame();
        });
        assertEquals(1600, whole.visible());
        assertEquals(1600, whole.polygons(), "8 px squares at scale ~1.2 are outlines");
        assertFalse(whole.filled(), "1600 on screen: more than the fill limit, outlines only");
        assertFalse(whole.rasterized());

        FootprintLayer.Frame close = fx(() -> {
            map.setView(6, 100, 150);
            map.redraw();
            return map.lastFootprintFrame();
        });
        Envelope view = fx(() -> map.viewport().visibleMap());
        long expected = fps.stream().filter(f -> f.polygon().getEnvelopeInternal().intersects(view)).count();
        assertTrue(expected > 0 && expected < 100, "expected " + expected);
        assertEquals(expected, close.visible(), "only footprints meeting the viewport are looked at");
        assertEquals(expected, close.polygons());
        assertTrue(close.filled());

        // half the review in view: the flat scan, not the index, finds them; the same ones
        FootprintLayer.Frame half = fx(() -> {
            map.setView(1.5, 200, 100);
            map.redraw();
            return map.lastFootprintFrame();
        });
        Envelope halfView = fx(() -> map.viewport().visibleMap());
        long inHalf = fps.stream().filter(f -> f.polygon().getEnvelopeInternal().intersects(halfView)).count();
        assertTrue(inHalf > 400 && inHalf < 1600, "in view " + inHalf);
        assertEquals(inHalf, half.visible());

        FootprintLayer.Frame far = fx(() -> {
            map.setView(0.25, -200, -200);
            map.redraw();
            return map.lastFootprintFrame();
        });
        assertEquals(1600, far.dots(), "2 px squares are dots");
        assertEquals(0, far.polygons());

        FootprintLayer.Frame many = fx(() -> {
            map.footprintLayer().setLimits(100, 1000);
            map.zoomToImage();
            map.redraw();
            return map.lastFootprintFrame();
        });
        assertTrue(many.rasterized(), "1600 > 1000: drawn into one image");
        assertEquals(1600, many.polygons());
        // the raster really holds the outlines: a square's top-left corner is yellow (pending) on screen
        Point2D corner = fx(() -> map.viewport().pixelToScreen(2 + 12.7 * 10, 2 + 12.7 * 10));
        int argb = fx(() -> map.snapshot(null, null).getPixelReader()
                .getArgb((int) Math.floor(corner.getX()), (int) Math.floor(corner.getY())));
        assertEquals(0xFFFF00, argb & 0xFFFF00, String.format("pixel %08x", argb));

        // the index follows the model: a deleted footprint is no longer drawn
        UndoStack undo = new UndoStack(model);
        robot.interact(() -> undo.execute(new DeleteFootprint(fps.get(0).id())));
        assertEquals(1599, (int) fx(() -> {
            map.redraw();
            return map.lastFootprintFrame().visible();
        }));
        robot.interact(undo::undo);
        assertEquals(1600, (int) fx(() -> {
            map.redraw();
            return map.lastFootprintFrame().visible();
        }));

        // the legend counts statuses over the whole review, after every change
        assertEquals(Map.of(ReviewStatus.PENDING, 1600L, ReviewStatus.ACCEPTED, 0L, ReviewStatus.REJECTED, 0L,
                ReviewStatus.EDITED, 0L), fx(() -> map.footprintLayer().counts()));
        robot.interact(() -> undo.execute(SetStatus.accept(fps.get(1).id(), fps.get(2).id())));
        robot.interact(() -> undo.execute(SetStatus.reject(fps.get(3).id())));
        Map<ReviewStatus, Long> counts = fx(() -> map.footprintLayer().counts());
        assertEquals(2L, counts.get(ReviewStatus.ACCEPTED));
        assertEquals(1L, counts.get(ReviewStatus.REJECTED));
        assertEquals(1597L, counts.get(ReviewStatus.PENDING));
    }

    @Test
    void reviewTilesVisitedShadedAndCurrentOutlined(FxRobot robot) throws Exception {
        PixelToMap t = MapFixtures.geoTransform(Path.of(MapFixtures.BANEPA + ".aux.xml"));
        List<Footprint> fps = MapFixtures.grid(t, 4, 20, 20, 120, 30);
        ReviewModel model = MapFixtures.model(fps);
        MapView map = show(robot, model, MapFixtures.BANEPA, 512, 64L << 20, 1);
        assertTrue(model.tiles().count() >= 4, "tiles " + model.tiles().count());
        robot.interact(() -> {
            map.footprintLayer().setVisible(false);
            map.validationLayer().setVisible(false);
            model.goToTile(0);
            model.goToTile(1);
            map.zoomToImage();
            map.redraw();
        });
        assertEquals(1, (int) fx(() -> map.reviewTilesLayer().lastTilesShaded()), "visited 0; 1 is under review");
        // the current tile's outline (orange) runs along its top edge; visited tile 0 is shaded, an unvisited one not
        Envelope current = model.tiles().envelope(1);
        Point2D topMid = fx(() -> map.viewport().toScreen(new Coordinate(current.centre().x, current.getMaxY())));
        PixelReader pr = fx(() -> map.snapshot(null, null)).getPixelReader();
        boolean orange = false;
        for (int dy = -2; dy <= 2 && !orange; dy++) {
            int argb = pr.getArgb((int) topMid.getX(), (int) Math.round(topMid.getY()) + dy);
            orange = ((argb >> 16) & 0xFF) > 200 && ((argb >> 8) & 0xFF) > 100 && ((argb >> 8) & 0xFF) < 180
                    && (argb & 0xFF) < 60;
        }
        assertTrue(orange, "the current tile is outlined at " + topMid);
        robot.interact(() -> {
            map.reviewTilesLayer().setVisible(false);
            map.redraw();
        });
        Point2D visitedCentre = fx(() -> map.viewport().toScreen(model.tiles().envelope(0).centre()));
        int withoutShade = fx(() -> map.snapshot(null, null)).getPixelReader()
                .getArgb((int) visitedCentre.getX(), (int) visitedCentre.getY());
        int shaded = pr.getArgb((int) visitedCentre.getX(), (int) visitedCentre.getY());
        assertTrue((shaded & 0xFF) > (withoutShade & 0xFF), String.format("bluer when visited: %08x vs %08x",
                shaded, withoutShade));
        Point2D currentCentre = fx(() -> map.viewport().toScreen(current.centre()));
        assertEquals(fx(() -> map.snapshot(null, null)).getPixelReader().getArgb((int) currentCentre.getX(),
                (int) currentCentre.getY()), pr.getArgb((int) currentCentre.getX(), (int) currentCentre.getY()),
                "the tile under review (visited too) is not tinted");
    }

    @Test
    void keysPanAndZoomAndDragsPan(FxRobot robot) throws Exception {
        MapView map = show(robot, MapFixtures.model(List.of()), MapFixtures.BANEPA, 512, 64L << 20, 1);
        robot.interact(() -> map.setView(2, 100, 100));
        robot.type(KeyCode.RIGHT);
        double step = 0.125 * 600 / 2;
        assertEquals(100 + step, fx(() -> map.viewport().offsetX()), 1e-9);
        robot.type(KeyCode.DOWN);
        assertEquals(100 + step, fx(() -> map.viewport().offsetY()), 1e-9);
        robot.type(KeyCode.LEFT).type(KeyCode.UP);
        assertEquals(100, fx(() -> map.viewport().offsetX()), 1e-9);
        assertEquals(100, fx(() -> map.viewport().offsetY()), 1e-9);
        robot.type(KeyCode.EQUALS);
        assertEquals(3, fx(map::scale), 1e-9);
        robot.type(KeyCode.ADD);
        assertEquals(4.5, fx(map::scale), 1e-9);
        robot.type(KeyCode.MINUS).type(KeyCode.SUBTRACT);
        assertEquals(2, fx(map::scale), 1e-9);
        // zooming kept the centre in place
        assertEquals(100 + 400 / 2.0, fx(() -> map.viewport().screenToPixel(400, 300).x), 1e-6);

        // left drag pans with no tool; with a tool that takes the drag it does not, right drag always does
        Point2D c = fx(() -> map.localToScreen(400, 300));
        robot.moveTo(c).drag(MouseButton.PRIMARY).moveBy(40, 20).release(MouseButton.PRIMARY);
        assertEquals(100 + 400 / 2.0 - 20, fx(() -> map.viewport().screenToPixel(400, 300).x), 1e-6);
        List<String> toolSaw = new ArrayList<>();
        robot.interact(() -> map.setTool(new MapTool() {
            @Override
            public String name() {
                return "Grab";
            }

            @Override
            public boolean dragged(MapMouse e) {
                toolSaw.add("drag");
                return true;
            }
        }));
        double before = fx(() -> map.viewport().offsetX());
        robot.moveTo(c).drag(MouseButton.PRIMARY).moveBy(40, 20).release(MouseButton.PRIMARY);
        assertEquals(before, fx(() -> map.viewport().offsetX()), 1e-9, "the tool took the left drag");
        assertFalse(toolSaw.isEmpty());
        robot.moveTo(c).drag(MouseButton.SECONDARY).moveBy(-40, 0).release(MouseButton.SECONDARY);
        assertEquals(before + 20, fx(() -> map.viewport().offsetX()), 1e-6, "right drag pans whatever the tool");
        robot.moveTo(c).drag(MouseButton.MIDDLE).moveBy(-40, 0).release(MouseButton.MIDDLE);
        assertEquals(before + 40, fx(() -> map.viewport().offsetX()), 1e-6, "middle drag pans whatever the tool");
    }

    @Test
    void zoomToSelectionTileAndImage(FxRobot robot) throws Exception {
        PixelToMap t = MapFixtures.geoTransform(Path.of(MapFixtures.BANEPA + ".aux.xml"));
        List<Footprint> fps = MapFixtures.grid(t, 4, 50, 50, 100, 20);
        ReviewModel model = MapFixtures.model(fps);
        MapView map = show(robot, model, MapFixtures.BANEPA, 512, 64L << 20, 1);
        robot.interact(() -> map.selection().set(List.of(fps.get(5).id())));
        assertTrue(fx(map::zoomToSelection));
        Envelope shown = fx(() -> map.viewport().visiblePixels());
        // footprint 6 is at column 1, row 1: pixels 150..170; a margin of its size each side (60 px), and at least
        // 40 m of ground: at 0.13 m a pixel that is more
        assertTrue(shown.contains(new Envelope(110, 210, 110, 210)), shown.toString());
        double metresPerPixel = fx(() -> map.georeferencing().groundPixelSize(320, 320)).orElseThrow().y();
        assertEquals(Math.max(60, MapView.MIN_ZOOM_METRES / metresPerPixel), Math.min(shown.getWidth(),
                shown.getHeight()), 1e-6);
        assertTrue(fx(() -> map.zoomToTile(0)));
        Envelope tile = model.tiles().envelope(0);
        Envelope tileShown = fx(() -> map.viewport().visibleMap());
        Envelope loose = new Envelope(tileShown);
        loose.expandBy(tile.getWidth() * 1e-9);
        assertTrue(loose.contains(tile), tileShown + " " + tile);
        assertFalse(fx(() -> map.zoomToTile(-1)));
        robot.interact(map::zoomToImage);
        Envelope all = fx(() -> map.viewport().visiblePixels());
        assertTrue(all.contains(new Envelope(0, 512, 0, 512)));
        assertEquals(512, Math.min(all.getWidth(), all.getHeight()), 1e-6);
    }

    @Test
    void cursorPositionInTheImageCrs(FxRobot robot) throws Exception {
        PixelToMap t = MapFixtures.geoTransform(Path.of(MapFixtures.BANEPA + ".aux.xml"));
        MapView map = show(robot, MapFixtures.model(List.of()), MapFixtures.BANEPA, 512, 64L << 20, 1);
        robot.interact(() -> map.setView(1, 0, 0));
        List<double[]> at = new ArrayList<>();
        robot.interact(() -> map.addEventFilter(MouseEvent.MOUSE_MOVED, e -> at.add(new double[] {e.getX(), e.getY()})));
        robot.moveTo(fx(() -> map.localToScreen(100, 200)));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(at.isEmpty());
        double[] p = at.get(at.size() - 1);
        assertEquals(100, p[0], 1.0);
        // expected from the sidecar's GeoTransform, read here independently
        double lon = t.originX() + p[0] * t.pixelWidth() + p[1] * t.rotX();
        double lat = t.originY() + p[0] * t.rotY() + p[1] * t.pixelHeight();
        String expected = String.format(Locale.ROOT, "%.6f E %.6f N (EPSG:4326)", lon, lat);
        assertEquals(expected, fx(() -> map.cursorTextProperty().get()));
        assertTrue(expected.startsWith("85.5190") && expected.contains(" 27.6340"), expected);

        // the map moves under a still mouse (a pan by keys): the text follows, 50 image pixels further east
        robot.interact(() -> map.pan(50, 0));
        WaitForAsyncUtils.waitForFxEvents();
        String moved = String.format(Locale.ROOT, "%.6f E %.6f N (EPSG:4326)",
                lon + 50 * t.pixelWidth(), lat + 50 * t.rotY());
        assertEquals(moved, fx(() -> {
            map.redraw();
            return map.cursorTextProperty().get();
        }));
    }

    @Test
    void scaleBarMetresMatchTheGroundPixelSize(FxRobot robot) throws Exception {
        PixelToMap t = MapFixtures.geoTransform(Path.of(MapFixtures.BANEPA + ".aux.xml"));
        MapView map = show(robot, MapFixtures.model(List.of()), MapFixtures.BANEPA, 512, 64L << 20, 1);
        for (double scale : new double[] {0.5, 1, 3, 10}) {
            ScaleBar bar = fx(() -> {
                map.setView(scale, 256 - 400 / scale, 256 - 300 / scale); // image centre at screen centre
                map.redraw();
                return map.scaleBarProperty().get();
            });
            assertTrue(bar.metres());
            // one image pixel east-west at the centre, geodesic on WGS 84
            Coordinate a = t.toMap(255.5, 256);
            Coordinate b = t.toMap(256.5, 256);
            double pixelMetres = Geodesic.WGS84.Inverse(a.y, a.x, b.y, b.x, GeodesicMask.DISTANCE).s12;
            assertEquals(0.13, pixelMetres, 0.005, "the tile's pixels are about 0.13 m");
            assertEquals(pixelMetres / scale, bar.length() / bar.pixels(), pixelMetres / scale * 1e-6,
                    "metres per screen pixel at scale " + scale);
            assertTrue(bar.pixels() <= 120 && bar.pixels() > 120 * 0.4, bar.toString());
        }
        ScaleBar one = fx(() -> {
            map.setView(1, 0, 0);
            map.redraw();
            return map.scaleBarProperty().get();
        });
        // 120 screen px at 0.13 m: 15.6 m, rounded down to 10 m
        assertEquals("10 m", one.label());
    }

    @Test
    void validationMarkersForInvalidOverlappingAndNearSquareFootprints(FxRobot robot) throws Exception {
        PixelToMap t = MapFixtures.geoTransform(Path.of(MapFixtures.BANEPA + ".aux.xml"));
        List<Footprint> fps = new ArrayList<>();
        // a bow tie (self-intersection)
        Coordinate[] bow = {t.toMap(50, 50), t.toMap(90, 90), t.toMap(90, 50), t.toMap(50, 90), t.toMap(50, 50)};
        fps.add(Footprint.pending(1, MapFixtures.GF.createPolygon(bow), "test", true, "test"));
        // two overlapping squares
        fps.add(Footprint.pending(2, MapFixtures.pixelSquare(t, 200, 200, 40), "test", true, "test"));
        fps.add(Footprint.pending(3, MapFixtures.pixelSquare(t, 220, 220, 40), "test", true, "test"));
        // two corners of about 84 and 96 degrees: nearly square, likely a regularization miss
        Coordinate[] skew = {t.toMap(300, 50), t.toMap(360, 50), t.toMap(365, 100), t.toMap(300, 100),
                t.toMap(300, 50)};
        fps.add(Footprint.pending(5, MapFixtures.GF.createPolygon(skew), "test", true, "test"));
        // a clean square far away
        fps.add(Footprint.pending(4, MapFixtures.pixelSquare(t, 400, 400, 40), "test", true, "test"));
        ReviewModel model = MapFixtures.model(fps);
        MapView map = show(robot, model, MapFixtures.BANEPA, 512, 64L << 20, 1);
        Map<Validation.Kind, Integer> markers = fx(() -> {
            map.zoomToImage();
            map.redraw();
            return map.validationLayer().lastMarkers();
        });
        assertEquals(1, markers.getOrDefault(Validation.Kind.INVALID, 0), markers.toString());
        assertEquals(2, markers.getOrDefault(Validation.Kind.OVERLAP, 0), markers.toString());
        assertEquals(2, markers.getOrDefault(Validation.Kind.NEAR_SQUARE_CORNER, 0), markers.toString());
        assertTrue(fx(() -> map.validationLayer().isCached(4)));
        assertTrue(fx(() -> map.validationLayer().issues(4)).isEmpty());
        // the overlap marker is drawn: an orange ring around the overlap's interior point
        Coordinate where = fx(() -> map.validationLayer().issues(2)).get(0).location();
        Point2D s = fx(() -> map.viewport().toScreen(where));
        PixelReader pr = fx(() -> map.snapshot(null, null)).getPixelReader();
        boolean orange = false;
        for (int dx = -8; dx <= 8 && !orange; dx++) {
            int argb = pr.getArgb((int) s.getX() + dx, (int) s.getY());
            orange = ((argb >> 16) & 0xFF) > 200 && ((argb >> 8) & 0xFF) > 120 && ((argb >> 8) & 0xFF) < 200
                    && (argb & 0xFF) < 80;
        }
        assertTrue(orange, "an orange ring at " + s);

        // moving square 3 away drops the overlap (incremental: 4's cached issues are kept)
        UndoStack undo = new UndoStack(model);
        double dx = t.pixelWidth() * 200;
        robot.interact(() -> {
            map.validationLayer().setVisible(false); // hidden: nothing is re-checked while we look at the cache
            undo.execute(new MoveFootprints(List.of(3L), dx, 0));
        });
        assertFalse(fx(() -> map.validationLayer().isCached(2)), "2's overlap with 3 must be checked again");
        assertFalse(fx(() -> map.validationLayer().isCached(3)));
        assertTrue(fx(() -> map.validationLayer().isCached(4)), "4 was not near the change");
        assertTrue(fx(() -> map.validationLayer().isCached(1)), "1 was not near the change");
        markers = fx(() -> {
            map.validationLayer().setVisible(true);
            map.redraw();
            return map.validationLayer().lastMarkers();
        });
        assertEquals(0, markers.getOrDefault(Validation.Kind.OVERLAP, 0), markers.toString());
        assertEquals(1, markers.getOrDefault(Validation.Kind.INVALID, 0), markers.toString());
        robot.interact(undo::undo);
        markers = fx(() -> {
            map.redraw();
            return map.validationLayer().lastMarkers();
        });
        assertEquals(2, markers.getOrDefault(Validation.Kind.OVERLAP, 0), markers.toString());
    }

    @Test
    void aMissingImageIsOneClearMessage(FxRobot robot) throws Exception {
        Path missing = tmp.resolve("nope.tif");
        AtomicReference<MapView> out = new AtomicReference<>();
        robot.interact(() -> {
            MapView map = new MapView(MapFixtures.model(List.of()), new Selection());
            stage.setScene(new Scene(new StackPane(map), 400, 300));
            map.loadOverview(missing, IO);
            out.set(map);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> out.get().loadErrorProperty().get() != null));
        Throwable err = fx(() -> out.get().loadErrorProperty().get());
        assertNotNull(err);
        assertTrue(err.getMessage().contains("nope.tif"), err.getMessage());
        assertNotEquals(-1, err.getMessage().indexOf(':'));
    }
}
