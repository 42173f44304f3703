package org.roofline.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.spark.sql.SparkSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.inference.engine.EngineRequest;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelFiles;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.ExtractionPipeline;
import org.roofline.inference.pipeline.ExtractionResult;
import org.roofline.inference.pipeline.PipelineConfig;

/** What the Spark tests share: the sample tiles, a local[2] session (UI off, loopback), the local engine. */
final class SparkSessions {

    static final Path RESOURCES = Path.of(System.getProperty("roofline.resources", "../resources"));
    static final Path OAM = RESOURCES.resolve("samples/fair-banepa/oam");
    /** The 2 x 2 block of Banepa tiles the bundled sample mosaics, row by row. */
    static final List<Path> BLOCK = List.of(OAM.resolve("OAM-386690-220241-19.tif"),
            OAM.resolve("OAM-386691-220241-19.tif"), OAM.resolve("OAM-386690-220242-19.tif"),
            OAM.resolve("OAM-386691-220242-19.tif"));
    static final Path MOSAIC = RESOURCES.resolve("samples/banepa-2x2/banepa-2x2.tif");

    private SparkSessions() {
    }

    static SparkSession local2() {
        return SparkEngine.session("local[2]");
    }

    static EngineRequest request(List<Path> images) {
        List<String> paths = new ArrayList<>();
        for (Path p : images) {
            paths.add(p.toAbsolutePath().toString());
        }
        return new EngineRequest(paths, "local[2]", null, "cpu", 8, 0, -1, RegularizationMethod.RIGHT_ANGLES, "auto",
                1, true);
    }

    /** The run on a shared session (left running). */
    static SparkRun run(SparkSession session, EngineRequest request) throws Exception {
        return SparkEngine.run(session, request, SparkEngine.checkImages(request), line -> { }, System.nanoTime())
                .keepingSession();
    }

    static List<Footprint> footprints(SparkRun run) {
        List<Footprint> all = new ArrayList<>();
        run.footprints().forEachRemaining(all::add);
        return all;
    }

    /** The local engine on one image, with the settings of the request. */
    static List<Footprint> local(Path image, EngineRequest request) throws Exception {
        try (GeoImage img = GeoImage.open(image);
             SegmentationModel m = ModelFiles.load(null, ComputeDevice.CPU);
             PostProcessor post = new PostProcessor(SlotPool.postProcessorConfig(request))) {
            ExtractionPipeline pipeline = new ExtractionPipeline(m, post,
                    PipelineConfig.defaults().withBatchSize(request.batchSize()));
            try {
                ExtractionResult r = pipeline.start(img, p -> { }).get();
                return r.footprints();
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }
    }
}
