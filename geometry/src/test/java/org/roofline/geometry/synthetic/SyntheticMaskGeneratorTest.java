package org.roofline.geometry.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.mask.BitMask;

class SyntheticMaskGeneratorTest {

    /** A quarter of the benchmark scene at the same density. */
    private static final SyntheticMaskSpec SPEC = SyntheticMaskSpec.of(2048, 2048, 2500, 11);
    private static SyntheticScene scene;

    @BeforeAll
    static void generate() {
        scene = SyntheticMaskGenerator.generate(SPEC);
    }

    private static double iou(BitMask a, BitMask b) {
        long inter = a.countIntersection(b);
        return (double) inter / (a.countForeground() + b.countForeground() - inter);
    }

    @Test
    void sameSpecGivesTheSameScene() {
        SyntheticMaskSpec small = SyntheticMaskSpec.of(512, 512, 150, 3);
        SyntheticScene a = SyntheticMaskGenerator.generate(small);
        SyntheticScene b = SyntheticMaskGenerator.generate(small);
        assertEquals(a.mask(), b.mask());
        assertEquals(a.groundTruth().size(), b.groundTruth().size());
        for (int i = 0; i < a.groundTruth().size(); i++) {
            assertTrue(a.groundTruth().get(i).equalsExact(b.groundTruth().get(i)));
        }
        SyntheticScene other = SyntheticMaskGenerator.generate(small.withSeed(4));
        assertNotEquals(a.mask(), other.mask());
    }

    @Test
    void producesExactlyTheRequestedBuildings() {
        assertEquals(2500, scene.groundTruth().size());
        assertEquals(2048, scene.mask().width());
        assertEquals(2048, scene.mask().height());
        for (int n : new int[] {0, 1, 7, 255}) {
            assertEquals(n, SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(256, 256, n, n)).groundTruth().size());
        }
        // All pairs (an odd count leaves one single) and the densest grid allowed.
        assertEquals(33, SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(300, 200, 33, 5).withTouchingFraction(1))
                .groundTruth().size());
        assertEquals(16 * 12, SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(256, 200, 16 * 12, 5))
                .groundTruth().size());
    }

    @Test
    void groundTruthIsValidInsideTheSceneAndNonOverlapping() {
        STRtree tree = new STRtree();
        Envelope sceneEnvelope = new Envelope(0, 2048, 0, 2048);
        for (Polygon p : scene.groundTruth()) {
            assertTrue(p.isValid(), () -> "invalid " + p);
            assertTrue(p.getArea() > 50, () -> "tiny " + p);
            assertTrue(sceneEnvelope.contains(p.getEnvelopeInternal()));
            tree.insert(p.getEnvelopeInternal(), p);
        }
        int touchingPairs = 0;
        for (Polygon p : scene.groundTruth()) {
            for (Object o : tree.query(p.getEnvelopeInternal())) {
                Polygon q = (Polygon) o;
                if (q == p) {
                    continue;
                }
                assertEquals(0, p.intersection(q).getArea(), 1e-9, () -> "overlap of " + p + " and " + q);
                if (p.intersects(q)) {
                    touchingPairs++;
                }
            }
        }
        // Each attached pair is seen from both sides; about 10% of the buildings are in one.
        double touchingShare = (double) touchingPairs / scene.groundTruth().size();
        assertTrue(touchingShare > 0.06 && touchingShare < 0.14, "share of attached buildings " + touchingShare);
    }

    @Test
    void noisyMaskStaysCloseToTheGroundTruth() {
        BitMask truth = scene.groundTruthMask();
        double iou = iou(scene.mask(), truth);
        assertTrue(iou > 0.85, "IoU " + iou);
        assertTrue(iou < 0.97, "noise too weak, IoU " + iou);
        assertTrue(scene.mask().countDifferences(truth) > 0);
    }

    @Test
    void withoutNoiseTheMaskIsTheRasterizedGroundTruth() {
        SyntheticMaskSpec clean = SyntheticMaskSpec.of(1024, 1024, 600, 8).withoutNoise();
        SyntheticScene unattached = SyntheticMaskGenerator.generate(clean.withTouchingFraction(0));
        assertEquals(0, unattached.mask().countDifferences(unattached.groundTruthMask()));

        // Attached pairs differ only by their wall gap: pixels removed, none added.
        SyntheticScene attached = SyntheticMaskGenerator.generate(clean.withTouchingFraction(0.5));
        BitMask truth = attached.groundTruthMask();
        long removed = truth.countForeground() - attached.mask().countIntersection(truth);
        assertEquals(attached.mask().countForeground(), attached.mask().countIntersection(truth));
        assertTrue(removed > 0);
        assertTrue(removed < 0.05 * truth.countForeground(), "gap pixels " + removed);
    }

    @Test
    void eachNoiseKindChangesTheMask() {
        SyntheticMaskSpec clean = SyntheticMaskSpec.of(1024, 1024, 600, 8).withoutNoise().withTouchingFraction(0);
        BitMask truth = SyntheticMaskGenerator.generate(clean).groundTruthMask();
        // Speckle only adds pixels, pinholes only remove them, ragged edges do both.
        BitMask speckled = SyntheticMaskGenerator.generate(clean.withSpecklePerMegapixel(500)).mask();
        assertEquals(truth.countForeground(), speckled.countIntersection(truth));
        assertTrue(speckled.countForeground() > truth.countForeground());
        BitMask pinholed = SyntheticMaskGenerator.generate(clean.withPinholeProbability(1)).mask();
        assertEquals(pinholed.countForeground(), pinholed.countIntersection(truth));
        long lost = truth.countForeground() - pinholed.countForeground();
        assertTrue(lost >= 600 && lost <= 1200, "pinhole pixels " + lost);
        SyntheticScene raggedScene = SyntheticMaskGenerator.generate(clean.withBoundaryNoise(0.2, 0.03));
        BitMask ragged = raggedScene.mask();
        assertTrue(ragged.countForeground() > ragged.countIntersection(truth));
        assertTrue(truth.countForeground() > ragged.countIntersection(truth));
        // Pixel noise never moves the buildings.
        assertEquals(truth, raggedScene.groundTruthMask());
    }

    @Test
    void shapeMixMatchesTheDocumentedShares() {
        List<Polygon> gt = scene.groundTruth();
        int holes = 0;
        int circles = 0;
        int lShapes = 0;
        int eightVertices = 0;
        int rectangles = 0;
        int axisAligned = 0;
        for (Polygon p : gt) {
            int vertices = p.getExteriorRing().getNumPoints() - 1;
            if (p.getNumInteriorRing() > 0) {
                holes++;
            } else if (vertices == 32) {
                circles++;
            } else if (vertices == 6) {
                lShapes++;
            } else if (vertices == 8) {
                eightVertices++;
            } else if (vertices == 4) {
                rectangles++;
                Coordinate a = p.getExteriorRing().getCoordinateN(0);
                Coordinate b = p.getExteriorRing().getCoordinateN(1);
                double angle = Math.toDegrees(Math.atan2(b.y - a.y, b.x - a.x));
                double off = Math.abs(angle - 90 * Math.rint(angle / 90));
                if (off <= 3 + 1e-9) {
                    axisAligned++;
                }
            }
        }
        int n = gt.size();
        assertTrue(between(holes, n, 0.05, 0.11), "courtyards " + holes);
        assertTrue(between(circles, n, 0.015, 0.045), "circles " + circles);
        assertTrue(between(lShapes, n, 0.10, 0.20), "L shapes " + lShapes);
        assertTrue(between(eightVertices, n, 0.22, 0.36), "T and U shapes " + eightVertices);
        assertTrue(between(rectangles, n, 0.40, 0.58), "rectangles " + rectangles);
        // 40% axis-aligned by choice, plus the uniform angles that happen to fall within 3 degrees.
        assertTrue(between(axisAligned, rectangles, 0.38, 0.54), "axis-aligned rectangles " + axisAligned);
    }

    private static boolean between(int count, int total, double lo, double hi) {
        double share = (double) count / total;
        return share >= lo && share <= hi;
    }

    @Test
    void specIsChecked() {
        SyntheticMaskSpec d = SyntheticMaskSpec.defaults();
        assertEquals(4096, d.width());
        assertEquals(10_000, d.buildings());
        assertThrows(IllegalArgumentException.class, () -> SyntheticMaskSpec.of(0, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticMaskSpec.of(100, 100, 37, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticMaskSpec.of(100, 100, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withBoundaryNoise(1.2, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withBoundaryNoise(0.8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> d.withPinholeProbability(-0.1));
        assertThrows(IllegalArgumentException.class, () -> d.withSpecklePerMegapixel(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withTouchingFraction(2));
        assertThrows(IllegalArgumentException.class, () -> d.withCourtyardFraction(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withAxisAlignedFraction(1.5));
        assertEquals(36, SyntheticMaskSpec.of(100, 100, 36, 1).buildings());
    }
}
