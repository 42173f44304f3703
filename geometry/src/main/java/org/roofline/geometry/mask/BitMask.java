package org.roofline.geometry.mask;

import java.util.Arrays;

/**
 * A mutable mask stored as packed bits, one bit a pixel, rows padded to whole 64-bit words. A 20000 x 20000 mask
 * takes 50 MB. It is also the vectorizer's working form of any other {@link Mask}.
 */
public final class BitMask extends SizedMask {

    private final int wordsPerRow;
    private final long[] words;

    /**
     * Creates an all-background mask.
     *
     * @throws IllegalArgumentException if a dimension is negative or the mask would exceed the largest Java array
     */
    public BitMask(int width, int height) {
        super(width, height);
        this.wordsPerRow = Mask.wordsPerRow(width);
        long total = (long) wordsPerRow * height;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mask too large: " + width + " x " + height + " pixels");
        }
        this.words = new long[(int) total];
    }

    /** Copies any mask into packed bits. */
    public static BitMask copyOf(Mask mask) {
        if (mask instanceof BitMask b) {
            BitMask copy = new BitMask(b.width, b.height);
            System.arraycopy(b.words, 0, copy.words, 0, b.words.length);
            return copy;
        }
        BitMask copy = new BitMask(mask.width(), mask.height());
        for (int y = 0; y < copy.height; y++) {
            mask.readRow(y, copy.words, y * copy.wordsPerRow);
        }
        return copy;
    }

    @Override
    public void readRow(int y, long[] dst, int offset) {
        System.arraycopy(words, y * wordsPerRow, dst, offset, wordsPerRow);
    }

    /** @return whether pixel (x, y) is foreground; pixels outside the mask are background */
    public boolean get(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return false;
        }
        return (words[y * wordsPerRow + (x >>> 6)] & (1L << x)) != 0;
    }

    /** Sets pixel (x, y) to foreground or background. */
    public void set(int x, int y, boolean foreground) {
        checkInside(x, y);
        int i = y * wordsPerRow + (x >>> 6);
        if (foreground) {
            words[i] |= 1L << x;
        } else {
            words[i] &= ~(1L << x);
        }
    }

    /** Sets pixels [x0, x1) of row y to foreground. */
    public void fillRow(int y, int x0, int x1) {
        if (y < 0 || y >= height) {
            return;
        }
        x0 = Math.max(0, x0);
        x1 = Math.min(width, x1);
        for (int x = x0; x < x1; ) {
            int w = x >>> 6;
            int end = Math.min(x1, (w + 1) << 6);
            long bits = (end - x == 64) ? -1L : ((1L << (end - x)) - 1) << x;
            words[y * wordsPerRow + w] |= bits;
            x = end;
        }
    }

    /** @return the number of foreground pixels */
    public long countForeground() {
        long n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** @return the number of pixels set in exactly one of the two masks (both must be the same size) */
    public long countDifferences(BitMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks differ in size: " + width + "x" + height + " and "
                    + other.width + "x" + other.height);
        }
        long n = 0;
        for (int i = 0; i < words.length; i++) {
            n += Long.bitCount(words[i] ^ other.words[i]);
        }
        return n;
    }

    /** @return the number of pixels set in both masks (both must be the same size) */
    public long countIntersection(BitMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks differ in size");
        }
        long n = 0;
        for (int i = 0; i < words.length; i++) {
            n += Long.bitCount(words[i] & other.words[i]);
        }
        return n;
    }

    /** Package-private view of the packed words, for the vectorizer. */
    long[] words() {
        return words;
    }

    int stride() {
        return wordsPerRow;
    }

    private void checkInside(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + " x " + height);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitMask b && b.width == width && b.height == height && Arrays.equals(b.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "BitMask[" + width + " x " + height + "]";
    }
}
