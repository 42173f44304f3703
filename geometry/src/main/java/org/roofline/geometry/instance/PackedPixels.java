package org.roofline.geometry.instance;

import java.util.Objects;
import org.roofline.geometry.mask.Mask;

/**
 * A mask's pixels as one bit each, indexed by {@code y * width + x} (no row padding), for per-pixel neighbour tests
 * in the flood and labelling loops. Package-private: the working form of this package's algorithms.
 */
final class PackedPixels {

    final int width;
    final int height;
    private final long[] bits;

    private PackedPixels(int width, int height) {
        this.width = width;
        this.height = height;
        this.bits = new long[(int) (((long) width * height + 63) >>> 6)];
    }

    /** All-clear pixels. */
    static PackedPixels empty(int width, int height) {
        checkSize(width, height);
        return new PackedPixels(width, height);
    }

    /** Copies a mask. */
    static PackedPixels of(Mask mask) {
        Objects.requireNonNull(mask, "mask");
        int width = mask.width();
        int height = mask.height();
        checkSize(width, height);
        PackedPixels p = new PackedPixels(width, height);
        long[] row = new long[Mask.wordsPerRow(width)];
        for (int y = 0; y < height; y++) {
            mask.readRow(y, row, 0);
            int base = y * width;
            for (int w = 0; w < row.length; w++) {
                long word = row[w];
                while (word != 0) {
                    int x = (w << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    if (x < width) {
                        p.set(base + x);
                    }
                }
            }
        }
        return p;
    }

    private static void checkSize(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("raster size must not be negative: " + width + " x " + height);
        }
        if ((long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("raster too large: " + width + " x " + height + " pixels");
        }
    }

    int size() {
        return width * height;
    }

    boolean get(int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    void set(int i) {
        bits[i >>> 6] |= 1L << i;
    }

    void clear(int i) {
        bits[i >>> 6] &= ~(1L << i);
    }
}
