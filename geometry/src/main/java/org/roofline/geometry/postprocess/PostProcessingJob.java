package org.roofline.geometry.postprocess;

/**
 * One raster for a {@link PostProcessor}: a binary mask ({@link MaskJob}, whose connected components are the
 * buildings) or a label raster of building instances ({@link LabelJob}, one building per instance).
 */
public sealed interface PostProcessingJob permits MaskJob, LabelJob {

    /** @return name of the image or tile it came from, copied into each footprint; may be null */
    String source();

    /** @return x of the raster's top-left pixel corner in the output pixel space (a tile's column offset) */
    int originX();

    /** @return y of the raster's top-left pixel corner in the output pixel space (a tile's row offset) */
    int originY();

    /** @return the raster's width in pixels */
    int width();

    /** @return the raster's height in pixels */
    int height();
}
