package org.roofline.geometry.merge;

import java.util.Arrays;
import java.util.Objects;
import org.locationtech.jts.geom.Polygon;

/**
 * One building after merging tile candidates.
 *
 * @param polygon the outline
 * @param score   the highest score in the group
 * @param members indices into the input candidate list of the candidates merged into it, ascending; copied on the way
 *                in and out
 * @param kind    how the group was resolved
 */
public record MergedFootprint(Polygon polygon, double score, int[] members, Kind kind) {

    /** How a group of candidates became one footprint. */
    public enum Kind {
        /** A candidate that matched no candidate of another tile, kept as is. */
        SINGLE,
        /** Candidates of overlapping tiles that saw the same building: the best one is kept. */
        DUPLICATE_COLLAPSED,
        /** Parts of a building cut by tile seams: their union, re-regularized. */
        SEAM_UNION
    }

    public MergedFootprint {
        Objects.requireNonNull(polygon, "polygon");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(kind, "kind");
        if (members.length == 0) {
            throw new IllegalArgumentException("a merged footprint needs at least one member");
        }
        members = members.clone();
    }

    /** @return a copy of the member indices, ascending */
    @Override
    public int[] members() {
        return members.clone();
    }

    /** @return the smallest member index (the footprint's position in the output order) */
    public int firstMember() {
        return members[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MergedFootprint m && m.polygon.equalsExact(polygon) && Double.compare(m.score, score) == 0
                && Arrays.equals(m.members, members) && m.kind == kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(polygon.getEnvelopeInternal(), score, Arrays.hashCode(members), kind);
    }

    @Override
    public String toString() {
        return "MergedFootprint[" + kind + ", score " + score + ", members " + Arrays.toString(members) + ", "
                + polygon + "]";
    }
}
