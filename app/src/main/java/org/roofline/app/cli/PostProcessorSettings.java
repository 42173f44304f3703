package org.roofline.app.cli;

import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.vectorize.Connectivity;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The post-processor's settings from a command's option values, checked: a value out of range is a usage error naming
 * its option ({@code --tolerance}, {@code --min-edge}, {@code --angle-tolerance}, {@code --min-area},
 * {@code --connectivity}, {@code --threads}), whether or not the command offers it.
 */
final class PostProcessorSettings {

    private PostProcessorSettings() {
    }

    /** The value of {@code --tolerance} that chooses each building's tolerance from its own outline. */
    static final String AUTO = "auto";

    /**
     * @param tolerance {@value #AUTO} (each building's tolerance from its own outline,
     *                  {@link org.roofline.geometry.regularize.AdaptiveTolerance}) or a number of pixels
     */
    static PostProcessorConfig of(CommandSpec spec, RegularizationMethod method, String tolerance, double minEdge,
                                  double angleTolerance, long minArea, int connectivity, int threads) {
        RegularizationParameters params = regularization(spec, method, tolerance);
        if (!(minEdge >= 0) || Double.isInfinite(minEdge)) {
            throw InvalidOption.of(spec, "--min-edge", minEdge + " is not zero or a positive number of pixels");
        }
        if (!(angleTolerance >= 0 && angleTolerance <= 45)) {
            throw InvalidOption.of(spec, "--angle-tolerance", angleTolerance + " is not within 0..45 degrees");
        }
        if (minArea < 0) {
            throw InvalidOption.of(spec, "--min-area", minArea + " is negative");
        }
        if (connectivity != 4 && connectivity != 8) {
            throw InvalidOption.of(spec, "--connectivity", connectivity + " is neither 4 nor 8");
        }
        if (threads < 1 || threads > 32767) {
            throw InvalidOption.of(spec, "--threads", threads + " is not in 1..32767");
        }
        params = params.withMinEdgeLength(minEdge).withAngleTolerance(angleTolerance);
        return PostProcessorConfig.defaults().withParallelism(threads).withConnectivity(Connectivity.of(connectivity))
                .withMinArea(minArea).withRegularization(params);
    }

    /** With the defaults of everything but the method and the threads: for the commands without those options. */
    static PostProcessorConfig of(CommandSpec spec, RegularizationMethod method, String tolerance, int threads) {
        return of(spec, method, tolerance, RegularizationParameters.DEFAULT_MIN_EDGE_LENGTH,
                RegularizationParameters.DEFAULT_ANGLE_TOLERANCE, PostProcessorConfig.DEFAULT_MIN_AREA, 4, threads);
    }

    private static RegularizationParameters regularization(CommandSpec spec, RegularizationMethod method,
                                                           String tolerance) {
        RegularizationParameters defaults = RegularizationParameters.defaults(method);
        String t = tolerance.strip();
        if (t.equalsIgnoreCase(AUTO)) {
            return defaults.withAdaptiveTolerance();
        }
        double px;
        try {
            px = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            px = Double.NaN;
        }
        if (!(px > 0) || Double.isInfinite(px)) {
            throw InvalidOption.of(spec, "--tolerance", t + " is neither auto nor a positive number of pixels");
        }
        return defaults.withTolerance(px);
    }
}
