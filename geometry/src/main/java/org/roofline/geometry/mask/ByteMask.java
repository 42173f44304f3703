package org.roofline.geometry.mask;

import java.util.Objects;

/**
 * An 8-bit mask over an existing {@code byte[]} (for example an image's {@code DataBufferByte}), not copied.
 * A pixel is foreground when its unsigned value is at least {@code minForeground}.
 */
public final class ByteMask extends StridedSampleMask {

    private final byte[] data;

    /**
     * @param data           the samples; not copied
     * @param offset         index of pixel (0, 0)'s sample
     * @param scanlineStride distance in {@code data} from one row to the next
     * @param pixelStride    distance in {@code data} from one pixel to the next (1 for a single band)
     * @param minForeground  smallest unsigned value (1..255) that counts as foreground
     */
    public ByteMask(byte[] data, int offset, int width, int height, int scanlineStride, int pixelStride,
                    int minForeground) {
        super(Objects.requireNonNull(data, "data").length, offset, width, height, scanlineStride, pixelStride,
                minForeground, 255);
        this.data = data;
    }

    /** A tightly packed single-band mask: foreground where the value is non-zero. */
    public static ByteMask nonZero(byte[] data, int width, int height) {
        return new ByteMask(data, 0, width, height, width, 1, 1);
    }

    @Override
    int sample(int index) {
        return data[index] & 0xff;
    }
}
