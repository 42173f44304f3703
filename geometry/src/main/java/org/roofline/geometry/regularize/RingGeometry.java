package org.roofline.geometry.regularize;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.LinearRing;

/** A closed ring as two coordinate arrays without the closing repeat; small numeric helpers on rings. */
final class RingGeometry {

    final double[] x;
    final double[] y;
    final int n;

    RingGeometry(double[] x, double[] y, int n) {
        this.x = x;
        this.y = y;
        this.n = n;
    }

    static RingGeometry of(LinearRing ring) {
        CoordinateSequence c = ring.getCoordinateSequence();
        int n = c.size() - 1;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = c.getX(i);
            y[i] = c.getY(i);
        }
        return new RingGeometry(x, y, n);
    }

    Coordinate[] toClosedCoordinates() {
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            c[i] = new Coordinate(x[i], y[i]);
        }
        c[n] = c[0].copy();
        return c;
    }

    double signedArea() {
        double a = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            a += x[j] * y[i] - x[i] * y[j];
        }
        return a / 2;
    }

    double perimeter() {
        double p = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            p += hypot(x[i] - x[j], y[i] - y[j]);
        }
        return p;
    }

    /** Distance from (px, py) to the segment from vertex i to vertex i+1 (cyclic). */
    double segmentDistance(int i, double px, double py) {
        int j = i + 1 == n ? 0 : i + 1;
        return segmentDistance(x[i], y[i], x[j], y[j], px, py);
    }

    /** sqrt(dx² + dy²) without {@link Math#hypot}'s overflow care, which costs more than the rest of a check. */
    static double hypot(double dx, double dy) {
        return Math.sqrt(dx * dx + dy * dy);
    }

    static double segmentDistance(double ax, double ay, double bx, double by, double px, double py) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
        if (t < 0) {
            t = 0;
        } else if (t > 1) {
            t = 1;
        }
        double qx = ax + t * dx - px;
        double qy = ay + t * dy - py;
        return Math.sqrt(qx * qx + qy * qy);
    }

    /**
     * Whether every point of this ring's boundary lies within {@code bound} of {@code other}'s boundary, checked at
     * the vertices and at samples at most {@code step} apart (so the true distance exceeds the checked one by at most
     * step / 2). Searches outward from the last nearest edge, so a passing check costs about one distance per sample.
     */
    boolean within(RingGeometry other, double bound, double step) {
        other.prepareEdges();
        double bound2 = bound * bound;
        int hint = 0;
        for (int i = 0; i < n; i++) {
            int j = i + 1 == n ? 0 : i + 1;
            double len = hypot(x[j] - x[i], y[j] - y[i]);
            int samples = Math.max(1, (int) Math.ceil(len / step));
            for (int s = 0; s < samples; s++) {
                double t = (double) s / samples;
                double px = x[i] + t * (x[j] - x[i]);
                double py = y[i] + t * (y[j] - y[i]);
                hint = other.nearEdge(px, py, bound2, hint);
                if (hint < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Per edge i (vertex i to i+1): its vector and the inverse of its squared length (0 for a zero-length edge). */
    private double[] edgeDx;
    private double[] edgeDy;
    private double[] edgeInvLen2;

    /** Per edge: its length and midpoint, for least-squares fits; computed once, shared by every fit of the ring. */
    private double[] edgeLength;
    private double[] edgeMidX;
    private double[] edgeMidY;

    double[] edgeLengths() {
        prepareMidpoints();
        return edgeLength;
    }

    double[] edgeMidX() {
        prepareMidpoints();
        return edgeMidX;
    }

    double[] edgeMidY() {
        prepareMidpoints();
        return edgeMidY;
    }

    private void prepareMidpoints() {
        if (edgeLength != null) {
            return;
        }
        prepareEdges();
        edgeLength = new double[n];
        edgeMidX = new double[n];
        edgeMidY = new double[n];
        for (int i = 0; i < n; i++) {
            edgeLength[i] = Math.sqrt(edgeDx[i] * edgeDx[i] + edgeDy[i] * edgeDy[i]);
            edgeMidX[i] = x[i] + edgeDx[i] / 2;
            edgeMidY[i] = y[i] + edgeDy[i] / 2;
        }
    }

    private void prepareEdges() {
        if (edgeDx != null) {
            return;
        }
        edgeDx = new double[n];
        edgeDy = new double[n];
        edgeInvLen2 = new double[n];
        for (int i = 0; i < n; i++) {
            int j = i + 1 == n ? 0 : i + 1;
            edgeDx[i] = x[j] - x[i];
            edgeDy[i] = y[j] - y[i];
            double len2 = edgeDx[i] * edgeDx[i] + edgeDy[i] * edgeDy[i];
            edgeInvLen2[i] = len2 == 0 ? 0 : 1 / len2;
        }
    }

    private double squaredDistanceToEdge(int i, double px, double py) {
        double ox = px - x[i];
        double oy = py - y[i];
        double t = (ox * edgeDx[i] + oy * edgeDy[i]) * edgeInvLen2[i];
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        double qx = ox - t * edgeDx[i];
        double qy = oy - t * edgeDy[i];
        return qx * qx + qy * qy;
    }

    /**
     * @return an edge within sqrt(bound2) of the point, searching outward from {@code hint}, or -1 when there is
     *         none
     */
    private int nearEdge(double px, double py, double bound2, int hint) {
        if (squaredDistanceToEdge(hint, px, py) <= bound2) {
            return hint;
        }
        for (int k = 1; k <= n / 2; k++) {
            int a = hint + k >= n ? hint + k - n : hint + k;
            if (squaredDistanceToEdge(a, px, py) <= bound2) {
                return a;
            }
            int b = hint - k < 0 ? hint - k + n : hint - k;
            if (squaredDistanceToEdge(b, px, py) <= bound2) {
                return b;
            }
        }
        return -1;
    }

    /** Whether the ring is simple: no two non-adjacent edges meet, no adjacent edges overlap, no zero-length edge. */
    boolean isSimple() {
        if (n < 3) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int i1 = (i + 1) % n;
            if (x[i] == x[i1] && y[i] == y[i1]) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            int i1 = (i + 1) % n;
            for (int j = i + 1; j < n; j++) {
                int j1 = (j + 1) % n;
                boolean adjacent = j == i1 || i == j1;
                if (adjacent) {
                    // adjacent edges share exactly one endpoint; they must not fold back onto each other
                    int shared = j == i1 ? j : i;
                    int a = j == i1 ? i : j;
                    int c = j == i1 ? j1 : i1;
                    double cross = (x[a] - x[shared]) * (y[c] - y[shared]) - (y[a] - y[shared]) * (x[c] - x[shared]);
                    double dot = (x[a] - x[shared]) * (x[c] - x[shared]) + (y[a] - y[shared]) * (y[c] - y[shared]);
                    if (Math.abs(cross) < 1e-12 && dot > 0) {
                        return false;
                    }
                    continue;
                }
                if (segmentsMeet(x[i], y[i], x[i1], y[i1], x[j], y[j], x[j1], y[j1])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean segmentsMeet(double ax, double ay, double bx, double by,
                                        double cx, double cy, double dx, double dy) {
        if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)
                || Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) {
            return false;
        }
        double d1 = orient(cx, cy, dx, dy, ax, ay);
        double d2 = orient(cx, cy, dx, dy, bx, by);
        double d3 = orient(ax, ay, bx, by, cx, cy);
        double d4 = orient(ax, ay, bx, by, dx, dy);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(cx, cy, dx, dy, ax, ay)) || (d2 == 0 && onSegment(cx, cy, dx, dy, bx, by))
                || (d3 == 0 && onSegment(ax, ay, bx, by, cx, cy)) || (d4 == 0 && onSegment(ax, ay, bx, by, dx, dy));
    }

    private static double orient(double ax, double ay, double bx, double by, double px, double py) {
        double v = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
        return Math.abs(v) < 1e-9 ? 0 : v;
    }

    private static boolean onSegment(double ax, double ay, double bx, double by, double px, double py) {
        return px >= Math.min(ax, bx) - 1e-9 && px <= Math.max(ax, bx) + 1e-9
                && py >= Math.min(ay, by) - 1e-9 && py <= Math.max(ay, by) + 1e-9;
    }
}
