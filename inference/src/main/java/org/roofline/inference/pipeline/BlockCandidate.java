package org.roofline.inference.pipeline;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.merge.MergeCandidate;

/**
 * A footprint post-processed from one block (row of tiles), before the merge across blocks.
 *
 * @param footprint   in working pixel coordinates
 * @param confidence  the mean probability inside it, from its block
 * @param block       the block's row
 * @param blockExtent the block's extent, in working pixels
 * @param original    its outline before regularization, in working pixels; or null when unknown
 */
record BlockCandidate(Footprint footprint, double confidence, int block, Envelope blockExtent, Polygon original) {

    /** Whether it has an area: only those take part in a merge. */
    boolean hasArea() {
        return footprint.polygon().getArea() > 0;
    }

    /** @return what {@link org.roofline.geometry.merge.SeamMerger} needs of it */
    MergeCandidate toMergeCandidate() {
        return new MergeCandidate(footprint.polygon(), confidence, block, blockExtent);
    }
}
