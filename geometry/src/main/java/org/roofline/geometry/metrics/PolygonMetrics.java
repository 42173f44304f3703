package org.roofline.geometry.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Quality measures of predicted building polygons against ground truth, as used in the building-extraction
 * literature (CrowdAI / PolyWorld / Frame Field Learning). All are pure functions of their arguments; lengths and
 * distances are in the units of the coordinates (pixels in the post-processor), angles in degrees.
 *
 * <p>Polygonal arguments are {@link Polygon}s or {@code MultiPolygon}s (or empty geometries) and are assumed valid;
 * other geometry types are rejected with an {@link IllegalArgumentException}.
 */
public final class PolygonMetrics {

    /**
     * Densify fraction used by {@link #hausdorff(Geometry, Geometry)}: every segment is split into 100 pieces, so the
     * discrete distance is at most 1% of the longest segment below the exact Hausdorff distance (0.3 px on a 30 px
     * building wall).
     */
    public static final double DEFAULT_HAUSDORFF_DENSIFY_FRACTION = 0.01;

    /** Default sample spacing of {@link #maxTangentAngleError(Polygon, Polygon)}: one coordinate unit (one pixel). */
    public static final double DEFAULT_TANGENT_SAMPLE_SPACING = 1.0;

    private PolygonMetrics() {
    }

    /**
     * Intersection over union of two polygonal geometries: {@code area(a ∩ b) / area(a ∪ b)}, computed with the
     * robust JTS overlay (OverlayNG), the union's area as {@code area(a) + area(b) - area(a ∩ b)}.
     *
     * @return a value in [0, 1]; 1 when both are empty (zero area), 0 when exactly one is
     * @throws IllegalArgumentException if an argument is not polygonal
     */
    public static double iou(Geometry a, Geometry b) {
        requirePolygonal(a, "a");
        requirePolygonal(b, "b");
        double areaA = a.getArea();
        double areaB = b.getArea();
        if (areaA <= 0 && areaB <= 0) {
            return 1.0;
        }
        if (areaA <= 0 || areaB <= 0 || !a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
            return 0.0;
        }
        double inter = OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION).getArea();
        double union = areaA + areaB - inter;
        return union <= 0 ? 1.0 : Math.max(0, Math.min(1, inter / union));
    }

    /**
     * Number of vertices of a polygonal geometry: over every ring (shells and holes of all parts), the ring's
     * points without its closing repeat and without consecutive repeated points. An empty geometry has 0. This is the
     * "N" of PolyWorld's N-ratio and C-IoU.
     *
     * @throws IllegalArgumentException if the geometry is not polygonal
     */
    public static int vertexCount(Geometry geometry) {
        requirePolygonal(geometry, "geometry");
        int n = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon p = (Polygon) geometry.getGeometryN(i);
            if (p.isEmpty()) {
                continue;
            }
            n += ringVertexCount(p.getExteriorRing());
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                n += ringVertexCount(p.getInteriorRingN(h));
            }
        }
        return n;
    }

    private static int ringVertexCount(LineString ring) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        int size = seq.size();
        if (size == 0) {
            return 0;
        }
        int last = size - 1;
        // Drop the closing repeat(s).
        while (last > 0 && sameXY(seq, last, 0)) {
            last--;
        }
        int n = 1;
        for (int i = 1; i <= last; i++) {
            if (!sameXY(seq, i, i - 1)) {
                n++;
            }
        }
        return n;
    }

    private static boolean sameXY(CoordinateSequence seq, int i, int j) {
        return seq.getX(i) == seq.getX(j) && seq.getY(i) == seq.getY(j);
    }

    /**
     * PolyWorld's N-ratio: the number of predicted vertices over the number of ground-truth vertices. 1 is ideal;
     * above 1 the prediction is over-complex, below 1 over-simplified.
     *
     * @throws IllegalArgumentException if {@code n} is negative or {@code nGroundTruth} is not positive
     */
    public static double nRatio(int n, int nGroundTruth) {
        if (n < 0) {
            throw new IllegalArgumentException("vertex count must not be negative, was " + n);
        }
        if (nGroundTruth <= 0) {
            throw new IllegalArgumentException("ground-truth vertex count must be positive, was " + nGroundTruth);
        }
        return (double) n / nGroundTruth;
    }

    /**
     * PolyWorld's complexity-aware IoU (C-IoU): {@code iou * (1 - |n - nGt| / (n + nGt))}. It equals the IoU when
     * the prediction has as many vertices as the ground truth and shrinks the IoU with the relative vertex-count
     * difference. When both counts are 0 the factor is 1.
     *
     * @param iou          an intersection over union in [0, 1]
     * @param n            predicted vertex count, at least 0
     * @param nGroundTruth ground-truth vertex count, at least 0
     * @throws IllegalArgumentException if {@code iou} is outside [0, 1] or a count is negative
     */
    public static double complexityAwareIoU(double iou, int n, int nGroundTruth) {
        if (!(iou >= 0 && iou <= 1)) {
            throw new IllegalArgumentException("IoU must be within [0, 1], was " + iou);
        }
        if (n < 0 || nGroundTruth < 0) {
            throw new IllegalArgumentException("vertex counts must not be negative, were " + n + " and " + nGroundTruth);
        }
        if (n + nGroundTruth == 0) {
            return iou;
        }
        return iou * (1.0 - (double) Math.abs(n - nGroundTruth) / ((long) n + nGroundTruth));
    }

    /**
     * Interior angles of a polygon, in degrees in (0, 360): for each vertex of the shell and then of each hole, in
     * ring order (closing repeat and consecutive repeated points skipped), the angle measured inside the polygon's
     * area. A convex corner is below 180, a reflex corner (such as the inner corner of an L) above 180; a vertex on a
     * straight line is 180. Independent of ring orientation and of whether y points up or down.
     *
     */
    public static double[] interiorAngles(Polygon polygon) {
        Objects.requireNonNull(polygon, "polygon");
        if (polygon.isEmpty()) {
            return new double[0];
        }
        double[] out = new double[vertexCount(polygon)];
        int k = ringAngles(polygon.getExteriorRing(), true, out, 0);
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
            k = ringAngles(polygon.getInteriorRingN(h), false, out, k);
        }
        return k == out.length ? out : java.util.Arrays.copyOf(out, k);
    }

    /**
     * Writes the interior angles of one ring into {@code out} from {@code k}. The polygon's area lies to the left of
     * a counter-clockwise shell and to the left of a clockwise hole (in the coordinates' own handedness); at each
     * vertex the left turn {@code t} of the walk gives the interior angle {@code 180 - t}.
     */
    private static int ringAngles(LineString ring, boolean shell, double[] out, int k) {
        Coordinate[] pts = distinctRing(ring.getCoordinates());
        int n = pts.length;
        if (n < 3) {
            for (int i = 0; i < n; i++) {
                out[k++] = 0;
            }
            return k;
        }
        boolean ccw = signedArea(pts) > 0;
        // Walk so that the polygon's area is on the left: shells counter-clockwise, holes clockwise.
        boolean reverse = shell != ccw;
        for (int i = 0; i < n; i++) {
            Coordinate prev = pts[(i + n - 1) % n];
            Coordinate cur = pts[i];
            Coordinate next = pts[(i + 1) % n];
            if (reverse) {
                Coordinate t = prev;
                prev = next;
                next = t;
            }
            double d1x = cur.x - prev.x;
            double d1y = cur.y - prev.y;
            double d2x = next.x - cur.x;
            double d2y = next.y - cur.y;
            double turn = Math.toDegrees(Math.atan2(d1x * d2y - d1y * d2x, d1x * d2x + d1y * d2y));
            out[k++] = 180.0 - turn;
        }
        return k;
    }

    /** Shoelace signed area (positive counter-clockwise in a y-up frame) of a ring given without closing point. */
    private static double signedArea(Coordinate[] pts) {
        double s = 0;
        int n = pts.length;
        for (int i = 0; i < n; i++) {
            Coordinate a = pts[i];
            Coordinate b = pts[(i + 1) % n];
            s += (a.x - pts[0].x) * (b.y - pts[0].y) - (b.x - pts[0].x) * (a.y - pts[0].y);
        }
        return s / 2;
    }

    /** The ring's points without the closing repeat and without consecutive repeats. */
    private static Coordinate[] distinctRing(Coordinate[] ring) {
        int last = ring.length - 1;
        while (last > 0 && ring[last].equals2D(ring[0])) {
            last--;
        }
        Coordinate[] out = new Coordinate[last + 1];
        int n = 0;
        for (int i = 0; i <= last; i++) {
            if (n == 0 || !ring[i].equals2D(out[n - 1])) {
                out[n++] = ring[i];
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * How far each corner is from a right angle, in degrees: for each vertex of every ring (in the order of
     * {@link #interiorAngles(Polygon)}), {@code min(|θ - 90|, |θ - 270|)} for its interior angle θ. Every corner is
     * reported; a reflex corner of 270 degrees (the inner corner of an L, T or U) counts as a right angle with
     * deviation 0, a straight-through vertex (180) has deviation 90. Use it on buildings whose corners are meant to be
     * right angles; it says nothing useful about round or diagonal buildings.
     */
    public static double[] cornerDeviations(Polygon polygon) {
        double[] angles = interiorAngles(polygon);
        for (int i = 0; i < angles.length; i++) {
            angles[i] = rightAngleDeviation(angles[i]);
        }
        return angles;
    }

    private static double rightAngleDeviation(double interiorAngle) {
        return Math.min(Math.abs(interiorAngle - 90.0), Math.abs(interiorAngle - 270.0));
    }

    /**
     * The share of a polygon's corners within {@code degrees} of a right angle (90, or 270 for a reflex corner), as
     * defined by {@link #cornerDeviations(Polygon)}.
     *
     * @return a value in [0, 1], or NaN when the polygon has no corners
     * @throws IllegalArgumentException if {@code degrees} is negative or not a number
     */
    public static double fractionOfCornersWithin(Polygon polygon, double degrees) {
        return fractionOfCornersWithin(List.of(Objects.requireNonNull(polygon, "polygon")), degrees);
    }

    /**
     * The share of all corners of all the polygons within {@code degrees} of a right angle (every corner weighs the
     * same, so a building with more corners weighs more).
     *
     * @return a value in [0, 1], or NaN when the polygons have no corners at all
     * @throws IllegalArgumentException if {@code degrees} is negative or not a number
     */
    public static double fractionOfCornersWithin(Collection<? extends Polygon> polygons, double degrees) {
        Objects.requireNonNull(polygons, "polygons");
        if (!(degrees >= 0)) {
            throw new IllegalArgumentException("angle tolerance must be zero or positive, was " + degrees);
        }
        long total = 0;
        long within = 0;
        for (Polygon p : polygons) {
            for (double d : cornerDeviations(p)) {
                total++;
                if (d <= degrees) {
                    within++;
                }
            }
        }
        return total == 0 ? Double.NaN : (double) within / total;
    }

    /**
     * Max tangent angle error with the {@linkplain #DEFAULT_TANGENT_SAMPLE_SPACING default sample spacing}.
     *
     * @see #maxTangentAngleError(Polygon, Polygon, double)
     */
    public static double maxTangentAngleError(Polygon predicted, Polygon groundTruth) {
        return maxTangentAngleError(predicted, groundTruth, DEFAULT_TANGENT_SAMPLE_SPACING);
    }

    /**
     * Max tangent angle error (Girard et al., "Polygonal Building Segmentation by Frame Field Learning"; reported by
     * PolyWorld): the largest angle between the predicted boundary's tangent and the ground-truth boundary's tangent
     * at the nearest ground-truth point, in degrees in [0, 90].
     *
     * <p><b>Sampling.</b> Every segment of every ring of the predicted polygon of length {@code L} is sampled at
     * {@code k = max(1, ceil(L / spacing))} points at fractions {@code (i + 0.5) / k} of its length, so every segment
     * (however short) is sampled, never exactly at a vertex where the tangent is undefined, with samples at most
     * {@code spacing} apart. The tangent at a sample is its segment's direction. For each sample the nearest
     * segment of any ground-truth ring is found; the error is the undirected angle between the two directions
     * ({@code min(d, 180 - d)} for {@code d} the difference of directions modulo 180). When several ground-truth
     * segments are equally near (within 1e-9 relative), the smallest error is used, so a sample on the bisector of a
     * ground-truth corner does not count as a 90 degree error. The cost is samples × ground-truth segments.
     *
     * @param spacing the largest distance between samples along a segment, positive
     * @return the maximum error over all samples; 0 when the predicted polygon has no segment of positive length
     * @throws IllegalArgumentException if spacing is not positive, or the ground truth is empty
     */
    public static double maxTangentAngleError(Polygon predicted, Polygon groundTruth, double spacing) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(groundTruth, "groundTruth");
        if (!(spacing > 0) || Double.isInfinite(spacing)) {
            throw new IllegalArgumentException("sample spacing must be a positive number, was " + spacing);
        }
        if (groundTruth.isEmpty()) {
            throw new IllegalArgumentException("ground truth polygon must not be empty");
        }
        List<Coordinate[]> gtRings = rings(groundTruth);
        double worst = 0;
        for (Coordinate[] ring : rings(predicted)) {
            for (int s = 0; s + 1 < ring.length; s++) {
                Coordinate p0 = ring[s];
                Coordinate p1 = ring[s + 1];
                double len = p0.distance(p1);
                if (len == 0) {
                    continue;
                }
                double dir = direction(p0, p1);
                int k = (int) Math.max(1, Math.ceil(len / spacing));
                for (int i = 0; i < k; i++) {
                    double f = (i + 0.5) / k;
                    Coordinate q = new Coordinate(p0.x + f * (p1.x - p0.x), p0.y + f * (p1.y - p0.y));
                    worst = Math.max(worst, errorAtNearest(q, dir, gtRings));
                }
            }
        }
        return worst;
    }

    private static double errorAtNearest(Coordinate q, double dir, List<Coordinate[]> gtRings) {
        double best = Double.POSITIVE_INFINITY;
        double bestError = 0;
        for (Coordinate[] ring : gtRings) {
            for (int s = 0; s + 1 < ring.length; s++) {
                Coordinate a = ring[s];
                Coordinate b = ring[s + 1];
                if (a.equals2D(b)) {
                    continue;
                }
                double d = Distance.pointToSegment(q, a, b);
                double error = angleBetweenLines(dir, direction(a, b));
                if (best == Double.POSITIVE_INFINITY) {
                    best = d;
                    bestError = error;
                    continue;
                }
                double tieTolerance = 1e-9 * Math.max(1, Math.max(d, best));
                if (d < best - tieTolerance) {
                    best = d;
                    bestError = error;
                } else if (d <= best + tieTolerance) {
                    best = Math.min(best, d);
                    bestError = Math.min(bestError, error);
                }
            }
        }
        return bestError;
    }

    private static double direction(Coordinate a, Coordinate b) {
        return Math.toDegrees(Math.atan2(b.y - a.y, b.x - a.x));
    }

    /** Undirected angle between two lines given by their directions in degrees: in [0, 90]. */
    private static double angleBetweenLines(double dirA, double dirB) {
        double d = Math.abs(dirA - dirB) % 180.0;
        return Math.min(d, 180.0 - d);
    }

    private static List<Coordinate[]> rings(Polygon p) {
        if (p.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<Coordinate[]> out = new java.util.ArrayList<>(1 + p.getNumInteriorRing());
        out.add(p.getExteriorRing().getCoordinates());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
            out.add(p.getInteriorRingN(h).getCoordinates());
        }
        return out;
    }

    /**
     * Hausdorff distance between two geometries with the {@linkplain #DEFAULT_HAUSDORFF_DENSIFY_FRACTION default
     * densify fraction}.
     *
     * @see #hausdorff(Geometry, Geometry, double)
     */
    public static double hausdorff(Geometry a, Geometry b) {
        return hausdorff(a, b, DEFAULT_HAUSDORFF_DENSIFY_FRACTION);
    }

    /**
     * Hausdorff distance between two geometries: the largest distance from a point of either to the other, using JTS
     * {@link DiscreteHausdorffDistance}. Each segment of both geometries is split into {@code 1 / densifyFraction}
     * pieces and the distance from every such point to the other geometry (its exact segments) is taken, so the
     * result is at most {@code densifyFraction × (longest segment)} below the exact value, never above it. The cost
     * grows as {@code 1 / densifyFraction}.
     *
     * @param densifyFraction in (0, 1]
     * @throws IllegalArgumentException if either geometry is empty or the fraction is out of range
     */
    public static double hausdorff(Geometry a, Geometry b, double densifyFraction) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalArgumentException("Hausdorff distance is undefined for an empty geometry");
        }
        if (!(densifyFraction > 0 && densifyFraction <= 1)) {
            throw new IllegalArgumentException("densify fraction must be in (0, 1], was " + densifyFraction);
        }
        return DiscreteHausdorffDistance.distance(a, b, densifyFraction);
    }

    static void requirePolygonal(Geometry g, String name) {
        Objects.requireNonNull(g, name);
        if (!g.isEmpty() && !(g instanceof Polygonal)) {
            throw new IllegalArgumentException(name + " must be a Polygon or MultiPolygon, was " + g.getGeometryType());
        }
    }
}
