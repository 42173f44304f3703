package org.roofline.geometry.postprocess;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.roofline.geometry.footprint.Footprint;

/**
 * A footprint with the outline it was made from: the building as traced on the raster's pixel edges, before
 * regularization (what a reviewer compares the regularized footprint with).
 *
 * @param footprint the regularized footprint
 * @param traced    the traced outline in the same coordinates: a valid {@code Polygon}, or with 8-connectivity a
 *                  {@code MultiPolygon} whose parts touch at corners; with the method {@code none} the footprint's own
 *                  polygon
 */
public record TracedFootprint(Footprint footprint, Geometry traced) {
    public TracedFootprint {
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(traced, "traced");
    }

    public TracedFootprint withId(long id) {
        return new TracedFootprint(footprint.withId(id), traced);
    }
}
