package org.roofline.inference.imagery;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.roofline.geometry.mask.UShortMask;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.ByteMask;
import org.roofline.geometry.mask.FloatMask;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.crs.Crs;

/**
 * Reads a mask image (PNG, TIFF, or any other format the JDK's {@code javax.imageio} reads) into a {@link Mask},
 * without copying the pixels where the layout allows.
 *
 * <h2>Which pixels are foreground</h2>
 * Only band 0 is used (the first band of a multi-band image: red of an RGB image, grey of grey+alpha, the palette
 * index of a palette image). With the threshold {@code T} in (0, 1] (the command line's {@code --threshold},
 * default {@value #DEFAULT_THRESHOLD}):
 * <ul>
 *   <li><b>integer samples whose maximum over the image is 1</b> (0/1 masks, such as the Kampala training masks and
 *       1-bit images): foreground where the value is &ge; 1, whatever {@code T} (T &le; 1 so {@code ceil(T)} is 1);</li>
 *   <li><b>other integer samples</b> are scaled by the type's full range, 2<sup>bits</sup> &minus; 1 (255 for 8-bit,
 *       65535 for 16-bit): foreground where {@code value / range >= T}; a 0/255 mask is thus foreground at 255 for
 *       any {@code T}, and at 128 and above for the default 0.5;</li>
 *   <li><b>floating-point samples</b> are probabilities: foreground where {@code p >= T}; NaN is background.</li>
 * </ul>
 * An all-zero image gives an empty mask (not an error).
 *
 * <h2>Memory</h2>
 * 8-bit and 16-bit component images are wrapped in place ({@link ByteMask}, {@link UShortMask}) and tightly packed
 * single-band float images too ({@link FloatMask}); any other layout (1/2/4-bit packed, packed RGB, strided float,
 * double, signed or 32-bit integers) is converted row by row into a {@link BitMask}. Before decoding, the image size
 * from its header is checked against the free heap, so that an image too large fails fast with a clear message
 * instead of an {@link OutOfMemoryError} halfway through. The common mask GeoTIFF (one unsigned 8-bit grey band, in
 * strips or tiles, DEFLATE or uncompressed) is read in one pass, its strips inflated straight into the array the mask
 * wraps ({@code TiffMaskFastPath}); every other file, and any such file whose data does not decode exactly, goes
 * through javax.imageio as above.
 *
 * <h2>Errors</h2>
 * Every problem with the file (missing, unreadable, a directory, empty, not an image, truncated or corrupt, 0 x 0
 * pixels, too large) is a {@link RooflineInputException} whose one-line message names the file.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MaskImageReader {

    /** The default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final double threshold;

    /** A reader with the {@link #DEFAULT_THRESHOLD default threshold}. */
    public MaskImageReader() {
        this(DEFAULT_THRESHOLD);
    }

    /**
     * @param threshold the threshold {@code T} in (0, 1]; see the class description
     * @throws IllegalArgumentException if it is outside (0, 1]
     */
    public MaskImageReader(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /** The size of an image from its header, without decoding the pixels. */
    public record ImageSize(int width, int height) {
        @Override
        public String toString() {
            return width + " x " + height;
        }
    }

    /**
     * Reads the width and height from the image header.
     *
     * @throws RooflineInputException if the file is missing, unreadable or not an image
     */
    public static ImageSize size(Path file) throws RooflineInputException {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, in);
            try {
                return new ImageSize(width(file, reader), height(file, reader));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + message(e), e);
        }
    }

    /**
     * Reads a mask.
     *
     * @throws RooflineInputException if the file cannot be read as a mask; the message names the file and the problem
     */
    public Mask read(Path file) throws RooflineInputException {
        Fast fast = fast(file);
        return fast.mask() != null ? fast.mask() : decode(file);
    }

    /** A mask with where it lies on the map. */
    public record GeoreferencedMask(Mask mask, Georeferencing georef) {
    }

    /**
     * Reads a mask and its georeferencing: {@link #read} and {@link GeoImage#georef()}, with the file's header read
     * once for the common mask GeoTIFF (one 8-bit band, DEFLATE or uncompressed, a tie point, a pixel scale and an
     * EPSG code), which then needs neither javax.imageio nor Apache SIS.
     *
     * @throws RooflineInputException as {@link #read} and {@link GeoImage#open} say
     */
    public GeoreferencedMask readGeoreferenced(Path file) throws RooflineInputException {
        Fast fast = fast(file);
        Mask mask = fast.mask() != null ? fast.mask() : decode(file);
        Georeferencing georef = fast.layout() != null && fast.layout().simpleGeoreferencing()
                ? simpleGeoreferencing(file, fast.layout()) : null;
        if (georef == null) {
            try (GeoImage image = GeoImage.open(file)) {
                georef = image.georef();
            }
        }
        return new GeoreferencedMask(mask, georef);
    }

    /** What the fast path of a TIFF gave: its layout (or null) and its mask (or null, for the general reader). */
    private record Fast(TiffMaskFastPath.Layout layout, Mask mask) {
    }

    private Fast fast(Path file) throws RooflineInputException {
        OpenChecks.readableFile(file);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size < 8 || size > Integer.MAX_VALUE - 8 || !isClassicTiff(file)) {
                return new Fast(null, null);
            }
            if (size + 16L * (1 << 20) > freeHeap()) {
                return new Fast(null, null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Fast(null, null); // the general reader says what is wrong
        }
        TiffMaskFastPath.Layout layout = TiffMaskFastPath.parse(bytes);
        if (layout == null) {
            return new Fast(null, null);
        }
        long pixels = (long) layout.width() * layout.height();
        if (pixels + 2 * (pixels / 8) + (16L << 20) > freeHeap()) {
            return new Fast(layout, null); // the general reader checks the memory and says so
        }
        byte[] decoded = layout.decode(bytes);
        if (decoded == null) {
            return new Fast(layout, null);
        }
        // as wrap() does for 8-bit samples, without a Raster (which would load and initialise AWT)
        int max = 0;
        for (int i = 0; i < decoded.length && max < 255; i++) {
            max = Math.max(max, decoded[i] & 0xff);
        }
        return new Fast(layout, new ByteMask(decoded, 0, layout.width(), layout.height(), layout.width(), 1,
                (int) minForeground(max, 255)));
    }

    private static boolean isClassicTiff(Path file) throws IOException {
        byte[] head = new byte[4];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        return (head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42);
    }

    /**
     * The georeferencing of the simple GeoTIFF keys, completed by the sidecars and checked as {@link GeoImage#open}
     * does; null when the CRS is not an EPSG code known offline (then {@link GeoImage} decides).
     */
    private static Georeferencing simpleGeoreferencing(Path file, TiffMaskFastPath.Layout layout)
            throws RooflineInputException {
        PixelToMap transform = layout.transform();
        Crs crs = null;
        if (transform != null) {
            int code = -1;
            for (int key : new int[] {TiffTags.PROJECTED_CS_TYPE, TiffTags.GEOGRAPHIC_TYPE}) {
                int c = layout.geoKey(key);
                if (c > 0 && c < 32767) {
                    code = c;
                    break;
                }
            }
            if (code < 0) {
                return null;
            }
            try {
                crs = Crs.epsg(code);
            } catch (RuntimeException e) {
                return null;
            }
        }
        Sidecars side = Sidecars.complete(file, transform, crs,
                transform != null ? Georeferencing.Source.GEOTIFF_KEYS : null, OptionalDouble.empty());
        OpenChecks.onEarth(file, new RasterInfo(layout.width(), layout.height(), 1, SampleType.BYTE, side.nodata(),
                side.georef()), side.file());
        return side.georef();
    }

    /** The general reader: javax.imageio, into a raster the mask wraps where it can. */
    private Mask decode(Path file) throws RooflineInputException {
        BufferedImage image;
        int width;
        int height;
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, in);
            try {
                width = width(file, reader);
                height = height(file, reader);
                if (width <= 0 || height <= 0) {
                    throw new RooflineInputException(file, "image is empty (" + width + " x " + height + " pixels)");
                }
                checkMemory(file, reader, width, height);
                try {
                    image = reader.read(0);
                } catch (IOException e) {
                    String unsupported = unsupportedCompression(message(e));
                    if (unsupported != null) {
                        throw new RooflineInputException(file, unsupported, e);
                    }
                    throw new RooflineInputException(file, "cannot decode the image, truncated or corrupt: "
                            + message(e), e);
                } catch (OutOfMemoryError e) {
                    throw notEnoughMemory(file, width, height, e);
                } catch (RuntimeException e) {
                    throw new RooflineInputException(file, "cannot decode the image, corrupt: " + message(e), e);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + message(e), e);
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new RooflineInputException(file, "decoded " + image.getWidth() + " x " + image.getHeight()
                    + " pixels, but the header says " + width + " x " + height);
        }
        try {
            return wrap(image.getRaster());
        } catch (OutOfMemoryError e) {
            throw notEnoughMemory(file, width, height, e);
        }
    }

    /**
     * Wraps band 0 of a raster as a mask with this reader's threshold semantics; the raster's samples are not copied
     * where the layout allows (see the class description).
     */
    public Mask wrap(Raster raster) {
        SampleModel sm = raster.getSampleModel();
        DataBuffer db = raster.getDataBuffer();
        int w = raster.getWidth();
        int h = raster.getHeight();
        if (sm instanceof ComponentSampleModel csm) {
            int bank = csm.getBankIndices()[0];
            int offset = db.getOffsets()[bank] + csm.getOffset(raster.getMinX() - raster.getSampleModelTranslateX(),
                    raster.getMinY() - raster.getSampleModelTranslateY(), 0);
            int scan = csm.getScanlineStride();
            int px = csm.getPixelStride();
            if (db instanceof DataBufferByte bytes && csm.getSampleSize(0) == 8) {
                byte[] data = bytes.getData(bank);
                int max = 0;
                for (int y = 0, row = offset; y < h && max < 255; y++, row += scan) {
                    for (int x = 0, i = row; x < w; x++, i += px) {
                        max = Math.max(max, data[i] & 0xff);
                    }
                }
                return new ByteMask(data, offset, w, h, scan, px, (int) minForeground(max, 255));
            }
            if (db instanceof DataBufferUShort shorts && csm.getSampleSize(0) == 16) {
                short[] data = shorts.getData(bank);
                int max = 0;
                for (int y = 0, row = offset; y < h && max < 65535; y++, row += scan) {
                    for (int x = 0, i = row; x < w; x++, i += px) {
                        max = Math.max(max, data[i] & 0xffff);
                    }
                }
                return new UShortMask(data, offset, w, h, scan, px, (int) minForeground(max, 65535));
            }
            if (db instanceof DataBufferFloat floats && offset == 0 && px == 1 && scan == w) {
                return new FloatMask(floats.getData(bank), w, h, floatThreshold());
            }
        }
        return convert(raster);
    }

    /** The smallest float {@code f} such that {@code p >= f} exactly when {@code (double) p >= threshold}. */
    private float floatThreshold() {
        float f = (float) threshold;
        return f < threshold ? Math.nextUp(f) : f;
    }

    /**
     * The smallest integer value that is foreground.
     *
     * @param max   the largest value in the image
     * @param range the type's full range
     */
    long minForeground(long max, long range) {
        if (max == 1) {
            return 1;
        }
        long v = (long) Math.ceil(threshold * range);
        while (v > 1 && (double) (v - 1) / range >= threshold) {
            v--;
        }
        while ((double) v / range < threshold) {
            v++;
        }
        return Math.max(1, Math.min(v, range));
    }

    /** Any other layout: band 0 row by row into packed bits. */
    private Mask convert(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        BitMask mask = new BitMask(w, h);
        int type = raster.getDataBuffer().getDataType();
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            double[] row = new double[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(x0, y0 + y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    if (row[x] >= threshold) {
                        mask.set(x, y, true);
                    }
                }
            }
            return mask;
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        boolean signed = type == DataBuffer.TYPE_SHORT;
        long range = signed ? 32767 : (bits >= 32 ? 0xffffffffL : (1L << bits) - 1);
        long mask32 = signed ? -1L : 0xffffffffL;
        int[] row = new int[w];
        long max = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(x0, y0 + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                max = Math.max(max, row[x] & mask32);
            }
        }
        long min = minForeground(max, range);
        for (int y = 0; y < h; y++) {
            raster.getSamples(x0, y0 + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                if ((row[x] & mask32) >= min) {
                    mask.set(x, y, true);
                }
            }
        }
        return mask;
    }

    private static final Pattern UNSUPPORTED_COMPRESSION =
            Pattern.compile("(?i)unsupported compression type \\(tag value = (\\d+)\\)");

    /** @return a helpful problem for a TIFF compression the JDK cannot decode, or null */
    static String unsupportedCompression(String message) {
        Matcher m = UNSUPPORTED_COMPRESSION.matcher(message);
        if (!m.find()) {
            return null;
        }
        String name = switch (m.group(1)) {
            case "34887" -> "LERC";
            case "34925" -> "LZMA";
            case "50000" -> "ZSTD";
            case "50001" -> "WEBP";
            case "50002" -> "JXL";
            default -> "code " + m.group(1);
        };
        return "TIFF compression " + name + " is not supported (only none, LZW, DEFLATE, PACKBITS, JPEG, CCITT); "
                + "re-encode it, e.g. gdal_translate -co COMPRESS=DEFLATE IN.tif OUT.tif";
    }

    // --- opening and checking

    private static ImageInputStream open(Path file) throws RooflineInputException {
        OpenChecks.readableFile(file);
        try {
            if (Files.size(file) == 0) {
                throw new RooflineInputException(file, "empty file (0 bytes), not an image");
            }
            ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
            if (in == null) {
                throw new RooflineInputException(file, "cannot open for reading");
            }
            return in;
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + message(e), e);
        }
    }

    private static ImageReader readerFor(Path file, ImageInputStream in) throws RooflineInputException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new RooflineInputException(file, "not an image (no PNG, TIFF or other known image signature)");
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, true);
        return reader;
    }

    private static int width(Path file, ImageReader reader) throws RooflineInputException {
        try {
            return reader.getWidth(0);
        } catch (IOException | RuntimeException e) {
            throw headerError(file, reader, e);
        }
    }

    private static int height(Path file, ImageReader reader) throws RooflineInputException {
        try {
            return reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw headerError(file, reader, e);
        }
    }

    private static RooflineInputException headerError(Path file, ImageReader reader, Exception e) {
        String format = format(reader);
        String msg = message(e);
        if (msg.toLowerCase(java.util.Locale.ROOT).contains("<= 0")) {
            return new RooflineInputException(file, "image is empty (" + format + " header gives no pixels: " + msg + ")", e);
        }
        return new RooflineInputException(file, "cannot read the " + format + " header, truncated or corrupt: " + msg, e);
    }

    private static String format(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /**
     * Refuses, before decoding, an image that cannot fit: more samples than a Java array holds, or more bytes than the
     * free heap (after a garbage collection) for the decoded image plus the vectorizer's 1-bit copy.
     */
    private static void checkMemory(Path file, ImageReader reader, int width, int height) throws RooflineInputException {
        int bands = 1;
        int bitsPerPixel = 8;
        try {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                type = types.hasNext() ? types.next() : null;
            }
            if (type != null) {
                SampleModel sm = type.getSampleModel(1, 1);
                bands = sm.getNumBands();
                bitsPerPixel = 0;
                for (int b = 0; b < bands; b++) {
                    bitsPerPixel += sm.getSampleSize(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown layout: assume one byte a pixel; decoding reports real problems
        }
        long pixels = (long) width * height;
        long samples = pixels * bands;
        if (samples > Integer.MAX_VALUE - 8) {
            throw new RooflineInputException(file, "image too large (" + width + " x " + height + " pixels x "
                    + bands + " bands; Java images hold at most 2^31 samples): split it into tiles");
        }
        long needed = pixels * Math.max(1, (bitsPerPixel + 7) / 8) + 2 * (pixels / 8) + (16L << 20);
        if (needed > freeHeap()) {
            System.gc();
            if (needed > freeHeap()) {
                throw notEnoughMemory(file, width, height, null);
            }
        }
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** The message for an image that does not fit in the heap. */
    public static RooflineInputException notEnoughMemory(Path file, int width, int height, Throwable cause) {
        return new RooflineInputException(file, "not enough memory for " + file.getFileName() + " (" + width + " x "
                + height + "); raise -Xmx (heap limit " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)", cause);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && (m == null || !m.contains(cause.getMessage()))) {
            m = (m == null ? "" : m + ": ") + cause.getMessage();
        }
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
            if (cause != null) {
                m += " (" + cause.getClass().getSimpleName() + ")";
            }
        }
        return RooflineInputException.oneLine(m);
    }
}
