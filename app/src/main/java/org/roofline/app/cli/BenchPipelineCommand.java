package org.roofline.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.synthetic.SyntheticMaskGenerator;
import org.roofline.geometry.synthetic.SyntheticMaskSpec;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.ExtractionPipeline;
import org.roofline.inference.pipeline.ExtractionResult;
import org.roofline.inference.pipeline.FixedLatencyModel;
import org.roofline.inference.pipeline.PipelineConfig;
import org.roofline.inference.pipeline.PipelineStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roofline bench pipeline}: whether post-processing keeps up with the device. A stand-in model of fixed latency
 * per tile (the GPU case) returns a synthetic scene's buildings; for 1..N post-processing threads the pipeline's
 * device-busy share and tiles per second are printed. With {@code --model}, the real model runs on this machine too.
 */
@Command(name = "pipeline",
        mixinStandardHelpOptions = true,
        header = "Times the extraction pipeline with a stand-in model of fixed latency, and optionally a real model.",
        description = "The device-busy share is the time the model spent predicting over the segmentation stage's wall "
                + "time once the first batch was read: near 100%% means the device never waited for the CPU.")
final class BenchPipelineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--device-latency", paramLabel = "MS", defaultValue = "100",
            description = "Stand-in model latency per tile in milliseconds (default: ${DEFAULT-VALUE}).")
    double latencyMillis;

    @Option(names = "--tiles", paramLabel = "N", defaultValue = "64",
            description = "Tiles in the scene, rounded up to a square (default: ${DEFAULT-VALUE}).")
    int tiles;

    @Option(names = "--max-threads", paramLabel = "N",
            description = "Post-processing threads tried: 1..N (default: all cores, ${DEFAULT-VALUE} here).")
    int maxThreads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + PipelineConfig.DEFAULT_BATCH_SIZE,
            description = "Tiles per model call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--model", paramLabel = "FILE|DIR",
            description = "Also run this TorchScript model (with its JSON metadata) over the same scene.")
    Path model;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where --model runs (default: ${DEFAULT-VALUE}).")
    String device;

    static final int TILE = 256;
    static final int OVERLAP = 32;

    @Override
    public Integer call() throws IOException {
        if (tiles < 1 || maxThreads < 1 || batch < 1 || !(latencyMillis >= 0)) {
            throw InvalidOption.of(spec, "--tiles/--max-threads/--batch/--device-latency",
                    "must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        int side = (int) Math.ceil(Math.sqrt(tiles));
        int size = side * (TILE - OVERLAP) + OVERLAP;
        int buildings = Math.max(1, size * size / 1700);
        BitMask truth = SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(size, size, buildings, 7)).mask();
        Path dir = Files.createTempDirectory("roofline-bench-pipeline");
        Path image = dir.resolve("scene.png");
        try {
            ImageIO.write(new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR), "png", image.toFile());
            ModelMetadata md = new ModelMetadata("fixed-latency stand-in", TILE, OVERLAP, 0.3, List.of(1),
                    ModelMetadata.Normalization.minMax(List.of(0.0), List.of(255.0)), ModelMetadata.Output.SIGMOID, 0,
                    0.5);
            out.printf(Locale.ROOT, "bench pipeline: %d x %d px scene, %d tiles of %d px (overlap %d), %d buildings, "
                            + "batches of %d, %d cores%n", size, size, side * side, TILE, OVERLAP, buildings, batch,
                    Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "  %-34s %8s %10s %12s %12s %10s%n", "model", "threads", "tiles/s", "device busy",
                    "queue wait", "buildings");
            for (int t = 1; t <= maxThreads; t++) {
                try (SegmentationModel m = new FixedLatencyModel(md, truth,
                        Duration.ofNanos((long) (latencyMillis * 1e6)), Duration.ZERO)) {
                    row(out, String.format(Locale.ROOT, "stand-in, %.0f ms a tile", latencyMillis), t,
                            run(m, image, t));
                }
            }
            if (model != null) {
                for (int t = 1; t <= maxThreads; t++) {
                    try (SegmentationModel m = ModelLoading.load(model, ModelLoading.device(device), 0, -1)) {
                        row(out, m.metadata().name(), t, run(m, image, t));
                    }
                }
            }
            out.flush();
            return 0;
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
    }

    private ExtractionResult run(SegmentationModel m, Path image, int threads) {
        PostProcessorConfig config = PostProcessorConfig.defaults().withParallelism(threads);
        try (GeoImage img = GeoImage.open(image); PostProcessor post = new PostProcessor(config)) {
            ExtractionPipeline pipeline = new ExtractionPipeline(m, post, PipelineConfig.defaults()
                    .withBatchSize(batch));
            return pipeline.start(img, p -> { }).join();
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
    }

    private static void row(PrintWriter out, String name, int threads, ExtractionResult r) {
        PipelineStats s = r.stats();
        double seconds = s.wall().toNanos() / 1e9;
        out.printf(Locale.ROOT, "  %-34s %8d %10.1f %11.1f%% %10d ms %10d%n", name, threads, s.tiles() / seconds,
                100 * s.steadyDeviceBusyShare(), s.queueWait().toMillis(), r.footprints().size());
        out.flush();
    }
}
