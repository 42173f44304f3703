package org.roofline.geometry.regularize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Makes touching buildings, regularized one by one, share their common walls again.
 *
 * <p>Two instances whose traced outlines share a stretch of boundary (a row of terraced houses) are regularized on
 * their own, so each fits its own copy of the wall between them: the copies end up a little apart (a gap) or across each
 * other (an overlap). For each such pair, the larger building's regularized walls are kept and the smaller's walls that
 * run along them are moved onto them: an edge of the smaller within {@code angleDegrees} of parallel to an edge of the
 * larger, within {@code tolerance} of its line and overlapping it along its length is replaced by that line (its
 * neighbouring edges are extended or shortened to meet it). Whatever overlap remains is then cut from the smaller
 * building. One wall is thus fitted once and used by both.
 *
 * <p>Guarantees: each result is a valid polygon; a building is changed only where it touches a neighbour, and a change
 * that would make it invalid, split it, or move any of its area by more than a quarter is not made (the building is kept
 * as regularized); so is a change whose overlay fails for robustness (JTS {@code TopologyException}). Afterwards neighbours overlap by no area (to floating-point precision) where the change was made.
 * Known limits: walls meeting at more than {@code angleDegrees} are not joined; a gap wider than {@code tolerance}
 * stays; the moved wall takes the larger building's direction, so the smaller's corners on it may turn from 90° by up
 * to {@code angleDegrees}.
 */
public final class SharedWalls {

    /** Default largest angle between two walls that are joined. */
    public static final double DEFAULT_ANGLE_DEGREES = 10;

    /** Shortest stretch of shared traced boundary that makes two buildings neighbours, in coordinate units. */
    public static final double MIN_SHARED_LENGTH = 2;

    private final double tolerance;
    private final double maxAngle;

    /**
     * @param tolerance    how far apart two copies of a wall may be to be joined (the regularization tolerance)
     * @param angleDegrees how far from parallel they may be, in (0, 45]
     */
    public SharedWalls(double tolerance, double angleDegrees) {
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("shared-wall tolerance must be a positive number, was " + tolerance);
        }
        if (!(angleDegrees > 0 && angleDegrees <= 45)) {
            throw new IllegalArgumentException("shared-wall angle must be within (0, 45] degrees, was " + angleDegrees);
        }
        this.tolerance = tolerance;
        this.maxAngle = Math.toRadians(angleDegrees);
    }

    /** One call with the default angle. */
    public static List<Polygon> apply(List<? extends Geometry> traced, List<Polygon> regularized, double tolerance) {
        return new SharedWalls(tolerance, DEFAULT_ANGLE_DEGREES).apply(traced, regularized);
    }

    /**
     * @param traced      each building's traced outline (where it touches its neighbours)
     * @param regularized each building's regularized polygon, in the same order and coordinates
     * @return the regularized polygons with their shared walls joined, in the same order
     */
    public List<Polygon> apply(List<? extends Geometry> traced, List<Polygon> regularized) {
        Objects.requireNonNull(traced, "traced");
        Objects.requireNonNull(regularized, "regularized");
        if (traced.size() != regularized.size()) {
            throw new IllegalArgumentException("traced and regularized differ in count: " + traced.size() + " vs "
                    + regularized.size());
        }
        List<Polygon> out = new ArrayList<>(regularized);
        STRtree index = new STRtree();
        for (int i = 0; i < traced.size(); i++) {
            index.insert(traced.get(i).getEnvelopeInternal(), i);
        }
        List<int[]> pairs = new ArrayList<>();
        List<Double> shared = new ArrayList<>();
        for (int i = 0; i < traced.size(); i++) {
            Geometry a = traced.get(i);
            for (Object o : index.query(a.getEnvelopeInternal())) {
                int j = (Integer) o;
                if (j <= i) {
                    continue;
                }
                Geometry b = traced.get(j);
                if (!a.intersects(b)) {
                    continue;
                }
                double length = sharedLength(a, b);
                if (length >= MIN_SHARED_LENGTH) {
                    pairs.add(new int[] {i, j});
                    shared.add(length);
                }
            }
        }
        Integer[] order = new Integer[pairs.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> -shared.get(k)));
        for (int k : order) {
            int i = pairs.get(k)[0];
            int j = pairs.get(k)[1];
            boolean iKeeps = out.get(i).getArea() >= out.get(j).getArea();
            int keep = iKeeps ? i : j;
            int move = iKeeps ? j : i;
            Polygon joined = robustly(() -> join(out.get(move), out.get(keep)));
            if (joined != null) {
                out.set(move, joined);
            }
        }
        // a wall moved for one neighbour may cross another: cut what still overlaps from the smaller of each pair
        for (int k : order) {
            int i = pairs.get(k)[0];
            int j = pairs.get(k)[1];
            boolean iKeeps = out.get(i).getArea() >= out.get(j).getArea();
            int keep = iKeeps ? i : j;
            int move = iKeeps ? j : i;
            Polygon smaller = out.get(move);
            Polygon larger = out.get(keep);
            Polygon cut = robustly(() -> {
                if (!smaller.intersects(larger) || smaller.intersection(larger).getArea() <= 0) {
                    return null;
                }
                Polygon p = largestPolygon(smaller.difference(larger));
                return p != null && p.isValid() && p.getArea() >= 0.95 * smaller.getArea() ? p : null;
            });
            if (cut != null) {
                out.set(move, cut);
            }
        }
        return out;
    }

    /** The moved building with its walls along the kept one's moved onto them and the overlap cut; null: unchanged. */
    private Polygon join(Polygon moved, Polygon kept) {
        if (moved.getNumInteriorRing() > 0 || !moved.getEnvelopeInternal().intersects(expanded(kept))) {
            return null;
        }
        Coordinate[] ring = Arrays.copyOf(moved.getExteriorRing().getCoordinates(),
                moved.getExteriorRing().getNumPoints() - 1);
        int n = ring.length;
        if (n < 3) {
            return null;
        }
        Coordinate[] keptRing = kept.getExteriorRing().getCoordinates();
        Coordinate[] result = Arrays.stream(ring).map(Coordinate::copy).toArray(Coordinate[]::new);
        boolean changed = false;
        for (int e = 0; e < n; e++) {
            Coordinate p0 = ring[e];
            Coordinate p1 = ring[(e + 1) % n];
            double len = p0.distance(p1);
            if (len < 1e-9) {
                continue;
            }
            for (int f = 0; f < keptRing.length - 1; f++) {
                Coordinate q0 = keptRing[f];
                Coordinate q1 = keptRing[f + 1];
                if (!alongside(p0, p1, q0, q1)) {
                    continue;
                }
                Coordinate prev = ring[(e - 1 + n) % n];
                Coordinate next = ring[(e + 2) % n];
                Coordinate a = intersection(prev, p0, q0, q1);
                Coordinate b = intersection(p1, next, q0, q1);
                if (a == null || b == null || a.distance(p0) > 2 * tolerance || b.distance(p1) > 2 * tolerance) {
                    continue;
                }
                result[e] = a;
                result[(e + 1) % n] = b;
                changed = true;
                break;
            }
        }
        Polygon candidate = moved;
        if (changed) {
            Coordinate[] closed = Arrays.copyOf(result, n + 1);
            closed[n] = result[0].copy();
            Polygon p = moved.getFactory().createPolygon(closed);
            if (p.isValid()) {
                candidate = p;
            }
        }
        Geometry cut = candidate.intersects(kept) ? candidate.difference(kept) : candidate;
        Polygon largest = largestPolygon(cut);
        if (largest == null || !largest.isValid()
                || Math.abs(largest.getArea() - moved.getArea()) > 0.25 * moved.getArea()
                || moved.symDifference(largest).getArea() > 0.25 * moved.getArea()) {
            return null;
        }
        double lost = cut.getArea() - largest.getArea();
        if (lost > 0.05 * moved.getArea()) {
            return null;
        }
        return largest.equalsExact(moved) ? null : largest;
    }

    /** Length of boundary two traced outlines share; 0 when the overlay fails on them. */
    private static double sharedLength(Geometry a, Geometry b) {
        Double length = robustly(() -> a.getBoundary().intersection(b.getBoundary()).getLength());
        return length == null ? 0 : length;
    }

    /**
     * Runs an overlay step; a robustness failure of the overlay (JTS's TopologyException on nearly coincident
     * lines) leaves the buildings as they were instead of failing the whole job.
     */
    private static <T> T robustly(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (org.locationtech.jts.geom.TopologyException e) {
            return null;
        }
    }

    /** Whether edge p0-p1 runs along edge q0-q1: near parallel, within the tolerance, overlapping along its length. */
    private boolean alongside(Coordinate p0, Coordinate p1, Coordinate q0, Coordinate q1) {
        double px = p1.x - p0.x;
        double py = p1.y - p0.y;
        double qx = q1.x - q0.x;
        double qy = q1.y - q0.y;
        double lp = Math.hypot(px, py);
        double lq = Math.hypot(qx, qy);
        if (lq < 1e-9) {
            return false;
        }
        double sin = Math.abs(px * qy - py * qx) / (lp * lq);
        if (sin > Math.sin(maxAngle)) {
            return false;
        }
        // distance of both ends of p from q's line
        double d0 = Math.abs((p0.x - q0.x) * qy - (p0.y - q0.y) * qx) / lq;
        double d1 = Math.abs((p1.x - q0.x) * qy - (p1.y - q0.y) * qx) / lq;
        if (Math.max(d0, d1) > tolerance) {
            return false;
        }
        // overlap of the projections on q
        double t0 = ((p0.x - q0.x) * qx + (p0.y - q0.y) * qy) / lq;
        double t1 = ((p1.x - q0.x) * qx + (p1.y - q0.y) * qy) / lq;
        double overlap = Math.min(Math.max(t0, t1), lq) - Math.max(Math.min(t0, t1), 0);
        return overlap >= 0.5 * Math.min(lp, lq);
    }

    /** Where the line through a-b meets the line through c-d; null when (nearly) parallel. */
    private static Coordinate intersection(Coordinate a, Coordinate b, Coordinate c, Coordinate d) {
        double rx = b.x - a.x;
        double ry = b.y - a.y;
        double sx = d.x - c.x;
        double sy = d.y - c.y;
        double den = rx * sy - ry * sx;
        double norm = Math.hypot(rx, ry) * Math.hypot(sx, sy);
        if (norm == 0 || Math.abs(den) < 1e-6 * norm) {
            return null;
        }
        double t = ((c.x - a.x) * sy - (c.y - a.y) * sx) / den;
        return new Coordinate(a.x + t * rx, a.y + t * ry);
    }

    private org.locationtech.jts.geom.Envelope expanded(Polygon p) {
        org.locationtech.jts.geom.Envelope e = new org.locationtech.jts.geom.Envelope(p.getEnvelopeInternal());
        e.expandBy(tolerance);
        return e;
    }

    private static Polygon largestPolygon(Geometry g) {
        Polygon best = null;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()
                    && (best == null || p.getArea() > best.getArea())) {
                best = p;
            }
        }
        return best;
    }

}
