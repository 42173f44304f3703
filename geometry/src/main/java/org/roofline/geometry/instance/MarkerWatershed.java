package org.roofline.geometry.instance;

import java.util.Arrays;
import java.util.Objects;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.vectorize.Connectivity;

/**
 * Marker-controlled watershed by priority flood (Meyer's algorithm), without watershed lines: grows integer marker
 * labels over the allowed pixels of a raster, lowest elevation first.
 *
 * <p><b>Algorithm.</b> Every marker pixel that has an unlabelled allowed neighbour enters a priority queue keyed by its
 * elevation. The lowest pixel is taken out; each of its allowed neighbours that has no label yet takes the pixel's
 * label at once and enters the queue with its own elevation. Ties are broken by order of entry (first in, first out),
 * so a plateau is shared between the markers that reach it by breadth-first distance, and the result is
 * deterministic: the same input always gives the same labels, whatever the platform. Marker pixels enter in raster
 * order.
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>every allowed pixel connected to a marker through allowed pixels (in the chosen connectivity) gets exactly
 *       one marker's label; allowed pixels connected to no marker, and every pixel that is not allowed, stay 0;</li>
 *   <li>there are no watershed lines: where two basins meet, their pixels are adjacent, so the pixel-edge outlines of
 *       two touching regions share their common edges exactly;</li>
 *   <li>each region is connected (in the chosen connectivity) to its marker pixels; markers are never relabelled.
 *       Marker pixels outside the allowed mask are ignored (0 in the result).</li>
 * </ul>
 *
 * <p><b>Cost.</b> {@code O(N log F)} for {@code N} flooded pixels and a queue of at most {@code F} pixels (the flood
 * front); memory is the result, one bit a pixel for the mask and one int a queued pixel. The queue is a binary heap of
 * primitive {@code long} keys (elevation in the high 32 bits as an order-preserving integer, entry number in the low
 * 32), never boxed.
 *
 * <p><b>Why not a library.</b> BoofCV's {@code WatershedVincentSoille1991} takes seeds but works on 8-bit levels and
 * marks watershed lines between basins (which would leave a one-pixel gap between touching buildings, the opposite of
 * what the vectorizer needs), and would bring an image library into a module that has none; the flood itself is a few
 * dozen lines. A bucket queue over quantized levels would be faster, but would lose the elevation's order within a
 * bucket.
 *
 * <p><b>Limits.</b> Elevations are compared as floats: NaN floods after everything else, {@code -0.0} equals
 * {@code 0.0}. The raster must fit a Java array ({@code width * height < 2^31}). Instances are immutable and
 * thread-safe.
 */
public final class MarkerWatershed {

    private final Connectivity connectivity;

    /** @param connectivity which neighbours a basin grows into: 4 (edge) or 8 (edge or corner) */
    public MarkerWatershed(Connectivity connectivity) {
        this.connectivity = Objects.requireNonNull(connectivity, "connectivity");
    }

    /** Floods 4-connected: see {@link #apply}. */
    public static int[] flood(float[] elevation, Mask allowed, int[] markers) {
        return new MarkerWatershed(Connectivity.FOUR).apply(elevation, allowed, markers);
    }

    public Connectivity connectivity() {
        return connectivity;
    }

    /**
     * Floods the markers over the allowed pixels.
     *
     * @param elevation row-major, at least {@code width * height} values (the mask's size); lower floods first
     * @param allowed   the pixels the basins may cover; its size is the raster's
     * @param markers   row-major labels, at least {@code width * height}: 0 for no marker, positive for a marker's
     *                  label (any positive int; several pixels, even unconnected ones, may share a label)
     * @return a new row-major array of {@code width * height} labels: the markers grown, 0 where none reached
     * @throws IllegalArgumentException if an array is too short or a marker is negative
     */
    public int[] apply(float[] elevation, Mask allowed, int[] markers) {
        Objects.requireNonNull(allowed, "allowed");
        return apply(elevation, PackedPixels.of(allowed), markers);
    }

    /** As {@link #apply(float[], Mask, int[])}, on pixels already packed (this package's working form). */
    int[] apply(float[] elevation, PackedPixels mask, int[] markers) {
        Objects.requireNonNull(elevation, "elevation");
        Objects.requireNonNull(markers, "markers");
        int n = mask.size();
        if (elevation.length < n) {
            throw new IllegalArgumentException("elevation holds " + elevation.length + " values, too few for "
                    + mask.width + " x " + mask.height);
        }
        if (markers.length < n) {
            throw new IllegalArgumentException("markers hold " + markers.length + " values, too few for "
                    + mask.width + " x " + mask.height);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int m = markers[i];
            if (m < 0) {
                throw new IllegalArgumentException("marker labels must not be negative, pixel (" + i % mask.width
                        + ", " + i / mask.width + ") has " + m);
            }
            if (m != 0 && mask.get(i)) {
                labels[i] = m;
            }
        }
        new Flood(mask, elevation, labels, connectivity == Connectivity.EIGHT).run();
        return labels;
    }

    /** One flood; not shared between threads. */
    private static final class Flood {
        final PackedPixels allowed;
        final float[] elevation;
        final int[] labels;
        final boolean eight;
        final int width;
        final int height;
        final LongHeap heap = new LongHeap();
        int[] pixelOfEntry = new int[1024];
        int entries;

        Flood(PackedPixels allowed, float[] elevation, int[] labels, boolean eight) {
            this.allowed = allowed;
            this.elevation = elevation;
            this.labels = labels;
            this.eight = eight;
            this.width = allowed.width;
            this.height = allowed.height;
        }

        void run() {
            int n = width * height;
            for (int i = 0; i < n; i++) {
                if (labels[i] != 0 && hasOpenNeighbour(i)) {
                    push(i);
                }
            }
            while (!heap.isEmpty()) {
                int p = pixelOfEntry[(int) heap.pop()];
                int x = p % width;
                int y = p / width;
                int label = labels[p];
                boolean left = x > 0;
                boolean right = x < width - 1;
                boolean up = y > 0;
                boolean down = y < height - 1;
                // the neighbours in a fixed order: left, right, up, down, then the corners
                if (left) {
                    grow(p - 1, label);
                }
                if (right) {
                    grow(p + 1, label);
                }
                if (up) {
                    grow(p - width, label);
                }
                if (down) {
                    grow(p + width, label);
                }
                if (eight) {
                    if (up && left) {
                        grow(p - width - 1, label);
                    }
                    if (up && right) {
                        grow(p - width + 1, label);
                    }
                    if (down && left) {
                        grow(p + width - 1, label);
                    }
                    if (down && right) {
                        grow(p + width + 1, label);
                    }
                }
            }
        }

        private void grow(int q, int label) {
            if (labels[q] == 0 && allowed.get(q)) {
                labels[q] = label;
                push(q);
            }
        }

        private boolean hasOpenNeighbour(int p) {
            int x = p % width;
            int y = p / width;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) {
                        continue;
                    }
                    int nx = x + dx;
                    int ny = y + dy;
                    if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                        int q = ny * width + nx;
                        if (labels[q] == 0 && allowed.get(q)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private void push(int p) {
            if (entries == pixelOfEntry.length) {
                pixelOfEntry = Arrays.copyOf(pixelOfEntry, (int) Math.min(Integer.MAX_VALUE - 8, 2L * entries));
            }
            pixelOfEntry[entries] = p;
            heap.push(((long) orderedBits(elevation[p]) << 32) | (entries & 0xffffffffL));
            entries++;
        }
    }

    /**
     * An int whose signed order is the float order (NaN above +infinity, -0 equal to 0): the float's bits, with the
     * magnitude bits of negative values inverted.
     */
    static int orderedBits(float v) {
        int bits = Float.floatToIntBits(v == 0f ? 0f : v);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    /** A binary min-heap of longs. */
    private static final class LongHeap {
        long[] keys = new long[1024];
        int size;

        boolean isEmpty() {
            return size == 0;
        }

        void push(long key) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                long pk = keys[parent];
                if (pk <= key) {
                    break;
                }
                keys[i] = pk;
                i = parent;
            }
            keys[i] = key;
        }

        long pop() {
            long top = keys[0];
            long last = keys[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                long ck = keys[child];
                int right = child + 1;
                if (right < size && keys[right] < ck) {
                    child = right;
                    ck = keys[right];
                }
                if (last <= ck) {
                    break;
                }
                keys[i] = ck;
                i = child;
            }
            keys[i] = last;
            return top;
        }
    }
}
