package org.roofline.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.MaskImageReader;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.tiling.TileGrid;

/**
 * Footprints delivered while a run goes on: on the real SpaceNet Atlanta tile (900 x 900 px, 4 rows of tiles) with a
 * stand-in model that returns the real building mask, the deliveries add up to exactly the run's result.
 */
class ProgressiveDeliveryTest {

    static GeoImage image;
    static Mask truth;
    static PostProcessor post;
    static ModelMetadata metadata;

    @BeforeAll
    static void setUp() throws Exception {
        image = GeoImage.open(ExtractionPipelineTest.sample("spacenet-atlanta/sample_geotiff.tif"));
        truth = new MaskImageReader().read(ExtractionPipelineTest.sample(
                "spacenet-atlanta/sample_fp_mask_from_geojson.tif"));
        double mpp = image.info().groundPixelSize().orElseThrow().mean();
        metadata = new ModelMetadata("stand-in", 256, 32, mpp, List.of(1),
                ModelMetadata.Normalization.minMax(List.of(0.0), List.of(255.0)),
                ModelMetadata.Output.SIGMOID, 0, 0.5);
        post = new PostProcessor(PostProcessorConfig.defaults().withParallelism(2));
    }

    @AfterAll
    static void tearDown() {
        post.close();
        image.close();
    }

    @Test
    void deliveriesAddUpToTheResult() throws Exception {
        FixedLatencyModel model = new FixedLatencyModel(metadata, truth, Duration.ofMillis(5), Duration.ZERO);
        ExtractionPipeline pipeline = new ExtractionPipeline(model, post, PipelineConfig.defaults().withBatchSize(2));
        List<ExtractedBlock> deliveries = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        ExtractionResult result = pipeline.start(image, p -> { }, b -> {
            synchronized (deliveries) {
                deliveries.add(b);
                threads.add(Thread.currentThread().getName());
            }
        }).get(60, TimeUnit.SECONDS);
        TileGrid grid = result.grid();
        assertTrue(grid.rows() >= 3, grid.toString());

        // every delivery was made before the result completed, in order, from the merge thread
        assertEquals(grid.rows(), deliveries.get(deliveries.size() - 1).blocksDone());
        assertTrue(deliveries.get(deliveries.size() - 1).last());
        for (int i = 1; i < deliveries.size(); i++) {
            assertTrue(deliveries.get(i).blocksDone() > deliveries.get(i - 1).blocksDone());
        }
        assertTrue(threads.stream().allMatch("roofline-block-merge"::equals), threads.toString());
        long nonEmpty = deliveries.stream().filter(b -> !b.footprints().isEmpty()).count();
        assertTrue(nonEmpty > 1, "footprints came in " + nonEmpty + " deliveries");

        // together, exactly the result's footprints
        List<Footprint> delivered = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        int withOriginal = 0;
        for (ExtractedBlock b : deliveries) {
            assertEquals(result.crs(), b.crs());
            for (Footprint f : b.footprints()) {
                delivered.add(f);
                assertTrue(ids.add(f.id()), "id " + f.id() + " twice");
                Polygon o = b.originals().get(f.id());
                if (o != null) {
                    withOriginal++;
                    double iou = o.intersection(f.polygon()).getArea() / o.union(f.polygon()).getArea();
                    assertTrue(iou > 0.5, "footprint " + f.id() + " and its original: IoU " + iou);
                }
            }
        }
        assertTrue(result.footprints().size() > 20, "found " + result.footprints().size());
        assertEquals(result.footprints().size(), delivered.size());
        assertEquals(delivered.size(), withOriginal);
        List<Footprint> unmatched = new ArrayList<>(delivered);
        for (Footprint r : result.footprints()) {
            Footprint match = null;
            for (Footprint d : unmatched) {
                if (d.polygon().norm().equalsExact(r.polygon().norm())) {
                    match = d;
                    break;
                }
            }
            assertNotNull(match, "result footprint " + r.id() + " was not delivered");
            assertEquals(r.confidence(), match.confidence());
            assertEquals(r.method(), match.method());
            assertEquals(r.source(), match.source());
            unmatched.remove(match);
        }
        assertTrue(unmatched.isEmpty());
    }

    @Test
    void aFailingListenerFailsTheRun() {
        FixedLatencyModel model = new FixedLatencyModel(metadata, truth, Duration.ZERO, Duration.ZERO);
        ExtractionPipeline pipeline = new ExtractionPipeline(model, post, PipelineConfig.defaults());
        CompletableFuture<ExtractionResult> run = pipeline.start(image, p -> { }, b -> {
            throw new IllegalStateException("listener broke");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
        assertEquals("listener broke", e.getCause().getMessage());
    }
}
