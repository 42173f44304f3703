package org.roofline.app.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * How fast the user reviews: decisions per minute over a sliding window (5 minutes by default), for the status bar.
 * Fed with every decision as it is made ({@link #record}, see {@link ReviewCommand#decisions()}): re-deciding a
 * footprint already decided counts as much as deciding a pending one, and undoing records nothing (so the speed
 * never goes negative).
 */
public final class ReviewSpeed {

    private record Mark(Instant at, long decisions) {
    }

    private final Clock clock;
    private final Duration window;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();

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

    /** Records {@code decisions} decisions made now (0 records nothing). */
    public void record(int decisions) {
        if (decisions < 0) {
            throw new IllegalArgumentException("decisions must be >= 0, was " + decisions);
        }
        Instant now = clock.instant();
        if (decisions > 0) {
            marks.addLast(new Mark(now, decisions));
        }
        prune(now);
    }

    /**
     * Decisions per minute over the window, measured from the first decision in it (so the first minutes are not
     * diluted, and at least 10 s); 0 without a decision in the window.
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
}
