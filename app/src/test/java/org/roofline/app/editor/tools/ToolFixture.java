package org.roofline.app.editor.tools;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.Selection;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real editor window for the tool tests: the Banepa drone tile (EPSG:4326, 512 x 512 px of about 0.13 m, read in
 * the background) in a map view with the editing tools, and footprints given in the image's pixels.
 */
final class ToolFixture {

    static final Path IMAGE = Path.of(System.getProperty("roofline.resources"),
            "samples/fair-banepa/oam/OAM-386690-220241-19.tif");
    static final Path OSM = Path.of(System.getProperty("roofline.resources"),
            "samples/fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson");
    static final GeometryFactory GF = new GeometryFactory();
    private static final ExecutorService IO = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tool-test-io");
        t.setDaemon(true);
        return t;
    });

    final Georeferencing georef;
    final ReviewModel model;
    final Selection selection = new Selection();
    final UndoStack undo;
    final MapView map;
    final EditingTools tools;
    final List<String> messages = new CopyOnWriteArrayList<>();

    private ToolFixture(Georeferencing georef, ReviewModel model, Stage stage) {
        this.georef = georef;
        this.model = model;
        this.undo = new UndoStack(model);
        this.map = new MapView(model, selection);
        this.tools = new EditingTools(map, undo, messages::add);
        stage.setScene(new Scene(map, 800, 800));
        stage.show();
        map.loadOverview(IMAGE, IO);
    }

    static Georeferencing readGeoref() throws Exception {
        assertTrue(Files.isRegularFile(IMAGE), IMAGE.toString());
        try (GeoImage img = GeoImage.open(IMAGE)) {
            return img.info().georef();
        }
    }

    /** Opens the window on footprints (map coordinates) and waits for the image (and its georeferencing). */
    static ToolFixture open(Stage stage, Georeferencing georef, Collection<Footprint> footprints) {
        ReviewModel m = ReviewModel.of(footprints, 20e-5, ReviewPersistence.NONE, Clock.systemUTC());
        return new ToolFixture(georef, m, stage);
    }

    /** Opens the window on a model made by the test (with its own persistence). */
    static ToolFixture open(Stage stage, Georeferencing georef, ReviewModel model) {
        return new ToolFixture(georef, model, stage);
    }

    void awaitImage() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> map.getOverview() != null || map.loadErrorProperty().get() != null);
        assertNull(map.loadErrorProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A polygon given as pixel x, y pairs, in map coordinates. */
    static Polygon pixels(Georeferencing g, double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2 + 1];
        for (int i = 0; i < xy.length / 2; i++) {
            c[i] = g.toMap(new Coordinate(xy[2 * i], xy[2 * i + 1]));
        }
        c[c.length - 1] = new Coordinate(c[0]);
        return GF.createPolygon(c);
    }

    static Footprint footprint(long id, Polygon p) {
        return Footprint.pending(id, p, "right-angles", true, "test");
    }

    /** Screen position (for the robot) of a map coordinate. */
    Point2D screen(Coordinate mapCoordinate) {
        Point2D local = map.viewport().toScreen(mapCoordinate);
        return map.localToScreen(local);
    }

    /** Screen position of an image pixel position. */
    Point2D screenOfPixel(double px, double py) {
        return screen(georef.toMap(new Coordinate(px, py)));
    }

    /** Map coordinate under a screen position. */
    Coordinate mapAt(Point2D screen) {
        Point2D local = map.screenToLocal(screen);
        return map.viewport().toMap(local.getX(), local.getY());
    }

    /** Map units per screen pixel now. */
    double unitsPerPixel() {
        return map.viewport().mapUnitsPerScreenPixel();
    }

    static List<Long> ids(Collection<Footprint> fps) {
        List<Long> out = new ArrayList<>();
        for (Footprint f : fps) {
            out.add(f.id());
        }
        return out;
    }
}
