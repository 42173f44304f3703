package org.roofline.geometry.regularize;

import java.util.Arrays;

/**
 * Douglas-Peucker over a closed ring that returns the indices of the kept vertices (JTS's simplifiers return
 * geometry only). The ring is split at the vertex farthest from its centroid and the vertex farthest from that one,
 * both likely corners, so the result does not depend on where the ring happened to start. {@link RingSplits} gives
 * the same breakpoints at several tolerances for the cost of the smallest.
 */
final class ClosedRingSimplifier {

    private ClosedRingSimplifier() {
    }

    /** @return ascending indices of kept vertices; every dropped vertex is within {@code tolerance} of its chord */
    static int[] breakpoints(RingGeometry r, double tolerance) {
        int n = r.n;
        int[] corners = corners(r);
        int a = corners[0];
        int b = corners[1];
        boolean[] keep = new boolean[n];
        keep[a] = true;
        keep[b] = true;
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        simplify(r, lo, hi, tolerance, keep);
        simplify(r, hi, lo + n, tolerance, keep);
        int[] out = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[m++] = i;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * @return the two vertices a ring is first split at: the one farthest from the centroid and the one farthest from
     *         that (likely corners, so the splits do not depend on where the ring starts)
     */
    static int[] corners(RingGeometry r) {
        int n = r.n;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < n; i++) {
            cx += r.x[i];
            cy += r.y[i];
        }
        cx /= n;
        cy /= n;
        int a = 0;
        double best = -1;
        for (int i = 0; i < n; i++) {
            double dx = r.x[i] - cx;
            double dy = r.y[i] - cy;
            double d = dx * dx + dy * dy;
            if (d > best) {
                best = d;
                a = i;
            }
        }
        int b = a;
        best = -1;
        for (int i = 0; i < n; i++) {
            double dx = r.x[i] - r.x[a];
            double dy = r.y[i] - r.y[a];
            double d = dx * dx + dy * dy;
            if (d > best) {
                best = d;
                b = i;
            }
        }
        return new int[] {a, b};
    }

    /** Keeps the farthest vertex strictly between i and j (indices modulo n) while it is beyond tolerance. */
    private static void simplify(RingGeometry r, int i, int j, double tolerance, boolean[] keep) {
        int n = r.n;
        int[] stack = new int[2 * n + 4];
        int top = 0;
        stack[top++] = i;
        stack[top++] = j;
        while (top > 0) {
            int to = stack[--top];
            int from = stack[--top];
            if (to - from < 2) {
                continue;
            }
            int fi = from % n;
            int ti = to % n;
            double ax = r.x[fi];
            double ay = r.y[fi];
            double dx = r.x[ti] - ax;
            double dy = r.y[ti] - ay;
            double len2 = dx * dx + dy * dy;
            double worst = -1;
            int at = -1;
            for (int k = from + 1; k < to; k++) {
                int kk = k < n ? k : k - n;
                double px = r.x[kk] - ax;
                double py = r.y[kk] - ay;
                double t = len2 == 0 ? 0 : (px * dx + py * dy) / len2;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                double qx = px - t * dx;
                double qy = py - t * dy;
                double d2 = qx * qx + qy * qy;
                if (d2 > worst) {
                    worst = d2;
                    at = k;
                }
            }
            if (worst > tolerance * tolerance) {
                keep[at % n] = true;
                stack[top++] = from;
                stack[top++] = at;
                stack[top++] = at;
                stack[top++] = to;
            }
        }
    }
}
