package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The pixels of a TIFF that Apache SIS cannot decode (JPEG compression, YCbCr, CCITT fax), read by the JDK's TIFF
 * reader ({@link ImageIoPixels}), which is opened at the first read: opening a TIFF costs nothing for the images never
 * read.
 */
final class JdkTiffPixels implements PixelSource {

    private final Path file;
    private final RasterInfo info;
    private final String layout;
    /** Null until the first read. */
    private ImageIoPixels pixels;

    /**
     * @param info   the header as Apache SIS read it, which the JDK's reader must agree with
     * @param layout the compression and layout, for the message when the JDK has no TIFF reader
     */
    JdkTiffPixels(Path file, RasterInfo info, String layout) {
        this.file = file;
        this.info = info;
        this.layout = layout;
    }

    @Override
    public Raster read(Rectangle window, int subsampling) throws RooflineInputException {
        if (pixels == null) {
            pixels = open();
        }
        return pixels.read(window, subsampling);
    }

    private ImageIoPixels open() throws RooflineInputException {
        ImageInputStream in = null;
        try {
            in = ImageIO.createImageInputStream(file.toFile());
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator()
                    : ImageIO.getImageReadersByFormatName("tiff");
            if (!readers.hasNext()) {
                throw new RooflineInputException(file, "no TIFF reader for " + layout);
            }
            ImageReader reader = readers.next();
            reader.setInput(in, false, true);
            if (reader.getWidth(0) != info.width() || reader.getHeight(0) != info.height()) {
                reader.dispose();
                throw new RooflineInputException(file, "the JDK's TIFF reader sees " + reader.getWidth(0) + " x "
                        + reader.getHeight(0) + " pixels, Apache SIS " + info.width() + " x " + info.height());
            }
            ImageIoPixels p = new ImageIoPixels(file, in, reader, info.type(), info.bands());
            in = null;
            return p;
        } catch (IOException | RuntimeException e) {
            throw new RooflineInputException(file, "cannot read the TIFF header: " + ImageMessages.of(e), e);
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
        }
    }

    @Override
    public void close() {
        if (pixels != null) {
            pixels.close();
        }
    }
}
