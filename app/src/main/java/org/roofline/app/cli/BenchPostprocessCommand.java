package org.roofline.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.geojson.GeoJsonWriter;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.metrics.WindowedComplexityAwareIoU;
import org.roofline.geometry.postprocess.MaskJob;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.synthetic.SyntheticMaskGenerator;
import org.roofline.geometry.synthetic.SyntheticMaskSpec;
import org.roofline.geometry.synthetic.SyntheticScene;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roofline bench postprocess}: times the post-processor on a synthetic scene.
 *
 * <p>Each stage is run {@code --warmup} times as a warm-up (JIT compilation, class loading), then {@code --repeat} rounds run each
 * stage once in turn; the figure reported is the <b>median</b> of a stage's repetitions. Buildings per second are the number of vectorized buildings
 * divided by the median time. Speedups are ratios against the single-threaded post-processor measured in the same
 * process.
 */
@Command(name = "postprocess",
        mixinStandardHelpOptions = true,
        header = "Times vectorizing, regularizing and the post-processor on a synthetic scene.",
        description = {
                "Generates a synthetic building mask and times, on it: vectorizing alone (1 thread), regularizing the "
                        + "vectorized outlines alone (1 thread), and the whole post-processor with 1 thread and with N "
                        + "threads.",
                "Each is run --warmup times untimed, then --repeat times, in turn; the median is reported, as seconds and "
                        + "buildings per second, with the speedup over the 1-thread post-processor. Then the quality "
                        + "of the result against the generated ground truth: mean C-IoU and IoU over 300 x 300 px "
                        + "windows, and the vertex-count ratio N / N_gt."})
final class BenchPostprocessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "" + SyntheticMaskSpec.DEFAULT_SIZE,
            description = "Width and height of the synthetic mask (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--buildings", paramLabel = "N", defaultValue = "" + SyntheticMaskSpec.DEFAULT_BUILDINGS,
            description = "Buildings to generate, each in a grid cell of at least 16 x 16 px "
                    + "(default: ${DEFAULT-VALUE}).")
    int buildings;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Threads of the parallel run (default: all cores, ${DEFAULT-VALUE} here).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SyntheticMaskSpec.DEFAULT_SEED,
            description = "Random seed of the scene (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BenchRounds rounds;

    @Mixin
    RegularizationMethodOption method;

    @Option(names = "--tolerance", paramLabel = "auto|PX", defaultValue = PostProcessorSettings.AUTO,
            description = "Regularization tolerance in pixels, or auto, as polygonize (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--no-quality", negatable = false,
            description = "Skip the quality evaluation against the ground truth.")
    boolean noQuality;

    @Option(names = "--save-mask", paramLabel = "FILE.png",
            description = "Also write the mask as an 8-bit 0/255 PNG, to benchmark other tools (GDAL, OpenCV) on it.")
    Path saveMask;

    @Option(names = "--save-truth", paramLabel = "FILE.geojson",
            description = "Also write the ground-truth polygons as GeoJSON (pixel coordinates).")
    Path saveTruth;

    @Override
    public Integer call() {
        if (size < 1 || size > 46340) {
            throw InvalidOption.of(spec, "--size", size + " is not in 1..46340");
        }
        SyntheticMaskSpec sceneSpec;
        try {
            sceneSpec = SyntheticMaskSpec.of(size, size, buildings, seed);
        } catch (IllegalArgumentException e) {
            throw InvalidOption.of(spec, "--buildings", e.getMessage());
        }
        rounds.check();
        PostProcessorConfig config = PostProcessorSettings.of(spec, method.method(), tolerance, threads);
        if (saveMask != null) {
            VectorFiles.checkWritable(saveMask);
        }
        if (saveTruth != null) {
            VectorFiles.checkWritable(saveTruth);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            run(sceneSpec, config, out);
        } catch (OutOfMemoryError e) {
            throw new CliException("bench postprocess", "not enough memory for a " + size + " x " + size
                    + " scene; raise -Xmx (heap limit " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)", e);
        }
        return 0;
    }

    private void run(SyntheticMaskSpec sceneSpec, PostProcessorConfig config, PrintWriter out) {
        long t0 = System.nanoTime();
        SyntheticScene scene = SyntheticMaskGenerator.generate(sceneSpec);
        BitMask mask = scene.mask();
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        if (saveMask != null) {
            savePng(mask, saveMask);
        }
        if (saveTruth != null) {
            try {
                List<VectorFeature> truth = new java.util.ArrayList<>();
                for (int i = 0; i < scene.groundTruth().size(); i++) {
                    truth.add(new VectorFeature(scene.groundTruth().get(i), java.util.Map.of("id", (long) i + 1)));
                }
                // pixel coordinates, no CRS
                new GeoJsonWriter().write(new VectorLayer("truth", null,
                        List.of(new FieldDef("id", FieldType.INTEGER)), truth), saveTruth);
            } catch (IOException e) {
                throw new CliException(saveTruth.toString(), "cannot write: " + e.getMessage(), e);
            }
        }

        MaskVectorizer vectorizer = new MaskVectorizer(config.connectivity(), config.minArea(), new GeometryFactory());
        BuildingRegularizer regularizer = new BuildingRegularizer(config.regularization());
        List<VectorizedShape> shapes = vectorizer.apply(mask, 0, 0);
        int found = shapes.size();

        out.printf(Locale.ROOT, "bench postprocess: %d x %d mask, %d buildings generated in %.2f s (%d found), seed %d, "
                        + "%s, %d cores; median of %d after %d warm-up rounds%n",
                size, size, scene.groundTruth().size(), generateSeconds, found, seed, method.method().code(),
                Runtime.getRuntime().availableProcessors(), rounds.repeat(), rounds.warmup());
        out.flush();

        // as the post-processor does it: the mask's frame tells the regularizer where the image cuts a building
        Envelope frame = new Envelope(0, mask.width(), 0, mask.height());
        List<Footprint> result;
        try (PostProcessor single = new PostProcessor(config.withParallelism(1));
             PostProcessor parallel = new PostProcessor(config.withParallelism(threads))) {
            List<Supplier<?>> stages = new ArrayList<>();
            stages.add(() -> vectorizer.apply(mask, 0, 0));
            stages.add(() -> {
                List<Object> r = new ArrayList<>(shapes.size());
                for (VectorizedShape s : shapes) {
                    r.add(method.method() == RegularizationMethod.NONE ? s.geometry() : regularizer.apply(s.geometry(), frame));
                }
                return r;
            });
            stages.add(() -> single.process(MaskJob.of("synthetic", mask)));
            if (threads != 1) {
                stages.add(() -> parallel.process(MaskJob.of("synthetic", mask)));
            }
            List<BenchRounds.Timing<Object>> timings = rounds.time(stages);
            if (timings.stream().anyMatch(timing -> timing.result() == null)) {
                throw new IllegalStateException("a stage returned nothing");
            }
            double[] t = timings.stream().mapToDouble(BenchRounds.Timing::seconds).toArray();
            row(out, "vectorize", 1, t[0], found, Double.NaN);
            row(out, "regularize", 1, t[1], found, Double.NaN);
            row(out, "postprocess", 1, t[2], found, 1.0);
            if (threads != 1) {
                row(out, "postprocess", threads, t[3], found, t[2] / t[3]);
            }
            out.printf(Locale.ROOT, "  vectorize + regularize = %.3f s; the 1-thread post-processor takes %.2fx that%n",
                    t[0] + t[1], t[2] / (t[0] + t[1]));
            result = single.process(MaskJob.of("synthetic", mask));
        }

        if (!noQuality) {
            List<Geometry> predicted = new ArrayList<>(result.size());
            for (Footprint fp : result) {
                predicted.add(fp.polygon());
            }
            List<Polygon> truth = scene.groundTruth();
            WindowedComplexityAwareIoU.Result q = WindowedComplexityAwareIoU.evaluate(predicted, truth, size, size);
            out.printf(Locale.ROOT, "  quality vs ground truth: C-IoU %.4f, IoU %.4f, N-ratio %.3f (%d footprints, "
                            + "%d true; %d windows of %d px)%n",
                    q.meanComplexityAwareIoU(), q.meanIoU(), q.nRatio(), result.size(), truth.size(),
                    q.windows().size(), q.windowSize());
        }
        out.flush();
    }

    private static void row(PrintWriter out, String what, int threads, double seconds, int buildings, double speedup) {
        out.printf(Locale.ROOT, "  %-11s %3d thread%s %9.3f s %12.0f buildings/s%s%n", what, threads,
                threads == 1 ? " " : "s", seconds, buildings / seconds,
                Double.isNaN(speedup) ? "" : String.format(Locale.ROOT, "  %6.2fx", speedup));
        out.flush();
    }

    /** Writes a mask as an 8-bit greyscale PNG, 255 for foreground and 0 for background. */
    static void savePng(Mask mask, Path file) {
        int w = mask.width();
        int h = mask.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        long[] row = new long[Mask.wordsPerRow(w)];
        for (int y = 0; y < h; y++) {
            mask.readRow(y, row, 0);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                if ((row[x >>> 6] & (1L << x)) != 0) {
                    pixels[base + x] = (byte) 255;
                }
            }
        }
        try {
            AtomicFiles.write(file, o -> {
                if (!ImageIO.write(image, "png", o)) {
                    throw new IOException("no PNG writer");
                }
            });
        } catch (IOException e) {
            throw new CliException(file.toString(), "cannot write: " + e.getMessage(), e);
        }
    }
}
