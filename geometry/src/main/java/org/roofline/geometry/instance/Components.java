package org.roofline.geometry.instance;

import org.roofline.geometry.vectorize.Connectivity;

/**
 * Connected-component labelling of a pixel set into an int raster: components numbered from 1 in raster order of
 * their first pixel, those with fewer than a minimum of pixels left at 0. The same components as the vectorizer's
 * (4- or 8-connected), by a breadth-first fill; linear in pixels. Package-private.
 */
final class Components {

    private Components() {
    }

    /**
     * @param pixels       the pixels to label
     * @param connectivity which neighbours join a component
     * @param minPixels    components with fewer pixels stay 0
     * @return the labels and their count
     */
    static Labelled label(PackedPixels pixels, Connectivity connectivity, long minPixels) {
        int width = pixels.width;
        int height = pixels.height;
        int n = pixels.size();
        boolean eight = connectivity == Connectivity.EIGHT;
        int[] labels = new int[n];
        int[] queue = new int[Math.max(16, Math.min(n, 4096))];
        int count = 0;
        for (int start = 0; start < n; start++) {
            if (labels[start] != 0 || !pixels.get(start)) {
                continue;
            }
            int label = ++count;
            labels[start] = label;
            queue[0] = start;
            int head = 0;
            int tail = 1;
            while (head < tail) {
                int p = queue[head++];
                int x = p % width;
                int y = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0) || nx < 0 || nx >= width) {
                            continue;
                        }
                        int q = ny * width + nx;
                        if (labels[q] == 0 && pixels.get(q)) {
                            labels[q] = label;
                            if (tail == queue.length) {
                                queue = java.util.Arrays.copyOf(queue, (int) Math.min(n, 2L * tail));
                            }
                            queue[tail++] = q;
                        }
                    }
                }
            }
            if (tail < minPixels) {
                // too small: cleared again (its pixels are exactly the queue's), and the number is reused
                for (int i = 0; i < tail; i++) {
                    labels[queue[i]] = -1;
                }
                count--;
            }
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                labels[i] = 0;
            }
        }
        return new Labelled(labels, count);
    }

    /** A label raster and its number of labels (1..count). */
    record Labelled(int[] labels, int count) {
    }
}
