package org.roofline.geometry.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class PolygonMetricsTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final double EPS = 1e-9;

    static Geometry wkt(String s) {
        try {
            return new WKTReader(GF).read(s);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Polygon poly(String s) {
        return (Polygon) wkt(s);
    }

    private static final Polygon L_SHAPE = poly("POLYGON ((0 0, 10 0, 10 4, 4 4, 4 10, 0 10, 0 0))");

    /** Parallelogram with interior angles 100, 80, 100, 80 degrees. */
    private static Polygon parallelogram100() {
        double dx = 5 * Math.cos(Math.toRadians(100));
        double dy = 5 * Math.sin(Math.toRadians(100));
        return GF.createPolygon(new org.locationtech.jts.geom.Coordinate[] {
                new org.locationtech.jts.geom.Coordinate(0, 0), new org.locationtech.jts.geom.Coordinate(10, 0),
                new org.locationtech.jts.geom.Coordinate(10 + dx, dy), new org.locationtech.jts.geom.Coordinate(dx, dy),
                new org.locationtech.jts.geom.Coordinate(0, 0)});
    }

    @Test
    void iouOfUnitSquaresOffsetByHalf() {
        Geometry a = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        Geometry b = wkt("POLYGON ((0.5 0, 1.5 0, 1.5 1, 0.5 1, 0.5 0))");
        assertEquals(1.0 / 3, PolygonMetrics.iou(a, b), EPS);
        assertEquals(1.0 / 3, PolygonMetrics.iou(b, a), EPS);
    }

    @Test
    void iouOfSpecialCases() {
        Geometry sq = wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
        Geometry inner = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        Geometry far = wkt("POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))");
        Geometry empty = GF.createPolygon();
        assertEquals(1.0, PolygonMetrics.iou(sq, sq), EPS);
        assertEquals(0.25, PolygonMetrics.iou(sq, inner), EPS);
        assertEquals(0.0, PolygonMetrics.iou(sq, far), EPS);
        assertEquals(1.0, PolygonMetrics.iou(empty, GF.createMultiPolygon()), EPS);
        assertEquals(0.0, PolygonMetrics.iou(sq, empty), EPS);
        // A MultiPolygon against one of its parts.
        Geometry multi = wkt("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))");
        assertEquals(4.0 / 5, PolygonMetrics.iou(multi, sq), EPS);
        // A hole reduces the intersection.
        Geometry holed = wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))");
        assertEquals(3.0 / 4, PolygonMetrics.iou(holed, sq), EPS);
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.iou(wkt("LINESTRING (0 0, 1 1)"), sq));
    }

    @Test
    void vertexCountSkipsClosingAndRepeatedPoints() {
        assertEquals(4, PolygonMetrics.vertexCount(wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))")));
        assertEquals(4, PolygonMetrics.vertexCount(wkt("POLYGON ((0 0, 2 0, 2 0, 2 2, 0 2, 0 0))")));
        assertEquals(6, PolygonMetrics.vertexCount(L_SHAPE));
        assertEquals(8, PolygonMetrics.vertexCount(
                wkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))")));
        assertEquals(7, PolygonMetrics.vertexCount(
                wkt("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")));
        assertEquals(0, PolygonMetrics.vertexCount(GF.createPolygon()));
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.vertexCount(wkt("POINT (1 1)")));
    }

    @Test
    void nRatioAndComplexityAwareIoU() {
        assertEquals(1.5, PolygonMetrics.nRatio(6, 4), EPS);
        assertEquals(0.0, PolygonMetrics.nRatio(0, 4), EPS);
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.nRatio(3, 0));
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.nRatio(-1, 3));

        assertEquals(0.8, PolygonMetrics.complexityAwareIoU(0.8, 4, 4), EPS);
        assertEquals(2.0 / 3, PolygonMetrics.complexityAwareIoU(1.0, 8, 4), EPS);
        assertEquals(0.5 * (1 - 6.0 / 14), PolygonMetrics.complexityAwareIoU(0.5, 4, 10), EPS);
        assertEquals(0.0, PolygonMetrics.complexityAwareIoU(1.0, 0, 4), EPS);
        assertEquals(0.7, PolygonMetrics.complexityAwareIoU(0.7, 0, 0), EPS);
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.complexityAwareIoU(1.2, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.complexityAwareIoU(Double.NaN, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.complexityAwareIoU(0.5, -1, 4));
    }

    @Test
    void lShapeHasFiveRightCornersAndOneReflexCorner() {
        double[] angles = PolygonMetrics.interiorAngles(L_SHAPE);
        double[] sorted = angles.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new double[] {90, 90, 90, 90, 90, 270}, sorted, EPS);
        // The reflex corner is the vertex (4 4), the fourth one.
        assertEquals(270, angles[3], EPS);
        for (double d : PolygonMetrics.cornerDeviations(L_SHAPE)) {
            assertEquals(0, d, EPS);
        }
        assertEquals(1.0, PolygonMetrics.fractionOfCornersWithin(L_SHAPE, 10), EPS);
        assertEquals(1.0, PolygonMetrics.fractionOfCornersWithin(L_SHAPE, 0.001), EPS);
    }

    @Test
    void interiorAnglesDoNotDependOnRingOrientation() {
        Polygon reversed = L_SHAPE.reverse();
        double[] a = PolygonMetrics.interiorAngles(L_SHAPE);
        double[] b = PolygonMetrics.interiorAngles(reversed);
        Arrays.sort(a);
        Arrays.sort(b);
        assertArrayEquals(a, b, EPS);
    }

    @Test
    void holeCornersAreReflexCornersOfThePolygon() {
        Polygon p = poly("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 3 6, 6 6, 6 3, 3 3))");
        assertArrayEquals(new double[] {90, 90, 90, 90, 270, 270, 270, 270}, PolygonMetrics.interiorAngles(p), EPS);
        assertEquals(1.0, PolygonMetrics.fractionOfCornersWithin(p, 1), EPS);
    }

    @Test
    void hundredDegreeCornersAreTenDegreesOff() {
        Polygon p = parallelogram100();
        double[] angles = PolygonMetrics.interiorAngles(p);
        assertArrayEquals(new double[] {100, 80, 100, 80}, angles, 1e-9);
        for (double d : PolygonMetrics.cornerDeviations(p)) {
            assertEquals(10, d, 1e-9);
        }
        assertEquals(0.0, PolygonMetrics.fractionOfCornersWithin(p, 9), EPS);
        assertEquals(1.0, PolygonMetrics.fractionOfCornersWithin(p, 11), EPS);
        // All corners weigh the same across polygons: 6 of the L's within, none of the parallelogram's.
        assertEquals(0.6, PolygonMetrics.fractionOfCornersWithin(List.of(L_SHAPE, p), 5), EPS);
    }

    @Test
    void trapezoidHasTwoRightAngles() {
        Polygon p = poly("POLYGON ((0 0, 10 0, 10 5, 0 10, 0 0))");
        double[] angles = PolygonMetrics.interiorAngles(p);
        double obtuse = 90 + Math.toDegrees(Math.atan2(5, 10));
        assertArrayEquals(new double[] {90, 90, obtuse, 180 - obtuse}, angles, 1e-9);
        assertEquals(0.5, PolygonMetrics.fractionOfCornersWithin(p, 10), EPS);
        assertEquals(Double.NaN, PolygonMetrics.fractionOfCornersWithin(List.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.fractionOfCornersWithin(p, -1));
    }

    @Test
    void collinearVertexIsNinetyDegreesOff() {
        Polygon p = poly("POLYGON ((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))");
        double[] d = PolygonMetrics.cornerDeviations(p);
        assertEquals(5, d.length);
        assertEquals(90, d[1], EPS);
        assertEquals(0.8, PolygonMetrics.fractionOfCornersWithin(p, 10), EPS);
    }

    @Test
    void maxTangentAngleErrorOfIdenticalAndShiftedSquaresIsZero() {
        Polygon sq = poly("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Polygon shifted = poly("POLYGON ((0.3 0, 10.3 0, 10.3 10, 0.3 10, 0.3 0))");
        assertEquals(0, PolygonMetrics.maxTangentAngleError(sq, sq), EPS);
        assertEquals(0, PolygonMetrics.maxTangentAngleError(shifted, sq), EPS);
    }

    @Test
    void maxTangentAngleErrorOfTiltedEdge() {
        Polygon gt = poly("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Polygon tilted = poly("POLYGON ((0 0, 10 0, 10 10, 0 10.5, 0 0))");
        double expected = Math.toDegrees(Math.atan2(0.5, 10));
        assertEquals(expected, PolygonMetrics.maxTangentAngleError(tilted, gt), 1e-9);
        assertEquals(expected, PolygonMetrics.maxTangentAngleError(tilted, gt, 0.1), 1e-9);
    }

    @Test
    void maxTangentAngleErrorSeesAShortDiagonalChamfer() {
        Polygon gt = poly("POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0))");
        // A 45 degree chamfer of 0.5 px at one corner: short, but sampled all the same.
        Polygon chamfered = poly("POLYGON ((0 0, 19.5 0, 20 0.5, 20 20, 0 20, 0 0))");
        assertEquals(45, PolygonMetrics.maxTangentAngleError(chamfered, gt), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.maxTangentAngleError(gt, gt, 0));
    }

    @Test
    void hausdorffDistances() {
        Geometry sq = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Geometry shifted = wkt("POLYGON ((1 0, 11 0, 11 10, 1 10, 1 0))");
        Geometry spiked = wkt("POLYGON ((0 0, 10 0, 10 10, 6 10, 5 13, 4 10, 0 10, 0 0))");
        assertEquals(0, PolygonMetrics.hausdorff(sq, sq), EPS);
        assertEquals(1, PolygonMetrics.hausdorff(sq, shifted), 1e-6);
        assertEquals(3, PolygonMetrics.hausdorff(sq, spiked), 1e-6);
        assertEquals(3, PolygonMetrics.hausdorff(spiked, sq), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.hausdorff(sq, GF.createPolygon()));
        assertThrows(IllegalArgumentException.class, () -> PolygonMetrics.hausdorff(sq, sq, 0));
    }
}
