package org.roofline.app.review;

import java.util.ArrayList;
import java.util.List;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Accepts every pending footprint of the whole model whose confidence is at least a threshold, however many: one
 * command, one persistence call, one undo. Footprints already decided (accepted, rejected, edited) and those of
 * unknown confidence are left alone.
 */
public final class AcceptAboveConfidence extends FootprintCommand {

    private final double threshold;

    public AcceptAboveConfidence(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("confidence threshold must be in [0, 1], was " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    protected Change compute(ReviewModel m) {
        List<Long> ids = new ArrayList<>();
        for (Footprint f : m.footprints()) {
            if (f.status() == ReviewStatus.PENDING && f.confidence() >= threshold) {
                ids.add(f.id());
            }
        }
        return new Change(SetStatus.withStatus(m, ids, ReviewStatus.ACCEPTED), List.of());
    }

    @Override
    public String description() {
        return "Accept pending footprints with confidence \u2265 " + threshold;
    }
}
