package org.roofline.inference.pipeline;

import java.time.Duration;

/**
 * Where the time of an extraction run went.
 *
 * @param wall              start to result
 * @param segmentation      wall time of the segmentation stage (stage 1), from start until its last block was handed
 *                          to post-processing
 * @param predict           time spent inside {@code SegmentationModel.predict} (the device busy)
 * @param firstBatch        time until the first batch of tiles was read (start-up: nothing to overlap it with)
 * @param readWait          time stage 1 waited for tiles from the reader thread (reading is prefetched one batch
 *                          ahead, so this is only the part not hidden behind {@code predict})
 * @param queueWait         time stage 1 waited for room between the stages (all blocks in flight): zero means the
 *                          device never waited for the CPU
 * @param postTail          time from the end of stage 1 until the last block was post-processed (the CPU work not
 *                          hidden behind segmentation)
 * @param merge             time merging footprints across blocks, computing their confidence and georeferencing
 * @param tiles             tiles of the image
 * @param tilesPredicted    tiles given to the model successfully
 * @param batches           successful {@code predict} calls
 * @param blocks            blocks post-processed
 * @param maxBlocksInFlight the most blocks that were between the stages at once
 * @param blockCapacity     the bound on blocks between the stages
 */
public record PipelineStats(Duration wall, Duration segmentation, Duration predict, Duration firstBatch,
                            Duration readWait,
                            Duration queueWait, Duration postTail, Duration merge, int tiles, int tilesPredicted,
                            int batches, int blocks, int maxBlocksInFlight, int blockCapacity) {

    /** @return predict time / stage 1 wall time, in [0, 1]: how busy the device was kept */
    public double deviceBusyShare() {
        long s = segmentation.toNanos();
        return s == 0 ? 0 : Math.min(1, (double) predict.toNanos() / s);
    }

    /**
     * @return predict time / (stage 1 wall time less the first batch's read), in [0, 1]: how busy the device was kept
     *         once it had work, which is what the pipeline's design controls
     */
    public double steadyDeviceBusyShare() {
        long s = segmentation.toNanos() - firstBatch.toNanos();
        return s <= 0 ? 0 : Math.min(1, (double) predict.toNanos() / s);
    }

    /** @return a one-line summary for people */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "wall %d ms; segmentation %d ms (predict %d ms, device busy %.1f%%, %.1f%% after the first batch's read of %d ms,"
                        + " read wait %d ms, queue wait %d ms);"
                        + " post-processing tail %d ms; merge %d ms; %d tiles (%d predicted in %d batches), %d blocks,"
                        + " at most %d of %d blocks in flight",
                wall.toMillis(), segmentation.toMillis(), predict.toMillis(), 100 * deviceBusyShare(),
                100 * steadyDeviceBusyShare(), firstBatch.toMillis(),
                readWait.toMillis(), queueWait.toMillis(), postTail.toMillis(), merge.toMillis(), tiles,
                tilesPredicted, batches, blocks, maxBlocksInFlight, blockCapacity);
    }
}
