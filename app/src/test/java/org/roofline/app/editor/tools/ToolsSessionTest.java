package org.roofline.app.editor.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewTiles;
import org.roofline.app.session.SessionSchema;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.Georeferencing;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Edits made with the tools reach the crash-safe session GeoPackage as they are made: after drawing a footprint
 * and moving another, GDAL's {@code ogrinfo} (an independent reader) sees both in the session file.
 */
@ExtendWith(ApplicationExtension.class)
class ToolsSessionTest {

    private ToolFixture fx;
    private SessionStore store;
    private Path gpkg;

    @Start
    void start(Stage stage) throws Exception {
        Georeferencing g = ToolFixture.readGeoref();
        List<Footprint> fps = List.of(
                ToolFixture.footprint(1, ToolFixture.pixels(g, 100, 100, 160, 100, 160, 160, 100, 160)),
                ToolFixture.footprint(2, ToolFixture.pixels(g, 300, 100, 360, 100, 360, 150, 300, 150)));
        ReviewTiles tiles = ReviewTiles.covering(g.extent(512, 512), 20e-5);
        gpkg = Files.createTempDirectory("roofline-tools").resolve("session.gpkg");
        store = SessionStore.create(gpkg, ToolFixture.IMAGE, Crs.WGS84, fps, tiles.count());
        ReviewModel model = new ReviewModel(fps, Map.of(), tiles, store, Clock.systemUTC());
        fx = ToolFixture.open(stage, g, model);
    }

    @AfterEach
    void removeSession() throws IOException {
        store.close();
        try (var files = Files.list(gpkg.getParent())) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(gpkg.getParent());
    }

    @Test
    void drawnAndMovedFootprintsAreInTheSessionFile(FxRobot robot) throws Exception {
        fx.awaitImage();
        robot.interact(fx.tools::draw);
        robot.moveTo(fx.screenOfPixel(400, 300)).press(MouseButton.PRIMARY).moveTo(fx.screenOfPixel(460, 340))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(fx.tools::select);
        robot.moveTo(fx.screenOfPixel(330, 125)).clickOn(MouseButton.PRIMARY);
        robot.interact(fx.tools::move);
        Point2D from = fx.screenOfPixel(330, 125);
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(new Point2D(from.getX() + 30, from.getY() + 30))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, fx.undo.undoSize(), fx.messages.toString());
        Footprint drawn = fx.model.footprint(3);
        Footprint moved = fx.model.footprint(2);
        store.close();

        String ogr = ogrinfo();
        String three = run(ogr, "-ro", "-where", "id = 3", gpkg.toString(), SessionSchema.FOOTPRINTS);
        assertTrue(three.contains("Feature Count: 1"), three);
        assertTrue(three.contains("status (String) = edited"), three);
        assertTrue(three.contains("method (String) = manual"), three);
        assertSameGeometry(drawn.polygon(), three);
        String two = run(ogr, "-ro", "-where", "id = 2", gpkg.toString(), SessionSchema.FOOTPRINTS);
        assertSameGeometry(moved.polygon(), two);
        String all = run(ogr, "-ro", "-so", gpkg.toString(), SessionSchema.FOOTPRINTS);
        assertTrue(all.contains("Feature Count: 3"), all);
    }

    private static void assertSameGeometry(Polygon expected, String ogrOutput) throws Exception {
        Matcher m = Pattern.compile("POLYGON \\(\\([^)]*\\)\\)").matcher(ogrOutput);
        assertTrue(m.find(), ogrOutput);
        Polygon read = (Polygon) new WKTReader().read(m.group());
        // ogrinfo prints 15 significant digits: nanodegrees
        assertTrue(read.equalsExact(expected, 1e-9), read + " vs " + expected);
    }

    private static String ogrinfo() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "ogrinfo");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Assumptions.assumeTrue(System.getenv("CI") != null, "ogrinfo not installed");
        throw new AssertionError("ogrinfo not installed, and CI is set");
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("ERROR"), out);
        return out;
    }
}
