package org.roofline.geometry.regularize;

import java.util.Objects;

/**
 * Settings of a {@link BuildingRegularizer}. Distances are in the units of the input coordinates (pixels in the
 * post-processor).
 *
 * @param method                the regularization method
 * @param tolerance             largest allowed Hausdorff distance between the result and the input outline
 * @param minEdgeLength         edges shorter than this are removed (jogs, chamfers) where the tolerance allows
 * @param angleToleranceDegrees an edge within this angle of an allowed direction is snapped to it
 * @param circleCompactness     compactness 4&pi;A/P&sup2; above which a building is tried as a circle (&gt; 1
 *                              disables the automatic choice)
 * @param adaptiveTolerance     when true, each building's tolerance is chosen from its own outline
 *                              ({@link AdaptiveTolerance}) and {@code tolerance} is not used
 */
public record RegularizationParameters(RegularizationMethod method, double tolerance, double minEdgeLength,
                                       double angleToleranceDegrees, double circleCompactness,
                                       boolean adaptiveTolerance) {

    public static final double DEFAULT_TOLERANCE = 3.0;
    public static final double DEFAULT_MIN_EDGE_LENGTH = 3.0;
    public static final double DEFAULT_ANGLE_TOLERANCE = 20.0;
    public static final double DEFAULT_CIRCLE_COMPACTNESS = 0.92;

    public RegularizationParameters {
        Objects.requireNonNull(method, "method");
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a positive number, was " + tolerance);
        }
        if (!(minEdgeLength >= 0) || Double.isInfinite(minEdgeLength)) {
            throw new IllegalArgumentException("minimum edge length must be zero or positive, was " + minEdgeLength);
        }
        if (!(angleToleranceDegrees >= 0 && angleToleranceDegrees <= 45)) {
            throw new IllegalArgumentException("angle tolerance must be within 0..45 degrees, was " + angleToleranceDegrees);
        }
        if (!(circleCompactness > 0)) {
            throw new IllegalArgumentException("circle compactness must be positive, was " + circleCompactness);
        }
    }

    /** Default parameters for a method (a fixed tolerance of {@value #DEFAULT_TOLERANCE}). */
    public static RegularizationParameters defaults(RegularizationMethod method) {
        return new RegularizationParameters(method, DEFAULT_TOLERANCE, DEFAULT_MIN_EDGE_LENGTH,
                DEFAULT_ANGLE_TOLERANCE, DEFAULT_CIRCLE_COMPACTNESS, false);
    }

    /** These parameters with each building's tolerance chosen from its outline ({@link AdaptiveTolerance}). */
    public RegularizationParameters withAdaptiveTolerance() {
        return new RegularizationParameters(method, tolerance, minEdgeLength, angleToleranceDegrees,
                circleCompactness, true);
    }

    public RegularizationParameters withMethod(RegularizationMethod m) {
        return new RegularizationParameters(m, tolerance, minEdgeLength, angleToleranceDegrees, circleCompactness,
                adaptiveTolerance);
    }

    /** These parameters with a fixed tolerance (adaptive tolerance off). */
    public RegularizationParameters withTolerance(double t) {
        return new RegularizationParameters(method, t, minEdgeLength, angleToleranceDegrees, circleCompactness, false);
    }

    public RegularizationParameters withMinEdgeLength(double l) {
        return new RegularizationParameters(method, tolerance, l, angleToleranceDegrees, circleCompactness,
                adaptiveTolerance);
    }

    public RegularizationParameters withAngleTolerance(double degrees) {
        return new RegularizationParameters(method, tolerance, minEdgeLength, degrees, circleCompactness,
                adaptiveTolerance);
    }
}
