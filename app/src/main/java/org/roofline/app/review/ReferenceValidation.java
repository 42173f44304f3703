package org.roofline.app.review;

import java.util.ArrayList;
import java.util.List;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Validation against the reference map: a footprint classed {@code new} that still shares area with a reference
 * building (less than the matcher's overlap share, so not matched, yet on top of a building the map has): adding it
 * would put two buildings on one spot. Rejected footprints are never flagged.
 */
public final class ReferenceValidation {

    private ReferenceValidation() {
    }

    /** @return the reference buildings a footprint overlaps although it is new, ascending; empty if it is fine */
    public static List<Long> overlappedReferences(ReviewModel m, long footprintId) {
        Footprint f = m.footprint(footprintId);
        if (f == null || f.status() == ReviewStatus.REJECTED || m.changeClass(footprintId) != ChangeClass.NEW) {
            return List.of();
        }
        return m.referencesOverlapping(f.polygon());
    }

    /** @return the ids of every new footprint overlapping a reference building, in the model's order */
    public static List<Long> newOverlapping(ReviewModel m) {
        List<Long> out = new ArrayList<>();
        for (Footprint f : m.footprints()) {
            if (!overlappedReferences(m, f.id()).isEmpty()) {
                out.add(f.id());
            }
        }
        return out;
    }
}
