package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * How far the model can be trusted, from the reviewer's own decisions: among the decided footprints whose confidence
 * lies in a range, the share that was kept (accepted or edited, against rejected), with the 95 % Wilson score
 * interval, which stays honest for small counts and for shares near 0 or 1 (where the normal approximation claims
 * certainty it does not have).
 *
 * <p>Pending footprints and footprints without a confidence (drawn by hand, imported) are not decisions about the
 * model's confidence and are left out. Nothing is estimated from fewer than {@value #MIN_DECISIONS} decisions: with
 * fewer, even the Wilson interval spans most of [0, 1] and a number would only mislead.
 *
 * @param low      the range's lower confidence bound (inclusive)
 * @param high     the range's upper bound (inclusive)
 * @param kept     decided footprints in the range that were accepted or edited
 * @param rejected decided footprints in the range that were rejected
 */
public record PrecisionEstimate(double low, double high, int kept, int rejected) {

    /** The fewest decisions an estimate is made from. */
    public static final int MIN_DECISIONS = 20;
    /** The normal quantile of the 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    public PrecisionEstimate {
        if (kept < 0 || rejected < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** @return the number of decisions the estimate is made from */
    public int decisions() {
        return kept + rejected;
    }

    /** @return whether there are enough decisions ({@value #MIN_DECISIONS}) to show the estimate */
    public boolean isEstimable() {
        return decisions() >= MIN_DECISIONS;
    }

    /** @return the share kept, {@code kept / decisions} (NaN with no decisions) */
    public double precision() {
        return decisions() == 0 ? Double.NaN : (double) kept / decisions();
    }

    /** @return the 95 % Wilson score interval of the precision, {low, high} ({0, 1} with no decisions) */
    public double[] interval() {
        int n = decisions();
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = precision();
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** @return the larger distance from the precision to either end of the interval: the "± E" shown */
    public double margin() {
        double[] i = interval();
        return Math.max(precision() - i[0], i[1] - precision());
    }

    /** Counts the decisions among footprints whose confidence lies in {@code [low, high]}. */
    public static PrecisionEstimate of(Collection<Footprint> footprints, double low, double high) {
        int kept = 0;
        int rejected = 0;
        for (Footprint f : footprints) {
            double c = f.confidence();
            if (Double.isNaN(c) || c < low || c > high) {
                continue;
            }
            if (f.status() == ReviewStatus.ACCEPTED || f.status() == ReviewStatus.EDITED) {
                kept++;
            } else if (f.status() == ReviewStatus.REJECTED) {
                rejected++;
            }
        }
        return new PrecisionEstimate(low, high, kept, rejected);
    }

    /**
     * The curve: one estimate per confidence band {@code [i / bands, (i + 1) / bands)} (the last band closed at 1),
     * estimable or not.
     */
    public static List<PrecisionEstimate> curve(Collection<Footprint> footprints, int bands) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be at least 1, was " + bands);
        }
        int[] kept = new int[bands];
        int[] rejected = new int[bands];
        for (Footprint f : footprints) {
            double c = f.confidence();
            if (Double.isNaN(c) || f.status() == ReviewStatus.PENDING) {
                continue;
            }
            int b = Math.min(bands - 1, (int) Math.floor(c * bands));
            if (f.status() == ReviewStatus.REJECTED) {
                rejected[b]++;
            } else {
                kept[b]++;
            }
        }
        List<PrecisionEstimate> out = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            out.add(new PrecisionEstimate((double) b / bands, (double) (b + 1) / bands, kept[b], rejected[b]));
        }
        return out;
    }

    /**
     * The sentence for the accept-by-confidence dialog, such as "From your 240 decisions: ≈ 96 % ± 3 % of footprints
     * above 0.80 were kept (95 % interval 92–98 %)", or, below the minimum, how many decisions it still needs.
     */
    public String sentence() {
        String range = high >= 1 ? String.format(Locale.ROOT, "above %.2f", low)
                : String.format(Locale.ROOT, "between %.2f and %.2f", low, high);
        if (!isEstimable()) {
            return String.format(Locale.ROOT, "Not enough decisions yet to estimate how many footprints %s are "
                    + "right: %d of the %d needed.", range, decisions(), MIN_DECISIONS);
        }
        double[] i = interval();
        return String.format(Locale.ROOT, "From your %d decisions: \u2248 %.0f %% \u00b1 %.0f %% of footprints %s "
                        + "were kept (95 %% interval %.0f\u2013%.0f %%).", decisions(), 100 * precision(),
                100 * margin(), range, 100 * i[0], 100 * i[1]);
    }
}
