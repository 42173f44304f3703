package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.nio.file.Path;

/**
 * The pixels of an image that opens (header, georeferencing) but that no decoder here reads: every read fails with
 * the reason, known at open.
 *
 * @param file    the image
 * @param problem why its pixels cannot be read and how to convert it, one line
 */
record UndecodablePixels(Path file, String problem) implements PixelSource {

    @Override
    public Raster read(Rectangle window, int subsampling) throws RooflineInputException {
        throw new RooflineInputException(file, problem);
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
