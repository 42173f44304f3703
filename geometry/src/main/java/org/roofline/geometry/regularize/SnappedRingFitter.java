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

    /**
     * Lines meeting at less than this sine (about 15 degrees) are joined by a short perpendicular connector instead
     * of their intersection, which would lie far away (a kept frame edge beside a wall that is nearly parallel to it).
     */
    private static final double MIN_CROSSING_SINE = Math.sin(Math.toRadians(15));

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

    /** Per input edge: whether it lies on the frame (the image or tile border), where the building is cut. */
    private final boolean[] onFrame;
    private final org.locationtech.jts.geom.Envelope frame;

    SnappedRingFitter(RingGeometry ring, double baseAngle, int directions, double angleToleranceRadians,
                      double minEdgeLength, boolean forceSnap, org.locationtech.jts.geom.Envelope frame) {
        this.ring = ring;
        this.baseAngle = baseAngle;
        this.directions = directions;
        this.angleTolerance = angleToleranceRadians;
        this.minEdgeLength = minEdgeLength;
        this.forceSnap = forceSnap;
        int n = ring.n;
        edgeLength = ring.edgeLengths();
        edgeMidX = ring.edgeMidX();
        edgeMidY = ring.edgeMidY();
        this.frame = frame;
        onFrame = new boolean[n];
        if (frame != null) {
            for (int j = 0; j < n; j++) {
                int k = j + 1 == n ? 0 : j + 1;
                onFrame[j] = sameSide(frame, ring.x[j], ring.y[j], ring.x[k], ring.y[k]);
            }
        }
    }

    static boolean sameSide(org.locationtech.jts.geom.Envelope f, double ax, double ay, double bx, double by) {
        return (ax == f.getMinX() && bx == f.getMinX()) || (ax == f.getMaxX() && bx == f.getMaxX())
                || (ay == f.getMinY() && by == f.getMinY()) || (ay == f.getMaxY() && by == f.getMaxY());
    }

    /** Adds a breakpoint wherever the input passes between the frame and the building's own outline. */
    private int[] withFrameTransitions(int[] breakpoints) {
        int n = ring.n;
        boolean any = false;
        for (boolean b : onFrame) {
            any |= b;
        }
        if (!any) {
            return breakpoints;
        }
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
        for (int b : breakpoints) {
            all.add(b);
        }
        for (int j = 0; j < n; j++) {
            if (onFrame[j] != onFrame[(j + n - 1) % n]) {
                all.add(j);
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One edge of the fitted ring, covering input edges [start, end) (indices modulo n). */
    private static final class Piece {
        int start;
        int end;
        /** index of the allowed direction, or -1 when free */
        int k;
        /** lies on the frame: kept exactly where it is, never snapped or removed */
        boolean frame;
        /** length between its end vertices, NaN until measured; depends on its neighbours too */
        double length = Double.NaN;
        /** direction angle in radians (the allowed direction when snapped) */
        double angle;
        double sumW;
        double sumX;
        double sumY;

        private double cachedAngle = Double.NaN;
        private double ux;
        private double uy;

        private void direction() {
            if (cachedAngle != angle) {
                ux = Math.cos(angle);
                uy = Math.sin(angle);
                cachedAngle = angle;
            }
        }

        double ux() {
            direction();
            return ux;
        }

        double uy() {
            direction();
            return uy;
        }

        /** The line is { p : n·p = offset } with n = (-uy, ux). */
        double offset() {
            direction();
            return (-uy * sumX + ux * sumY) / sumW;
        }
    }

    /**
     * @param breakpoints indices of the ring vertices where pieces start, ascending, from Douglas-Peucker
     * @return the fitted ring, or null when no ring with at least 3 edges could be formed
     */
    RingGeometry fit(int[] dpBreakpoints) {
        int n = ring.n;
        int[] breakpoints = withFrameTransitions(dpBreakpoints);
        List<Piece> pieces = new ArrayList<>(breakpoints.length);
        for (int b = 0; b < breakpoints.length; b++) {
            int s = breakpoints[b];
            int e = b + 1 < breakpoints.length ? breakpoints[b + 1] : breakpoints[0] + n;
            Piece p = new Piece();
            p.start = s;
            p.end = e;
            accumulate(p, s, e);
            double chord = Math.atan2(ring.y[e % n] - ring.y[s], ring.x[e % n] - ring.x[s]);
            p.frame = onFrame[s % n];
            if (p.frame) {
                p.k = -1;
                p.angle = chord;
            } else {
                snap(p, chord);
            }
            pieces.add(p);
        }
        mergeSameDirection(pieces);
        collapseJogs(pieces);
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
        return (a.k < 0 || b.k < 0) && a.frame == b.frame
                && Math.abs(Math.IEEEremainder(a.angle - b.angle, 2 * Math.PI)) < 1e-3;
    }

    private static Piece merged(Piece a, Piece b) {
        Piece m = new Piece();
        m.start = a.start;
        m.end = a.end + (b.end - b.start);
        m.k = a.k;
        m.frame = a.frame;
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

    /**
     * One linear sweep (twice round the ring, for the wrap-around) that removes every jog shorter than the minimum
     * edge length between two pieces of the same direction, and merges what it joins. Noisy outlines give dozens of
     * such jogs; removing them here keeps the general pass below, which is quadratic in the pieces, short.
     */
    private void collapseJogs(List<Piece> pieces) {
        int minPieces = directions == 4 ? 4 : 3;
        for (int round = 0; round < 2 && pieces.size() > minPieces; round++) {
            List<Piece> out = new ArrayList<>(pieces.size());
            for (Piece p : pieces) {
                out.add(p);
                while (out.size() >= 3) {
                    int last = out.size() - 1;
                    Piece a = out.get(last - 2);
                    Piece j = out.get(last - 1);
                    Piece c = out.get(last);
                    if (j.frame || !(sameDirection(a, c) || parallelFree(a, c))) {
                        break;
                    }
                    double[] from = junction(a, j, false);
                    double[] to = junction(j, c, true);
                    if (hypot(to[0] - from[0], to[1] - from[1]) >= minEdgeLength) {
                        break;
                    }
                    Piece m = merged(merged(a, j), c);
                    m.sumW = a.sumW + c.sumW;
                    m.sumX = a.sumX + c.sumX;
                    m.sumY = a.sumY + c.sumY;
                    if (m.k < 0) {
                        m.angle = weightedAngle(a, c);
                    }
                    out.remove(last);
                    out.remove(last - 1);
                    out.set(last - 2, m);
                }
            }
            if (out.size() < minPieces) {
                return;
            }
            // rotate by half so the wrap-around of this round is in the middle of the next
            pieces.clear();
            int half = out.size() / 2;
            pieces.addAll(out.subList(half, out.size()));
            pieces.addAll(out.subList(0, half));
            mergeSameDirection(pieces);
        }
    }

    private void removeShortEdges(List<Piece> pieces) {
        int minPieces = directions == 4 ? 4 : 3;
        for (int guard = 0; guard < 4 * ring.n && pieces.size() > minPieces; guard++) {
            // connectors add vertices, so measure each piece's length between its own two end vertices; lengths are
            // cached on the pieces and only those next to the last change are measured again
            int count = pieces.size();
            int shortest = -1;
            double shortestLength = Double.POSITIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                Piece p = pieces.get(i);
                if (Double.isNaN(p.length)) {
                    p.length = pieceLength(pieces.get((i + count - 1) % count), p, pieces.get((i + 1) % count));
                }
                if (!p.frame && p.length < minEdgeLength && p.length < shortestLength) {
                    shortest = i;
                    shortestLength = p.length;
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
                invalidateAround(pieces, m);
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
                m.frame = before.frame;
                m.angle = before.angle;
                removeFour(pieces, shortest, m);
                mergeSameDirection(pieces);
                for (Piece p : pieces) {
                    p.length = Double.NaN;
                }
            } else {
                // a chamfer between crossing edges: cut it, the neighbours meet directly
                Piece s = pieces.get(shortest);
                Piece grown = new Piece();
                grown.start = prev.start;
                grown.end = prev.end + (s.end - s.start);
                grown.k = prev.k;
                grown.frame = prev.frame;
                grown.angle = prev.angle;
                grown.sumW = prev.sumW;
                grown.sumX = prev.sumX;
                grown.sumY = prev.sumY;
                int prevIndex = (shortest + size - 1) % size;
                pieces.set(prevIndex, grown);
                pieces.remove(shortest);
                invalidateAround(pieces, grown);
            }
        }
    }

    /** Marks a new piece and its two neighbours as needing to be measured again. */
    private static void invalidateAround(List<Piece> pieces, Piece changed) {
        int size = pieces.size();
        int i = pieces.indexOf(changed);
        changed.length = Double.NaN;
        pieces.get((i + size - 1) % size).length = Double.NaN;
        pieces.get((i + 1) % size).length = Double.NaN;
    }

    private double pieceLength(Piece prev, Piece p, Piece next) {
        double[] a = junction(prev, p, true);
        double[] b = junction(p, next, false);
        return hypot(b[0] - a[0], b[1] - a[1]);
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
        if (Math.abs(cross) > MIN_CROSSING_SINE) {
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
            if (Math.abs(cross) > MIN_CROSSING_SINE) {
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
                if (hypot(pb[0] - pa[0], pb[1] - pa[1]) > 1e-9) {
                    x[m] = pb[0];
                    y[m] = pb[1];
                    m++;
                }
            }
        }
        if (m < 3) {
            return null;
        }
        if (frame != null) {
            // intersections with a frame edge land a rounding error off it: put them back on it exactly
            double tiny = 1e-9 * Math.max(1, Math.max(frame.getWidth(), frame.getHeight()));
            for (int i = 0; i < m; i++) {
                x[i] = snapTo(x[i], frame.getMinX(), tiny);
                x[i] = snapTo(x[i], frame.getMaxX(), tiny);
                y[i] = snapTo(y[i], frame.getMinY(), tiny);
                y[i] = snapTo(y[i], frame.getMaxY(), tiny);
            }
        }
        // the vertex list starts at the end of piece 0; order does not matter for a ring
        return removeCollinear(new RingGeometry(x, y, m));
    }

    private static double snapTo(double v, double target, double tiny) {
        return Math.abs(v - target) <= tiny ? target : v;
    }

    private static double hypot(double dx, double dy) {
        return Math.sqrt(dx * dx + dy * dy);
    }

    private static RingGeometry removeCollinear(RingGeometry r) {
        double[] x = new double[r.n];
        double[] y = new double[r.n];
        int m = 0;
        for (int i = 0; i < r.n; i++) {
            int p = (i + r.n - 1) % r.n;
            int q = (i + 1) % r.n;
            double cross = (r.x[i] - r.x[p]) * (r.y[q] - r.y[i]) - (r.y[i] - r.y[p]) * (r.x[q] - r.x[i]);
            double l1 = hypot(r.x[i] - r.x[p], r.y[i] - r.y[p]);
            double l2 = hypot(r.x[q] - r.x[i], r.y[q] - r.y[i]);
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
