package org.roofline.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.apache.spark.sql.SparkSession;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.crs.GeodesicArea;
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

/**
 * Throughput of the local engine against Spark's local mode on the same images, in one JVM, one after the other:
 * tiles per second and km² per hour of each (the best of the rounds after a warm-up round), their ratio, Spark's
 * overhead (its session's start, and the rest of the difference), and from the measured per-tile costs how a cluster
 * would scale on paper. Run it with {@code scale/bench-spark.sh IMAGES... [--rounds N] [--master local[*]]}.
 *
 * <p>The local engine is what {@code roofline extract} does image after image, with one model loaded once and every
 * core for post-processing; Spark runs the same pipeline in {@code N} task slots, each with its own model and one
 * post-processing thread.
 */
public final class SparkBench {

    private SparkBench() {
    }

    /** One measured run. */
    record Round(double seconds, long tiles, long footprints, double predictSeconds, double postSeconds) {
    }

    public static void main(String[] args) throws Exception {
        List<String> images = new ArrayList<>();
        int rounds = 3;
        String master = "local[*]";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--master" -> master = args[++i];
                default -> images.add(Path.of(args[i]).toAbsolutePath().toString());
            }
        }
        if (images.isEmpty()) {
            System.err.println("usage: bench-spark.sh IMAGES... [--rounds N] [--master local[*]]");
            System.exit(2);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double km2 = 0;
        for (String image : images) {
            try (GeoImage img = GeoImage.open(Path.of(image))) {
                var extent = img.georef().extent(img.info().width(), img.info().height());
                km2 += GeodesicArea.squareMetres(new GeometryFactory().toGeometry(extent), img.georef().crs()) / 1e6;
            }
        }
        EngineRequest local = request(images, cores);
        Round bestLocal = null;
        try (SegmentationModel m = ModelFiles.load(null, ComputeDevice.CPU);
             PostProcessor post = new PostProcessor(SlotPool.postProcessorConfig(local))) {
            ExtractionPipeline pipeline = new ExtractionPipeline(m, post, PipelineConfig.defaults().withBatchSize(8));
            for (int r = 0; r <= rounds; r++) {
                Round round = local(pipeline, images);
                System.out.printf(Locale.ROOT, "local  round %d%s: %.2f s, %d tiles, %d footprints%n", r,
                        r == 0 ? " (warm-up)" : "", round.seconds(), round.tiles(), round.footprints());
                if (r > 0 && (bestLocal == null || round.seconds() < bestLocal.seconds())) {
                    bestLocal = round;
                }
            }
        }
        long t0 = System.nanoTime();
        SparkSession session = SparkEngine.session(master);
        double start = (System.nanoTime() - t0) / 1e9;
        int slots = session.sparkContext().defaultParallelism();
        EngineRequest spark = request(images, 1);
        double bestSpark = Double.POSITIVE_INFINITY;
        double firstSpark = 0;
        long sparkCount = 0;
        try {
            String crs = SparkEngine.checkImages(spark);
            for (int r = 0; r <= rounds; r++) {
                long s0 = System.nanoTime();
                try (SparkRun run = SparkEngine.run(session, spark, crs, line -> { }, s0).keepingSession()) {
                    sparkCount = run.count();
                }
                double s = (System.nanoTime() - s0) / 1e9;
                System.out.printf(Locale.ROOT, "spark  round %d%s: %.2f s, %d footprints (%s, %d task slots)%n", r,
                        r == 0 ? " (warm-up: loads a model per slot)" : "", s, sparkCount,
                        session.sparkContext().master(), slots);
                if (r == 0) {
                    firstSpark = s;
                } else {
                    bestSpark = Math.min(bestSpark, s);
                }
            }
        } finally {
            session.stop();
        }
        double tiles = bestLocal.tiles();
        double localTps = tiles / bestLocal.seconds();
        double sparkTps = tiles / bestSpark;
        System.out.printf(Locale.ROOT, "%d images, %.0f tiles, %.3f km², %d cores%n", images.size(), tiles, km2,
                cores);
        System.out.printf(Locale.ROOT, "local engine: %.2f tiles/s, %.1f km²/h%n", localTps,
                km2 / bestLocal.seconds() * 3600);
        System.out.printf(Locale.ROOT, "spark local:  %.2f tiles/s, %.1f km²/h (ratio spark/local %.2f)%n", sparkTps,
                km2 / bestSpark * 3600, sparkTps / localTps);
        System.out.printf(Locale.ROOT, "spark overhead: session start %.1f s, first job %.1f s more than the best "
                + "(model per slot, JIT), %.2f s a job over the local engine (%.0f ms a tile)%n", start,
                firstSpark - bestSpark, bestSpark - bestLocal.seconds(),
                1000 * (bestSpark - bestLocal.seconds()) / tiles);
        double model = bestLocal.predictSeconds() / tiles;
        double postCpu = Math.max(0, bestLocal.seconds() - bestLocal.predictSeconds()) * cores / tiles;
        System.out.printf(Locale.ROOT, "per tile (local engine): model %.0f ms on %d CPU cores, post-processing "
                + "%.0f ms of one core (the wall time not spent in the model, times the cores)%n", 1000 * model,
                cores, 1000 * postCpu);
        System.out.println("on paper, CPU executors (each core runs model and polygons; model time scales with "
                + "cores): tiles/s = cores / (model x " + cores + " + post)");
        for (int n : new int[] {2, 16, 64, 256}) {
            double tps = n / (model * cores + postCpu);
            System.out.printf(Locale.ROOT, "  %4d cores: %7.1f tiles/s, %9.0f km²/h%n", n, tps,
                    tps * km2 / tiles * 3600);
        }
    }

    private static EngineRequest request(List<String> images, int threads) {
        return new EngineRequest(images, null, null, "cpu", 8, 0, -1, RegularizationMethod.RIGHT_ANGLES, "auto",
                threads, true);
    }

    private static Round local(ExtractionPipeline pipeline, List<String> images) throws Exception {
        long t0 = System.nanoTime();
        long tiles = 0;
        long footprints = 0;
        double predict = 0;
        double post = 0;
        for (String image : images) {
            try (GeoImage img = GeoImage.open(Path.of(image))) {
                ExtractionResult r;
                try {
                    r = pipeline.start(img, p -> { }).get();
                } catch (ExecutionException e) {
                    throw (Exception) e.getCause();
                }
                tiles += r.stats().tiles();
                footprints += r.footprints().size();
                predict += r.stats().predict().toNanos() / 1e9;
                post += r.stats().postTail().toNanos() / 1e9;
            }
        }
        return new Round((System.nanoTime() - t0) / 1e9, tiles, footprints, predict, post);
    }
}
