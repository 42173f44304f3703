package org.roofline.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.inference.quality.RegularizationBenchmark;
import org.roofline.inference.quality.RegularizationBenchmark.Sample;
import org.roofline.inference.quality.RegularizationBenchmark.Score;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code roofline bench quality}: the regularizer on real masks with network-like edge noise, scored against the human
 * polygons ({@link RegularizationBenchmark}), for one or more tolerance settings side by side in one run.
 */
@Command(name = "quality",
        mixinStandardHelpOptions = true,
        header = "Scores the regularizer on real masks with edge noise against the human polygons.",
        description = {
                "Real masks at several ground resolutions (fAIr Kampala chips with their masks and labels; the Banepa "
                        + "tiles' OpenStreetMap buildings rasterized at 0.13 and 0.3 m), with smooth random edge "
                        + "noise of each --noise strength (standard deviation in pixels, bumps --correlation pixels "
                        + "long), regularized with each --tolerance setting and scored against the human polygons: "
                        + "mask IoU and C-IoU (300 px windows), N-ratio, corners within 10 degrees of a right angle "
                        + "(footprints, and labels for comparison), mean max tangent angle error of matched "
                        + "buildings, buildings flagged.",
                "Run from the repository root (the samples are read from --samples)."})
final class BenchQualityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR", defaultValue = "resources/samples",
            description = "The samples folder, with fair-kampala/ and fair-banepa/ (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Option(names = "--tolerance", paramLabel = "auto|PX", split = ",", defaultValue = "3,auto",
            description = "Tolerance settings compared, in pixels or auto (default: ${DEFAULT-VALUE}).")
    List<String> tolerances;

    @Option(names = "--noise", paramLabel = "PX", split = ",", defaultValue = "0,0.5,1,1.5",
            description = "Edge noise strengths, standard deviation in pixels (default: ${DEFAULT-VALUE}).")
    List<Double> noises;

    @Option(names = "--correlation", paramLabel = "PX", defaultValue = "3",
            description = "Length of the noise's bumps in pixels (default: ${DEFAULT-VALUE}).")
    double correlation;

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", defaultValue = "right-angles",
            converter = MethodConverter.class,
            description = "Regularization method (default: ${DEFAULT-VALUE}).")
    RegularizationMethod method;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--instances",
            description = "Hand each mask over as building instances (each pixel numbered after the nearest human "
                    + "polygon; the noise moves only the outer edges), as the bundled model's instance separation "
                    + "does, so that touching buildings are regularized as neighbours sharing a wall.")
    boolean instances;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Post-processing threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(samples.resolve("fair-kampala")) || !Files.isDirectory(samples.resolve("fair-banepa"))) {
            throw new ParameterException(spec.commandLine(), samples
                    + ": not a samples folder (fair-kampala/ and fair-banepa/ expected); run from the repository root"
                    + " or give --samples");
        }
        for (double n : noises) {
            if (!(n >= 0) || n > 20) {
                throw new ParameterException(spec.commandLine(), "--noise must be within 0..20 pixels, was " + n);
            }
        }
        if (!(correlation > 0) || correlation > 100) {
            throw new ParameterException(spec.commandLine(), "--correlation must be within (0, 100] pixels, was "
                    + correlation);
        }
        List<RegularizationParameters> settings = new ArrayList<>();
        for (String t : tolerances) {
            settings.add(parameters(t.strip()));
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        List<Sample> loaded = RegularizationBenchmark.load(samples);
        out.printf(Locale.ROOT, "%-9s %-16s %5s %6s %6s %6s %6s %6s %11s %6s %7s%n", "tolerance", "masks", "noise",
                "labels", "IoU", "C-IoU", "N", "right", "right(lbl)", "MTA", "flagged");
        for (int i = 0; i < settings.size(); i++) {
            double iou = 0;
            double ciou = 0;
            double nRatio = 0;
            int rows = 0;
            for (String group : RegularizationBenchmark.groups(loaded)) {
                for (double noise : noises) {
                    Score s = RegularizationBenchmark.score(group, loaded, settings.get(i), noise, correlation, seed, n,
                            instances);
                    out.printf(Locale.ROOT, "%-9s %-16s %5.1f %6d %6.3f %6.3f %6.2f %6.2f %11.2f %6.1f %7d%n",
                            tolerances.get(i).strip(), group, noise, s.labels(), s.maskIoU(), s.complexityAwareIoU(),
                            s.nRatio(), s.rightCorners(), s.labelRightCorners(), s.meanMaxTangentError(), s.flagged());
                    out.flush();
                    iou += s.maskIoU();
                    ciou += s.complexityAwareIoU();
                    nRatio += s.nRatio();
                    rows++;
                }
            }
            out.printf(Locale.ROOT, "%-9s %-16s %5s %6s %6.3f %6.3f %6.2f  (means over %d rows)%n",
                    tolerances.get(i).strip(), "all", "", "", iou / rows, ciou / rows, nRatio / rows, rows);
        }
        return 0;
    }

    private RegularizationParameters parameters(String tolerance) {
        RegularizationParameters p = RegularizationParameters.defaults(method);
        if (tolerance.equalsIgnoreCase("auto")) {
            return p.withAdaptiveTolerance();
        }
        try {
            double t = Double.parseDouble(tolerance);
            if (t > 0 && t <= 1000) {
                return p.withTolerance(t);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--tolerance takes auto or pixels in (0, 1000], was '"
                + tolerance + "'");
    }
}
