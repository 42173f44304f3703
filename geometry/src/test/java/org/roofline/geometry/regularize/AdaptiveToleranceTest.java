package org.roofline.geometry.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.metrics.PolygonMetrics;
import org.roofline.geometry.synthetic.EdgeNoise;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/** The edge-noise estimate and the tolerance chosen from it, on traced masks of known shapes and noise. */
class AdaptiveToleranceTest {

    /** The traced outline of a shape rasterized at 1 px and given edge noise of the amplitude. */
    private static Polygon traced(int kind, double size, double degrees, double noise, long seed) {
        Polygon shape = ShapeFixtures.placed(ShapeFixtures.shape(kind, size, size * 0.7), degrees, 150, 150);
        BitMask clean = ShapeFixtures.rasterize(shape, 300, 300, 0, new Random(seed));
        BitMask mask = noise > 0 ? EdgeNoise.apply(clean, noise, 3, seed) : clean;
        Polygon largest = null;
        for (VectorizedShape s : MaskVectorizer.vectorize(mask)) {
            for (int i = 0; i < s.geometry().getNumGeometries(); i++) {
                Geometry g = s.geometry().getGeometryN(i);
                if (g instanceof Polygon p && (largest == null || p.getArea() > largest.getArea())) {
                    largest = p;
                }
            }
        }
        return largest;
    }

    /** The edge noise of an outline against its regularization at the provisional tolerance. */
    private static double noise(Polygon outline) {
        RegularizationParameters p = RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES)
                .withTolerance(AdaptiveTolerance.PROVISIONAL);
        return EdgeNoiseEstimator.estimate(outline, new BuildingRegularizer(p).apply(outline).polygon());
    }

    private static double meanEstimate(double noise) {
        double sum = 0;
        int n = 0;
        for (int kind = 0; kind < 4; kind++) {
            for (int angle = 0; angle < 90; angle += 17) {
                sum += noise(traced(kind, 160, angle, noise, 1000L * kind + angle));
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void anAxisAlignedPixelOutlineHasNoNoise() {
        assertEquals(0, noise(traced(0, 160, 0, 0, 1)), 1e-9);
        assertEquals(0, noise(traced(1, 160, 90, 0, 1)), 0.05);
    }

    @Test
    void theEstimateGrowsWithTheNoise() {
        double clean = meanEstimate(0);
        double half = meanEstimate(0.5);
        double one = meanEstimate(1);
        double two = meanEstimate(2);
        assertTrue(clean < 0.45, "clean staircases " + clean);
        assertTrue(clean < half && half < one && one < two, clean + " < " + half + " < " + one + " < " + two);
    }

    @Test
    void aTooShortOutlineHasNoEstimateAndGetsTheFallback() {
        Polygon tiny = ShapeFixtures.shape(0, 6, 5);
        assertTrue(Double.isNaN(EdgeNoiseEstimator.estimate(tiny, tiny)));
        // bounded by its size: 0.15 * sqrt(30) < MIN, so MIN
        assertEquals(AdaptiveTolerance.MIN, AdaptiveTolerance.of(tiny), 1e-9);
    }

    @Test
    void theToleranceFollowsTheNoiseWithinItsBounds() {
        double clean = AdaptiveTolerance.of(traced(1, 200, 30, 0, 7));
        double noisy = AdaptiveTolerance.of(traced(1, 200, 30, 1.5, 7));
        assertTrue(clean >= AdaptiveTolerance.MIN && clean < noisy && noisy <= AdaptiveTolerance.MAX,
                "clean " + clean + ", noisy " + noisy);
        // a small building: never more than SIZE * sqrt(area)
        Polygon small = traced(0, 30, 30, 1.5, 7);
        double bound = Math.max(AdaptiveTolerance.MIN, AdaptiveTolerance.SIZE * Math.sqrt(small.getArea()));
        assertTrue(AdaptiveTolerance.of(small) <= bound + 1e-9, AdaptiveTolerance.of(small) + " > " + bound);
    }

    @Test
    void adaptiveRegularizationSquaresANoisyBuildingThatTheFixedDefaultLeavesRagged() {
        int fixedVertices = 0;
        int adaptiveVertices = 0;
        int groundTruthVertices = 0;
        double adaptiveIoU = 0;
        int n = 0;
        RegularizationParameters fixed = RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES);
        BuildingRegularizer adaptive = new BuildingRegularizer(fixed.withAdaptiveTolerance());
        for (int kind = 0; kind < 4; kind++) {
            for (int angle = 5; angle < 90; angle += 20) {
                Polygon truth = ShapeFixtures.placed(ShapeFixtures.shape(kind, 160, 112), angle, 150, 150);
                Polygon outline = traced(kind, 160, angle, 1.0, 31L * kind + angle);
                fixedVertices += PolygonMetrics.vertexCount(new BuildingRegularizer(fixed).apply(outline).polygon());
                Polygon a = adaptive.apply(outline).polygon();
                adaptiveVertices += PolygonMetrics.vertexCount(a);
                groundTruthVertices += PolygonMetrics.vertexCount(truth);
                adaptiveIoU += PolygonMetrics.iou(a, truth);
                n++;
            }
        }
        double fixedRatio = (double) fixedVertices / groundTruthVertices;
        double adaptiveRatio = (double) adaptiveVertices / groundTruthVertices;
        assertTrue(fixedRatio > 1.3, "the fixed 3 px default on 1 px noise: N-ratio " + fixedRatio);
        assertTrue(adaptiveRatio >= 0.9 && adaptiveRatio <= 1.2, "adaptive N-ratio " + adaptiveRatio);
        assertTrue(adaptiveIoU / n >= 0.95, "adaptive mean IoU " + adaptiveIoU / n);
    }

    @Test
    void toleranceForSaysWhatTheRegularizerUses() {
        Polygon outline = traced(1, 200, 30, 1.5, 7);
        RegularizationParameters fixed = RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES);
        assertEquals(3.0, new BuildingRegularizer(fixed).toleranceFor(outline), 1e-12);
        double chosen = new BuildingRegularizer(fixed.withAdaptiveTolerance()).toleranceFor(outline);
        assertEquals(AdaptiveTolerance.of(outline), chosen, 1e-12);
        assertTrue(chosen > 3, "1.5 px of noise on a 200 px building: " + chosen);
    }

}
