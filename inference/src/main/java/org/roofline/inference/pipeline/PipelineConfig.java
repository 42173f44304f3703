package org.roofline.inference.pipeline;

import java.util.Objects;
import org.roofline.geometry.merge.SeamMerger;

/**
 * Settings of an {@link ExtractionPipeline}.
 *
 * @param batchSize         tiles per {@code predict} call of the segmentation stage
 * @param maxBlocksInFlight blocks (rows of tiles) segmented but not yet post-processed, at most: the bound between the
 *                          stages. When it is reached the segmentation stage waits (measured as queue wait); each
 *                          block holds {@code 4 x image width x tile size} bytes of probabilities
 * @param merge             how footprints of neighbouring blocks are merged
 */
public record PipelineConfig(int batchSize, int maxBlocksInFlight, SeamMerger.Parameters merge) {

    public static final int DEFAULT_BATCH_SIZE = 8;
    public static final int DEFAULT_MAX_BLOCKS_IN_FLIGHT = 4;

    public PipelineConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        if (maxBlocksInFlight < 1) {
            throw new IllegalArgumentException("blocks in flight must be positive, was " + maxBlocksInFlight);
        }
        Objects.requireNonNull(merge, "merge");
    }

    public static PipelineConfig defaults() {
        return new PipelineConfig(DEFAULT_BATCH_SIZE, DEFAULT_MAX_BLOCKS_IN_FLIGHT, SeamMerger.Parameters.defaults());
    }

    public PipelineConfig withBatchSize(int b) {
        return new PipelineConfig(b, maxBlocksInFlight, merge);
    }

    public PipelineConfig withMaxBlocksInFlight(int m) {
        return new PipelineConfig(batchSize, m, merge);
    }

    public PipelineConfig withMerge(SeamMerger.Parameters p) {
        return new PipelineConfig(batchSize, maxBlocksInFlight, p);
    }
}
