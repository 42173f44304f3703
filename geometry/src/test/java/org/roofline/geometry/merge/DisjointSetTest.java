package org.roofline.geometry.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DisjointSetTest {

    @Test
    void startsWithSingletons() {
        DisjointSet s = new DisjointSet(4);
        assertEquals(4, s.size());
        assertEquals(4, s.count());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, s.find(i));
        }
        assertFalse(s.connected(0, 1));
        assertEquals(4, s.groups().size());
    }

    @Test
    void unionJoinsOnceAndIsTransitive() {
        DisjointSet s = new DisjointSet(6);
        assertTrue(s.union(0, 1));
        assertTrue(s.union(1, 2));
        assertFalse(s.union(2, 0));
        assertFalse(s.union(3, 3));
        assertTrue(s.connected(0, 2));
        assertFalse(s.connected(0, 3));
        assertEquals(4, s.count());
        assertTrue(s.union(5, 3));
        assertEquals(3, s.count());
        assertEquals(s.find(3), s.find(5));
    }

    @Test
    void groupsAreSortedAndOrderedBySmallestMember() {
        DisjointSet s = new DisjointSet(7);
        s.union(6, 2);
        s.union(5, 1);
        s.union(2, 4);
        s.union(1, 3);
        List<int[]> g = s.groups();
        assertEquals(3, g.size());
        assertArrayEquals(new int[] {0}, g.get(0));
        assertArrayEquals(new int[] {1, 3, 5}, g.get(1));
        assertArrayEquals(new int[] {2, 4, 6}, g.get(2));
    }

    @Test
    void emptySet() {
        DisjointSet s = new DisjointSet(0);
        assertEquals(0, s.count());
        assertTrue(s.groups().isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> s.find(0));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DisjointSet(-1));
        DisjointSet s = new DisjointSet(3);
        assertThrows(IndexOutOfBoundsException.class, () -> s.union(0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> s.find(-1));
    }

    @Test
    void matchesBreadthFirstComponentsOnALargeRandomGraph() {
        Random random = new Random(2024);
        int n = 50_000;
        int m = 40_000;
        DisjointSet s = new DisjointSet(n);
        List<List<Integer>> adjacency = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adjacency.add(new ArrayList<>());
        }
        int merged = 0;
        for (int e = 0; e < m; e++) {
            int a = random.nextInt(n);
            // Mostly local edges, so long chains and big components form.
            int b = random.nextInt(4) == 0 ? random.nextInt(n) : Math.floorMod(a + random.nextInt(7) - 3, n);
            adjacency.get(a).add(b);
            adjacency.get(b).add(a);
            if (s.union(a, b)) {
                merged++;
            }
        }
        // Reference: label components by breadth-first search.
        int[] label = new int[n];
        Arrays.fill(label, -1);
        List<int[]> reference = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (label[start] >= 0) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            label[start] = reference.size();
            while (!queue.isEmpty()) {
                int v = queue.poll();
                members.add(v);
                for (int w : adjacency.get(v)) {
                    if (label[w] < 0) {
                        label[w] = reference.size();
                        queue.add(w);
                    }
                }
            }
            reference.add(members.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        assertEquals(reference.size(), s.count());
        assertEquals(n - merged, s.count());
        List<int[]> groups = s.groups();
        assertEquals(reference.size(), groups.size());
        for (int i = 0; i < groups.size(); i++) {
            assertArrayEquals(reference.get(i), groups.get(i));
        }
        for (int k = 0; k < 10_000; k++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            assertEquals(label[a] == label[b], s.connected(a, b));
        }
    }
}
