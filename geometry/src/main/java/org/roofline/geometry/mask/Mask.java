package org.roofline.geometry.mask;

/**
 * A read-only two-dimensional raster of foreground/background pixels, read one row at a time as packed bits.
 *
 * <p>Implementations wrap their pixel storage directly (a {@code byte[]} of an image, a {@code float[]} of network
 * probabilities) and decide per pixel whether it is foreground, so that a large mask is never copied into boxed
 * objects. Pixel {@code (0,0)} is the top-left pixel; x grows to the right, y downwards.
 */
public interface Mask {

    /** @return the number of pixel columns, at least 0 */
    int width();

    /** @return the number of pixel rows, at least 0 */
    int height();

    /**
     * Writes the foreground bits of row {@code y} into {@code dst}: bit {@code x & 63} of word
     * {@code offset + (x >>> 6)} is set when pixel {@code (x, y)} is foreground. Exactly
     * {@link #wordsPerRow(int) wordsPerRow(width())} words are written; bits at or beyond {@code width()} are zero.
     */
    void readRow(int y, long[] dst, int offset);

    /** @return the number of 64-bit words that hold one row of {@code width} pixels */
    static int wordsPerRow(int width) {
        return (width + 63) >>> 6;
    }
}
