package org.roofline.geometry.mask;

import java.util.Objects;

/**
 * A 16-bit mask over an existing {@code short[]} (for example an image's {@code DataBufferUShort}), not copied. A
 * pixel is foreground when its unsigned value is at least {@code minForeground}.
 */
public final class UShortMask extends StridedSampleMask {

    private final short[] data;

    /**
     * @param data           the samples; not copied
     * @param offset         index of pixel (0, 0)'s sample
     * @param scanlineStride distance in {@code data} from one row to the next
     * @param pixelStride    distance in {@code data} from one pixel to the next (1 for a single band)
     * @param minForeground  smallest unsigned value (1..65535) that counts as foreground
     */
    public UShortMask(short[] data, int offset, int width, int height, int scanlineStride, int pixelStride,
                      int minForeground) {
        super(Objects.requireNonNull(data, "data").length, offset, width, height, scanlineStride, pixelStride,
                minForeground, 65535);
        this.data = data;
    }

    @Override
    int sample(int index) {
        return data[index] & 0xffff;
    }
}
