package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.SetStatus;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live precision estimate in the real window: after 27 accepts and 3 rejects among the sample's 30 most confident
 * footprints, the accept-by-confidence dialog says "From your 30 decisions: ≈ 90 % ± 16 %" for the range from the
 * 30th confidence up (Wilson interval worked out by hand: 74–97 %), nothing below the minimum once the range holds
 * fewer decisions, and the precision curve shows the bands.
 */
@ExtendWith(ApplicationExtension.class)
class PrecisionWindowTest {

    @TempDir
    static Path dir;

    private RooflineEditor editor;

    @Start
    void start(Stage stage) throws IOException {
        BundledSample.Location sample = BundledSample.install(dir.resolve("data"));
        ReviewSession session = ReviewSession.openOrCreate(sample.image(), sample.footprints(), sample.session());
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
    void theDialogSaysWhatTheDecisionsSuggest(FxRobot robot) throws Exception {
        EditorPane pane = editor.pane();
        ReviewModel model = pane.model();
        List<Footprint> byConfidence = fx(() -> model.footprints().stream()
                .filter(f -> !Double.isNaN(f.confidence()))
                .sorted(Comparator.comparingDouble(Footprint::confidence).reversed()).toList());
        List<Footprint> top = byConfidence.subList(0, 30);
        double low = top.get(29).confidence();
        assertTrue(byConfidence.get(30).confidence() < low, "no tie at the 30th confidence");
        List<Long> rejected = List.of(top.get(3).id(), top.get(11).id(), top.get(20).id());
        List<Long> accepted = top.stream().map(Footprint::id).filter(id -> !rejected.contains(id)).toList();
        fx(() -> pane.undoStack().execute(new SetStatus(accepted, ReviewStatus.ACCEPTED)).join());
        fx(() -> pane.undoStack().execute(new SetStatus(rejected, ReviewStatus.REJECTED)).join());

        ConfidenceDialog d = fx(() -> {
            ConfidenceDialog c = new ConfidenceDialog(null, model);
            c.show();
            c.slider().setHighValue(1);
            c.slider().setLowValue(low);
            return c;
        });
        String text = fx(() -> d.estimateLabel().getText());
        assertEquals(String.format(Locale.ROOT, "From your 30 decisions: \u2248 90 %% \u00b1 16 %% of footprints "
                + "above %.2f were kept (95 %% interval 74\u201397 %%).", low), text);
        assertTrue(fx(() -> d.getDialogPane().lookupAll(".label").stream()
                .anyMatch(n -> n == d.estimateLabel() && n.isVisible())));
        // a narrower range holds fewer decisions than the minimum: nothing is estimated
        double fewer = top.get(9).confidence();
        fx(() -> {
            d.slider().setLowValue(fewer);
            return null;
        });
        assertTrue(fx(() -> d.estimateLabel().getText()).startsWith("Not enough decisions yet"),
                fx(() -> d.estimateLabel().getText()));
        fx(() -> {
            d.close();
            return null;
        });

        PrecisionDialog curve = fx(() -> {
            PrecisionDialog p = new PrecisionDialog(null, model);
            p.show();
            return p;
        });
        String header = fx(curve::getHeaderText);
        assertTrue(header.endsWith("from your 30 decisions"), header);
        long bandTexts = fx(() -> curve.grid().getChildren().stream()
                .filter(n -> n instanceof Label l && l.getId() != null && l.getId().startsWith("precision-band-"))
                .count());
        assertEquals(PrecisionDialog.BANDS, bandTexts);
        fx(() -> {
            curve.close();
            return null;
        });
    }
}
