package org.roofline.geometry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.metrics.WindowedComplexityAwareIoU.Result;
import org.roofline.geometry.metrics.WindowedComplexityAwareIoU.Window;

class WindowedComplexityAwareIoUTest {

    private static final double EPS = 1e-12;

    private static Polygon rect(double x0, double y0, double x1, double y1) {
        return (Polygon) PolygonMetricsTest.wkt("POLYGON ((" + x0 + " " + y0 + ", " + x1 + " " + y0 + ", " + x1 + " "
                + y1 + ", " + x0 + " " + y1 + ", " + x0 + " " + y0 + "))");
    }

    @Test
    void identicalSetsScoreOne() {
        Random random = new Random(7);
        List<Polygon> buildings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Centroids (at most 29 px from the corner rotated about) stay inside the 900 x 600 scene.
            double x = 45 + random.nextDouble() * 810;
            double y = 45 + random.nextDouble() * 510;
            Polygon r = rect(0, 0, 10 + random.nextDouble() * 30, 10 + random.nextDouble() * 30);
            double angle = random.nextDouble() * Math.PI;
            buildings.add((Polygon) AffineTransformation.rotationInstance(angle)
                    .translate(x, y).transform(r));
        }
        Result result = WindowedComplexityAwareIoU.evaluate(buildings, buildings, 900, 600);
        assertEquals(6, result.windows().size());
        for (Window w : result.windows()) {
            assertEquals(1.0, w.iou(), EPS);
            assertEquals(1.0, w.complexityAwareIoU(), EPS);
            assertEquals(w.n(), w.nGroundTruth());
        }
        assertEquals(1.0, result.meanIoU(), EPS);
        assertEquals(1.0, result.meanComplexityAwareIoU(), EPS);
        assertEquals(1.0, result.nRatio(), EPS);
        assertEquals(240, result.vertexCount());
    }

    @Test
    void halfOffsetSquareHasIoUOneThird() {
        Result r = WindowedComplexityAwareIoU.evaluate(List.of(rect(15, 10, 25, 20)), List.of(rect(10, 10, 20, 20)),
                300, 300);
        assertEquals(1, r.windows().size());
        Window w = r.windows().get(0);
        assertEquals(100, w.predictedPixels());
        assertEquals(100, w.groundTruthPixels());
        assertEquals(50, w.intersectionPixels());
        assertEquals(1.0 / 3, w.iou(), EPS);
        assertEquals(1.0 / 3, w.complexityAwareIoU(), EPS);
        assertEquals(4, w.n());
        assertEquals(4, w.nGroundTruth());
    }

    @Test
    void extraVerticesLowerCIoUButNotIoU() {
        Polygon gt = rect(10, 10, 30, 30);
        // Same square with a redundant vertex in the middle of every side: 8 vertices.
        Polygon pred = (Polygon) PolygonMetricsTest.wkt(
                "POLYGON ((10 10, 20 10, 30 10, 30 20, 30 30, 20 30, 10 30, 10 20, 10 10))");
        Result r = WindowedComplexityAwareIoU.evaluate(List.of(pred), List.of(gt), 300, 300);
        Window w = r.windows().get(0);
        assertEquals(1.0, w.iou(), EPS);
        assertEquals(1 - 4.0 / 12, w.complexityAwareIoU(), EPS);
        assertEquals(2.0, r.nRatio(), EPS);
    }

    @Test
    void emptyWindowsAreSkippedAndMeansAverageTheOthers() {
        List<Polygon> gt = List.of(rect(10, 10, 20, 20), rect(610, 10, 620, 20));
        List<Polygon> pred = List.of(rect(10, 10, 20, 20), rect(615, 10, 625, 20));
        Result r = WindowedComplexityAwareIoU.evaluate(pred, gt, 900, 300);
        assertEquals(2, r.windows().size());
        assertEquals(0, r.windows().get(0).x());
        assertEquals(600, r.windows().get(1).x());
        assertEquals((1.0 + 1.0 / 3) / 2, r.meanIoU(), EPS);
        assertEquals((1.0 + 1.0 / 3) / 2, r.meanComplexityAwareIoU(), EPS);
    }

    @Test
    void missedBuildingScoresZeroInItsWindow() {
        Result r = WindowedComplexityAwareIoU.evaluate(List.of(), List.of(rect(10, 10, 20, 20)), 300, 300);
        Window w = r.windows().get(0);
        assertEquals(0.0, w.iou(), EPS);
        assertEquals(0.0, w.complexityAwareIoU(), EPS);
        assertEquals(0.0, r.nRatio(), EPS);
    }

    @Test
    void polygonAcrossAWindowBorderCountsItsVerticesOnce() {
        // Centroid at x = 305: second window. Area split 10 px | 20 px between the windows.
        Polygon gt = rect(290, 0, 320, 10);
        Polygon pred = rect(290, 0, 320, 10);
        Result r = new WindowedComplexityAwareIoU(300).apply(List.of(pred), List.of(gt), 350, 300);
        assertEquals(2, r.windows().size());
        Window left = r.windows().get(0);
        Window right = r.windows().get(1);
        assertEquals(300, left.width());
        assertEquals(50, right.width());
        assertEquals(100, left.predictedPixels());
        assertEquals(200, right.predictedPixels());
        assertEquals(0, left.n());
        assertEquals(4, right.n());
        assertEquals(1.0, left.complexityAwareIoU(), EPS);
        assertEquals(4, r.vertexCount());
        assertEquals(4, r.groundTruthVertexCount());
    }

    @Test
    void smallWindowsSplitTheScene() {
        Polygon gt = rect(0, 0, 20, 20);
        Polygon pred = rect(0, 0, 20, 10);
        Result r = new WindowedComplexityAwareIoU(10).apply(List.of(pred), List.of(gt), 20, 20);
        assertEquals(4, r.windows().size());
        // Top windows match exactly, bottom windows have ground truth only.
        assertEquals(1.0, r.windows().get(0).iou(), EPS);
        assertEquals(1.0, r.windows().get(1).iou(), EPS);
        assertEquals(0.0, r.windows().get(2).iou(), EPS);
        assertEquals(0.5, r.meanIoU(), EPS);
        assertTrue(r.windows().stream().allMatch(w -> w.width() == 10 && w.height() == 10));
    }

    @Test
    void emptySceneHasNoWindows() {
        Result r = WindowedComplexityAwareIoU.evaluate(List.of(), List.of(), 600, 600);
        assertEquals(0, r.windows().size());
        assertTrue(Double.isNaN(r.meanIoU()));
        assertTrue(Double.isNaN(r.nRatio()));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new WindowedComplexityAwareIoU(0));
        assertThrows(IllegalArgumentException.class,
                () -> WindowedComplexityAwareIoU.evaluate(List.of(), List.of(), -1, 10));
        List<Geometry> line = List.of(PolygonMetricsTest.wkt("LINESTRING (0 0, 5 5)"));
        assertThrows(IllegalArgumentException.class,
                () -> WindowedComplexityAwareIoU.evaluate(line, List.of(), 10, 10));
        assertEquals(300, new WindowedComplexityAwareIoU().windowSize());
    }
}
