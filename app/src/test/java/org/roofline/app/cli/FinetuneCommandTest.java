package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.finetune.ReviewFineTuning;
import org.roofline.app.finetune.ReviewedTiles;
import org.roofline.app.review.RejectWithReason;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelFiles;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.training.FineTuner;

/**
 * {@code roofline finetune} on the bundled sample's session with two tiles finished and one half reviewed: a few
 * steps (seconds), the model folder with its provenance, the untouched tiles re-extracted with it in the session,
 * every decided footprint and the half-reviewed tile exactly as they were, and {@code extract --model} taking the
 * result.
 */
class FinetuneCommandTest {

    @TempDir
    Path dir;

    @Test
    void fineTunesReExtractsTheUntouchedTilesAndLeavesDecisionsAlone() throws Exception {
        BundledSample.Location sample = BundledSample.install(dir.resolve("data"));
        Map<Long, Footprint> decidedBefore = new HashMap<>();
        List<Footprint> halfTileBefore;
        List<Integer> finished;
        List<Integer> untouched;
        long maxIdBefore;
        int half;
        try (ReviewSession s = ReviewSession.openOrCreate(sample.image(), sample.footprints(), sample.session())) {
            ReviewModel m = s.model();
            UndoStack undo = new UndoStack(m);
            List<Integer> withFootprints = new ArrayList<>();
            for (int t = 0; t < m.tiles().count(); t++) {
                if (m.footprintsInTile(t).size() >= 3) {
                    withFootprints.add(t);
                }
            }
            assertTrue(withFootprints.size() >= 5, "tiles with buildings: " + withFootprints);
            for (int t : withFootprints.subList(0, 2)) {
                List<Long> ids = m.footprintIdsInTile(t);
                List<Long> keep = ids.stream().filter(id -> id % 3 != 0).toList();
                List<Long> reject = ids.stream().filter(id -> id % 3 == 0).toList();
                undo.execute(new SetStatus(keep, ReviewStatus.ACCEPTED)).join();
                if (!reject.isEmpty()) {
                    undo.execute(new RejectWithReason(reject, RejectReason.NOT_A_BUILDING)).join();
                }
            }
            half = withFootprints.get(2);
            undo.execute(SetStatus.accept(m.footprintIdsInTile(half).get(0))).join();
            for (Footprint f : m.footprints()) {
                if (f.status() != ReviewStatus.PENDING) {
                    decidedBefore.put(f.id(), f);
                }
            }
            halfTileBefore = m.footprintsInTile(half);
            ReviewedTiles tiles = ReviewedTiles.of(m.tiles(), m.footprints());
            finished = tiles.finished();
            untouched = tiles.untouched();
            assertEquals(withFootprints.subList(0, 2), finished);
            assertFalse(untouched.contains(half));
            maxIdBefore = m.nextFreeId() - 1;
        }

        Path out = dir.resolve("tuned");
        ConvertCommandTest.Run r = ConvertCommandTest.run("finetune", sample.session().toString(), "--out",
                out.toString(), "--max-steps", "2", "--minutes", "2", "--re-extract");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("finetune: 2 steps"), r.out());
        assertTrue(r.out().contains("Re-extract " + untouched.size() + " tiles"), r.out());
        for (String f : List.of("roofline-unet.params", "roofline-unet.json", FineTuner.PROVENANCE)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode p = new ObjectMapper().readTree(out.resolve(FineTuner.PROVENANCE).toFile());
        assertEquals("bundled model", p.get("baseModel").asText());
        assertEquals(sample.session().toAbsolutePath().toString(), p.get("session").asText());
        assertEquals(finished.stream().map(String::valueOf).collect(Collectors.joining(",")),
                p.get("tiles").asText());
        assertEquals(2, p.get("steps").asInt());
        assertEquals(finished.size(), p.get("patches").size());

        try (ReviewSession s = ReviewSession.openReadOnly(sample.session())) {
            ReviewModel m = s.model();
            for (Footprint d : decidedBefore.values()) {
                Footprint now = m.footprint(d.id());
                assertEquals(d.status(), now.status(), "decided footprint " + d.id());
                assertEquals(d.rejectReason(), now.rejectReason());
                assertEquals(d.reviewedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), now.reviewedAt(),
                        "the session keeps milliseconds");
                assertTrue(d.polygon().equalsExact(now.polygon()), "decided footprint " + d.id());
            }
            assertEquals(halfTileBefore.stream().map(Footprint::id).collect(Collectors.toSet()),
                    Set.copyOf(m.footprintIdsInTile(half)), "the half-reviewed tile is left alone");
            int fresh = 0;
            for (int t : untouched) {
                for (Footprint f : m.footprintsInTile(t)) {
                    assertTrue(f.id() > maxIdBefore, "tile " + t + " was re-extracted: " + f.id());
                    assertEquals(ReviewStatus.PENDING, f.status());
                    fresh++;
                }
            }
            assertTrue(fresh > 0, "the re-extraction found buildings");
            assertEquals(out.toAbsolutePath().toString(),
                    s.store().meta(ReviewFineTuning.SESSION_MODEL_KEY).orElseThrow());
        }

        try (SegmentationModel tuned = ModelFiles.load(out, ComputeDevice.CPU)) {
            assertTrue(tuned.metadata().name().endsWith("fine-tuned on a review"), tuned.metadata().name());
        }
        Path extracted = dir.resolve("again.gpkg");
        ConvertCommandTest.Run e = ConvertCommandTest.run("extract", sample.image().toString(), "--model",
                out.toString(), "-o", extracted.toString(), "--device", "cpu");
        assertEquals(0, e.exit(), e.err());
        assertTrue(Files.size(extracted) > 0);
    }

    @Test
    void aSessionWithNoFinishedTileIsOneLine() throws Exception {
        BundledSample.Location sample = BundledSample.install(dir.resolve("data"));
        try (ReviewSession s = ReviewSession.openOrCreate(sample.image(), sample.footprints(), sample.session())) {
            assertEquals(144, s.model().size());
        }
        ConvertCommandTest.Run r = ConvertCommandTest.run("finetune", sample.session().toString(), "--out",
                dir.resolve("m").toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("roofline: " + sample.session() + ": no finished tile to learn from (decide every footprint of "
                + "at least one review tile)", r.err().strip());
    }
}
