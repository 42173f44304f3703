package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReviewSpeedTest {

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void decisionsPerMinuteOverTheWindow() {
        Hand clock = new Hand();
        ReviewSpeed s = new ReviewSpeed(clock, Duration.ofMinutes(5));
        s.record(0);
        assertEquals(0, s.perMinute());
        for (int k = 1; k <= 30; k++) {
            clock.now = clock.now.plusSeconds(4);
            s.record(1); // one decision every 4 s = 15 per minute
        }
        assertEquals(30 / (116 / 60.0), s.perMinute(), 1e-9); // 30 decisions since the first, 116 s ago
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertEquals(0, s.perMinute(), "nothing in the last five minutes");
    }

    @Test
    void reDecidingCountsAndUndoAndMovesDoNot() {
        Hand clock = new Hand();
        ReviewModel m = ReviewModel.of(java.util.List.of(Fixtures.fp(1, Fixtures.rect(0, 0, 10, 10), 0.5),
                Fixtures.fp(2, Fixtures.rect(20, 0, 10, 10), 0.5)), 100, ReviewPersistence.NONE, clock);
        UndoStack u = new UndoStack(m);
        ReviewSpeed s = new ReviewSpeed(clock, Duration.ofMinutes(5));
        u.addExecutedListener(c -> s.record(c.decisions()));
        java.time.Instant start = clock.now;
        java.util.List<ReviewCommand> steps = java.util.List.of(SetStatus.accept(1L, 2L),
                SetStatus.reject(1L), // changing one's mind is a decision
                SetStatus.reject(1L), // so is confirming it
                new MoveFootprints(java.util.List.of(2L), 1, 1), // not a decision
                new EditGeometry(2L, Fixtures.rect(20, 0, 12, 10))); // an edit is one
        for (ReviewCommand c : steps) {
            clock.now = clock.now.plusSeconds(1);
            u.execute(c);
        }
        u.undo(); // records nothing
        u.redo(); // nor does redo
        clock.now = start.plusSeconds(61); // a minute after the first decision
        assertEquals(5, s.perMinute(), 1e-9, "2 + 1 + 1 + 1 decisions in a minute");
    }
}
