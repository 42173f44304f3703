package org.roofline.geometry.regularize;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a ring with straight edges whose directions are snapped to a set of allowed directions (multiples of
 * {@code 2π / directions} from a base orientation): the core of right-angle and diagonal regularization.
 *
 * <p>Steps: Douglas-Peucker breaks the ring into pieces; each piece gets the nearest allowed direction (or keeps its
 * own when it is further off than the angle tolerance and {@code forceSnap} is off); consecutive pieces of the same
 * direction merge; each edge line is the least-squares fit of its piece of the input (integrated along the input
 * edges, so pixel staircases fit through their middle); edges shorter than the minimum length are removed (a jog
 * between parallel edges merges them, a chamfer between crossing edges is cut away, a thin spike is removed whole);
 * vertices are the intersections of consecutive lines, with a perpendicular connector where two consecutive lines
 * are antiparallel. The result is not checked here: the caller verifies validity and distance.
 */
final class SnappedRingFitter {

    private static final double FREE = Double.NaN;

    private final RingGeometry ring;
    private final double baseAngle;
    private final int directions;
    private final double angleTolerance;
    private final double minEdgeLength;
    private final boolean forceSnap;

    /** Per input edge j (from vertex j to j+1): length-weighted midpoint sums, precomputed. */
    private final double[] edgeLength;
    private final double[] edgeMidX;
    private final double[] edgeMidY;

    SnappedRingFitter(RingGeometry ring, double baseAngle, int directions, double angleToleranceRadians,
                      double minEdgeLength, boolean forceSnap) {
        this.ring = ring;
        this.baseAngle = baseAngle;
        this.directions = directions;
        this.angleTolerance = angleToleranceRadians;
        this.minEdgeLength = minEdgeLength;
        this.forceSnap = forceSnap;
        int n = ring.n;
        edgeLength = new double[n];
        edgeMidX = new double[n];
        edgeMidY = new double[n];
        for (int j = 0; j < n; j++) {
            int k = j + 1 == n ? 0 : j + 1;
            edgeLength[j] = Math.hypot(ring.x[k] - ring.x[j], ring.y[k] - ring.y[j]);
            edgeMidX[j] = (ring.x[k] + ring.x[j]) / 2;
            edgeMidY[j] = (ring.y[k] + ring.y[j]) / 2;
        }
    }

    /** One edge of the fitted ring, covering input edges [start, end) (indices modulo n). */
    private static final class Piece {
        int start;
        int end;
        /** index of the allowed direction, or -1 when free */
        int k;
        /** direction angle in radians (the allowed direction when snapped) */
        double angle;
        double sumW;
        double sumX;
        double sumY;

        double ux() {
            return Math.cos(angle);
        }

        double uy() {
            return Math.sin(angle);
        }

        /** The line is { p : n·p = offset } with n = (-uy, ux). */
        double offset() {
            return (-uy() * sumX + ux() * sumY) / sumW;
        }
    }

    /**
     * @param breakpoints indices of the ring vertices where pieces start, ascending, from Douglas-Peucker
     * @return the fitted ring, or null when no ring with at least 3 edges could be formed
     */
    RingGeometry fit(int[] breakpoints) {
        int n = ring.n;
        List<Piece> pieces = new ArrayList<>(breakpoints.length);
        for (int b = 0; b < breakpoints.length; b++) {
            int s = breakpoints[b];
            int e = b + 1 < breakpoints.length ? breakpoints[b + 1] : breakpoints[0] + n;
            Piece p = new Piece();
            p.start = s;
            p.end = e;
            accumulate(p, s, e);
            double chord = Math.atan2(ring.y[e % n] - ring.y[s], ring.x[e % n] - ring.x[s]);
            snap(p, chord);
            pieces.add(p);
        }
        mergeSameDirection(pieces);
        removeShortEdges(pieces);
        if (pieces.size() < 3) {
            return null;
        }
        return vertices(pieces);
    }

    private void accumulate(Piece p, int from, int to) {
        int n = ring.n;
        for (int j = from; j < to; j++) {
            int e = j % n;
            double w = edgeLength[e];
            p.sumW += w;
            p.sumX += w * edgeMidX[e];
            p.sumY += w * edgeMidY[e];
        }
    }

    private void snap(Piece p, double chordAngle) {
        double step = 2 * Math.PI / directions;
        double rel = chordAngle - baseAngle;
        int k = (int) Math.floorMod(Math.round(rel / step), (long) directions);
        double snapped = baseAngle + k * step;
        double deviation = Math.abs(Math.IEEEremainder(chordAngle - snapped, 2 * Math.PI));
        if (forceSnap || deviation <= angleTolerance) {
            p.k = k;
            p.angle = snapped;
        } else {
            p.k = -1;
            p.angle = chordAngle;
        }
    }

    private boolean sameDirection(Piece a, Piece b) {
        return a.k >= 0 && a.k == b.k;
    }

    private boolean antiparallel(Piece a, Piece b) {
        if (a.k >= 0 && b.k >= 0) {
            return (a.k + directions / 2) % directions == b.k;
        }
        double d = Math.abs(Math.IEEEremainder(a.angle - b.angle - Math.PI, 2 * Math.PI));
        return d < 1e-3;
    }

    private boolean parallelFree(Piece a, Piece b) {
        return (a.k < 0 || b.k < 0) && Math.abs(Math.IEEEremainder(a.angle - b.angle, 2 * Math.PI)) < 1e-3;
    }

    private static Piece merged(Piece a, Piece b) {
        Piece m = new Piece();
        m.start = a.start;
        m.end = a.end + (b.end - b.start);
        m.k = a.k;
        m.angle = a.angle;
        m.sumW = a.sumW + b.sumW;
        m.sumX = a.sumX + b.sumX;
        m.sumY = a.sumY + b.sumY;
        return m;
    }

    private void mergeSameDirection(List<Piece> pieces) {
        boolean changed = true;
        while (changed && pieces.size() > 1) {
            changed = false;
            for (int i = 0; i < pieces.size() && pieces.size() > 1; i++) {
                int j = (i + 1) % pieces.size();
                Piece a = pieces.get(i);
                Piece b = pieces.get(j);
                if (sameDirection(a, b) || parallelFree(a, b)) {
                    Piece m = merged(a, b);
                    if (m.k < 0) {
                        m.angle = weightedAngle(a, b);
                    }
                    replacePair(pieces, i, j, m);
                    changed = true;
                    i--;
                }
            }
        }
    }

    private static double weightedAngle(Piece a, Piece b) {
        double x = a.sumW * Math.cos(a.angle) + b.sumW * Math.cos(b.angle);
        double y = a.sumW * Math.sin(a.angle) + b.sumW * Math.sin(b.angle);
        return Math.atan2(y, x);
    }

    private static void replacePair(List<Piece> pieces, int i, int j, Piece m) {
        if (j > i) {
            pieces.set(i, m);
            pieces.remove(j);
        } else {
            // wrap-around: j == 0, i == last
            pieces.set(0, m);
            pieces.remove(i);
        }
    }

    private void removeShortEdges(List<Piece> pieces) {
        int minPieces = directions == 4 ? 4 : 3;
        for (int guard = 0; guard < 4 * ring.n && pieces.size() > minPieces; guard++) {
            RingGeometry v = vertices(pieces);
            if (v == null) {
                return;
            }
            // vertices(i) is where piece i-1 meets piece i, so edge i runs from vertex of piece i to that of i+1;
            // connectors add vertices, so measure each piece's length between its own two end vertices.
            double[] lengths = pieceLengths(pieces);
            int shortest = -1;
            for (int i = 0; i < pieces.size(); i++) {
                if (lengths[i] < minEdgeLength && (shortest < 0 || lengths[i] < lengths[shortest])) {
                    shortest = i;
                }
            }
            if (shortest < 0) {
                return;
            }
            int size = pieces.size();
            Piece prev = pieces.get((shortest + size - 1) % size);
            Piece next = pieces.get((shortest + 1) % size);
            if (sameDirection(prev, next) || parallelFree(prev, next)) {
                // a jog between two parallel edges: one edge through both
                if (size - 2 < minPieces) {
                    return;
                }
                Piece m = merged(merged(prev, pieces.get(shortest)), next);
                m.sumW = prev.sumW + next.sumW;
                m.sumX = prev.sumX + next.sumX;
                m.sumY = prev.sumY + next.sumY;
                if (m.k < 0) {
                    m.angle = weightedAngle(prev, next);
                }
                removeThree(pieces, shortest, m);
            } else if (antiparallel(prev, next)) {
                // a thin spike or notch: drop it whole, then join what it interrupted
                if (size - 3 < minPieces) {
                    return;
                }
                Piece before = pieces.get((shortest + size - 2) % size);
                Piece m = merged(merged(merged(before, prev), pieces.get(shortest)), next);
                m.sumW = before.sumW;
                m.sumX = before.sumX;
                m.sumY = before.sumY;
                m.k = before.k;
                m.angle = before.angle;
                removeFour(pieces, shortest, m);
                mergeSameDirection(pieces);
            } else {
                // a chamfer between crossing edges: cut it, the neighbours meet directly
                Piece s = pieces.get(shortest);
                Piece grown = new Piece();
                grown.start = prev.start;
                grown.end = prev.end + (s.end - s.start);
                grown.k = prev.k;
                grown.angle = prev.angle;
                grown.sumW = prev.sumW;
                grown.sumX = prev.sumX;
                grown.sumY = prev.sumY;
                int prevIndex = (shortest + size - 1) % size;
                pieces.set(prevIndex, grown);
                pieces.remove(shortest);
            }
        }
    }

    /** Replaces pieces shortest-1, shortest, shortest+1 (cyclic) by m. */
    private static void removeThree(List<Piece> pieces, int shortest, Piece m) {
        int size = pieces.size();
        int a = (shortest + size - 1) % size;
        int c = (shortest + 1) % size;
        List<Piece> out = new ArrayList<>(size - 2);
        for (int i = 0; i < size; i++) {
            if (i == a) {
                out.add(m);
            } else if (i != shortest && i != c) {
                out.add(pieces.get(i));
            }
        }
        pieces.clear();
        pieces.addAll(out);
    }

    /** Replaces pieces shortest-2 .. shortest+1 (cyclic) by m. */
    private static void removeFour(List<Piece> pieces, int shortest, Piece m) {
        int size = pieces.size();
        int a = (shortest + size - 2) % size;
        int b = (shortest + size - 1) % size;
        int d = (shortest + 1) % size;
        List<Piece> out = new ArrayList<>(size - 3);
        for (int i = 0; i < size; i++) {
            if (i == a) {
                out.add(m);
            } else if (i != b && i != shortest && i != d) {
                out.add(pieces.get(i));
            }
        }
        pieces.clear();
        pieces.addAll(out);
    }

    private double[] pieceLengths(List<Piece> pieces) {
        int size = pieces.size();
        double[] lengths = new double[size];
        for (int i = 0; i < size; i++) {
            Piece prev = pieces.get((i + size - 1) % size);
            Piece p = pieces.get(i);
            Piece next = pieces.get((i + 1) % size);
            double[] a = junction(prev, p, true);
            double[] b = junction(p, next, false);
            lengths[i] = Math.hypot(b[0] - a[0], b[1] - a[1]);
        }
        return lengths;
    }

    /**
     * Where piece {@code a} meets the following piece {@code b}: their lines' intersection, or for (near-)parallel
     * lines the projection of the input vertex between them onto {@code b} (when {@code onSecond}) or {@code a}.
     */
    private double[] junction(Piece a, Piece b, boolean onSecond) {
        double ax = a.ux();
        double ay = a.uy();
        double bx = b.ux();
        double by = b.uy();
        double cross = ax * by - ay * bx;
        if (Math.abs(cross) > 1e-6) {
            double ca = a.offset();
            double cb = b.offset();
            // solve -ay*x + ax*y = ca ; -by*x + bx*y = cb
            double det = (-ay) * bx - ax * (-by);
            double x = (ca * bx - ax * cb) / det;
            double y = ((-ay) * cb - (-by) * ca) / det;
            return new double[] {x, y};
        }
        int n = ring.n;
        int j = a.end % n;
        Piece on = onSecond ? b : a;
        double px = ring.x[j];
        double py = ring.y[j];
        double ux = on.ux();
        double uy = on.uy();
        double c = on.offset();
        double dist = -uy * px + ux * py - c;
        return new double[] {px + uy * dist, py - ux * dist};
    }

    private RingGeometry vertices(List<Piece> pieces) {
        int size = pieces.size();
        double[] x = new double[2 * size];
        double[] y = new double[2 * size];
        int m = 0;
        for (int i = 0; i < size; i++) {
            Piece a = pieces.get(i);
            Piece b = pieces.get((i + 1) % size);
            double cross = a.ux() * b.uy() - a.uy() * b.ux();
            if (Math.abs(cross) > 1e-6) {
                double[] p = junction(a, b, true);
                x[m] = p[0];
                y[m] = p[1];
                m++;
            } else {
                double[] pa = junction(a, b, false);
                double[] pb = junction(a, b, true);
                x[m] = pa[0];
                y[m] = pa[1];
                m++;
                if (Math.hypot(pb[0] - pa[0], pb[1] - pa[1]) > 1e-9) {
                    x[m] = pb[0];
                    y[m] = pb[1];
                    m++;
                }
            }
        }
        if (m < 3) {
            return null;
        }
        // the vertex list starts at the end of piece 0; order does not matter for a ring
        return removeCollinear(new RingGeometry(x, y, m));
    }

    private static RingGeometry removeCollinear(RingGeometry r) {
        double[] x = new double[r.n];
        double[] y = new double[r.n];
        int m = 0;
        for (int i = 0; i < r.n; i++) {
            int p = (i + r.n - 1) % r.n;
            int q = (i + 1) % r.n;
            double cross = (r.x[i] - r.x[p]) * (r.y[q] - r.y[i]) - (r.y[i] - r.y[p]) * (r.x[q] - r.x[i]);
            double l1 = Math.hypot(r.x[i] - r.x[p], r.y[i] - r.y[p]);
            double l2 = Math.hypot(r.x[q] - r.x[i], r.y[q] - r.y[i]);
            if (l1 < 1e-9 || Math.abs(cross) <= 1e-9 * Math.max(1, l1 * l2)) {
                continue;
            }
            x[m] = r.x[i];
            y[m] = r.y[i];
            m++;
        }
        return m < 3 ? null : new RingGeometry(x, y, m);
    }
}
