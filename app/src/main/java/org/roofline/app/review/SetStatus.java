package org.roofline.app.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** Sets the review status of one or many footprints (accept, reject), stamped with the model's clock. */
public final class SetStatus extends ReviewCommand {

    private final List<Long> ids;
    private final ReviewStatus status;

    public SetStatus(Collection<Long> ids, ReviewStatus status) {
        this.ids = List.copyOf(ids);
        this.status = Objects.requireNonNull(status, "status");
    }

    public static SetStatus accept(Long... ids) {
        return new SetStatus(List.of(ids), ReviewStatus.ACCEPTED);
    }

    public static SetStatus reject(Long... ids) {
        return new SetStatus(List.of(ids), ReviewStatus.REJECTED);
    }

    @Override
    protected Change compute(ReviewModel m) {
        return new Change(withStatus(m, existing(m, ids), status), List.of());
    }

    static List<Footprint> withStatus(ReviewModel m, Collection<Long> ids, ReviewStatus status) {
        Instant now = m.clock().instant();
        List<Footprint> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            out.add(m.footprint(id).withStatus(status, now));
        }
        return out;
    }

    @Override
    public String description() {
        return verb(status) + " " + plural(ids.size(), "footprint");
    }

    static String verb(ReviewStatus s) {
        return switch (s) {
            case ACCEPTED -> "Accept";
            case REJECTED -> "Reject";
            case EDITED -> "Mark edited";
            case PENDING -> "Reset to pending";
        };
    }
}
