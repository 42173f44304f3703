package org.roofline.geometry.mask;

import java.util.Objects;

/**
 * A 16-bit mask over an existing {@code short[]} (for example an image's {@code DataBufferUShort}), not copied. A
 * pixel is foreground when its unsigned value is at least {@code minForeground}.
 */
public final class UShortMask implements Mask {

    private final short[] data;
    private final int offset;
    private final int width;
    private final int height;
    private final int scanlineStride;
    private final int pixelStride;
    private final int minForeground;

    /**
     * @param data           the samples; not copied
     * @param offset         index of pixel (0, 0)'s sample
     * @param scanlineStride distance in {@code data} from one row to the next
     * @param pixelStride    distance in {@code data} from one pixel to the next (1 for a single band)
     * @param minForeground  smallest unsigned value (1..65535) that counts as foreground
     */
    public UShortMask(short[] data, int offset, int width, int height, int scanlineStride, int pixelStride,
                      int minForeground) {
        this.data = Objects.requireNonNull(data, "data");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("mask size must not be negative: " + width + " x " + height);
        }
        if (pixelStride < 1 || scanlineStride < 0) {
            throw new IllegalArgumentException("bad strides: pixel " + pixelStride + ", scanline " + scanlineStride);
        }
        if (minForeground < 1 || minForeground > 65535) {
            throw new IllegalArgumentException("minForeground must be in 1..65535, was " + minForeground);
        }
        if (width > 0 && height > 0) {
            long last = offset + (long) (height - 1) * scanlineStride + (long) (width - 1) * pixelStride;
            if (offset < 0 || last >= data.length) {
                throw new IllegalArgumentException("data holds " + data.length + " samples, too few for "
                        + width + " x " + height);
            }
        }
        this.offset = offset;
        this.width = width;
        this.height = height;
        this.scanlineStride = scanlineStride;
        this.pixelStride = pixelStride;
        this.minForeground = minForeground;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void readRow(int y, long[] dst, int dstOffset) {
        int words = Mask.wordsPerRow(width);
        int i = offset + y * scanlineStride;
        for (int w = 0; w < words; w++) {
            long bits = 0;
            int n = Math.min(64, width - (w << 6));
            for (int b = 0; b < n; b++, i += pixelStride) {
                if ((data[i] & 0xffff) >= minForeground) {
                    bits |= 1L << b;
                }
            }
            dst[dstOffset + w] = bits;
        }
    }
}
