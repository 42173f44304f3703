package org.roofline.geometry.postprocess;

import java.util.Objects;
import org.roofline.geometry.mask.Mask;

/**
 * One mask to post-process: its connected components are the buildings, with unknown confidence.
 *
 * @param source  name of the image or tile it came from, copied into each footprint
 * @param mask    the mask
 * @param originX x of the mask's top-left pixel corner in the output pixel space (a tile's column offset)
 * @param originY y of the mask's top-left pixel corner in the output pixel space (a tile's row offset)
 */
public record MaskJob(String source, Mask mask, int originX, int originY) implements PostProcessingJob {
    public MaskJob {
        Objects.requireNonNull(mask, "mask");
    }

    public static MaskJob of(String source, Mask mask) {
        return new MaskJob(source, mask, 0, 0);
    }

    @Override
    public int width() {
        return mask.width();
    }

    @Override
    public int height() {
        return mask.height();
    }
}
