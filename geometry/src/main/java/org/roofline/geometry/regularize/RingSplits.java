package org.roofline.geometry.regularize;

import java.util.Arrays;

/**
 * The Douglas-Peucker splits of one closed ring, found once and read at any tolerance: exactly
 * {@link ClosedRingSimplifier#breakpoints(RingGeometry, double)} at every tolerance, for a building that is simplified
 * at several (the adaptive tolerance's provisional and final fits, each at half and at three tenths of its tolerance).
 *
 * <p>Douglas-Peucker's recursion does not depend on the tolerance: an interval's farthest vertex is the same whatever
 * it is compared with, and a smaller tolerance only recurses further. So each interval's farthest vertex and distance
 * are kept in a tree, built lazily as far down as the smallest tolerance asked for, and a query walks it. Not
 * thread-safe: one building is regularized by one thread.
 */
final class RingSplits {

    private final RingGeometry ring;
    private final int a;
    private final int b;

    // the nodes: an interval [from, to] of vertex indices (modulo n), its farthest inner vertex and squared distance
    // (-1 when it has no inner vertex), and the index of its first child (the second is next), -1 until expanded
    private int[] from;
    private int[] to;
    private int[] at;
    private double[] worst;
    private int[] child;
    private int count;

    RingSplits(RingGeometry ring) {
        this.ring = ring;
        int n = ring.n;
        int[] corners = ClosedRingSimplifier.corners(ring);
        this.a = corners[0];
        this.b = corners[1];
        int capacity = 2 * n + 2; // two roots and two children for each kept vertex: never grown
        from = new int[capacity];
        to = new int[capacity];
        at = new int[capacity];
        worst = new double[capacity];
        child = new int[capacity];
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        add(lo, hi);
        add(hi, lo + n);
    }

    RingGeometry ring() {
        return ring;
    }

    /** @return what {@link ClosedRingSimplifier#breakpoints} returns for this ring at this tolerance */
    int[] breakpoints(double tolerance) {
        int n = ring.n;
        double tolerance2 = tolerance * tolerance;
        boolean[] keep = new boolean[n];
        keep[a] = true;
        keep[b] = true;
        int[] stack = new int[16];
        int top = 0;
        stack[top++] = 0;
        stack[top++] = 1;
        while (top > 0) {
            int node = stack[--top];
            if (!(worst[node] > tolerance2)) {
                continue;
            }
            keep[at[node] % n] = true;
            if (child[node] < 0) {
                int c = add(from[node], at[node]);
                add(at[node], to[node]);
                child[node] = c;
            }
            if (top + 2 > stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top++] = child[node];
            stack[top++] = child[node] + 1;
        }
        int[] out = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[m++] = i;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** Adds the node of interval [i, j], finding its farthest inner vertex as ClosedRingSimplifier does. */
    private int add(int i, int j) {
        if (count == from.length) {
            int capacity = count * 2;
            from = Arrays.copyOf(from, capacity);
            to = Arrays.copyOf(to, capacity);
            at = Arrays.copyOf(at, capacity);
            worst = Arrays.copyOf(worst, capacity);
            child = Arrays.copyOf(child, capacity);
        }
        int node = count++;
        from[node] = i;
        to[node] = j;
        child[node] = -1;
        at[node] = -1;
        worst[node] = -1;
        if (j - i < 2) {
            return node;
        }
        int n = ring.n;
        double[] x = ring.x;
        double[] y = ring.y;
        int fi = i % n;
        int ti = j % n;
        double ax = x[fi];
        double ay = y[fi];
        double dx = x[ti] - ax;
        double dy = y[ti] - ay;
        double len2 = dx * dx + dy * dy;
        double far = -1;
        int where = -1;
        for (int k = i + 1; k < j; k++) {
            int kk = k < n ? k : k - n;
            double px = x[kk] - ax;
            double py = y[kk] - ay;
            double t = len2 == 0 ? 0 : (px * dx + py * dy) / len2;
            t = t < 0 ? 0 : (t > 1 ? 1 : t);
            double qx = px - t * dx;
            double qy = py - t * dy;
            double d2 = qx * qx + qy * qy;
            if (d2 > far) {
                far = d2;
                where = k;
            }
        }
        at[node] = where;
        worst[node] = far;
        return node;
    }
}
