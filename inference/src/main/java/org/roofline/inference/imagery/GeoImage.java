package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.geotiff.GeoTiffStoreProvider;
import org.roofline.geometry.crs.Crs;

/**
 * An image file opened for reading windows of its pixels: GeoTIFF (classic or BigTIFF), or PNG, JPEG and the other
 * formats of {@code javax.imageio} with a GDAL PAM sidecar or a world file for their georeferencing.
 *
 * <h2>Opening</h2>
 * {@link #open} reads headers only (the TIFF directory, the PNG/JPEG header, the small sidecar files): it takes
 * milliseconds whatever the image size (2 to 11 ms for a 20000 x 20000 GeoTIFF, under 0.5 MB allocated), once the
 * libraries are loaded: the first open in a JVM also initialises Apache SIS's referencing and the EPSG registry, about
 * half a second, which {@link #warmUp()} can do ahead. The file's signature decides the format, not its name (the
 * Banepa ".tif" tiles are JPEG files).
 *
 * <h2>Formats</h2>
 * <ul>
 *   <li><b>TIFF / GeoTIFF / BigTIFF</b> through Apache SIS: 1 to 64 bits per sample, any number of bands, strips or
 *       tiles, pixel- or band-interleaved; uncompressed, LZW, DEFLATE, PackBits (with or without horizontal
 *       predictor) decoded by SIS. JPEG compression (including YCbCr, as GDAL writes it) and CCITT fax are decoded by
 *       the JDK's TIFF reader instead, which cannot read BigTIFF: a BigTIFF with JPEG compression opens (header,
 *       georeferencing) but its pixels cannot be read. ZSTD, LERC, WEBP, JPEG-XL, LZMA are not supported (the read
 *       says so and how to convert).</li>
 *   <li><b>PNG, JPEG, GIF, BMP</b> through the JDK's {@code javax.imageio}.</li>
 * </ul>
 *
 * <h2>Georeferencing</h2>
 * Looked up in this order, the transform from the first place that has one (see {@link Georeferencing.Source}):
 * <ol>
 *   <li>the GeoTIFF tags (via SIS; the CRS from the GeoKeys' EPSG code, else from SIS's reading of the keys);</li>
 *   <li>a GDAL PAM sidecar {@code <file>.aux.xml} (its {@code GeoTransform} and {@code SRS});</li>
 *   <li>a world file ({@code .tfw}, {@code .tifw}, {@code .pgw}, {@code .jgw}, {@code .wld} ...) and the {@code .prj}
 *       beside it for the CRS.</li>
 * </ol>
 * The CRS is taken from the first of the same places that has one. When none has a transform the image is in pixel
 * coordinates ({@link Georeferencing#none()}). This is the order GDAL's JPEG and PNG drivers use; for GeoTIFF, GDAL
 * by default prefers a PAM sidecar over the file's own tags (they disagree only in files edited behind GDAL's back).
 *
 * <h2>Limits</h2>
 * Refused at open, before anything is allocated for pixels: more than {@link #MAX_PIXELS} pixels, or a TIFF tile or
 * strip that would decode to more than {@link #MAX_BLOCK_BYTES} (both the signature of a decompression bomb or a
 * corrupt header). A read must fit in one Java array per band set (2<sup>31</sup> samples) and in the free heap.
 *
 * <h2>Errors</h2>
 * Every problem with a file (missing, unreadable, not an image, truncated, corrupt, too large, garbled sidecar) is a
 * {@link RooflineInputException} with a one-line message naming the file at fault (the image, or the sidecar, world
 * file or {@code .prj}). Programming errors (a window outside the image) are {@link IllegalArgumentException}s.
 *
 * <h2>Threads</h2>
 * {@link #read} and {@link #close} are synchronized: an instance may be shared, but reads are serialized. Open one
 * instance per thread to read in parallel.
 *
 * <h2>Inside</h2>
 * The signature is sniffed by {@code ImageSignature}; {@code TiffImageOpener} and {@code ImageIoImageOpener} read the
 * headers, {@code Sidecars} the PAM sidecar and world file; the pixels are decoded by a {@code PixelSource} chosen at
 * open. A summary for people is the {@code info} command's business, from the accessors here.
 */
public final class GeoImage implements AutoCloseable {

    /** The most pixels (width x height) an image may declare: 2^36, about 262144 x 262144. */
    public static final long MAX_PIXELS = 1L << 36;
    /** The most bytes one TIFF tile or strip may decode to (all of it is decoded to read any pixel of it). */
    public static final long MAX_BLOCK_BYTES = 256L << 20;

    private final Path file;
    private final String format;
    private final String layout;
    private final RasterInfo info;
    private final Path georefFile;
    private final List<String> warnings;
    /** The SIS store a TIFF was opened with, closed after the pixels; or null. */
    private final DataStore store;
    private final PixelSource pixels;
    private boolean closed;

    /** For the openers: takes ownership of the store and the pixel source. */
    GeoImage(Path file, String format, String layout, RasterInfo info, Path georefFile, List<String> warnings,
             DataStore store, PixelSource pixels) {
        this.file = file;
        this.format = format;
        this.layout = layout;
        this.info = info;
        this.georefFile = georefFile;
        this.warnings = List.copyOf(warnings); // what SIS says later, while decoding, is not kept
        this.store = store;
        this.pixels = pixels;
    }

    /**
     * Opens an image, reading its header and georeferencing but no pixels.
     *
     * @throws RooflineInputException if the file (or a sidecar) is missing, unreadable, not an image, corrupt, or
     *                                declares an image too large; the message names the file at fault
     */
    public static GeoImage open(Path file) throws RooflineInputException {
        return switch (ImageSignature.of(file)) {
            case TIFF -> TiffImageOpener.open(file, false);
            case BIG_TIFF -> TiffImageOpener.open(file, true);
            case OTHER -> ImageIoImageOpener.open(file);
        };
    }

    /**
     * Loads and initialises the libraries behind {@link #open} (Apache SIS's referencing, the EPSG registry of the
     * geometry module) without opening anything: the first {@code open} in a JVM otherwise spends most of a second
     * on it. Optional; an application may call it from a background thread at start-up. Never throws.
     */
    public static void warmUp() {
        try {
            org.apache.sis.referencing.CommonCRS.WGS84.universal(0, 0);
            new GeoTiffStoreProvider();
            Crs.epsg(32616);
        } catch (RuntimeException | LinkageError e) {
            // the first open will report whatever is wrong
        }
    }

    // --- accessors

    /** @return the file opened */
    public Path file() {
        return file;
    }

    /** @return the header: size, bands, sample type, no-data, georeferencing */
    public RasterInfo info() {
        return info;
    }

    /** @return the georeferencing, short for {@code info().georef()} */
    public Georeferencing georef() {
        return info.georef();
    }

    /** @return the format: "GeoTIFF", "TIFF", "BigTIFF GeoTIFF", "PNG", "JPEG", ... */
    public String format() {
        return format;
    }

    /** @return compression and layout for people, e.g. "DEFLATE, tiled 256 x 256"; empty for non-TIFF images */
    public Optional<String> layout() {
        return Optional.ofNullable(layout);
    }

    /** @return the sidecar or world file the georeferencing came from, if it came from one */
    public Optional<Path> georeferencingFile() {
        return Optional.ofNullable(georefFile);
    }

    /** @return the warnings of the readers while opening (unusual tags, an unknown EPSG code, ...), one line each */
    public List<String> warnings() {
        return warnings;
    }

    // --- reading

    /**
     * Reads a window of the image, every {@code subsampling}-th pixel in both directions, starting with its top-left
     * pixel (nearest neighbour, no averaging; see {@link RasterWindow}). Decodes only what the window needs (see the
     * class description of the decoders): the whole image is never decoded for a window, unless the format is a
     * single compressed block.
     *
     * @param window      the pixels to cover, inside {@link RasterInfo#bounds()}, not empty
     * @param subsampling 1 for every pixel, 2 for every other pixel, ...
     * @return the samples, all bands, with the window's own georeferencing
     * @throws RooflineInputException   if the pixels cannot be decoded (truncated or corrupt data, an unsupported
     *                                  compression) or the result would not fit in memory
     * @throws IllegalArgumentException if the window is empty or outside the image, or subsampling &lt; 1
     * @throws IllegalStateException    if this image was closed
     */
    public synchronized RasterWindow read(Rectangle window, int subsampling) throws RooflineInputException {
        if (closed) {
            throw new IllegalStateException("closed: " + file);
        }
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, was " + subsampling);
        }
        if (window.isEmpty() || !info.bounds().contains(window)) {
            throw new IllegalArgumentException("window " + ImageMessages.window(window) + " is empty or not inside the image "
                    + info.width() + " x " + info.height());
        }
        int ow = RasterWindow.ceilDiv(window.width, subsampling);
        int oh = RasterWindow.ceilDiv(window.height, subsampling);
        long samples = (long) ow * oh * info.bands();
        if (samples > Integer.MAX_VALUE - 8) {
            throw new RooflineInputException(file, "window " + ImageMessages.window(window) + " at subsampling " + subsampling
                    + " is " + ow + " x " + oh + " x " + info.bands() + " samples, more than one Java array holds; "
                    + "read it in pieces or subsample more");
        }
        long bytes = samples * info.type().bytes();
        if (bytes + (16L << 20) > freeHeap()) {
            System.gc();
            if (bytes + (16L << 20) > freeHeap()) {
                throw new RooflineInputException(file, "not enough memory to read window "
                        + ImageMessages.window(window) + " (" + (bytes >> 20) + " MB); read it in pieces, subsample, or raise -Xmx (heap limit "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MB)");
            }
        }
        Raster raster;
        try {
            raster = pixels.read(window, subsampling);
        } catch (OutOfMemoryError e) {
            throw new RooflineInputException(file, "not enough memory to read window " + ImageMessages.window(window)
                    + "; read it in pieces, subsample, or raise -Xmx", e);
        }
        return new RasterWindow(window, subsampling, info.type(), raster, info.georef().forWindow(window, subsampling));
    }

    /** Reads the whole image, subsampled; see {@link #read(Rectangle, int)}. */
    public RasterWindow readAll(int subsampling) throws RooflineInputException {
        return read(info.bounds(), subsampling);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pixels.close();
        if (store != null) {
            try {
                store.close();
            } catch (DataStoreException e) {
                // nothing left to do with it
            }
        }
    }

    /**
     * Whether the file is cut short (see {@link TruncationCheck}): a TIFF strip or tile, or a directory, past the end
     * of the file, a PNG without its IEND chunk, a JPEG without its end marker. Reads the block tables, not pixels.
     *
     * @return why the file is damaged, one line ("truncated: 12 of 16 tiles lie past the end of the file ..."), or
     *         empty when its structure is whole
     */
    public Optional<String> damage() {
        try {
            return TruncationCheck.problem(file);
        } catch (java.io.IOException e) {
            return Optional.of("cannot read: " + ImageMessages.of(e));
        }
    }

    @Override
    public String toString() {
        return "GeoImage[" + file + ", " + format + ", " + info.width() + " x " + info.height() + " x " + info.bands()
                + " " + info.type() + ", " + info.georef().source() + "]";
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
