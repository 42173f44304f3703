package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/** The precision estimate against numbers worked out by hand (Wilson score interval, z = 1.96). */
class PrecisionEstimateTest {

    private static Footprint decided(long id, double confidence, ReviewStatus s) {
        Footprint f = Fixtures.fp(id, Fixtures.rect(id * 20, 0, 10, 10), confidence);
        return s == ReviewStatus.PENDING ? f : s == ReviewStatus.REJECTED
                ? f.withRejection(id % 2 == 0 ? RejectReason.OFFSET : null, Fixtures.NOW)
                : f.withStatus(s, Fixtures.NOW);
    }

    @Test
    void eighteenKeptOfTwenty() {
        // n = 20, p = 0.9, z^2 = 3.8415; denominator 1 + z^2/n = 1.19207
        // centre (0.9 + z^2/40) / 1.19207 = 0.99604 / 1.19207 = 0.83555
        // half 1.95996 / 1.19207 * sqrt(0.9 * 0.1 / 20 + z^2 / 1600) = 1.64416 * sqrt(0.0069010) = 0.13658
        // interval [0.69897, 0.97213]; margin max(0.9 - 0.69897, 0.97213 - 0.9) = 0.20103
        List<Footprint> fps = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < 12; i++) {
            fps.add(decided(id++, 0.85 + i * 0.01, ReviewStatus.ACCEPTED));
        }
        for (int i = 0; i < 6; i++) {
            fps.add(decided(id++, 0.9, ReviewStatus.EDITED));
        }
        fps.add(decided(id++, 0.81, ReviewStatus.REJECTED));
        fps.add(decided(id++, 0.99, ReviewStatus.REJECTED));
        // not decisions about the range: pending, no confidence, below the range
        fps.add(decided(id++, 0.95, ReviewStatus.PENDING));
        fps.add(decided(id++, Double.NaN, ReviewStatus.ACCEPTED));
        fps.add(decided(id++, 0.5, ReviewStatus.REJECTED));

        PrecisionEstimate e = PrecisionEstimate.of(fps, 0.8, 1.0);
        assertEquals(18, e.kept());
        assertEquals(2, e.rejected());
        assertTrue(e.isEstimable());
        assertEquals(0.9, e.precision(), 1e-12);
        assertEquals(0.69897, e.interval()[0], 5e-5);
        assertEquals(0.97213, e.interval()[1], 5e-5);
        assertEquals(0.20103, e.margin(), 5e-5);
        assertEquals("From your 20 decisions: \u2248 90 % \u00b1 20 % of footprints above 0.80 were kept "
                + "(95 % interval 70\u201397 %).", e.sentence());
    }

    @Test
    void noneKeptStillHasAnUpperBound() {
        // p = 0: the interval is [0, z^2 / (n + z^2)] = [0, 3.8415 / 28.8415] = [0, 0.13319] for n = 25
        List<Footprint> fps = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            fps.add(decided(i + 1, 0.1 + i * 0.01, ReviewStatus.REJECTED));
        }
        PrecisionEstimate e = PrecisionEstimate.of(fps, 0.0, 0.5);
        assertEquals(0, e.precision());
        assertEquals(0, e.interval()[0], 1e-12);
        assertEquals(0.13319, e.interval()[1], 5e-5);
        assertTrue(e.sentence().startsWith("From your 25 decisions: \u2248 0 % \u00b1 13 % of footprints between "
                + "0.00 and 0.50"), e.sentence());
    }

    @Test
    void belowTheMinimumNothingIsEstimated() {
        List<Footprint> fps = new ArrayList<>();
        for (int i = 0; i < PrecisionEstimate.MIN_DECISIONS - 1; i++) {
            fps.add(decided(i + 1, 0.9, ReviewStatus.ACCEPTED));
        }
        PrecisionEstimate e = PrecisionEstimate.of(fps, 0.8, 1);
        assertFalse(e.isEstimable());
        assertEquals("Not enough decisions yet to estimate how many footprints above 0.80 are right: 19 of the 20 "
                + "needed.", e.sentence());
    }

    @Test
    void theCurveCountsEachBand() {
        List<Footprint> fps = List.of(decided(1, 0.05, ReviewStatus.REJECTED), decided(2, 0.1, ReviewStatus.ACCEPTED),
                decided(3, 0.95, ReviewStatus.EDITED), decided(4, 1.0, ReviewStatus.ACCEPTED),
                decided(5, 0.99, ReviewStatus.PENDING));
        List<PrecisionEstimate> curve = PrecisionEstimate.curve(fps, 10);
        assertEquals(10, curve.size());
        assertEquals(new PrecisionEstimate(0, 0.1, 0, 1), curve.get(0));
        assertEquals(new PrecisionEstimate(0.1, 0.2, 1, 0), curve.get(1));
        assertEquals(new PrecisionEstimate(0.9, 1.0, 2, 0), curve.get(9), "1.0 falls in the last band");
        assertEquals(4, curve.stream().mapToInt(PrecisionEstimate::decisions).sum());
    }
}
