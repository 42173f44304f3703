package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.actions.KeyboardReference;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.imagery.GeoImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The editor's review actions through real key presses (headless window): Tab order, accept/reject and their bulk
 * forms, the selection, accept by confidence with the range slider, and remapping a key in the keyboard reference.
 */
@ExtendWith(ApplicationExtension.class)
class EditorActionsTest {

    private static final Path IMAGE = Path.of(System.getProperty("roofline.resources"),
            "samples/fair-kampala/chips/OAM-309612-261632-19.tif");

    @TempDir
    static Path config;

    private ReviewModel model;
    private EditorPane root;

    @Start
    void start(Stage stage) throws Exception {
        Envelope extent;
        try (GeoImage img = GeoImage.open(IMAGE)) {
            extent = img.info().extent();
        }
        // a 2 x 2 tile grid; three small squares in each tile, confidences 0.1 .. 0.99
        GeometryFactory gf = new GeometryFactory();
        double w = extent.getWidth();
        double h = extent.getHeight();
        double r = w * 0.03;
        List<Footprint> fps = new ArrayList<>();
        long id = 1;
        // by tile in position order, mean confidence 0.71, 0.66, 0.59, 0.52: doubt first reverses the order
        double[] conf = {0.4, 0.8, 0.92, 0.3, 0.7, 0.99, 0.2, 0.6, 0.97, 0.1, 0.5, 0.95};
        for (double fy : new double[] {0.75, 0.25}) {
            for (double fx : new double[] {0.25, 0.75}) {
                for (int k = 0; k < 3; k++) {
                    double cx = extent.getMinX() + (fx - 0.1 + 0.1 * k) * w;
                    double cy = extent.getMinY() + fy * h;
                    Polygon p = gf.createPolygon(new Coordinate[] {new Coordinate(cx - r, cy - r),
                            new Coordinate(cx + r, cy - r), new Coordinate(cx + r, cy + r),
                            new Coordinate(cx - r, cy + r), new Coordinate(cx - r, cy - r)});
                    fps.add(new Footprint(id, p, ReviewStatus.PENDING, conf[(int) id - 1], "test", true, "t", null));
                    id++;
                }
            }
        }
        model = ReviewModel.of(fps, Math.max(w, h) / 2 + 1e-9, ReviewPersistence.NONE, Clock.systemUTC());
        root = new EditorPane(IMAGE, model, Files.createTempDirectory(config, "keys").resolve("keys.properties"));
        stage.setScene(EditorPane.scene(root));
        stage.show();
        root.map().requestFocus();
    }

    private void type(FxRobot robot, KeyCode... keys) {
        robot.press(keys).release(reverse(keys));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static KeyCode[] reverse(KeyCode[] keys) {
        KeyCode[] r = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            r[i] = keys[keys.length - 1 - i];
        }
        return r;
    }

    private long current() {
        return model.currentFootprint().orElseThrow().id();
    }

    @Test
    void tabWalksTheTileAndAcceptMovesToTheNextPendingOnce(FxRobot robot) {
        type(robot, KeyCode.N);
        List<Long> ids = model.footprintIdsInTile(model.currentTile());
        assertEquals(3, ids.size());
        assertEquals(ids.get(0), current());
        type(robot, KeyCode.TAB);
        assertEquals(ids.get(1), current());
        type(robot, KeyCode.SHIFT, KeyCode.TAB);
        assertEquals(ids.get(0), current());

        type(robot, KeyCode.A);
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(ids.get(0)).status());
        assertEquals(1, root.undoStack().undoSize(), "one key press, one command");
        assertEquals(ids.get(1), current(), "moved on to the next pending footprint");
        type(robot, KeyCode.D);
        assertEquals(ReviewStatus.REJECTED, model.footprint(ids.get(1)).status());
        assertEquals(ids.get(2), current());
    }

    @Test
    void bulkTileAndSelectionDecisionsUndoAsOne(FxRobot robot) {
        type(robot, KeyCode.N);
        int tile = model.currentTile();
        type(robot, KeyCode.SHIFT, KeyCode.D);
        assertTrue(model.footprintsInTile(tile).stream().allMatch(f -> f.status() == ReviewStatus.REJECTED));
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertTrue(model.footprintsInTile(tile).stream().allMatch(f -> f.status() == ReviewStatus.PENDING));

        type(robot, KeyCode.N);
        List<Long> ids = model.footprintIdsInTile(model.currentTile());
        robot.interact(() -> root.selection().set(List.of(ids.get(0), ids.get(2))));
        type(robot, KeyCode.A);
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(ids.get(0)).status());
        assertEquals(ReviewStatus.PENDING, model.footprint(ids.get(1)).status());
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(ids.get(2)).status());
        type(robot, KeyCode.ESCAPE);
        assertTrue(root.selection().isEmpty());
        assertTrue(root.statusBar().getText().contains("Accepted 2"), root.statusBar().getText());
    }

    @Test
    void doubtFirstPutsTheLeastConfidentTileFirst(FxRobot robot) {
        List<Integer> byPosition = model.tileSequence();
        type(robot, KeyCode.O);
        assertEquals(org.roofline.app.review.TileOrder.DOUBT_FIRST, model.tileOrder());
        assertTrue(root.statusBar().getText().contains("doubt first"), root.statusBar().getText());
        List<Integer> doubt = model.tileSequence();
        double first = model.footprintsInTile(doubt.get(0)).stream().mapToDouble(Footprint::confidence).average()
                .orElseThrow();
        double last = model.footprintsInTile(doubt.get(doubt.size() - 1)).stream()
                .mapToDouble(Footprint::confidence).average().orElseThrow();
        assertTrue(first < last, "least confident tile first: " + first + " vs " + last);
        List<Integer> reversed = new ArrayList<>(byPosition);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, doubt);
        type(robot, KeyCode.N);
        assertEquals(doubt.get(0).intValue(), model.currentTile());
        type(robot, KeyCode.O);
        assertEquals(org.roofline.app.review.TileOrder.POSITION, model.tileOrder());
    }

    @Test
    void acceptByConfidenceRange(FxRobot robot) throws Exception {
        type(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A);
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        var slider = robot.lookup(".range-slider").queryAs(org.controlsfx.control.RangeSlider.class);
        robot.interact(() -> {
            slider.setHighValue(0.98);
            slider.setLowValue(0.9);
        });
        var label = robot.lookup(n -> n instanceof javafx.scene.control.Label l
                && l.getText() != null && l.getText().contains("pending footprints"))
                .queryAs(javafx.scene.control.Label.class);
        assertTrue(label.getText().endsWith(": 3 pending footprints"), label.getText()); // 0.95, 0.97, 0.92
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, model.count(ReviewStatus.ACCEPTED));
        assertEquals(ReviewStatus.PENDING, model.footprint(6).status(), "0.99 is above the range");
        type(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(0, model.count(ReviewStatus.ACCEPTED));
    }

    @Test
    void remappedKeyWorksAtOnce(FxRobot robot) {
        type(robot, KeyCode.F1);
        @SuppressWarnings("unchecked")
        var table = (javafx.scene.control.TableView<org.roofline.app.editor.actions.EditorAction>)
                robot.lookup(".table-view").query();
        robot.interact(() -> {
            table.getSelectionModel().select(table.getItems().stream()
                    .filter(a -> a.id().equals("review.accept")).findFirst().orElseThrow());
        });
        robot.clickOn("Change key");
        type(robot, KeyCode.K);
        assertEquals(new KeyCodeCombination(KeyCode.K), root.keyMap().keyOf("review.accept"));
        robot.interact(() -> ((Button) robot.lookup(".dialog-pane").queryAs(DialogPane.class)
                .lookupButton(ButtonType.CLOSE)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> root.map().requestFocus());
        type(robot, KeyCode.N);
        long first = current();
        type(robot, KeyCode.A);
        assertEquals(ReviewStatus.PENDING, model.footprint(first).status(), "A is no longer accept");
        type(robot, KeyCode.K);
        assertEquals(ReviewStatus.ACCEPTED, model.footprint(first).status());
        assertTrue(root.menuBar().getMenus().stream().flatMap(m -> m.getItems().stream())
                .anyMatch(i -> i.getText().startsWith("Accept (") && i.getText().endsWith("[K]")));
        assertEquals("\u2014", KeyboardReference.display(null));
    }

    @Test
    void theReadmeListsEveryActionWithItsDefaultKey() throws Exception {
        Path readme = Path.of(System.getProperty("roofline.resources")).getParent().resolve("README.md");
        String text = Files.readString(readme);
        String begin = "<!-- keys: generated from the editor's actions; EditorActionsTest checks it -->\n";
        String end = "<!-- /keys -->";
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        assertTrue(a >= 0 && b > a, "README.md has no keyboard reference block");
        String table = WaitForAsyncUtils.asyncFx(root::keyTable).get();
        assertEquals(table, text.substring(a + begin.length(), b),
                "README.md's keyboard reference differs from the editor's actions; the table should be:\n" + table);
    }
}
