package org.roofline.app.editor.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.export.ExportFixtures;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.format.VectorFormat;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Export dialog, headless: filled in by the robot, it writes a Shapefile that GDAL reads with the right count. */
@ExtendWith(ApplicationExtension.class)
class ExportDialogTest {

    @TempDir
    Path dir;
    Stage stage;
    ReviewModel model;
    List<Footprint> decided;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        decided = new ArrayList<>();
        for (Footprint f : ExportFixtures.osmFootprints()) {
            ReviewStatus s = ExportFixtures.decision(f.id());
            decided.add(s == ReviewStatus.PENDING ? f : f.withStatus(s, java.time.Instant.now()));
        }
        model = ReviewModel.of(decided, 0.001, ReviewPersistence.NONE, Clock.systemUTC());
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    }

    @Test
    void exportsAShapefileThatGdalReads(FxRobot robot) throws Exception {
        ExportDialog dialog = fx(() -> ExportDialog.show(stage, model, Crs.WGS84, dir.resolve("buildings.gpkg")));
        WaitForAsyncUtils.waitForFxEvents();

        // counts on the check boxes; the reviewer's statuses checked at first
        long accepted = ExportFixtures.count(decided, ReviewStatus.ACCEPTED);
        long pending = ExportFixtures.count(decided, ReviewStatus.PENDING);
        long edited = ExportFixtures.count(decided, ReviewStatus.EDITED);
        CheckBox pendingBox = robot.lookup("#export-status-pending").queryAs(CheckBox.class);
        assertEquals("Pending (" + pending + ")", fx(pendingBox::getText));
        assertFalse(fx(pendingBox::isSelected));
        assertTrue(fx(() -> robot.lookup("#export-status-accepted").queryAs(CheckBox.class).isSelected()));

        // Shapefile: the path follows the format
        robot.interact(() -> dialog.formatBox().getSelectionModel().select(VectorFormat.SHAPEFILE));
        TextField path = robot.lookup("#export-path").queryAs(TextField.class);
        assertEquals(dir.resolve("buildings.shp").toString(), fx(path::getText));

        // the robot types another file name, and checks pending too
        Path out = dir.resolve("kept-and-pending.shp");
        robot.clickOn(path);
        robot.interact(path::selectAll);
        robot.write(out.toString());
        robot.clickOn(pendingBox);
        assertTrue(fx(pendingBox::isSelected));
        assertEquals(out.toString(), fx(path::getText));

        // a CRS typed wrong disables Export and says why; typed right, it is accepted
        TextField crs = robot.lookup("#export-crs").queryAs(TextField.class);
        assertEquals("EPSG:4326", fx(crs::getText));
        robot.clickOn(crs);
        robot.interact(crs::selectAll);
        robot.write("EPSG:99999999");
        Button export = robot.lookup("#export-run").queryAs(Button.class);
        assertTrue(fx(export::isDisabled));
        assertTrue(fx(() -> robot.lookup("#export-crs-info").queryLabeled().getText()).contains("99999999"));
        robot.interact(crs::selectAll);
        robot.write("EPSG:32645");
        assertFalse(fx(export::isDisabled));

        robot.clickOn(export);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(dialog::lastReport) != null
                || fx(dialog::messageText).contains(": "));
        assertNotNull(fx(dialog::lastReport), fx(dialog::messageText));
        long n = accepted + pending + edited;
        assertEquals(n, fx(dialog::lastReport).written());
        assertTrue(fx(dialog::messageText).startsWith("Wrote " + n + " footprints (pending " + pending + ", accepted "
                + accepted + ", edited " + edited + ") to " + out + " (read back: " + n + ")"), fx(dialog::messageText));
        assertTrue(fx(dialog::isShowing), "the dialog stays open to show the report");

        // GDAL, independently
        assertTrue(Files.exists(out));
        assertEquals(n, ExportFixtures.ogrCount(out));
        assertEquals(32645, ExportFixtures.gdalEpsg(out));

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(dialog::isShowing));
    }

    @Test
    void geoJsonProposesWgs84(FxRobot robot) throws Exception {
        ExportDialog dialog = fx(() -> ExportDialog.show(stage, model, Crs.epsg(32645), dir.resolve("b.gpkg")));
        TextField crs = robot.lookup("#export-crs").queryAs(TextField.class);
        assertEquals("EPSG:32645", fx(crs::getText));
        robot.interact(() -> dialog.formatBox().getSelectionModel().select(VectorFormat.GEOJSON));
        assertEquals("EPSG:4326", fx(crs::getText));
        assertEquals(dir.resolve("b.geojson").toString(),
                fx(() -> robot.lookup("#export-path").queryAs(TextField.class).getText()));
        robot.interact(() -> dialog.formatBox().getSelectionModel().select(VectorFormat.SHAPEFILE));
        assertEquals("EPSG:32645", fx(crs::getText));
        robot.interact(dialog::close);
    }

    @Test
    void anErrorIsShownInTheDialog(FxRobot robot) throws Exception {
        Path out = dir.resolve("missing-dir/out.gpkg");
        ExportDialog dialog = fx(() -> ExportDialog.show(stage, model, Crs.WGS84, out));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#export-run").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(dialog::messageText).contains("does not exist"));
        assertEquals(out + ": cannot write: directory " + out.getParent() + " does not exist",
                fx(dialog::messageText));
        assertEquals(null, fx(dialog::lastReport));
        assertTrue(fx(dialog::isShowing));
        robot.interact(dialog::close);
    }
}
