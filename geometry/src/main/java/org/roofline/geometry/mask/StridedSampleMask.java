package org.roofline.geometry.mask;

/**
 * A mask over an existing array of unsigned integer samples (an image's data buffer), not copied, laid out by an
 * offset and pixel and scanline strides; a pixel is foreground when its sample is at least {@code minForeground}.
 * The layout is checked once, on construction, to fit the array. Subclasses give the array and how a sample is read.
 */
abstract class StridedSampleMask extends SizedMask {

    private final int offset;
    private final int scanlineStride;
    private final int pixelStride;
    private final int minForeground;

    /**
     * @param length         the number of samples in the array
     * @param offset         index of pixel (0, 0)'s sample
     * @param scanlineStride distance in the array from one row to the next
     * @param pixelStride    distance in the array from one pixel to the next (1 for a single band)
     * @param minForeground  smallest unsigned value (1..maxValue) that counts as foreground
     * @param maxValue       the largest sample value
     */
    StridedSampleMask(int length, int offset, int width, int height, int scanlineStride, int pixelStride,
                      int minForeground, int maxValue) {
        super(width, height);
        if (pixelStride < 1 || scanlineStride < 0) {
            throw new IllegalArgumentException("bad strides: pixel " + pixelStride + ", scanline " + scanlineStride);
        }
        if (minForeground < 1 || minForeground > maxValue) {
            throw new IllegalArgumentException("minForeground must be in 1.." + maxValue + ", was " + minForeground);
        }
        if (width > 0 && height > 0) {
            long last = offset + (long) (height - 1) * scanlineStride + (long) (width - 1) * pixelStride;
            if (offset < 0 || last >= length) {
                throw new IllegalArgumentException("data holds " + length + " samples, too few for "
                        + width + " x " + height);
            }
        }
        this.offset = offset;
        this.scanlineStride = scanlineStride;
        this.pixelStride = pixelStride;
        this.minForeground = minForeground;
    }

    /** @return the unsigned sample at {@code index} of the array */
    abstract int sample(int index);

    @Override
    public final void readRow(int y, long[] dst, int dstOffset) {
        int words = Mask.wordsPerRow(width);
        int i = offset + y * scanlineStride;
        for (int w = 0; w < words; w++) {
            long bits = 0;
            int n = Math.min(64, width - (w << 6));
            for (int b = 0; b < n; b++, i += pixelStride) {
                if (sample(i) >= minForeground) {
                    bits |= 1L << b;
                }
            }
            dst[dstOffset + w] = bits;
        }
    }
}
