package org.roofline.geometry.synthetic;

/**
 * What {@link SyntheticMaskGenerator} draws: scene size, number of buildings, seed and noise knobs. Probabilities are
 * in [0, 1].
 *
 * @param width                   mask width in pixels, positive
 * @param height                  mask height in pixels, positive
 * @param buildings               number of ground-truth buildings, zero or more, at most
 *                                {@code floor(width / 16) * floor(height / 16)} (each needs a grid cell of at least
 *                                {@value #MIN_CELL_SIZE} x {@value #MIN_CELL_SIZE} px)
 * @param seed                    the random seed: the same spec always gives the same scene
 * @param boundaryFlipProbability chance that a boundary pixel is flipped: a foreground pixel with a background
 *                                4-neighbour is removed, a background pixel with a foreground 4-neighbour added
 * @param bumpProbability         chance, per boundary pixel, of a 2-pixel bump (outside) or dent (inside) instead
 * @param pinholeProbability      chance that a building gets a pinhole of 1 or 2 background pixels inside it
 * @param specklePerMegapixel     false-positive blobs of 1 to 6 pixels per million pixels, scattered over the scene,
 *                                zero or more
 * @param touchingFraction        share of buildings that are one of a pair of attached buildings sharing a wall
 * @param courtyardFraction       chance that a building is a large rectangle with a rectangular courtyard hole
 * @param axisAlignedFraction     chance that a building is axis-aligned within 3 degrees (else rotated uniformly)
 */
public record SyntheticMaskSpec(int width, int height, int buildings, long seed, double boundaryFlipProbability,
                                double bumpProbability, double pinholeProbability, double specklePerMegapixel,
                                double touchingFraction, double courtyardFraction, double axisAlignedFraction) {

    /** Smallest grid cell, in pixels, that holds a building with a margin. */
    public static final int MIN_CELL_SIZE = 16;

    public static final int DEFAULT_SIZE = 4096;
    public static final int DEFAULT_BUILDINGS = 10_000;
    public static final long DEFAULT_SEED = 20240611L;
    public static final double DEFAULT_BOUNDARY_FLIP_PROBABILITY = 0.2;
    public static final double DEFAULT_BUMP_PROBABILITY = 0.03;
    public static final double DEFAULT_PINHOLE_PROBABILITY = 0.15;
    public static final double DEFAULT_SPECKLE_PER_MEGAPIXEL = 200;
    public static final double DEFAULT_TOUCHING_FRACTION = 0.10;
    public static final double DEFAULT_COURTYARD_FRACTION = 0.08;
    public static final double DEFAULT_AXIS_ALIGNED_FRACTION = 0.40;

    public SyntheticMaskSpec {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("scene size must be positive, was " + width + " x " + height);
        }
        if (buildings < 0) {
            throw new IllegalArgumentException("number of buildings must not be negative, was " + buildings);
        }
        if (buildings > 0 && (long) (width / MIN_CELL_SIZE) * (height / MIN_CELL_SIZE) < buildings) {
            throw new IllegalArgumentException(buildings + " buildings do not fit in " + width + " x " + height
                    + ": each needs a grid cell of at least " + MIN_CELL_SIZE + " x " + MIN_CELL_SIZE + " px");
        }
        checkProbability("boundary flip probability", boundaryFlipProbability);
        checkProbability("bump probability", bumpProbability);
        if (boundaryFlipProbability + bumpProbability > 1) {
            throw new IllegalArgumentException("boundary flip and bump probabilities must not add up to more than 1, were "
                    + boundaryFlipProbability + " + " + bumpProbability);
        }
        checkProbability("pinhole probability", pinholeProbability);
        if (!(specklePerMegapixel >= 0) || Double.isInfinite(specklePerMegapixel)) {
            throw new IllegalArgumentException("speckle density must be zero or a positive number, was "
                    + specklePerMegapixel);
        }
        checkProbability("touching fraction", touchingFraction);
        checkProbability("courtyard fraction", courtyardFraction);
        checkProbability("axis-aligned fraction", axisAlignedFraction);
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + p);
        }
    }

    /** The benchmark scene: 4096 x 4096 pixels, 10,000 buildings, default noise. */
    public static SyntheticMaskSpec defaults() {
        return of(DEFAULT_SIZE, DEFAULT_SIZE, DEFAULT_BUILDINGS, DEFAULT_SEED);
    }

    /** A scene of the given size and number of buildings with the default noise. */
    public static SyntheticMaskSpec of(int width, int height, int buildings, long seed) {
        return new SyntheticMaskSpec(width, height, buildings, seed, DEFAULT_BOUNDARY_FLIP_PROBABILITY,
                DEFAULT_BUMP_PROBABILITY, DEFAULT_PINHOLE_PROBABILITY, DEFAULT_SPECKLE_PER_MEGAPIXEL,
                DEFAULT_TOUCHING_FRACTION, DEFAULT_COURTYARD_FRACTION, DEFAULT_AXIS_ALIGNED_FRACTION);
    }

    /**
     * @return this spec without pixel noise (no flips, bumps, pinholes or speckle); attached pairs keep the 1-pixel
     *         gap that separates them in the mask
     */
    public SyntheticMaskSpec withoutNoise() {
        return new SyntheticMaskSpec(width, height, buildings, seed, 0, 0, 0, 0, touchingFraction,
                courtyardFraction, axisAlignedFraction);
    }

    public SyntheticMaskSpec withSeed(long s) {
        return new SyntheticMaskSpec(width, height, buildings, s, boundaryFlipProbability, bumpProbability,
                pinholeProbability, specklePerMegapixel, touchingFraction, courtyardFraction, axisAlignedFraction);
    }

    public SyntheticMaskSpec withBoundaryNoise(double flipProbability, double bump) {
        return new SyntheticMaskSpec(width, height, buildings, seed, flipProbability, bump, pinholeProbability,
                specklePerMegapixel, touchingFraction, courtyardFraction, axisAlignedFraction);
    }

    public SyntheticMaskSpec withPinholeProbability(double p) {
        return new SyntheticMaskSpec(width, height, buildings, seed, boundaryFlipProbability, bumpProbability, p,
                specklePerMegapixel, touchingFraction, courtyardFraction, axisAlignedFraction);
    }

    public SyntheticMaskSpec withSpecklePerMegapixel(double density) {
        return new SyntheticMaskSpec(width, height, buildings, seed, boundaryFlipProbability, bumpProbability,
                pinholeProbability, density, touchingFraction, courtyardFraction, axisAlignedFraction);
    }

    public SyntheticMaskSpec withTouchingFraction(double f) {
        return new SyntheticMaskSpec(width, height, buildings, seed, boundaryFlipProbability, bumpProbability,
                pinholeProbability, specklePerMegapixel, f, courtyardFraction, axisAlignedFraction);
    }

    public SyntheticMaskSpec withCourtyardFraction(double f) {
        return new SyntheticMaskSpec(width, height, buildings, seed, boundaryFlipProbability, bumpProbability,
                pinholeProbability, specklePerMegapixel, touchingFraction, f, axisAlignedFraction);
    }

    public SyntheticMaskSpec withAxisAlignedFraction(double f) {
        return new SyntheticMaskSpec(width, height, buildings, seed, boundaryFlipProbability, bumpProbability,
                pinholeProbability, specklePerMegapixel, touchingFraction, courtyardFraction, f);
    }
}
