package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.app.session.BanepaReference;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.inference.imagery.GeoImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The model's view of the map buildings not found, in the real window (headless): the bundled Banepa sample's
 * footprints with every 5th left out are reviewed against a map of all of them plus squares of open ground far from
 * any; once the reference is added the model's mean probability is computed in the background, and {@code U} shows
 * it: the open-ground squares likely demolished, the left-out buildings likely missed.
 */
@ExtendWith(ApplicationExtension.class)
class ReferenceProbabilityWindowTest {

    @TempDir
    static Path dir;

    private RooflineEditor editor;
    private Path reference;

    @Start
    void start(Stage stage) throws Exception {
        Path image = BanepaReference.copySample(dir);
        VectorLayer extracted = VectorIo.read(BanepaReference.footprints(dir));
        List<VectorFeature> map = new ArrayList<>();
        List<VectorFeature> kept = new ArrayList<>();
        for (int i = 0; i < extracted.features().size(); i++) {
            Geometry g = extracted.features().get(i).geometry();
            map.add(new VectorFeature(g, Map.of("id", "fp-" + i)));
            if (i % 5 != 0) {
                kept.add(extracted.features().get(i));
            }
        }
        try (GeoImage img = GeoImage.open(image)) {
            GeometryFactory gf = new GeometryFactory();
            Geometry near = gf.buildGeometry(extracted.features().stream()
                    .map(f -> img.georef().toPixel(f.geometry())).toList()).buffer(16);
            int ground = 0;
            for (int y = 0; y + 32 <= img.info().height() && ground < 6; y += 32) {
                for (int x = 0; x + 32 <= img.info().width() && ground < 6; x += 32) {
                    Geometry sq = gf.toGeometry(new Envelope(x, x + 32, y, y + 32));
                    if (!sq.intersects(near)) {
                        map.add(new VectorFeature(img.georef().toMap(sq), Map.of("id", "ground-" + ground++)));
                    }
                }
            }
        }
        reference = dir.resolve("map.gpkg");
        VectorIo.write(new VectorLayer("map", extracted.crs(), List.of(new FieldDef("id", FieldType.STRING)), map),
                reference);
        Path footprints = dir.resolve("kept.gpkg");
        VectorIo.write(extracted.withFeatures(kept), footprints);
        ReviewSession session = ReviewSession.openOrCreate(image, footprints, null);
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

    @Test
    void notFoundBuildingsShowTheModelsProbability(FxRobot robot) throws Exception {
        EditorPane pane = editor.pane();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.map().getOverview() != null);
        robot.interact(() -> pane.referenceActions().addReference(reference));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(pane.model()::hasReference));
        // the probabilities come in the background, the window stays usable meanwhile
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> fx(() -> !pane.referenceActions().probabilities().isRunning()));
        assertNull(fx(() -> pane.referenceActions().probabilities().failure()));

        Pattern said = Pattern.compile("Map building (\\S+) not found \\((\\d+) left; model_prob ([\\d.]+), "
                + "(likely demolished|likely missed|unsure)\\)");
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < 60 && verdicts.size() < 50; i++) {
            robot.press(KeyCode.U).release(KeyCode.U);
            WaitForAsyncUtils.waitForFxEvents();
            String text = fx(() -> pane.statusBar().getText());
            Matcher m = said.matcher(text);
            assertTrue(m.find(), text);
            if (verdicts.put(m.group(1), m.group(4)) != null) {
                break; // wrapped round: every one seen
            }
            double p = Double.parseDouble(m.group(3));
            long id = fx(() -> pane.referenceActions().currentReference());
            assertEquals(pane.referenceActions().probabilities().of(id).getAsDouble(), p, 0.0005);
        }
        System.out.println("[editor model_prob] " + verdicts);
        long ground = verdicts.keySet().stream().filter(k -> k.startsWith("ground-")).count();
        assertEquals(6, ground, verdicts.toString());
        verdicts.forEach((k, v) -> {
            if (k.startsWith("ground-")) {
                assertEquals("likely demolished", v, k);
            } else {
                assertTrue(k.startsWith("fp-") && Integer.parseInt(k.substring(3)) % 5 == 0, k);
            }
        });
        long missed = verdicts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("fp-") && e.getValue().equals("likely missed")).count();
        assertTrue(missed >= (verdicts.size() - ground) * 9 / 10, verdicts.toString());
    }
}
