package org.roofline.app.review;

import java.util.ArrayList;
import java.util.List;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Accepts every pending footprint of the whole model whose confidence lies in a range (at least a threshold, and at
 * most an upper bound, 1 by default), however many: one command, one persistence call, one undo. Footprints already
 * decided (accepted, rejected, edited) and those of unknown confidence are left alone.
 */
public final class AcceptAboveConfidence extends ReviewCommand {

    private final double threshold;
    private final double upper;

    /** Accepts pending footprints with confidence in {@code [threshold, 1]}. */
    public AcceptAboveConfidence(double threshold) {
        this(threshold, 1);
    }

    /** Accepts pending footprints with confidence in {@code [low, high]}. */
    public AcceptAboveConfidence(double low, double high) {
        if (!(low >= 0 && low <= 1) || !(high >= 0 && high <= 1)) {
            throw new IllegalArgumentException("confidence bounds must be in [0, 1], were " + low + " and " + high);
        }
        if (low > high) {
            throw new IllegalArgumentException("confidence range is empty: " + low + " > " + high);
        }
        this.threshold = low;
        this.upper = high;
    }

    /** How many pending footprints of a model this command would accept now. */
    public static long countPending(ReviewModel m, double low, double high) {
        return m.footprints().stream().filter(f -> f.status() == ReviewStatus.PENDING
                && f.confidence() >= low && f.confidence() <= high).count();
    }

    @Override
    protected Change compute(ReviewModel m) {
        List<Long> ids = new ArrayList<>();
        for (Footprint f : m.footprints()) {
            if (f.status() == ReviewStatus.PENDING && f.confidence() >= threshold
                    && f.confidence() <= upper) {
                ids.add(f.id());
            }
        }
        return new Change(SetStatus.withStatus(m, ids, ReviewStatus.ACCEPTED), List.of());
    }

    @Override
    public String description() {
        return upper >= 1 ? "Accept pending footprints with confidence \u2265 " + threshold
                : "Accept pending footprints with confidence in [" + threshold + ", " + upper + "]";
    }
}
