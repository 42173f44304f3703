package org.roofline.geometry.conflate;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of matching for one footprint, or for one reference building.
 *
 * @param changeClass its class; a footprint is never {@link ChangeClass#NOT_FOUND}, a reference building never
 *                    {@link ChangeClass#NEW}
 * @param cardinality the shape of its group of overlapping buildings ({@link Cardinality#NONE} when alone)
 * @param partner     the index, on the other side, of its one-to-one partner (best IoU first within the group), or
 *                    -1 when it has none (alone, or every overlapping building was taken by a better pair)
 * @param iou         the IoU with the partner, 0 without one
 * @param overlaps    the indexes, on the other side, of every building it overlaps, ascending
 */
public record Match(ChangeClass changeClass, Cardinality cardinality, int partner, double iou, List<Integer> overlaps) {
    public Match {
        Objects.requireNonNull(changeClass, "changeClass");
        Objects.requireNonNull(cardinality, "cardinality");
        overlaps = List.copyOf(overlaps);
        if (partner < -1) {
            throw new IllegalArgumentException("partner must be an index or -1, not " + partner);
        }
        if (!(iou >= 0 && iou <= 1)) {
            throw new IllegalArgumentException("iou must be in [0, 1], not " + iou);
        }
    }

    /** @return whether it has a one-to-one partner */
    public boolean hasPartner() {
        return partner >= 0;
    }
}
