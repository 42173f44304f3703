package org.roofline.app.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Rejects footprints with a reason: those not yet rejected are rejected now (stamped with the model's clock); those
 * already rejected (the plain reject just before, {@code D} then a digit) keep their review time and get the reason,
 * so that giving the reason is not counted as a second decision ({@link ReviewCommand#decisions()}).
 */
public final class RejectWithReason extends ReviewCommand {

    private final List<Long> ids;
    private final RejectReason reason;

    public RejectWithReason(Collection<Long> ids, RejectReason reason) {
        this.ids = List.copyOf(ids);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    protected Change compute(ReviewModel m) {
        Instant now = m.clock().instant();
        List<Footprint> out = new ArrayList<>(ids.size());
        for (long id : existing(m, ids)) {
            Footprint f = m.footprint(id);
            out.add(f.withRejection(reason, f.status() == ReviewStatus.REJECTED && f.reviewedAt() != null
                    ? f.reviewedAt() : now));
        }
        return new Change(out, List.of());
    }

    /** @return the reason given */
    public RejectReason reason() {
        return reason;
    }

    @Override
    public String description() {
        return "Reject " + plural(ids.size(), "footprint") + ": " + reason.label();
    }
}
