package org.roofline.inference.pipeline;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;

/**
 * Footprints an extraction run has finished while it goes on: delivered to the block listener of
 * {@code ExtractionPipeline.start(image, grid, progress, blocks)} each time the rows of tiles (blocks) post-processed so far, from the top, grow.
 *
 * <p>A footprint is delivered once no block still to come can merge with it (it lies wholly above the next block's
 * top edge), and exactly as the run's final merge gives it: over all deliveries of a completed run the footprints are
 * those of {@link ExtractionResult#footprints()} (same polygons, confidence, method and source), in another order and
 * with other ids. A cancelled or failed run delivers nothing more.
 *
 * @param blocksDone  blocks merged so far (the first {@code blocksDone} rows of tiles)
 * @param blocksTotal blocks of the image; the last delivery has {@code blocksDone == blocksTotal}
 * @param footprints  the newly finished footprints, in the image's map coordinates (pixel coordinates when it is not
 *                    georeferenced), pending; ids unique over the run, from 1 in delivery order; possibly empty
 * @param originals   for each footprint id, its outline before regularization in the same coordinates (the vectorized
 *                    mask component; the union of the parts for a building cut by a seam); ids without one are absent
 * @param crs         the CRS of the coordinates, or null when unknown
 */
public record ExtractedBlock(int blocksDone, int blocksTotal, List<Footprint> footprints, Map<Long, Polygon> originals,
                             Crs crs) {

    public ExtractedBlock {
        footprints = List.copyOf(footprints);
        originals = Map.copyOf(originals);
    }

    /** Whether this is the run's last delivery. */
    public boolean last() {
        return blocksDone == blocksTotal;
    }
}
