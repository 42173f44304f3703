package org.roofline.geometry.regularize;

import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/**
 * A regularization tolerance chosen for one building from its own traced outline, so that the same defaults serve
 * fine drone masks and coarse satellite masks, clean human masks and noisy network output.
 *
 * <p><b>Rule.</b> The outline is first regularized at a {@linkplain #PROVISIONAL provisional tolerance}; its
 * {@linkplain EdgeNoiseEstimator edge noise} {@code noise} is measured against that result; then
 * {@code tolerance = clamp(GAIN * noise + OFFSET, MIN, min(MAX, SIZE * sqrt(area)))} with {@code area} the outline's
 * area (all in the outline's units, pixels for a traced mask). The noisier the walls, the further the result may stray
 * from the traced outline to find straight walls; a small building is never given a tolerance that would swallow its
 * own corners. An outline whose noise cannot be told (too small) keeps the provisional result's tolerance, bounded
 * the same way. The constants were calibrated on the Kampala masks of the real-mask benchmark
 * ({@code roofline bench quality}, see docs/quality.md) and checked on its Banepa masks.
 *
 * <p>Guarantee: the tolerance lies in {@code [MIN, MAX]} and is at most {@code SIZE * sqrt(area)} unless that is below
 * {@code MIN}. Cost: up to two regularizations a building. Known limits: noise with bumps longer than a wall is taken
 * for shape; a building of many short walls reads as noisier than it is.
 */
public final class AdaptiveTolerance {

    /** The tolerance of the first regularization, against which the edge noise is measured. */
    public static final double PROVISIONAL = 5;
    public static final double GAIN = 12;
    public static final double OFFSET = -0.5;
    public static final double MIN = 2.5;
    public static final double MAX = 14;
    public static final double SIZE = 0.15;

    private AdaptiveTolerance() {
    }

    /** The largest tolerance allowed for a building of this area. */
    static double upperBound(double area) {
        return Math.max(MIN, Math.min(MAX, SIZE * Math.sqrt(area)));
    }

    /** The tolerance for a measured edge noise (NaN: unknown) and area. */
    static double forNoise(double noise, double area) {
        double t = Double.isNaN(noise) ? PROVISIONAL : GAIN * noise + OFFSET;
        return Math.min(upperBound(area), Math.max(MIN, t));
    }

    /**
     * The tolerance for an outline under the given parameters' method (its own tolerance setting is ignored).
     *
     * @param frame the image's or tile's extent, or null (see {@link BuildingRegularizer#apply(org.locationtech.jts.geom.Geometry, Envelope)})
     */
    public static double of(Polygon outline, RegularizationParameters parameters, Envelope frame) {
        Objects.requireNonNull(outline, "outline");
        Objects.requireNonNull(parameters, "parameters");
        BuildingRegularizer.Outline prepared = new BuildingRegularizer.Outline(outline);
        double provisional = provisional(prepared.area());
        Polygon reference = new BuildingRegularizer(parameters.withTolerance(provisional)).regularize(prepared, frame)
                .polygon();
        return forReference(prepared.shell().ring(), reference, prepared.area());
    }

    /** The provisional tolerance for a building of this area. */
    static double provisional(double area) {
        return Math.min(PROVISIONAL, upperBound(area));
    }

    /** The tolerance for an outline (its shell and area) given its fit at the provisional tolerance. */
    static double forReference(RingGeometry shell, Polygon reference, double area) {
        return forNoise(EdgeNoiseEstimator.estimate(shell, reference), area);
    }

    /** {@link #of(Polygon, RegularizationParameters, Envelope)} for the right-angles method and no frame. */
    public static double of(Polygon outline) {
        return of(outline, RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES), null);
    }
}
