package org.roofline.inference.imagery;

import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Opens a PNG, JPEG, GIF, BMP or any other image a {@code javax.imageio} reader of the JDK recognises (see
 * {@link GeoImage}): reads its header, a PNG's no-data value, and the georeferencing of its sidecars; its pixels are
 * then read by the same reader ({@link ImageIoPixels}).
 */
final class ImageIoImageOpener {

    private ImageIoImageOpener() {
    }

    /**
     * Opens a file whose signature is not a TIFF's, reading no pixels.
     *
     * @throws RooflineInputException as {@link GeoImage#open} says; "not an image" when no reader knows the signature
     */
    static GeoImage open(Path file) throws RooflineInputException {
        ImageInputStream in = null;
        ImageReader reader = null;
        try {
            in = ImageIO.createImageInputStream(file.toFile());
            if (in == null) {
                throw new RooflineInputException(file, "cannot open for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RooflineInputException(file, "not an image (no TIFF, PNG, JPEG or other known image "
                        + "signature)");
            }
            reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            reader.setInput(in, false, true);
            int width;
            int height;
            SampleModel sm;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                if (ImageMessages.of(e).contains("<= 0")) { // the JDK's PNG reader on a 0 x 0 header
                    throw new RooflineInputException(file, "image is empty (the " + format + " header gives no pixels: "
                            + ImageMessages.of(e) + ")", e);
                }
                throw new RooflineInputException(file, "cannot read the " + format + " header, truncated or corrupt: "
                        + ImageMessages.of(e), e);
            }
            if (width <= 0 || height <= 0) {
                throw new RooflineInputException(file, "image is empty (" + width + " x " + height + " pixels)");
            }
            OpenChecks.size(file, width, height, 1);
            try {
                sm = ImageIoPixels.rawSampleModel(reader);
            } catch (IOException | RuntimeException e) {
                throw new RooflineInputException(file, "cannot read the " + format + " header, truncated or corrupt: "
                        + ImageMessages.of(e), e);
            }
            int bands = sm == null ? 3 : sm.getNumBands();
            if (sm == null) {
                throw new RooflineInputException(file, "the " + format + " reader announces no pixel layout");
            }
            SampleType type;
            try {
                type = SampleType.ofDataBuffer(sm.getDataType());
            } catch (IllegalArgumentException e) {
                throw new RooflineInputException(file, "unsupported sample type (DataBuffer type " + sm.getDataType()
                        + ")", e);
            }
            List<String> warnings = new ArrayList<>();
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".tif") || name.endsWith(".tiff")) {
                warnings.add("the file is " + format + " although its name says TIFF");
            }
            OptionalDouble nodata = format.equals("PNG") ? pngNoData(file, warnings) : OptionalDouble.empty();
            Sidecars side = Sidecars.complete(file, null, null, null, nodata);
            RasterInfo info = new RasterInfo(width, height, bands, type, side.nodata(), side.georef());
            OpenChecks.onEarth(file, info, side.file());
            GeoImage image = new GeoImage(file, format, null, info, side.file(), warnings, null,
                    new ImageIoPixels(file, in, reader, type, bands));
            in = null;
            reader = null;
            return image;
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + ImageMessages.of(e), e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // reporting the first problem
                }
            }
        }
    }

    /**
     * The no-data value of a PNG as GDAL reads it: the transparent colour of its {@code tRNS} chunk, for a grey image,
     * or an RGB one whose transparent colour is grey (a single value for all bands; other colours are ignored with a
     * warning). Palette transparency is not a no-data value. Read with a reader of its own: the JDK's PNG reader,
     * when it reads metadata, turns the transparent colour into an alpha band.
     */
    private static OptionalDouble pngNoData(Path file, List<String> warnings) {
        ImageReader reader = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return OptionalDouble.empty();
            }
            reader = readers.next();
            reader.setInput(in, true, false);
            javax.imageio.metadata.IIOMetadata m = reader.getImageMetadata(0);
            if (m == null || !java.util.Arrays.asList(m.getMetadataFormatNames()).contains("javax_imageio_png_1.0")) {
                return OptionalDouble.empty();
            }
            org.w3c.dom.Node root = m.getAsTree("javax_imageio_png_1.0");
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!"tRNS".equals(n.getNodeName()) || n.getFirstChild() == null) {
                    continue;
                }
                org.w3c.dom.Element t = (org.w3c.dom.Element) n.getFirstChild();
                if (t.getNodeName().equals("tRNS_Grayscale")) {
                    return OptionalDouble.of(Double.parseDouble(t.getAttribute("gray")));
                }
                if (t.getNodeName().equals("tRNS_RGB")) {
                    String r = t.getAttribute("red");
                    if (r.equals(t.getAttribute("green")) && r.equals(t.getAttribute("blue"))) {
                        return OptionalDouble.of(Double.parseDouble(r));
                    }
                    warnings.add("the PNG's transparent colour (" + r + ", " + t.getAttribute("green") + ", "
                            + t.getAttribute("blue") + ") differs per band; not used as a no-data value");
                }
            }
        } catch (IOException | RuntimeException e) {
            warnings.add("cannot read the PNG metadata (" + ImageMessages.of(e) + "); no no-data value");
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
        return OptionalDouble.empty();
    }
}
