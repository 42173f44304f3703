package org.roofline.geometry.mask;

import java.util.Objects;

/**
 * A probability mask over an existing {@code float[]} (row-major, tightly packed), not copied. A pixel is foreground
 * when its probability is at least the threshold; NaN is background.
 */
public final class FloatMask extends SizedMask {

    private final float[] data;
    private final float threshold;

    public FloatMask(float[] data, int width, int height, float threshold) {
        super(width, height);
        this.data = Objects.requireNonNull(data, "data");
        if ((long) width * height > data.length) {
            throw new IllegalArgumentException("data holds " + data.length + " values, too few for "
                    + width + " x " + height);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        this.threshold = threshold;
    }

    /** @return the probability at (x, y) */
    public float value(int x, int y) {
        return data[y * width + x];
    }

    @Override
    public void readRow(int y, long[] dst, int dstOffset) {
        int words = Mask.wordsPerRow(width);
        int i = y * width;
        for (int w = 0; w < words; w++) {
            long bits = 0;
            int n = Math.min(64, width - (w << 6));
            for (int b = 0; b < n; b++, i++) {
                if (data[i] >= threshold) {
                    bits |= 1L << b;
                }
            }
            dst[dstOffset + w] = bits;
        }
    }
}
