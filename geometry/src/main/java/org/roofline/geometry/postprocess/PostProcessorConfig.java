package org.roofline.geometry.postprocess;

import java.util.Objects;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.vectorize.Connectivity;

/**
 * Settings of a {@link PostProcessor}.
 *
 * @param parallelism    worker threads of the ForkJoin pool
 * @param batchSize      buildings per regularization task: large enough to amortize scheduling, small enough that
 *                       every core gets work from a single big tile
 * @param connectivity   foreground connectivity of the vectorizer
 * @param minArea        components with fewer pixels are dropped (speckle)
 * @param regularization how outlines are regularized
 */
public record PostProcessorConfig(int parallelism, int batchSize, Connectivity connectivity, long minArea,
                                  RegularizationParameters regularization) {

    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final long DEFAULT_MIN_AREA = 10;

    public PostProcessorConfig {
        if (parallelism < 1 || parallelism > 32767) {
            throw new IllegalArgumentException("parallelism must be in 1..32767, was " + parallelism);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        Objects.requireNonNull(connectivity, "connectivity");
        if (minArea < 0) {
            throw new IllegalArgumentException("minimum area must not be negative, was " + minArea);
        }
        Objects.requireNonNull(regularization, "regularization");
    }

    /**
     * Defaults: one thread per core, right angles with each building's tolerance chosen from its own outline
     * ({@link org.roofline.geometry.regularize.AdaptiveTolerance}), 4-connectivity, speckle under 10 px removed.
     */
    public static PostProcessorConfig defaults() {
        return new PostProcessorConfig(Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH_SIZE,
                Connectivity.FOUR, DEFAULT_MIN_AREA,
                RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES).withAdaptiveTolerance());
    }

    public PostProcessorConfig withParallelism(int p) {
        return new PostProcessorConfig(p, batchSize, connectivity, minArea, regularization);
    }

    public PostProcessorConfig withBatchSize(int b) {
        return new PostProcessorConfig(parallelism, b, connectivity, minArea, regularization);
    }

    public PostProcessorConfig withConnectivity(Connectivity c) {
        return new PostProcessorConfig(parallelism, batchSize, c, minArea, regularization);
    }

    public PostProcessorConfig withMinArea(long a) {
        return new PostProcessorConfig(parallelism, batchSize, connectivity, a, regularization);
    }

    public PostProcessorConfig withRegularization(RegularizationParameters r) {
        return new PostProcessorConfig(parallelism, batchSize, connectivity, minArea, r);
    }
}
