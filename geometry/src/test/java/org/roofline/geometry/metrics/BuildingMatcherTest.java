package org.roofline.geometry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.metrics.BuildingMatcher.Match;
import org.roofline.geometry.metrics.BuildingMatcher.Result;

/** Every expected value is worked out by hand in the comment beside it. */
class BuildingMatcherTest {

    private static final double EPS = 1e-12;
    private static final GeometryFactory GF = new GeometryFactory();

    private static Polygon rect(double x0, double y0, double x1, double y1) {
        return (Polygon) PolygonMetricsTest.wkt("POLYGON ((" + x0 + " " + y0 + ", " + x1 + " " + y0 + ", " + x1 + " "
                + y1 + ", " + x0 + " " + y1 + ", " + x0 + " " + y0 + "))");
    }

    /**
     * P0 [0,2]x[0,2] vs T0 [1,3]x[0,2]: intersection 1 x 2 = 2, union 4 + 4 - 2 = 6, IoU 1/3.
     * P1 [10,12]x[0,2] vs T1 [10,12]x[0.5,2.5]: intersection 2 x 1.5 = 3, union 4 + 4 - 3 = 5, IoU 3/5.
     */
    private static final List<Polygon> SHIFTED_P = List.of(rect(0, 0, 2, 2), rect(10, 0, 12, 2));
    private static final List<Polygon> SHIFTED_T = List.of(rect(1, 0, 3, 2), rect(10, 0.5, 12, 2.5));

    @Test
    void shiftedSquaresAtTheDefaultThreshold() {
        Result r = new BuildingMatcher().apply(SHIFTED_P, SHIFTED_T);
        // only P1-T1 (3/5) reaches 0.5; P0-T0 (1/3) does not
        assertEquals(List.of(new Match(1, 1, 0.6)), r.matches());
        DetectionEvaluation e = r.evaluation();
        assertEquals(2, e.predictions());
        assertEquals(2, e.truths());
        assertEquals(1, e.truePositives());
        assertEquals(1, e.falsePositives());
        assertEquals(1, e.falseNegatives());
        assertEquals(0.5, e.precision(), EPS); // 1 / 2
        assertEquals(0.5, e.recall(), EPS); // 1 / 2
        assertEquals(0.5, e.f1(), EPS); // 2 * 1 / (2 + 2)
        assertEquals(0.6, e.meanIoU(), EPS);
        // areas: predictions 4 + 4 = 8, truths 8, intersection 2 + 3 = 5, union 8 + 8 - 5 = 11
        assertEquals(8, e.predictedArea(), EPS);
        assertEquals(8, e.truthArea(), EPS);
        assertEquals(5, e.intersectionArea(), EPS);
        assertEquals(5.0 / 11, e.pixelIoU(), EPS);
        // 8 vertices each side: N-ratio 1, C-IoU = pixel IoU * (1 - 0 / 16)
        assertEquals(8, e.predictedVertices());
        assertEquals(8, e.truthVertices());
        assertEquals(1.0, e.nRatio(), EPS);
        assertEquals(5.0 / 11, e.complexityAwareIoU(), EPS);
    }

    @Test
    void shiftedSquaresAtALowerThresholdBothMatch() {
        Result r = new BuildingMatcher(0.3).apply(SHIFTED_P, SHIFTED_T);
        // accepted by descending IoU: 3/5 first, then 1/3
        assertEquals(2, r.matches().size());
        assertEquals(new Match(1, 1, 0.6), r.matches().get(0));
        assertEquals(0, r.matches().get(1).predicted());
        assertEquals(0, r.matches().get(1).truth());
        assertEquals(1.0 / 3, r.matches().get(1).iou(), EPS);
        DetectionEvaluation e = r.evaluation();
        assertEquals(2, e.truePositives());
        assertEquals(1.0, e.f1(), EPS);
        assertEquals((0.6 + 1.0 / 3) / 2, e.meanIoU(), EPS); // 7/15
        assertEquals(5.0 / 11, e.pixelIoU(), EPS); // areas do not depend on the threshold
    }

    @Test
    void aPredictionOverTwoTruthsMatchesOnlyOne() {
        // P [0,4]x[0,2] (area 8) over T0 [0,2.5]x[0,2] (area 5, inside P: IoU 5/8) and T1 [2.5,4]x[0,2] (area 3,
        // inside P: IoU 3/8). At 0.3 both are candidates; one to one, only T0 (the higher IoU) is matched.
        List<Polygon> truth = List.of(rect(0, 0, 2.5, 2), rect(2.5, 0, 4, 2));
        Result r = new BuildingMatcher(0.3).apply(List.of(rect(0, 0, 4, 2)), truth);
        assertEquals(List.of(new Match(0, 0, 0.625)), r.matches());
        assertEquals(1, r.evaluation().truePositives());
        assertEquals(0, r.evaluation().falsePositives());
        assertEquals(1, r.evaluation().falseNegatives());
        assertEquals(1.0, r.evaluation().precision(), EPS); // 1 / 1
        assertEquals(0.5, r.evaluation().recall(), EPS); // 1 / 2
        assertEquals(2.0 / 3, r.evaluation().f1(), EPS); // 2 * 1 / (1 + 2)
        // the truths tile P exactly: pixel IoU 8 / 8
        assertEquals(1.0, r.evaluation().pixelIoU(), EPS);
    }

    @Test
    void matchingIsGreedyByIoUNotByInputOrder() {
        // P0 [0,4]x[0,2] (area 8) with T0 [0,1.5]x[0,2] (area 3, inside P0): IoU 3/8 = 0.375, and with
        // T1 [1.5,4.5]x[0,2] (area 6): intersection [1.5,4]x[0,2] = 5, union 8 + 6 - 5 = 9, IoU 5/9.
        // P1 [1.5,4.5]x[0,2] is T1 (IoU 1) and only touches T0 (IoU 0).
        // Taking predictions in input order, each with its best truth, P0 would take T1 and leave P1 unmatched;
        // by descending IoU, P1-T1 (1) comes first, then P0-T0 (3/8): two matches.
        List<Polygon> predicted = List.of(rect(0, 0, 4, 2), rect(1.5, 0, 4.5, 2));
        List<Polygon> truth = List.of(rect(0, 0, 1.5, 2), rect(1.5, 0, 4.5, 2));
        Result r = new BuildingMatcher(0.3).apply(predicted, truth);
        assertEquals(2, r.matches().size());
        assertEquals(new Match(1, 1, 1.0), r.matches().get(0));
        assertEquals(new Match(0, 0, 0.375), r.matches().get(1));
        // P0-T1 (5/9) was a candidate; at 0.5 it is P0's only one, and T1 is taken: P0 is a false positive.
        Result r2 = new BuildingMatcher(0.5).apply(predicted, truth);
        assertEquals(List.of(new Match(1, 1, 1.0)), r2.matches());
        assertEquals(1, r2.evaluation().falsePositives());
        assertEquals(1, r2.evaluation().falseNegatives());
    }

    @Test
    void iouExactlyAtTheThresholdCountsAndTiesGoToTheLowerIndex() {
        // P [0,4]x[0,2] (area 8) over T0 [0,2]x[0,2] and T1 [2,4]x[0,2] (area 4 each, inside P): IoU 4/8 = 0.5
        // exactly with both. 0.5 >= 0.5 counts; the tie goes to T0, the lower truth index.
        List<Polygon> predicted = List.of(rect(0, 0, 4, 2));
        List<Polygon> truth = List.of(rect(0, 0, 2, 2), rect(2, 0, 4, 2));
        Result r = new BuildingMatcher(0.5).apply(predicted, truth);
        assertEquals(List.of(new Match(0, 0, 0.5)), r.matches());
        // Just above the threshold, neither counts.
        assertTrue(new BuildingMatcher(Math.nextUp(0.5)).apply(predicted, truth).matches().isEmpty());
        // Two identical predictions on one truth: the lower prediction index wins, the other is a false positive.
        Result twice = new BuildingMatcher().apply(List.of(rect(0, 0, 2, 2), rect(0, 0, 2, 2)), List.of(rect(0, 0, 2, 2)));
        assertEquals(List.of(new Match(0, 0, 1.0)), twice.matches());
        assertEquals(1, twice.evaluation().falsePositives());
        // Overlapping predictions count their area once in the pixel IoU: union 4, truth 4, intersection 4.
        assertEquals(1.0, twice.evaluation().pixelIoU(), EPS);
    }

    @Test
    void pixelIoUCountsOverlappingAreaOnce() {
        // Predictions: a chain [0,2], [1,3], [2,4] (x) by [0,2] (y), whose union is [0,4]x[0,2] (area 8, the first and
        // last only touch), and [10,12]x[0,2] (area 4): 12 in all.
        // Truths: [0,4]x[0,1] (area 4) and [10,11]x[0,2] (area 2): 6.
        // Intersection: [0,4]x[0,1] (4) + [10,11]x[0,2] (2) = 6; union 12 + 6 - 6 = 12; pixel IoU 6/12.
        DetectionEvaluation e = BuildingMatcher.evaluate(
                List.of(rect(0, 0, 2, 2), rect(1, 0, 3, 2), rect(2, 0, 4, 2), rect(10, 0, 12, 2)),
                List.of(rect(0, 0, 4, 1), rect(10, 0, 11, 2)));
        assertEquals(12, e.predictedArea(), EPS);
        assertEquals(6, e.truthArea(), EPS);
        assertEquals(6, e.intersectionArea(), EPS);
        assertEquals(0.5, e.pixelIoU(), EPS);
        // [10,12]x[0,2] vs [10,11]x[0,2]: IoU 2/4 = 0.5, a match; the chain's squares reach at most 2/6 with T0
        assertEquals(1, e.truePositives());
    }

    @Test
    void emptySidesGiveZeroOrUndefinedFiguresAsDocumented() {
        DetectionEvaluation none = BuildingMatcher.evaluate(List.of(), List.of());
        assertEquals(0, none.truePositives());
        for (double v : new double[] {none.precision(), none.recall(), none.f1(), none.meanIoU(), none.pixelIoU(),
                none.complexityAwareIoU(), none.nRatio()}) {
            assertTrue(Double.isNaN(v), Arrays.toString(new double[] {v}));
        }

        // truth only (one 2 x 2 square): precision 0/0 NaN, recall 0/1, F1 0/(0+1) = 0, pixel IoU 0/4, N-ratio 0/4
        DetectionEvaluation missed = BuildingMatcher.evaluate(List.of(), List.of(rect(0, 0, 2, 2)));
        assertTrue(Double.isNaN(missed.precision()));
        assertEquals(0.0, missed.recall(), EPS);
        assertEquals(0.0, missed.f1(), EPS);
        assertEquals(0.0, missed.pixelIoU(), EPS);
        assertEquals(0.0, missed.complexityAwareIoU(), EPS);
        assertEquals(0.0, missed.nRatio(), EPS);
        assertTrue(Double.isNaN(missed.meanIoU()));
        assertEquals(1, missed.falseNegatives());

        // predictions only: precision 0/1, recall 0/0 NaN, F1 0, pixel IoU 0/4, N-ratio 4/0 NaN
        DetectionEvaluation spurious = BuildingMatcher.evaluate(List.of(rect(0, 0, 2, 2)), List.of());
        assertEquals(0.0, spurious.precision(), EPS);
        assertTrue(Double.isNaN(spurious.recall()));
        assertEquals(0.0, spurious.f1(), EPS);
        assertEquals(0.0, spurious.pixelIoU(), EPS);
        assertTrue(Double.isNaN(spurious.nRatio()));
        assertEquals(1, spurious.falsePositives());
    }

    @Test
    void aBowTieIsRepairedAndCounted() {
        // The bow-tie (0 0, 2 2, 2 0, 0 2) crosses itself at (1 1); GeometryFixer keeps its two triangles,
        // (0 0, 1 1, 0 2) and (1 1, 2 2, 2 0), of area 2 * 1 / 2 = 1 each: 2 in all, 3 + 3 = 6 vertices.
        Geometry bowTie = PolygonMetricsTest.wkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))");
        assertFalse(bowTie.isValid());
        Result r = new BuildingMatcher().apply(List.of(bowTie), List.of(rect(0, 0, 2, 2)));
        DetectionEvaluation e = r.evaluation();
        assertEquals(1, e.predicted().repaired());
        assertEquals(0, e.truth().repaired());
        // IoU with the square [0,2]x[0,2] (area 4, covering both triangles): 2 / 4 = 0.5, which matches
        assertEquals(List.of(new Match(0, 0, 0.5)), r.matches());
        assertEquals(2, e.predictedArea(), EPS);
        assertEquals(0.5, e.pixelIoU(), EPS); // 2 / (2 + 4 - 2)
        assertEquals(6, e.predictedVertices());
        assertEquals(1.5, e.nRatio(), EPS); // 6 / 4
        assertEquals(0.5 * (1 - 2.0 / 10), e.complexityAwareIoU(), EPS); // 0.5 * (1 - |6 - 4| / (6 + 4)) = 0.4
    }

    @Test
    void nullAndEmptyGeometriesAreSkippedAndIndexesStayThoseGiven() {
        List<Geometry> predicted = new ArrayList<>();
        predicted.add(null);
        predicted.add(GF.createPolygon());
        predicted.add(GF.createGeometryCollection()); // what GeoJSON's "geometry": null is read as
        predicted.add(rect(0, 0, 2, 2));
        Result r = new BuildingMatcher().apply(predicted, List.of(GF.createPolygon(), rect(0, 0, 2, 2)));
        assertEquals(List.of(new Match(3, 1, 1.0)), r.matches());
        DetectionEvaluation e = r.evaluation();
        assertEquals(new DetectionEvaluation.Input(4, 0, 3, 0), e.predicted());
        assertEquals(new DetectionEvaluation.Input(2, 0, 1, 0), e.truth());
        assertEquals(1, e.predictions());
        assertEquals(1, e.truths());
        assertEquals(1.0, e.f1(), EPS);
    }

    @Test
    void anExtentKeepsPolygonsAtLeastHalfInsideAndClipsThem() {
        // Extent [0,10]x[0,10].
        // P0 [8,12]x[0,2]: 2 x 2 = 4 of its 8 inside, exactly half: kept, clipped to [8,10]x[0,2].
        // P1 [9,13]x[4,6]: 1 x 2 = 2 of 8 inside: dropped.
        // P2 [20,22]x[0,2]: wholly outside: dropped.
        // T0 [8,11]x[0,2]: 2 x 2 = 4 of 6 inside: kept, clipped to [8,10]x[0,2], the same as clipped P0: IoU 1.
        // T1 [4,6]x[4,6]: inside, unmatched.
        BuildingMatcher matcher = new BuildingMatcher().withExtent(rect(0, 0, 10, 10));
        Result r = matcher.apply(List.of(rect(8, 0, 12, 2), rect(9, 4, 13, 6), rect(20, 0, 22, 2)),
                List.of(rect(8, 0, 11, 2), rect(4, 4, 6, 6)));
        assertEquals(List.of(new Match(0, 0, 1.0)), r.matches());
        DetectionEvaluation e = r.evaluation();
        assertEquals(new DetectionEvaluation.Input(3, 0, 0, 2), e.predicted());
        assertEquals(new DetectionEvaluation.Input(2, 0, 0, 0), e.truth());
        assertEquals(1, e.falseNegatives());
        assertEquals(0, e.falsePositives());
        // clipped areas: predictions 4; truths 4 + 4 = 8; intersection 4: pixel IoU 4 / 8
        assertEquals(4, e.predictedArea(), EPS);
        assertEquals(8, e.truthArea(), EPS);
        assertEquals(0.5, e.pixelIoU(), EPS);
        assertThrows(IllegalArgumentException.class, () -> matcher.withExtent(GF.createPolygon()));
        assertThrows(IllegalArgumentException.class,
                () -> matcher.withExtent(PolygonMetricsTest.wkt("LINESTRING (0 0, 1 1)")));
    }

    @Test
    void poolingAddsCountsAndAreas() {
        // Scene A: the shifted squares at 0.5 (TP 1, FP 1, FN 1, IoU sum 0.6, areas 8 / 8 / 5).
        // Scene B: one exact match of a 2 x 2 square (TP 1, IoU 1, areas 4 / 4 / 4) and one missed truth 1 x 1.
        DetectionEvaluation a = BuildingMatcher.evaluate(SHIFTED_P, SHIFTED_T);
        DetectionEvaluation b = BuildingMatcher.evaluate(List.of(rect(0, 0, 2, 2)),
                List.of(rect(0, 0, 2, 2), rect(5, 5, 6, 6)));
        DetectionEvaluation total = DetectionEvaluation.pool(List.of(a, b));
        assertEquals(2, total.truePositives()); // 1 + 1
        assertEquals(1, total.falsePositives()); // 1 + 0
        assertEquals(2, total.falseNegatives()); // 1 + 1
        assertEquals(2.0 / 3, total.precision(), EPS); // 2 / 3 predictions
        assertEquals(0.5, total.recall(), EPS); // 2 / 4 truths
        assertEquals(4.0 / 7, total.f1(), EPS); // 2 * 2 / (3 + 4)
        assertEquals(0.8, total.meanIoU(), EPS); // (0.6 + 1) / 2 over all matched pairs
        // pixel IoU: intersections 5 + 4 = 9; unions (8 + 8 - 5) + (4 + 5 - 4) = 11 + 5 = 16
        assertEquals(9.0 / 16, total.pixelIoU(), EPS);
        // vertices: predictions 8 + 4 = 12, truths 8 + 8 = 16: N-ratio 3/4, C-IoU 9/16 * (1 - 4/28)
        assertEquals(0.75, total.nRatio(), EPS);
        assertEquals(9.0 / 16 * (1 - 4.0 / 28), total.complexityAwareIoU(), EPS);
        assertEquals(total, a.plus(b));
        assertThrows(IllegalArgumentException.class, () -> DetectionEvaluation.pool(List.of()));
        DetectionEvaluation other = new BuildingMatcher(0.75).apply(SHIFTED_P, SHIFTED_T).evaluation();
        assertThrows(IllegalArgumentException.class, () -> a.plus(other));
    }

    @Test
    void manyBuildingsMatchThroughTheIndex() {
        // 150 x 100 unit squares one apart, each predicted shifted by 0.1 along x: IoU 0.9 / 1.1 = 9/11 for its
        // own truth, and no overlap with any other (gap of 1 - 0.1 > 0). Every building matches its own truth.
        List<Polygon> truth = new ArrayList<>();
        List<Polygon> predicted = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            for (int j = 0; j < 100; j++) {
                truth.add(rect(2 * i, 2 * j, 2 * i + 1, 2 * j + 1));
                predicted.add(rect(2 * i + 0.1, 2 * j, 2 * i + 1.1, 2 * j + 1));
            }
        }
        Result r = new BuildingMatcher().apply(predicted, truth);
        assertEquals(15000, r.evaluation().truePositives());
        for (Match m : r.matches()) {
            assertEquals(m.predicted(), m.truth());
        }
        assertEquals(9.0 / 11, r.evaluation().meanIoU(), 1e-9);
        assertEquals(9.0 / 11, r.evaluation().pixelIoU(), 1e-9); // the same ratio, building by building
    }

    @Test
    void argumentsAreChecked() {
        for (double t : new double[] {0, -0.1, 1.0001, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new BuildingMatcher(t));
        }
        new BuildingMatcher(1.0); // the threshold 1 is allowed: only identical polygons match
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildingMatcher.evaluate(
                List.of(rect(0, 0, 1, 1), PolygonMetricsTest.wkt("POINT (1 1)")), List.of()));
        assertEquals("prediction 1 is a Point, not a Polygon or MultiPolygon", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DetectionEvaluation(0.5,
                new DetectionEvaluation.Input(1, 0, 0, 0), new DetectionEvaluation.Input(0, 0, 0, 0), 1, 1, 1, 0, 0,
                4, 0));
        assertThrows(IllegalArgumentException.class, () -> new DetectionEvaluation.Input(2, 0, 2, 1));
    }
}
