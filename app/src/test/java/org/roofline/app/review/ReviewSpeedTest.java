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
    void decisionsPerMinuteOverTheWindowIgnoringUndo() {
        Hand clock = new Hand();
        ReviewSpeed s = new ReviewSpeed(clock, Duration.ofMinutes(5));
        s.update(0);
        assertEquals(0, s.perMinute());
        for (int k = 1; k <= 30; k++) {
            clock.now = clock.now.plusSeconds(4);
            s.update(k); // one decision every 4 s = 15 per minute
        }
        assertEquals(30 / (116 / 60.0), s.perMinute(), 1e-9); // 30 decisions since the first, 116 s ago
        s.update(25); // undo five: not negative
        clock.now = clock.now.plusSeconds(4);
        s.update(26);
        assertEquals(31 / (120 / 60.0), s.perMinute(), 1e-9);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertEquals(0, s.perMinute(), "nothing in the last five minutes");
    }
}
