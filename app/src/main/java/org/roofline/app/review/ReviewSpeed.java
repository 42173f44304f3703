package org.roofline.app.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * How fast the user reviews: footprints decided per minute over a sliding window (5 minutes by default), for the
 * status bar. Fed with the number of decided footprints (accepted, rejected or edited) each time it may have
 * changed; only increases count, so undoing does not make the speed negative.
 */
public final class ReviewSpeed {

    private record Mark(Instant at, long decisions) {
    }

    private final Clock clock;
    private final Duration window;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    private long lastDecided = -1;

    public ReviewSpeed(Clock clock, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.window = window;
    }

    public ReviewSpeed(Clock clock) {
        this(clock, Duration.ofMinutes(5));
    }

    /** Records the current number of decided footprints. */
    public void update(long decided) {
        Instant now = clock.instant();
        if (lastDecided >= 0 && decided > lastDecided) {
            marks.addLast(new Mark(now, decided - lastDecided));
        }
        lastDecided = decided;
        prune(now);
    }

    /**
     * Decisions per minute over the window, measured from the first decision in it (so the first minutes are not
     * diluted); 0 before two decisions.
     */
    public double perMinute() {
        Instant now = clock.instant();
        prune(now);
        if (marks.isEmpty()) {
            return 0;
        }
        long sum = marks.stream().mapToLong(Mark::decisions).sum();
        double minutes = Math.max(Duration.between(marks.peekFirst().at(), now).toMillis(), 10_000) / 60_000.0;
        return sum / minutes;
    }

    private void prune(Instant now) {
        while (!marks.isEmpty() && marks.peekFirst().at().isBefore(now.minus(window))) {
            marks.removeFirst();
        }
    }

    /** Footprints that are accepted, rejected or edited. */
    public static long decided(ReviewModel m) {
        return m.size() - m.count(org.roofline.geometry.footprint.ReviewStatus.PENDING);
    }
}
