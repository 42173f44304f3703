package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.export.ChangeExporter;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReferenceState;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.session.BanepaReference;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Reviewing against the map in the real window (headless), on the bundled Banepa sample with its OpenStreetMap
 * buildings as the reference (every 7th left out of the map, so the footprints over them are new): the reference is
 * added in the background (a bad file first: one line), F reviews only the new buildings and A accepts them, the
 * replace key replaces a map building with its footprint, U and G mark one not found demolished (undone and redone),
 * the offset dialog applies an estimate as one undoable step, and the Export dialog writes the change file, which
 * GDAL reads back with a create per accepted new building, one modify and one delete.
 */
@ExtendWith(ApplicationExtension.class)
class ReferenceReviewWindowTest {

    @TempDir
    static Path dir;

    private RooflineEditor editor;
    private ReviewSession session;
    private Path osm;

    @Start
    void start(Stage stage) throws IOException {
        Path image = BanepaReference.copySample(dir);
        osm = BanepaReference.writeOsm(dir.resolve("banepa.osm"), 7, 0, 0);
        session = ReviewSession.openOrCreate(image, BanepaReference.footprints(dir), null);
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

    private static void type(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String statusText(EditorPane pane) throws Exception {
        return fx(() -> pane.statusBar().getText());
    }

    /**
     * The map's pixels of the new class's colour (pink, 255 64 160, give or take antialiasing); with a name and the system
     * property {@code roofline.screenshots} naming a folder, the map is also saved there as a PNG (the README's
     * figure).
     */
    private static int pinkPixels(EditorPane pane, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage image = fx(() -> {
            pane.map().redraw();
            return pane.map().snapshot(null, null);
        });
        var reader = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int n = 0;
        java.awt.image.BufferedImage copy = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = reader.getArgb(x, y);
                copy.setRGB(x, y, argb);
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                if (r > 220 && g > 30 && g < 100 && b > 125 && b < 195) {
                    n++;
                }
            }
        }
        String folder = System.getProperty("roofline.screenshots");
        if (name != null && folder != null) {
            javax.imageio.ImageIO.write(copy, "png", Path.of(folder).resolve(name).toFile());
        }
        return n;
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void reviewNewBuildingsReplaceDemolishAndExportTheChangeFile(FxRobot robot) throws Exception {
        EditorPane pane = editor.pane();
        ReviewModel model = pane.model();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.map().getOverview() != null);

        // a bad file: one line naming it, nothing added
        Path bad = Files.writeString(dir.resolve("broken.osm"), "<osm><way id='1'>");
        robot.interact(() -> pane.referenceActions().addReference(bad));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !pane.referenceActions().isLoading()));
        String said = statusText(pane);
        assertTrue(said.contains("Reference not added: " + bad), said);
        assertFalse(said.substring(said.indexOf("Reference not added")).contains("\n"), said);
        assertFalse(model.hasReference());

        // File > Add reference layer, read in the background
        robot.interact(() -> pane.referenceActions().addReference(osm));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(model::hasReference));
        assertTrue(statusText(pane).contains("Reference banepa.osm:"), statusText(pane));
        long newCount = fx(() -> model.changeClassCounts().get(ChangeClass.NEW));
        assertTrue(newCount >= 10, "new footprints: " + newCount);
        robot.interact(() -> pane.map().zoomToImage());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> pane.referenceActions().layer().lastDrawn()) > 50, "the reference is drawn");
        // the new footprints' pink outlines are on the screen, and L hides them
        int pink = pinkPixels(pane, "editor-reference.png");
        assertTrue(pink > 200, "pink pixels: " + pink);
        type(robot, KeyCode.L);
        int hidden = pinkPixels(pane, null);
        assertTrue(hidden < pink / 10, "hidden: " + hidden + " of " + pink + " pink pixels left (imagery, blends)");
        type(robot, KeyCode.L);
        assertTrue(pinkPixels(pane, null) > 200, "shown again");

        // review only new buildings: F, then N; A on each, Shift+N to the next pending one when a tile is done
        type(robot, KeyCode.F);
        assertEquals(ChangeClass.NEW, model.focusClass());
        assertTrue(statusText(pane).contains("Reviewing only new footprints"), statusText(pane));
        type(robot, KeyCode.N);
        int keys = 0;
        for (; keys < 3 * newCount && fx(model::pendingInFocus) > 0; keys++) {
            Footprint current = fx(() -> model.currentFootprint().orElse(null));
            if (current == null || current.status() != ReviewStatus.PENDING) {
                type(robot, KeyCode.SHIFT, KeyCode.N);
                continue;
            }
            assertEquals(ChangeClass.NEW, model.changeClass(current.id()), "only new footprints come up");
            type(robot, KeyCode.A);
        }
        System.out.println("reviewed " + newCount + " new footprints of " + model.size() + " with " + keys
                + " keys");
        assertEquals(0, fx(model::pendingInFocus));
        long acceptedNew = fx(() -> model.footprints().stream().filter(f -> f.status() == ReviewStatus.ACCEPTED
                && model.changeClass(f.id()) == ChangeClass.NEW).count());
        assertEquals(newCount, acceptedNew);

        // unchanged ones: the replace key on the first
        type(robot, KeyCode.F);
        type(robot, KeyCode.F);
        assertEquals(ChangeClass.UNCHANGED, model.focusClass());
        type(robot, KeyCode.N);
        Footprint unchanged = fx(() -> model.currentFootprint().orElseThrow());
        assertEquals(ChangeClass.UNCHANGED, model.changeClass(unchanged.id()));
        long partner = fx(() -> model.partnerReference(unchanged.id()));
        type(robot, KeyCode.R);
        assertEquals(ReferenceState.REPLACED, model.reference(partner).state());
        assertEquals(unchanged.id(), model.reference(partner).replacedBy());
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(unchanged.id()).status());

        // a map building not found: U makes it current, G marks it demolished; undo and redo
        type(robot, KeyCode.U);
        long gone = fx(() -> pane.referenceActions().currentReference());
        assertTrue(gone > 0);
        assertEquals(ChangeClass.NOT_FOUND, model.referenceClass(gone));
        type(robot, KeyCode.G);
        assertEquals(ReferenceState.DEMOLISHED, model.reference(gone).state());
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(ReferenceState.PENDING, model.reference(gone).state());
        type(robot, KeyCode.CONTROL, KeyCode.Y);
        assertEquals(ReferenceState.DEMOLISHED, model.reference(gone).state());

        // the offset: estimated in the background, shown, applied to the reference, undone in one step
        ReferenceBuilding before = model.reference(partner);
        type(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#offset-dialog").tryQuery()
                .isPresent()));
        DialogPane offset = robot.lookup("#offset-dialog").queryAs(DialogPane.class);
        assertTrue(offset.getContentText().contains("pairs, mean IoU"), offset.getContentText());
        robot.interact(() -> offset.getButtonTypes().stream().filter(b -> b.getText().equals("Move the reference"))
                .findFirst().map(offset::lookupButton).map(Button.class::cast).orElseThrow().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> pane.undoStack().undoDescription()).startsWith("Move the reference"));
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertTrue(model.reference(partner).geometry().equalsExact(before.geometry(), 1e-12));
        assertEquals(ReferenceState.REPLACED, model.reference(partner).state());

        // File > Export with the change file
        type(robot, KeyCode.CONTROL, KeyCode.E);
        Path footprints = dir.resolve("kept.gpkg");
        Path changes = dir.resolve("changes.gpkg");
        robot.interact(() -> {
            robot.lookup("#export-path").queryAs(TextField.class).setText(footprints.toString());
            assertTrue(robot.lookup("#export-changes").queryAs(CheckBox.class).isSelected());
            robot.lookup("#export-changes-path").queryAs(TextField.class).setText(changes.toString());
        });
        robot.interact(() -> robot.lookup("#export-run").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> robot.lookup(".dialog-pane")
                .queryAll().stream().anyMatch(n -> n.lookupAll(".label").stream()
                        .anyMatch(l -> ((javafx.scene.control.Labeled) l).getText() != null
                                && ((javafx.scene.control.Labeled) l).getText().contains("changes ("))))); 
        String gdal = BanepaReference.ogrinfo("-ro", "-al", "-q", changes.toString());
        assertEquals(acceptedNew, count(gdal, "change \\(String\\) = create"), gdal);
        assertEquals(1, count(gdal, "change \\(String\\) = modify"), gdal);
        assertEquals(1, count(gdal, "change \\(String\\) = delete"), gdal);
        assertEquals(1, count(gdal, "fp_id \\(Integer(64)?\\) = " + unchanged.id() + "\\b"), gdal);
        assertNotNull(ChangeExporter.CHANGE);

        // every decision is in the session
        try (ReviewSession again = ReviewSession.openReadOnly(session.store().file())) {
            assertEquals(ReferenceState.REPLACED, again.model().reference(partner).state());
            assertEquals(ReferenceState.DEMOLISHED, again.model().reference(gone).state());
        }
    }
}
