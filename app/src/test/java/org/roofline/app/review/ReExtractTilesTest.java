package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.roofline.app.finetune.ReviewedTiles;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Replacing the footprints of untouched tiles: pending ones go, found ones come (fresh ids, pending), a tile decided
 * meanwhile and every decided footprint stay, a found footprint overlapping a decided one is dropped, one undo gives
 * everything back.
 */
class ReExtractTilesTest {

    /** A 2 x 2 grid of 100-unit tiles: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right. */
    private static final ReviewTiles GRID = new ReviewTiles(0, 200, 100, 2, 2);

    private static Map<Long, String> state(ReviewModel m) {
        Map<Long, String> out = new TreeMap<>();
        m.footprints().forEach(f -> out.put(f.id(), f.status() + " " + f.polygon().toText()));
        return out;
    }

    @Test
    void replacesOnlyPendingOnlyTiles() {
        List<Footprint> fps = List.of(
                Fixtures.fp(1, Fixtures.rect(10, 110, 20, 20), 0.9),   // tile 0
                Fixtures.fp(2, Fixtures.rect(50, 150, 20, 20), 0.4),   // tile 0
                Fixtures.fp(3, Fixtures.rect(110, 110, 20, 20), 0.8),  // tile 1, decided below
                Fixtures.fp(4, Fixtures.rect(10, 10, 20, 20), 0.7),    // tile 2, decided meanwhile
                Fixtures.fp(5, Fixtures.rect(150, 50, 20, 20), 0.6));  // tile 3
        Fixtures.Recorder store = new Fixtures.Recorder(fps);
        ReviewModel m = new ReviewModel(fps, Map.of(), GRID, store, Fixtures.CLOCK);
        UndoStack undo = new UndoStack(m);
        undo.execute(SetStatus.accept(3L)).join();
        ReviewedTiles t = ReviewedTiles.of(GRID, m.footprints());
        assertEquals(List.of(1), t.finished());
        assertEquals(List.of(0, 2, 3), t.untouched());

        List<Footprint> found = List.of(
                Fixtures.fp(101, Fixtures.rect(12, 112, 18, 18), 0.95),  // tile 0: replaces 1
                Fixtures.fp(102, Fixtures.rect(60, 160, 10, 10), 0.5),   // tile 0
                Fixtures.fp(103, Fixtures.rect(80, 112, 36, 16), 0.5),   // centroid in tile 0, 17 % over decided 3
                Fixtures.fp(104, Fixtures.rect(12, 12, 10, 10), 0.5),    // tile 2
                Fixtures.fp(105, Fixtures.rect(120, 20, 10, 10), 0.5));  // tile 3: replaces 5
        Map<Integer, List<Footprint>> byTile = ReExtractTiles.byTile(GRID, found);
        assertEquals(3, byTile.get(0).size(), "101, 102 and 103 lie in tile 0");
        ReExtractTiles c = new ReExtractTiles(byTile);
        Map<Long, String> before = state(m);
        undo.execute(SetStatus.reject(4L)).join(); // the reviewer goes on while the extraction runs
        Map<Long, String> decided = state(m).entrySet().stream().filter(e -> !e.getValue().startsWith("PENDING"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        undo.execute(c).join();

        assertEquals(2, c.tiles(), "tiles 0 and 3; tile 2 was decided meanwhile");
        for (Map.Entry<Long, String> e : decided.entrySet()) {
            assertEquals(e.getValue(), state(m).get(e.getKey()), "decided " + e.getKey());
        }
        assertFalse(m.contains(1) || m.contains(2) || m.contains(5));
        Set<String> added = m.footprints().stream().filter(f -> f.id() > 5)
                .map(f -> f.polygon().toText()).collect(Collectors.toSet());
        assertEquals(Set.of(found.get(0).polygon().toText(), found.get(1).polygon().toText(),
                found.get(4).polygon().toText()), added);
        m.footprints().stream().filter(f -> f.id() > 5).forEach(f -> {
            assertEquals(ReviewStatus.PENDING, f.status());
            assertTrue(f.id() > 5);
        });
        assertEquals("Re-extract 2 tiles with the fine-tuned model: 3 footprints replaced by 3", c.description());
        assertEquals(state(m).keySet(), store.store.keySet(), "persisted");

        undo.undo().join();
        Map<Long, String> restored = state(m);
        Map<Long, String> expected = new TreeMap<>(before);
        expected.putAll(decided);
        assertEquals(expected, restored, "one undo gives every footprint back");
        assertEquals(restored.keySet(), store.store.keySet());
    }
}
