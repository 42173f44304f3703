package org.roofline.app.review;

import java.util.List;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Replaces a reference building's geometry with an extracted footprint's: the reference building becomes {@link
 * ReferenceState#REPLACED} by the footprint (it keeps its id and attributes, so the change file modifies it rather
 * than adding a building), and the footprint is accepted (an edited one stays edited). Undo puts both back.
 */
public final class ReplaceReference extends ReviewCommand {

    private final long referenceId;
    private final long footprintId;

    public ReplaceReference(long referenceId, long footprintId) {
        this.referenceId = referenceId;
        this.footprintId = footprintId;
    }

    /**
     * The replace for a footprint: its one-to-one partner in the reference.
     *
     * @throws IllegalArgumentException when the footprint matches no reference building one to one
     */
    public static ReplaceReference of(ReviewModel m, long footprintId) {
        Long ref = m.partnerReference(footprintId);
        if (ref == null) {
            throw new IllegalArgumentException("footprint " + footprintId + " matches no reference building "
                    + "(class " + label(m, footprintId) + "): nothing to replace");
        }
        return new ReplaceReference(ref, footprintId);
    }

    static String label(ReviewModel m, long footprintId) {
        var c = m.changeClass(footprintId);
        return c == null ? "none, no reference layer" : c.label();
    }

    @Override
    protected Change compute(ReviewModel m) {
        ReferenceBuilding r = m.reference(referenceId);
        if (r == null) {
            throw new IllegalArgumentException("no reference building " + referenceId);
        }
        existing(m, List.of(footprintId));
        Footprint f = m.footprint(footprintId);
        Footprint kept = f.status() == ReviewStatus.EDITED || f.status() == ReviewStatus.ACCEPTED ? f
                : f.withStatus(ReviewStatus.ACCEPTED, m.clock().instant());
        return new Change(kept == f ? List.of() : List.of(kept), List.of(),
                List.of(r.withState(ReferenceState.REPLACED, footprintId)));
    }

    @Override
    public String description() {
        return "Replace reference building " + referenceId + " with footprint " + footprintId;
    }
}
