package org.roofline.app.review;

import java.util.List;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Keeps a reference building as the map has it ({@link ReferenceState#KEPT}) and, when a footprint is given, rejects
 * that footprint as its duplicate. Undo puts both back.
 */
public final class KeepReference extends ReviewCommand {

    private final long referenceId;
    private final Long footprintId;

    /** @param footprintId the duplicate footprint to reject, or null */
    public KeepReference(long referenceId, Long footprintId) {
        this.referenceId = referenceId;
        this.footprintId = footprintId;
    }

    /**
     * Keep for a footprint: its one-to-one partner in the reference is kept, the footprint rejected.
     *
     * @throws IllegalArgumentException when the footprint matches no reference building one to one
     */
    public static KeepReference of(ReviewModel m, long footprintId) {
        Long ref = m.partnerReference(footprintId);
        if (ref == null) {
            throw new IllegalArgumentException("footprint " + footprintId + " matches no reference building "
                    + "(class " + ReplaceReference.label(m, footprintId) + "): nothing to keep");
        }
        return new KeepReference(ref, footprintId);
    }

    @Override
    protected Change compute(ReviewModel m) {
        ReferenceBuilding r = m.reference(referenceId);
        if (r == null) {
            throw new IllegalArgumentException("no reference building " + referenceId);
        }
        List<org.roofline.geometry.footprint.Footprint> rejected = footprintId == null ? List.of()
                : SetStatus.withStatus(m, existing(m, List.of(footprintId)), ReviewStatus.REJECTED);
        return new Change(rejected, List.of(), List.of(r.withState(ReferenceState.KEPT, null)));
    }

    @Override
    public String description() {
        return "Keep reference building " + referenceId + (footprintId == null ? ""
                : " (reject footprint " + footprintId + ")");
    }
}
