package org.roofline.geometry.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.metrics.WindowedComplexityAwareIoU;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.synthetic.SyntheticMaskGenerator;
import org.roofline.geometry.synthetic.SyntheticMaskSpec;
import org.roofline.geometry.synthetic.SyntheticScene;

class PostProcessorTest {

    private static final SyntheticScene SCENE = SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(900, 900, 480, 11));

    private static PostProcessorConfig config(int threads) {
        return PostProcessorConfig.defaults().withParallelism(threads).withBatchSize(16);
    }

    @Test
    void resultIsTheSameWhateverTheParallelism() {
        List<Footprint> one;
        List<Footprint> four;
        try (PostProcessor p = new PostProcessor(config(1))) {
            one = p.process(MaskJob.of("scene", SCENE.mask()));
        }
        try (PostProcessor p = new PostProcessor(config(4))) {
            four = p.process(MaskJob.of("scene", SCENE.mask()));
        }
        assertTrue(one.size() > 400, "found " + one.size());
        assertEquals(one.size(), four.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(i + 1, four.get(i).id());
            assertTrue(one.get(i).polygon().equalsExact(four.get(i).polygon()), "footprint " + (i + 1));
        }
    }

    @Test
    void oneBigMaskIsSpreadOverEveryWorker() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<PostProcessingProgress> reports = new CopyOnWriteArrayList<>();
        try (PostProcessor p = new PostProcessor(config(3))) {
            List<Footprint> out = p.submit(List.of(MaskJob.of("scene", SCENE.mask())), progress -> {
                threads.add(Thread.currentThread().getName());
                reports.add(progress);
            }).join();
            PostProcessingProgress last = reports.stream()
                    .max((a, b) -> Long.compare(a.buildingsDone(), b.buildingsDone())).orElseThrow();
            assertEquals(out.size(), last.buildingsDone());
            assertEquals(1, last.masksVectorized());
            assertEquals(1.0, last.fraction(), 1e-9);
        }
        assertTrue(threads.size() >= 2, "batches ran on " + threads);
    }

    @Test
    void tilesAreOffsetByTheirOrigin() {
        BitMask tile = new BitMask(10, 10);
        for (int y = 2; y < 8; y++) {
            tile.fillRow(y, 2, 8);
        }
        try (PostProcessor p = new PostProcessor(config(2))) {
            List<Footprint> out = p.submit(List.of(new MaskJob("a", tile, 0, 0), new MaskJob("b", tile, 100, 50)),
                    progress -> { }).join();
            assertEquals(2, out.size());
            assertEquals("a", out.get(0).source());
            assertEquals("b", out.get(1).source());
            assertEquals(102, out.get(1).polygon().getEnvelopeInternal().getMinX(), 1e-9);
            assertEquals(52, out.get(1).polygon().getEnvelopeInternal().getMinY(), 1e-9);
        }
    }

    @Test
    void cancellingStopsTheRun() throws Exception {
        List<MaskJob> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(new MaskJob("tile" + i, SCENE.mask(), i * 900, 0));
        }
        try (PostProcessor p = new PostProcessor(config(2))) {
            CompletableFuture<List<Footprint>> f = p.submit(jobs, progress -> { });
            f.cancel(true);
            assertThrows(CancellationException.class, f::join);
            // the pool is free again at once: a new small job completes
            BitMask small = new BitMask(8, 8);
            for (int y = 1; y < 7; y++) {
                small.fillRow(y, 1, 7);
            }
            assertEquals(1, p.submit(List.of(MaskJob.of("s", small)), x -> { }).get(30, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void emptyMaskGivesNoFootprints() {
        try (PostProcessor p = new PostProcessor(config(2))) {
            assertTrue(p.process(MaskJob.of("empty", new BitMask(300, 200))).isEmpty());
            assertTrue(p.submit(List.of(), x -> { }).join().isEmpty());
        }
    }

    /**
     * The quality target on noisy synthetic masks with known ground truth, evaluated as PolyWorld does, per 300 x 300
     * window: right-angles reaches C-IoU of at least 0.90 with an N-ratio within 0.9..1.2.
     */
    @Test
    void rightAnglesReachesTheComplexityAwareIoUTargetOnNoisyMasks() {
        SyntheticScene scene = SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(1800, 1800, 1900, 3));
        List<Footprint> out;
        List<Footprint> raw;
        try (PostProcessor p = new PostProcessor(config(2))) {
            out = p.process(MaskJob.of("scene", scene.mask()));
        }
        try (PostProcessor p = new PostProcessor(config(2).withRegularization(
                RegularizationParameters.defaults(RegularizationMethod.NONE)))) {
            raw = p.process(MaskJob.of("scene", scene.mask()));
        }
        WindowedComplexityAwareIoU.Result r = WindowedComplexityAwareIoU.evaluate(
                out.stream().map(Footprint::polygon).toList(), scene.groundTruth(), 1800, 1800);
        WindowedComplexityAwareIoU.Result base = WindowedComplexityAwareIoU.evaluate(
                raw.stream().map(Footprint::polygon).toList(), scene.groundTruth(), 1800, 1800);
        System.out.printf("synthetic 1800^2: right-angles C-IoU %.3f IoU %.3f N-ratio %.3f; none C-IoU %.3f%n",
                r.meanComplexityAwareIoU(), r.meanIoU(), r.nRatio(), base.meanComplexityAwareIoU());
        assertTrue(r.meanComplexityAwareIoU() >= 0.90, "C-IoU " + r.meanComplexityAwareIoU());
        assertTrue(r.nRatio() >= 0.9 && r.nRatio() <= 1.2, "N-ratio " + r.nRatio());
        assertTrue(base.meanComplexityAwareIoU() < 0.5, "the raw outlines are far from it: " + base.meanComplexityAwareIoU());
    }
}
