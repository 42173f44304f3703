package org.roofline.geometry.conflate;

import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * The shift between a reference map and the imagery its footprints were extracted from, as {@link OffsetEstimator}
 * estimates it: adding (dx, dy) to the reference puts it on the footprints. Units are the CRS's.
 *
 * @param dx            the shift along x (east)
 * @param dy            the shift along y (north, in a projected CRS)
 * @param pairs         the number of one-to-one pairs it was estimated from
 * @param standardError the 1-sigma uncertainty of each component: the robust spread of the pairs' own shifts
 *                      (1.4826 times their median absolute deviation from the estimate) times 1.2533 over the square
 *                      root of the number of pairs (the standard error of a median); NaN without pairs
 * @param iouBefore     the mean IoU of the pairs as given
 * @param iouAfter      the mean IoU of the pairs with the reference shifted
 */
public record ImageryOffset(double dx, double dy, int pairs, double standardError, double iouBefore,
        double iouAfter) {

    /** Fewer pairs than this never make a {@linkplain #significant() significant} offset. */
    public static final int MIN_PAIRS = 5;

    /** No shift: too few pairs to estimate one. */
    public static ImageryOffset none(int pairs) {
        return new ImageryOffset(0, 0, pairs, Double.NaN, 0, 0);
    }

    /** @return the length of the shift */
    public double length() {
        return Math.hypot(dx, dy);
    }

    /**
     * @return whether the shift is worth applying: estimated from at least {@value #MIN_PAIRS} pairs, longer than
     *         three standard errors, and raising the pairs' mean IoU
     */
    public boolean significant() {
        return pairs >= MIN_PAIRS && length() > 3 * standardError && iouAfter > iouBefore;
    }

    /** @return the geometry moved by the shift (a copy; the reference onto the footprints) */
    public Geometry applyTo(Geometry geometry) {
        return AffineTransformation.translationInstance(dx, dy).transform(geometry);
    }

    /** @return the opposite shift (the footprints onto the reference) */
    public ImageryOffset inverse() {
        return new ImageryOffset(-dx, -dy, pairs, standardError, iouBefore, iouAfter);
    }

    /** @return {@code offset dx 1.02, dy -0.48 (± 0.03) from 812 pairs, mean IoU 0.71 -> 0.88} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "offset dx %.2f, dy %.2f (± %.2f) from %d pairs, mean IoU %.2f -> %.2f",
                dx, dy, standardError, pairs, iouBefore, iouAfter);
    }
}
