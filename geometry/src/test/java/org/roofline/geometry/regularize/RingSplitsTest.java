package org.roofline.geometry.regularize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.synthetic.EdgeNoise;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/** The split tree gives exactly the simplifier's breakpoints, whatever order the tolerances are asked in. */
class RingSplitsTest {

    @Test
    void givesTheSimplifiersBreakpointsAtEveryTolerance() {
        Random random = new Random(7);
        int rings = 0;
        for (int kind = 0; kind < 4; kind++) {
            for (int angle = 0; angle < 90; angle += 13) {
                for (double noise : new double[] {0, 0.7, 2}) {
                    long seed = 100L * kind + angle;
                    Polygon shape = ShapeFixtures.placed(ShapeFixtures.shape(kind, 120, 80), angle, 100, 100);
                    BitMask clean = ShapeFixtures.rasterize(shape, 200, 200, 0, new Random(seed));
                    BitMask mask = noise > 0 ? EdgeNoise.apply(clean, noise, 3, seed) : clean;
                    for (VectorizedShape s : MaskVectorizer.vectorize(mask)) {
                        Geometry g = s.geometry();
                        for (int i = 0; i < g.getNumGeometries(); i++) {
                            Polygon p = (Polygon) g.getGeometryN(i);
                            RingGeometry ring = RingGeometry.of(p.getExteriorRing());
                            RingSplits splits = new RingSplits(ring);
                            for (int q = 0; q < 8; q++) {
                                double tolerance = q == 0 ? 0 : 0.2 + 10 * random.nextDouble();
                                assertArrayEquals(ClosedRingSimplifier.breakpoints(ring, tolerance),
                                        splits.breakpoints(tolerance), "ring " + rings + " at " + tolerance);
                            }
                            rings++;
                        }
                    }
                }
            }
        }
        assertTrue(rings >= 4 * 7 * 3, "rings checked: " + rings);
    }

    @Test
    void adaptiveRegularizationIsTheFixedOneAtTheChosenTolerance() {
        RegularizationParameters params = RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES);
        BuildingRegularizer adaptive = new BuildingRegularizer(params.withAdaptiveTolerance());
        int checked = 0;
        for (int kind = 0; kind < 4; kind++) {
            for (int angle = 0; angle < 90; angle += 23) {
                for (double size : new double[] {12, 40, 150}) {
                    long seed = 31L * kind + angle;
                    Polygon shape = ShapeFixtures.placed(ShapeFixtures.shape(kind, size, size * 0.7), angle, 100, 100);
                    BitMask mask = EdgeNoise.apply(ShapeFixtures.rasterize(shape, 200, 200, 0, new Random(seed)),
                            1, 3, seed);
                    for (VectorizedShape s : MaskVectorizer.vectorize(mask)) {
                        if (!(s.geometry() instanceof Polygon p)) {
                            continue;
                        }
                        double t = AdaptiveTolerance.of(p, params, null);
                        RegularizedBuilding fixed = new BuildingRegularizer(params.withTolerance(t)).apply(p);
                        RegularizedBuilding auto = adaptive.apply(p);
                        assertTrue(fixed.polygon().equalsExact(auto.polygon()), "shape " + kind + " at " + angle);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 40, "buildings checked: " + checked);
    }
}
