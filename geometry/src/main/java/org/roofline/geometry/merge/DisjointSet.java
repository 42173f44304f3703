package org.roofline.geometry.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Union-find (disjoint-set forest) over the integers {@code 0 .. n-1}, with union by rank and path halving: any
 * sequence of {@code m} operations costs {@code O(m α(n))}, practically linear.
 *
 * <p>Mutable and not thread-safe.
 */
public final class DisjointSet {

    private final int[] parent;
    private final byte[] rank;
    private int count;

    /**
     * Creates {@code n} singleton sets {0}, {1}, ..., {n-1}.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public DisjointSet(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of elements must not be negative, was " + n);
        }
        parent = new int[n];
        rank = new byte[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        count = n;
    }

    /** @return the number of elements n */
    public int size() {
        return parent.length;
    }

    /** @return the current number of disjoint sets */
    public int count() {
        return count;
    }

    /**
     * @return the representative of {@code x}'s set (the same for every member until the next union)
     * @throws IndexOutOfBoundsException if {@code x} is not in {@code 0 .. n-1}
     */
    public int find(int x) {
        check(x);
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /**
     * Merges the sets of {@code a} and {@code b}.
     *
     * @return true if they were in different sets (the number of sets dropped by one), false if already joined
     */
    public boolean union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        if (rank[ra] < rank[rb]) {
            parent[ra] = rb;
        } else if (rank[ra] > rank[rb]) {
            parent[rb] = ra;
        } else {
            parent[rb] = ra;
            rank[ra]++;
        }
        count--;
        return true;
    }

    /** @return whether {@code a} and {@code b} are in the same set */
    public boolean connected(int a, int b) {
        return find(a) == find(b);
    }

    /**
     * The sets as arrays of their members: every array sorted ascending, the arrays ordered by their smallest member.
     * The order depends only on the partition, not on the sequence of unions.
     */
    public List<int[]> groups() {
        int n = parent.length;
        int[] root = new int[n];
        int[] sizeOfRoot = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = find(i);
            sizeOfRoot[root[i]]++;
        }
        // Slot of each root in the output, in order of its set's smallest member (the first member met).
        int[] slot = new int[n];
        java.util.Arrays.fill(slot, -1);
        List<int[]> out = new ArrayList<>(count);
        int[] fill = new int[count];
        for (int i = 0; i < n; i++) {
            int r = root[i];
            if (slot[r] < 0) {
                slot[r] = out.size();
                out.add(new int[sizeOfRoot[r]]);
            }
            int s = slot[r];
            out.get(s)[fill[s]++] = i;
        }
        return out;
    }

    private void check(int x) {
        if (x < 0 || x >= parent.length) {
            throw new IndexOutOfBoundsException("element " + x + " outside 0.." + (parent.length - 1));
        }
    }
}
