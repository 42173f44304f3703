package org.roofline.geometry.conflate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link ReferenceMatcher#match}: one {@link Match} per footprint and one per reference building, in
 * the order given, and the thresholds used.
 *
 * @param footprints   per footprint: {@code NEW}, {@code UNCHANGED} or {@code CHANGED}; partners are reference indexes
 * @param references   per reference building: {@code UNCHANGED}, {@code CHANGED} or {@code NOT_FOUND}; partners are
 *                     footprint indexes
 * @param iouThreshold the IoU at or above which a one-to-one pair is unchanged
 * @param minOverlap   the share of the smaller building's area two buildings must share to overlap
 */
public record Conflation(List<Match> footprints, List<Match> references, double iouThreshold, double minOverlap) {

    /** A one-to-one pair: a footprint, its partner reference building, and their IoU. */
    public record Pair(int footprint, int reference, double iou) {
    }

    public Conflation {
        footprints = List.copyOf(footprints);
        references = List.copyOf(references);
    }

    /** @return the footprint's match */
    public Match footprint(int index) {
        return footprints.get(index);
    }

    /** @return the reference building's match */
    public Match reference(int index) {
        return references.get(index);
    }

    /** @return how many footprints and reference buildings have each class (zeros included), in enum order */
    public Map<ChangeClass, Integer> counts() {
        Map<ChangeClass, Integer> counts = new EnumMap<>(ChangeClass.class);
        for (ChangeClass c : ChangeClass.values()) {
            counts.put(c, 0);
        }
        footprints.forEach(m -> counts.merge(m.changeClass(), 1, Integer::sum));
        references.forEach(m -> {
            if (m.changeClass() == ChangeClass.NOT_FOUND) {
                counts.merge(ChangeClass.NOT_FOUND, 1, Integer::sum);
            }
        });
        return counts;
    }

    /**
     * The one-to-one pairs whose group has the given cardinality, in footprint order.
     *
     * @param cardinality {@link Cardinality#ONE_TO_ONE} for the pairs that are alone together (the ones to estimate an
     *                    offset from), or null for every pair
     */
    public List<Pair> pairs(Cardinality cardinality) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < footprints.size(); i++) {
            Match m = footprints.get(i);
            if (m.hasPartner() && (cardinality == null || m.cardinality() == cardinality)) {
                pairs.add(new Pair(i, m.partner(), m.iou()));
            }
        }
        return pairs;
    }

    /** @return the summary line {@code 12 new, 340 unchanged, 25 changed, 7 not_found} */
    @Override
    public String toString() {
        Map<ChangeClass, Integer> c = counts();
        return c.get(ChangeClass.NEW) + " new, " + c.get(ChangeClass.UNCHANGED) + " unchanged, "
                + c.get(ChangeClass.CHANGED) + " changed, " + c.get(ChangeClass.NOT_FOUND) + " not_found";
    }
}
