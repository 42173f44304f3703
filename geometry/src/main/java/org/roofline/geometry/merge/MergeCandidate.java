package org.roofline.geometry.merge;

import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/**
 * One footprint found in one tile, to be merged with those of overlapping tiles by {@link SeamMerger}.
 *
 * @param polygon  the outline in the scene's coordinates: a non-empty polygon of positive area, assumed valid
 * @param score    the model's confidence (or any larger-is-better score), finite
 * @param tileId   the tile it was found in; candidates of the same tile are never merged with each other
 * @param tileCore the extent of that tile (or its core, the part it is responsible for) in the same coordinates, or
 *                 null when unknown; used to tell whether the candidate reaches the tile's edge. Copied on the way in
 *                 and out, so the record stays immutable.
 */
public record MergeCandidate(Polygon polygon, double score, int tileId, Envelope tileCore) {

    public MergeCandidate {
        Objects.requireNonNull(polygon, "polygon");
        if (polygon.isEmpty() || !(polygon.getArea() > 0)) {
            throw new IllegalArgumentException("candidate polygon must have a positive area");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, was " + score);
        }
        if (tileCore != null) {
            if (tileCore.isNull()) {
                throw new IllegalArgumentException("tile core must be null or a non-empty envelope");
            }
            tileCore = new Envelope(tileCore);
        }
    }

    /** A candidate whose tile extent is unknown: it can merge as a duplicate but not as a seam part. */
    public static MergeCandidate of(Polygon polygon, double score, int tileId) {
        return new MergeCandidate(polygon, score, tileId, null);
    }

    /** @return a copy of the tile core, or null */
    @Override
    public Envelope tileCore() {
        return tileCore == null ? null : new Envelope(tileCore);
    }
}
