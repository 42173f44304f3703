package org.roofline.geometry.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.vectorize.Connectivity;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/**
 * The regularizer's guarantees, checked on random rotated rectangles, L, T and U shapes with edge noise (seeded, so
 * a failure is reproducible), with JTS's own Hausdorff distance and validity as the independent judges.
 */
class BuildingRegularizerTest {

    private static final MaskVectorizer VECTORIZER = new MaskVectorizer(Connectivity.FOUR, 10, ShapeFixtures.GF);

    static Stream<Arguments> cases() {
        return IntStream.range(0, 240).mapToObj(seed -> Arguments.of(seed,
                RegularizationMethod.values()[2 + seed % 3]));
    }

    /** One noisy building of a random kind, size and rotation: the largest component of its mask. */
    static Geometry noisyBuilding(Random random, int kind, double noise) {
        double w = 10 + random.nextDouble() * 40;
        double h = 10 + random.nextDouble() * 40;
        Polygon truth = ShapeFixtures.placed(ShapeFixtures.shape(kind, w, h), random.nextDouble() * 180, 40, 40);
        BitMask m = ShapeFixtures.rasterize(truth, 80, 80, noise, random);
        return VECTORIZER.apply(m, 0, 0).stream().max(Comparator.comparingLong(VectorizedShape::pixelArea))
                .orElseThrow().geometry();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void guaranteesHoldOnNoisyShapes(int seed, RegularizationMethod method) {
        Random random = new Random(seed);
        Geometry input = noisyBuilding(random, seed % 4, random.nextDouble() * 0.25);
        RegularizationParameters params = RegularizationParameters.defaults(method)
                .withTolerance(1 + random.nextDouble() * 2);
        RegularizedBuilding r = new BuildingRegularizer(params).apply(input);
        Polygon out = r.polygon();
        assertTrue(out.isValid(), () -> "invalid: " + out);
        assertTrue(vertices(out) <= vertices(input), () -> vertices(out) + " vertices from " + vertices(input));
        double hausdorff = DiscreteHausdorffDistance.distance(out.getBoundary(), input.getBoundary(), 0.02);
        assertTrue(hausdorff <= params.tolerance() + 1e-9,
                () -> "Hausdorff " + hausdorff + " > tolerance " + params.tolerance() + " for " + r.method());
    }

    @Test
    void cleanRotatedShapesGetTheirTrueVertexCountAndRightAngles() {
        Random random = new Random(7);
        int exact = 0;
        int total = 0;
        for (int i = 0; i < 80; i++) {
            int kind = i % 4;
            Geometry input = noisyBuilding(random, kind, 0);
            RegularizedBuilding r = new BuildingRegularizer(RegularizationParameters
                    .defaults(RegularizationMethod.RIGHT_ANGLES).withTolerance(2)).apply(input);
            assertTrue(r.regularized(), () -> "not regularized: " + input);
            int expected = new int[] {4, 6, 8, 8}[kind];
            total++;
            if (vertices(r.polygon()) == expected && allCornersRight(r.polygon())) {
                exact++;
            }
        }
        // the few misses are the smallest T and U shapes, whose 4 px wings are near the minimum edge length
        assertTrue(exact >= 0.95 * total, exact + " of " + total + " square with the true vertex count");
    }

    @Test
    void axisAlignedRectangleIsReturnedExactly() {
        Polygon rect = ShapeFixtures.GF.createPolygon(new Coordinate[] {
            new Coordinate(0, 0), new Coordinate(20, 0), new Coordinate(20, 10), new Coordinate(0, 10),
            new Coordinate(0, 0)});
        RegularizedBuilding r = BuildingRegularizer.regularize(rect, RegularizationMethod.RIGHT_ANGLES);
        assertTrue(r.regularized());
        assertEquals(4, vertices(r.polygon()));
        assertEquals(200, r.polygon().getArea(), 1e-9);
    }

    @Test
    void roundBuildingBecomesACircle() {
        Polygon disc = (Polygon) ShapeFixtures.GF.createPoint(new Coordinate(40, 40)).buffer(22, 32);
        BitMask m = ShapeFixtures.rasterize(disc, 80, 80, 0, new Random(1));
        Geometry input = VECTORIZER.apply(m, 0, 0).get(0).geometry();
        RegularizedBuilding r = BuildingRegularizer.regularize(input, RegularizationMethod.RIGHT_ANGLES);
        assertEquals(RegularizationMethod.CIRCLE, r.method());
        assertTrue(r.regularized());
        assertEquals(disc.getArea(), r.polygon().getArea(), disc.getArea() * 0.03);
    }

    @Test
    void courtyardIsKept() {
        Polygon outer = ShapeFixtures.placed(ShapeFixtures.shape(0, 50, 40), 20, 40, 40);
        Polygon inner = ShapeFixtures.placed(ShapeFixtures.shape(0, 20, 14), 20, 40, 40);
        Polygon withHole = ShapeFixtures.GF.createPolygon(outer.getExteriorRing(),
                new LinearRing[] {inner.getExteriorRing()});
        BitMask m = ShapeFixtures.rasterize(withHole, 80, 80, 0, new Random(2));
        Geometry input = VECTORIZER.apply(m, 0, 0).get(0).geometry();
        RegularizedBuilding r = BuildingRegularizer.regularize(input, RegularizationMethod.RIGHT_ANGLES);
        assertTrue(r.regularized());
        assertEquals(1, r.polygon().getNumInteriorRing());
        assertEquals(8, vertices(r.polygon()));
        assertAllCornersRight(r.polygon());
    }

    @Test
    void diagonalsMethodKeepsA45DegreeCut() {
        // a rectangle with one corner cut at 45 degrees: 5 edges, two corners of 135 degrees
        Polygon cut = ShapeFixtures.GF.createPolygon(new Coordinate[] {
            new Coordinate(10, 10), new Coordinate(60, 10), new Coordinate(60, 35), new Coordinate(45, 50),
            new Coordinate(10, 50), new Coordinate(10, 10)});
        Polygon rotated = ShapeFixtures.placed(cut, 17, 45, 45);
        BitMask m = ShapeFixtures.rasterize(rotated, 90, 90, 0, new Random(3));
        Geometry input = VECTORIZER.apply(m, 0, 0).get(0).geometry();
        RegularizedBuilding r = BuildingRegularizer.regularize(input, RegularizationMethod.RIGHT_ANGLES_AND_DIAGONALS);
        assertTrue(r.regularized());
        assertEquals(5, vertices(r.polygon()));
        for (double angle : org.roofline.geometry.metrics.PolygonMetrics.interiorAngles(r.polygon())) {
            double off45 = Math.abs(angle / 45 - Math.rint(angle / 45)) * 45;
            assertEquals(0, off45, 1e-6, "corner of " + angle + " degrees in " + r.polygon());
        }
    }

    @Test
    void eightConnectedPartsAreJoinedNotDropped() {
        BitMask m = new BitMask(40, 40);
        for (int y = 5; y < 20; y++) {
            m.fillRow(y, 5, 20);
        }
        for (int y = 20; y < 35; y++) {
            m.fillRow(y, 20, 35);
        }
        List<VectorizedShape> shapes = new MaskVectorizer(Connectivity.EIGHT, 0, ShapeFixtures.GF).apply(m, 0, 0);
        assertEquals(1, shapes.size());
        RegularizedBuilding r = BuildingRegularizer.regularize(shapes.get(0).geometry(), RegularizationMethod.RIGHT_ANGLES);
        assertTrue(r.polygon().isValid());
        assertEquals(450, r.polygon().getArea(), 20);
    }

    @Test
    void buildingCutByTheFrameKeepsTheCutAndSquaresItsWalls() {
        // a rectangle rotated by 12 degrees, cut by the left border of a 60 x 60 tile
        Polygon truth = ShapeFixtures.placed(ShapeFixtures.shape(0, 40, 24), 12, 8, 30);
        BitMask m = ShapeFixtures.rasterize(truth, 60, 60, 0, new Random(4));
        Geometry input = VECTORIZER.apply(m, 0, 0).get(0).geometry();
        org.locationtech.jts.geom.Envelope frame = new org.locationtech.jts.geom.Envelope(0, 60, 0, 60);
        RegularizedBuilding r = BuildingRegularizer.regularize(input, RegularizationMethod.RIGHT_ANGLES);
        RegularizedBuilding cut = new BuildingRegularizer(RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES))
                .apply(input, frame);
        assertTrue(cut.regularized());
        assertTrue(frame.contains(cut.polygon().getEnvelopeInternal()), cut.polygon().toText());
        long onBorder = java.util.Arrays.stream(cut.polygon().getCoordinates()).filter(c -> c.x == 0).count();
        assertEquals(2, onBorder, "the cut edge stays on the border: " + cut.polygon());
        double[] angles = org.roofline.geometry.metrics.PolygonMetrics.interiorAngles(cut.polygon());
        long square = java.util.Arrays.stream(angles).filter(a -> Math.abs(a - 90) < 1e-6).count();
        assertEquals(2, square, "the two corners away from the border are right angles: " + cut.polygon());
        assertTrue(org.roofline.geometry.metrics.PolygonMetrics.iou(cut.polygon(), truth.intersection(ShapeFixtures.GF.toGeometry(frame)))
                > org.roofline.geometry.metrics.PolygonMetrics.iou(r.polygon(), truth.intersection(ShapeFixtures.GF.toGeometry(frame))) - 1e-9);
    }

    @Test
    void rejectsWhatIsNotAPolygon() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildingRegularizer
                .regularize(ShapeFixtures.GF.createPoint(new Coordinate(1, 1)), RegularizationMethod.RIGHT_ANGLES));
        assertTrue(e.getMessage().contains("Point"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuildingRegularizer
                .regularize(ShapeFixtures.GF.createPolygon(), RegularizationMethod.RIGHT_ANGLES));
        assertThrows(IllegalArgumentException.class,
                () -> RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES).withTolerance(0));
    }

    static boolean allCornersRight(Polygon p) {
        try {
            assertAllCornersRight(p);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    static void assertAllCornersRight(Polygon p) {
        for (int r = 0; r <= p.getNumInteriorRing(); r++) {
            Coordinate[] c = (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinates();
            int n = c.length - 1;
            for (int i = 0; i < n; i++) {
                Coordinate a = c[(i + n - 1) % n];
                Coordinate b = c[i];
                Coordinate d = c[(i + 1) % n];
                double dot = (a.x - b.x) * (d.x - b.x) + (a.y - b.y) * (d.y - b.y);
                double cos = dot / (a.distance(b) * d.distance(b));
                assertEquals(0, cos, 1e-6, "corner " + b + " is not a right angle in " + p);
            }
        }
    }

    static int vertices(Geometry g) {
        int n = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            n += p.getExteriorRing().getNumPoints() - 1;
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                n += p.getInteriorRingN(h).getNumPoints() - 1;
            }
        }
        return n;
    }
}
