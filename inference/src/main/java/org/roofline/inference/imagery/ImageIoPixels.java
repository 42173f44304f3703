package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads pixels with a {@code javax.imageio} reader of the JDK: PNG, JPEG, GIF, BMP, and the TIFFs Apache SIS cannot
 * decode (JPEG compression, YCbCr, CCITT fax).
 *
 * <p>Windows are read with {@link ImageReadParam#setSourceRegion} and {@link ImageReadParam#setSourceSubsampling}
 * (phase 0), so the decoder allocates only the output. The JDK's TIFF reader decodes only the tiles (strips) the
 * window touches; the PNG and JPEG readers decode the file sequentially from the top down to the window's last row
 * (these formats cannot seek), so time grows with the window's bottom row, memory only with the window.
 */
final class ImageIoPixels implements PixelSource {

    private final Path file;
    private final ImageInputStream in;
    private final ImageReader reader;
    private final SampleType type;
    private final int bands;
    /** The decoder's warnings during the current read. */
    private final List<String> warnings = new ArrayList<>();

    /** Takes ownership of the stream and the reader (input already set). */
    ImageIoPixels(Path file, ImageInputStream in, ImageReader reader, SampleType type, int bands) {
        this.file = file;
        this.in = in;
        this.reader = reader;
        this.type = type;
        this.bands = bands;
        // libjpeg reports a truncated file as a warning and fills the missing rows with grey: that is an error here
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    }

    /** @return the sample model of the image's raw (undecorated) pixels, or of its first offered type; or null */
    static SampleModel rawSampleModel(ImageReader reader) throws IOException {
        ImageTypeSpecifier t = reader.getRawImageType(0);
        if (t == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            t = types.hasNext() ? types.next() : null;
        }
        return t == null ? null : t.getSampleModel(1, 1);
    }

    @Override
    public Raster read(Rectangle window, int s) throws RooflineInputException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(window);
        param.setSourceSubsampling(s, s, 0, 0);
        BufferedImage image;
        warnings.clear();
        try {
            image = reader.read(0, param);
            for (String w : warnings) {
                if (w != null && w.toLowerCase(Locale.ROOT).contains("premature end")) {
                    throw new RooflineInputException(file, "cannot decode the pixels of window "
                            + ImageMessages.window(window) + ", truncated: " + RooflineInputException.oneLine(w));
                }
            }
        } catch (IOException e) {
            String unsupported = MaskImageReader.unsupportedCompression(ImageMessages.of(e));
            if (unsupported != null) {
                throw new RooflineInputException(file, unsupported, e);
            }
            throw new RooflineInputException(file, "cannot decode the pixels of window " + ImageMessages.window(window)
                    + ", truncated or corrupt: " + ImageMessages.of(e), e);
        } catch (RuntimeException e) {
            throw new RooflineInputException(file, "cannot decode the pixels of window " + ImageMessages.window(window)
                    + ", corrupt: " + ImageMessages.of(e), e);
        }
        WritableRaster r = image.getRaster();
        int ow = RasterWindow.ceilDiv(window.width, s);
        int oh = RasterWindow.ceilDiv(window.height, s);
        if (r.getWidth() != ow || r.getHeight() != oh) {
            throw new RooflineInputException(file, "decoded " + r.getWidth() + " x " + r.getHeight()
                    + " pixels for a window of " + ow + " x " + oh);
        }
        if (r.getNumBands() > bands) {
            // the JDK's PNG reader turns a tRNS transparent colour into an extra alpha band; GDAL (and the header
            // this image announced) keep the colour bands, the transparent colour being the no-data value
            int[] first = new int[bands];
            for (int b = 0; b < bands; b++) {
                first[b] = b;
            }
            r = r.createWritableChild(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 0, 0, first);
        }
        if (r.getMinX() != 0 || r.getMinY() != 0) {
            r = r.createWritableTranslatedChild(0, 0);
        }
        if (r.getNumBands() != bands || r.getDataBuffer().getDataType() != type.dataBufferType()) {
            // e.g. a decoder that chose a packed-int RGB image: copy into the type the header announced
            if (r.getNumBands() != bands) {
                throw new RooflineInputException(file, "decoded " + r.getNumBands() + " bands, but the header says "
                        + bands);
            }
            WritableRaster copy = PixelSource.newRaster(type, ow, oh, bands);
            PixelSource.copySubsampled(r, 0, 0, oh, copy, 0, 1, type);
            r = copy;
        }
        return r;
    }

    @Override
    public void close() {
        reader.dispose();
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
