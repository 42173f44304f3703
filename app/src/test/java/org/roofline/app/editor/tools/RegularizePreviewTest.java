package org.roofline.app.editor.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.ReRegularize;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.inference.imagery.Georeferencing;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The re-regularize preview on many footprints: every OpenStreetMap building of the Banepa sample (about 1,400, most
 * outside the image, which does not matter to the model) is previewed on a background thread and applied as one
 * command.
 */
@ExtendWith(ApplicationExtension.class)
class RegularizePreviewTest {

    private ToolFixture fx;
    private List<Footprint> osm;

    @Start
    void start(Stage stage) throws Exception {
        Georeferencing g = ToolFixture.readGeoref();
        osm = new ArrayList<>();
        long id = 1;
        for (VectorFeature f : VectorIo.read(ToolFixture.OSM).features()) {
            Geometry geom = f.geometry();
            if (geom instanceof Polygon p && p.isValid()) {
                osm.add(ToolFixture.footprint(id++, p));
            }
        }
        fx = ToolFixture.open(stage, g, osm);
    }

    @Test
    void manyFootprintsArePreviewedOffTheFxThreadAndAppliedAsOneCommand(FxRobot robot) throws Exception {
        fx.awaitImage();
        assertTrue(osm.size() > 1000, "OSM buildings: " + osm.size());
        robot.interact(() -> fx.selection.set(ToolFixture.ids(osm)));
        boolean[] computingAtOpen = new boolean[2];
        long t0 = System.nanoTime();
        robot.interact(() -> {
            fx.tools.regularize();
            computingAtOpen[0] = fx.tools.regularizePreview().isComputing();
            computingAtOpen[1] = fx.tools.regularizePreview().apply();
        });
        RegularizePreview preview = fx.tools.regularizePreview();
        assertTrue(computingAtOpen[0], "the preview of " + osm.size() + " footprints is computed in the background");
        assertFalse(computingAtOpen[1], "apply waits for the preview");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !preview.isComputing()
                && preview.results().size() == osm.size());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("regularize preview: %d footprints in %.2f s%n", osm.size(), seconds);

        // the slider moves on twice while computing: only the last request's preview is shown
        robot.interact(() -> {
            preview.toleranceSlider().setValue(6);
            preview.toleranceSlider().setValue(1.5);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !preview.isComputing()
                && preview.results().size() == osm.size());
        RegularizationFrame frame = RegularizationFrame.of(fx.georef, preview.centre());
        assertEquals(1.5 * frame.workingUnitsPerPixel(), preview.parameters().tolerance(), 1e-12);
        for (int i = 0; i < osm.size(); i += 50) {
            Footprint f = osm.get(i);
            assertEquals(ReRegularize.regularize(f.polygon(), preview.parameters(), frame.mapToWorking()),
                    preview.results().get(f.id()), "footprint " + f.id());
        }

        boolean[] applied = new boolean[1];
        robot.interact(() -> applied[0] = preview.apply());
        assertTrue(applied[0]);
        assertEquals(1, fx.undo.undoSize());
        int changed = 0;
        for (Footprint before : osm) {
            Footprint after = fx.model.footprint(before.id());
            assertEquals(ReviewStatus.EDITED, after.status());
            assertTrue(after.polygon().isValid());
            assertTrue(after.vertexCount() <= before.vertexCount(), "never more vertices");
            if (!after.polygon().equalsExact(before.polygon())) {
                changed++;
            }
        }
        assertTrue(changed > osm.size() / 2, changed + " of " + osm.size() + " changed");
        robot.interact(fx.undo::undo);
        for (Footprint before : osm) {
            assertEquals(before, fx.model.footprint(before.id()));
        }
    }
}
