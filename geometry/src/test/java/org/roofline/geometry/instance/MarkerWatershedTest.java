package org.roofline.geometry.instance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.vectorize.Connectivity;

class MarkerWatershedTest {

    private static BitMask all(int width, int height) {
        BitMask m = new BitMask(width, height);
        for (int y = 0; y < height; y++) {
            m.fillRow(y, 0, width);
        }
        return m;
    }

    @Test
    void aPlateauIsSharedByBreadthFirstDistance() {
        float[] flat = new float[10];
        int[] markers = new int[10];
        markers[0] = 1;
        markers[9] = 2;
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 2, 2, 2, 2},
                MarkerWatershed.flood(flat, all(10, 1), markers));
        // an odd plateau: the middle pixel goes to the marker that entered the queue first (raster order)
        int[] odd = new int[9];
        odd[0] = 7;
        odd[8] = 3;
        assertArrayEquals(new int[] {7, 7, 7, 7, 7, 3, 3, 3, 3}, MarkerWatershed.flood(new float[9], all(9, 1), odd));
    }

    @Test
    void basinsMeetAtTheRidgeNotHalfway() {
        // A ridge at x = 7, off centre: the left basin stops there although its marker is nearer the middle.
        float[] elevation = {0, 1, 2, 3, 4, 5, 6, 9, 1, 1, 1, 1};
        int[] markers = new int[12];
        markers[0] = 1;
        markers[11] = 2;
        int[] out = MarkerWatershed.flood(elevation, all(12, 1), markers);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, out);
    }

    @Test
    void touchingBasinsLeaveNoLineBetweenThem() {
        int w = 20;
        int h = 12;
        float[] elevation = new float[w * h];
        int[] markers = new int[w * h];
        markers[5 * w + 3] = 1;
        markers[6 * w + 16] = 2;
        int[] out = MarkerWatershed.flood(elevation, all(w, h), markers);
        int zeros = 0;
        boolean touching = false;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = out[y * w + x];
                zeros += l == 0 ? 1 : 0;
                if (x + 1 < w && l == 1 && out[y * w + x + 1] == 2) {
                    touching = true;
                }
            }
        }
        assertEquals(0, zeros, "every pixel is labelled: no watershed line");
        assertTrue(touching);
    }

    @Test
    void pixelsNotAllowedOrUnreachableStayZero() {
        BitMask allowed = new BitMask(7, 1);
        allowed.fillRow(0, 0, 3);
        allowed.fillRow(0, 4, 7);
        int[] markers = {0, 4, 0, 0, 0, 0, 0};
        int[] out = MarkerWatershed.flood(new float[7], allowed, markers);
        assertArrayEquals(new int[] {4, 4, 4, 0, 0, 0, 0}, out);
        // a marker on a pixel that is not allowed is ignored
        int[] outside = {0, 0, 0, 5, 0, 0, 0};
        assertArrayEquals(new int[7], MarkerWatershed.flood(new float[7], allowed, outside));
    }

    @Test
    void eightConnectivityGrowsAcrossCorners() {
        BitMask diagonal = new BitMask(3, 3);
        diagonal.set(0, 0, true);
        diagonal.set(1, 1, true);
        diagonal.set(2, 2, true);
        int[] markers = new int[9];
        markers[0] = 1;
        assertArrayEquals(new int[] {1, 0, 0, 0, 0, 0, 0, 0, 0},
                new MarkerWatershed(Connectivity.FOUR).apply(new float[9], diagonal, markers));
        assertArrayEquals(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                new MarkerWatershed(Connectivity.EIGHT).apply(new float[9], diagonal, markers));
    }

    /** Random rasters against a plain reference flood with java.util.PriorityQueue and the same tie rule. */
    @ParameterizedTest
    @EnumSource(Connectivity.class)
    void matchesAReferenceFloodOnRandomRasters(Connectivity connectivity) {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            int w = 1 + random.nextInt(40);
            int h = 1 + random.nextInt(30);
            float[] elevation = new float[w * h];
            BitMask allowed = new BitMask(w, h);
            int[] markers = new int[w * h];
            for (int i = 0; i < w * h; i++) {
                // few levels, so that ties (plateaus) are common
                elevation[i] = random.nextInt(4) - 1.5f;
                allowed.set(i % w, i / w, random.nextDouble() < 0.75);
                if (random.nextDouble() < 0.03) {
                    markers[i] = 1 + random.nextInt(5);
                }
            }
            int[] out = new MarkerWatershed(connectivity).apply(elevation, allowed, markers);
            assertArrayEquals(reference(elevation, allowed, markers, connectivity), out, "round " + round);
            assertArrayEquals(out, new MarkerWatershed(connectivity).apply(elevation, allowed, markers),
                    "deterministic");
            checkReachability(out, allowed, markers, connectivity);
        }
    }

    /** Every allowed pixel connected to a marker is labelled, every other pixel is 0. */
    private static void checkReachability(int[] out, BitMask allowed, int[] markers, Connectivity c) {
        int w = allowed.width();
        int h = allowed.height();
        boolean[] reached = new boolean[w * h];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < w * h; i++) {
            if (markers[i] != 0 && allowed.get(i % w, i / w)) {
                reached[i] = true;
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int p = queue.poll();
            for (int q : neighbours(p, w, h, c)) {
                if (!reached[q] && allowed.get(q % w, q / w)) {
                    reached[q] = true;
                    queue.add(q);
                }
            }
        }
        for (int i = 0; i < w * h; i++) {
            assertEquals(reached[i], out[i] != 0, "pixel " + i);
        }
    }

    private static int[] neighbours(int p, int w, int h, Connectivity c) {
        int x = p % w;
        int y = p / w;
        int[][] offsets = c == Connectivity.FOUR
                ? new int[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}}
                : new int[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
        return java.util.Arrays.stream(offsets)
                .filter(o -> x + o[0] >= 0 && x + o[0] < w && y + o[1] >= 0 && y + o[1] < h)
                .mapToInt(o -> (y + o[1]) * w + x + o[0]).toArray();
    }

    private static int[] reference(float[] elevation, BitMask allowed, int[] markers, Connectivity c) {
        int w = allowed.width();
        int h = allowed.height();
        int[] out = new int[w * h];
        // entries: {elevation, entry number, pixel}
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
                : Double.compare(a[1], b[1]));
        int entries = 0;
        for (int i = 0; i < w * h; i++) {
            if (markers[i] != 0 && allowed.get(i % w, i / w)) {
                out[i] = markers[i];
            }
        }
        for (int i = 0; i < w * h; i++) {
            if (out[i] != 0) {
                queue.add(new double[] {elevation[i], entries++, i});
            }
        }
        while (!queue.isEmpty()) {
            int p = (int) queue.poll()[2];
            for (int q : neighbours(p, w, h, c)) {
                if (out[q] == 0 && allowed.get(q % w, q / w)) {
                    out[q] = out[p];
                    queue.add(new double[] {elevation[q], entries++, q});
                }
            }
        }
        return out;
    }

    @Test
    void elevationsAreOrderedAsFloats() {
        float[] sorted = {Float.NEGATIVE_INFINITY, -3.5f, -1f, -Float.MIN_VALUE, 0f, Float.MIN_VALUE, 0.5f, 1f,
                Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN};
        for (int i = 0; i + 1 < sorted.length; i++) {
            assertTrue(MarkerWatershed.orderedBits(sorted[i]) < MarkerWatershed.orderedBits(sorted[i + 1]),
                    sorted[i] + " before " + sorted[i + 1]);
        }
        assertEquals(MarkerWatershed.orderedBits(0f), MarkerWatershed.orderedBits(-0f));
    }

    @Test
    void argumentsAreChecked() {
        BitMask m = all(3, 3);
        assertThrows(IllegalArgumentException.class, () -> MarkerWatershed.flood(new float[8], m, new int[9]));
        assertThrows(IllegalArgumentException.class, () -> MarkerWatershed.flood(new float[9], m, new int[8]));
        int[] negative = new int[9];
        negative[4] = -1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkerWatershed.flood(new float[9], m, negative));
        assertTrue(e.getMessage().contains("(1, 1)"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new MarkerWatershed(null));
        assertArrayEquals(new int[0], MarkerWatershed.flood(new float[0], new BitMask(0, 0), new int[0]));
    }
}
