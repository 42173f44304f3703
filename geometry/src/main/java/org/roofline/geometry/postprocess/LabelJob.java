package org.roofline.geometry.postprocess;

import java.util.Objects;
import org.roofline.geometry.instance.InstanceLabels;

/**
 * One label raster of building instances to post-process (from
 * {@link org.roofline.geometry.instance.InstanceSegmenter}): each instance becomes its own footprint, carrying the
 * instance's confidence, so touching buildings stay apart.
 *
 * @param source    name of the image or tile it came from, copied into each footprint
 * @param instances the instances
 * @param originX   x of the raster's top-left pixel corner in the output pixel space (a tile's column offset)
 * @param originY   y of the raster's top-left pixel corner in the output pixel space (a tile's row offset)
 */
public record LabelJob(String source, InstanceLabels instances, int originX, int originY)
        implements PostProcessingJob {
    public LabelJob {
        Objects.requireNonNull(instances, "instances");
    }

    public static LabelJob of(String source, InstanceLabels instances) {
        return new LabelJob(source, instances, 0, 0);
    }

    @Override
    public int width() {
        return instances.width();
    }

    @Override
    public int height() {
        return instances.height();
    }
}
