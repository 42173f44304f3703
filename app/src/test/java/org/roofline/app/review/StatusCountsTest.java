package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.rect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** The model's status counters agree with counting the footprints, through random commands, undo and redo. */
class StatusCountsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void countersMatchTheFootprints(long seed) {
        Random rnd = new Random(seed);
        List<Footprint> fps = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            fps.add(fp(i, rect(rnd.nextInt(300), rnd.nextInt(300), 5, 5), rnd.nextDouble()));
        }
        ReviewModel m = new ReviewModel(fps, Map.of(), new ReviewTiles(0, 310, 100, 4, 4), ReviewPersistence.NONE,
                CLOCK);
        UndoStack undo = new UndoStack(m);
        ReviewStatus[] all = ReviewStatus.values();
        for (int step = 0; step < 200; step++) {
            List<Long> ids = new ArrayList<>(m.footprints().stream().map(Footprint::id).toList());
            switch (rnd.nextInt(6)) {
                case 0 -> undo.execute(new SetStatus(List.of(ids.get(rnd.nextInt(ids.size()))),
                        all[rnd.nextInt(all.length)]));
                case 1 -> undo.execute(new AcceptAboveConfidence(rnd.nextDouble()));
                case 2 -> {
                    if (ids.size() > 5) {
                        undo.execute(new DeleteFootprint(List.of(ids.get(rnd.nextInt(ids.size())))));
                    }
                }
                case 3 -> {
                    if (undo.canUndo()) {
                        undo.undo();
                    }
                }
                case 4 -> {
                    if (undo.canRedo()) {
                        undo.redo();
                    }
                }
                default -> m.addExtracted(List.of(fp(m.nextFreeId(), rect(rnd.nextInt(300), 5, 4, 4), 0.5)),
                        Map.of());
            }
            for (ReviewStatus s : all) {
                assertEquals(m.footprints().stream().filter(f -> f.status() == s).count(), m.count(s),
                        "seed " + seed + " step " + step + " " + s);
            }
        }
    }
}
