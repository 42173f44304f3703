package org.roofline.app.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** Sets the status of every pending footprint in the current tile (as it is when first applied). */
public final class BulkSetStatus extends ReviewCommand {

    private final ReviewStatus status;
    private int count = -1;

    public BulkSetStatus(ReviewStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    protected Change compute(ReviewModel m) {
        if (m.currentTile() < 0) {
            throw new IllegalStateException("no current tile");
        }
        List<Long> ids = new ArrayList<>();
        for (Footprint f : m.footprintsInTile(m.currentTile())) {
            if (f.status() == ReviewStatus.PENDING) {
                ids.add(f.id());
            }
        }
        count = ids.size();
        return new Change(SetStatus.withStatus(m, ids, status), List.of());
    }

    @Override
    public String description() {
        return SetStatus.verb(status) + (count < 0 ? " pending footprints of the tile"
                : " " + plural(count, "pending footprint") + " of the tile");
    }
}
