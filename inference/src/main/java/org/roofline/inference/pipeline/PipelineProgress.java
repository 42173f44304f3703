package org.roofline.inference.pipeline;

/**
 * A snapshot of an extraction run.
 *
 * @param tilesDone       tiles segmented, skipped (no-data) or failed so far
 * @param tilesTotal      tiles of the image
 * @param tilesSkipped    tiles skipped because all their pixels are no-data
 * @param tileErrors      tiles that failed (reported, treated as background)
 * @param blocksDone      blocks (rows of tiles) post-processed so far
 * @param blocksTotal     blocks of the image
 * @param footprintsFound footprints found so far, before merging across blocks
 */
public record PipelineProgress(int tilesDone, int tilesTotal, int tilesSkipped, int tileErrors, int blocksDone,
                               int blocksTotal, long footprintsFound) {

    /** @return the fraction done in [0, 1]: segmentation and post-processing as equal halves */
    public double fraction() {
        double t = tilesTotal == 0 ? 1 : (double) tilesDone / tilesTotal;
        double b = blocksTotal == 0 ? 1 : (double) blocksDone / blocksTotal;
        return 0.5 * t + 0.5 * b;
    }
}
