package org.roofline.inference.pipeline;

import java.util.List;
import java.util.Objects;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.tiling.TileGrid;

/**
 * What an extraction run found.
 *
 * @param footprints the buildings, polygons in the image's map coordinates (pixel coordinates when the image is not
 *                   georeferenced), confidence = mean building probability inside the footprint, ids from 1
 * @param crs        the CRS of the map coordinates, or null when unknown
 * @param georef     the image's georeferencing
 * @param grid       the tiles the image was cut into
 * @param errors     the tiles that failed and were treated as background, in tile order
 * @param stats      where the time went
 * @param originals  each footprint's outline before regularization (as traced on the model's pixel grid, merged
 *                   across seams), in the same map coordinates, by footprint id; a footprint may lack one
 */
public record ExtractionResult(List<Footprint> footprints, Crs crs, Georeferencing georef, TileGrid grid,
                               List<TileError> errors, PipelineStats stats,
                               java.util.Map<Long, org.locationtech.jts.geom.Polygon> originals) {
    public ExtractionResult {
        footprints = List.copyOf(footprints);
        originals = java.util.Map.copyOf(originals);
        errors = List.copyOf(errors);
        Objects.requireNonNull(georef, "georef");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(stats, "stats");
    }

    /** A result without original outlines. */
    public ExtractionResult(List<Footprint> footprints, Crs crs, Georeferencing georef, TileGrid grid,
                            List<TileError> errors, PipelineStats stats) {
        this(footprints, crs, georef, grid, errors, stats, java.util.Map.of());
    }
}
