package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.StorageConnector;
import org.apache.sis.storage.event.WarningEvent;
import org.apache.sis.storage.geotiff.GeoTiffStore;
import org.apache.sis.storage.geotiff.GeoTiffStoreProvider;
import org.apache.sis.util.collection.TreeTable;
import org.locationtech.jts.geom.Envelope;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.Matrix;
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
 */
public final class GeoImage implements AutoCloseable {

    /** The most pixels (width x height) an image may declare: 2^36, about 262144 x 262144. */
    public static final long MAX_PIXELS = 1L << 36;
    /** The most bytes one TIFF tile or strip may decode to (all of it is decoded to read any pixel of it). */
    public static final long MAX_BLOCK_BYTES = 256L << 20;

    /** Compressions SIS 1.6 decodes (names as SIS reports them). */
    private static final Set<String> SIS_COMPRESSIONS = Set.of("NONE", "LZW", "DEFLATE", "PACKBITS", "CCITTRLE");
    private static final Set<String> SIS_PREDICTORS = Set.of("NONE", "HORIZONTAL_DIFFERENCING");
    private static final int PHOTOMETRIC_YCBCR = 6;

    private final Path file;
    private final String format;
    private final String layout;
    private final RasterInfo info;
    private final Path georefFile;
    private final List<String> warnings;
    private final DataStore store;
    /** Why no decoder can read the pixels (known at open), or null. */
    private final String pixelProblem;
    /** Null until the first read for TIFFs the JDK decodes; then, or from the start, the decoder. */
    private PixelSource pixels;
    private boolean closed;

    private GeoImage(Path file, String format, String layout, RasterInfo info, Path georefFile, List<String> warnings,
                     DataStore store, PixelSource pixels, String pixelProblem) {
        this.pixelProblem = pixelProblem;
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
        byte[] head = head(file);
        boolean tiff = startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42);
        boolean bigTiff = startsWith(head, 'I', 'I', 43, 0) || startsWith(head, 'M', 'M', 0, 43);
        if (tiff || bigTiff) {
            return openTiff(file, bigTiff);
        }
        return openImageIo(file);
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
            throw new IllegalArgumentException("window " + describe(window) + " is empty or not inside the image "
                    + info.width() + " x " + info.height());
        }
        int ow = RasterWindow.ceilDiv(window.width, subsampling);
        int oh = RasterWindow.ceilDiv(window.height, subsampling);
        long samples = (long) ow * oh * info.bands();
        if (samples > Integer.MAX_VALUE - 8) {
            throw new RooflineInputException(file, "window " + describe(window) + " at subsampling " + subsampling
                    + " is " + ow + " x " + oh + " x " + info.bands() + " samples, more than one Java array holds; "
                    + "read it in pieces or subsample more");
        }
        long bytes = samples * info.type().bytes();
        if (bytes + (16L << 20) > freeHeap()) {
            System.gc();
            if (bytes + (16L << 20) > freeHeap()) {
                throw new RooflineInputException(file, "not enough memory to read window " + describe(window)
                        + " (" + (bytes >> 20) + " MB); read it in pieces, subsample, or raise -Xmx (heap limit "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MB)");
            }
        }
        Raster raster;
        try {
            raster = pixels().read(window, subsampling);
        } catch (OutOfMemoryError e) {
            throw new RooflineInputException(file, "not enough memory to read window " + describe(window)
                    + "; read it in pieces, subsample, or raise -Xmx", e);
        }
        return new RasterWindow(window, subsampling, info.type(), raster, info.georef().forWindow(window, subsampling));
    }

    /** Reads the whole image, subsampled; see {@link #read(Rectangle, int)}. */
    public RasterWindow readAll(int subsampling) throws RooflineInputException {
        return read(info.bounds(), subsampling);
    }

    private PixelSource pixels() throws RooflineInputException {
        if (pixels == null) {
            pixels = jdkTiff();
        }
        return pixels;
    }

    /** The JDK's TIFF reader, for the TIFFs SIS cannot decode. */
    private PixelSource jdkTiff() throws RooflineInputException {
        if (pixelProblem != null) {
            throw new RooflineInputException(file, pixelProblem);
        }
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
            throw new RooflineInputException(file, "cannot read the TIFF header: " + message(e), e);
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pixels != null) {
            pixels.close();
        }
        if (store != null) {
            try {
                store.close();
            } catch (DataStoreException e) {
                // nothing left to do with it
            }
        }
    }

    // --- the summary for `roofline info`

    /**
     * A summary for people, one line per item, for {@code roofline info}: file, format, size, bands, type, no-data,
     * CRS (name and EPSG code), extent in map units, pixel size in map units and ground resolution in metres,
     * georeferencing source, then the readers' warnings.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        Georeferencing g = info.georef();
        lines.add(line("File", file.toString()));
        lines.add(line("Format", format + (layout == null ? "" : ", " + layout)));
        lines.add(line("Size", info.width() + " x " + info.height() + " pixels"));
        lines.add(line("Bands", Integer.toString(info.bands())));
        lines.add(line("Type", info.type().gdalName()));
        lines.add(line("NoData", info.nodata().isPresent() ? number(info.nodata().getAsDouble()) : "none"));
        if (g.crs() != null) {
            OptionalInt code = g.crs().epsgCode();
            lines.add(line("CRS", g.crs().name() + (code.isPresent() ? " (EPSG:" + code.getAsInt() + ")"
                    : " (no EPSG code)")));
        } else {
            lines.add(line("CRS", g.isGeoreferenced() ? "unknown" : "none (pixel coordinates)"));
        }
        Envelope e = info.extent();
        String unit = !g.isGeoreferenced() ? "pixels" : g.crs() == null ? "map units"
                : g.crs().isGeographic() ? "degrees" : "CRS units";
        lines.add(line("Extent", InfoFormat.extent(e, unit)));
        PixelToMap t = g.transform();
        lines.add(line("Pixel size", number(Math.hypot(t.pixelWidth(), t.rotY())) + " x "
                + number(Math.hypot(t.rotX(), t.pixelHeight())) + " " + unit + (t.isNorthUp() ? "" : ", rotated")));
        Optional<Georeferencing.PixelSize> ground = info.groundPixelSize();
        lines.add(line("Resolution", ground.map(p -> String.format(Locale.ROOT, "%.3f x %.3f m%s", p.x(), p.y(),
                g.crs() != null && g.crs().isGeographic() ? " (geodesic, at the image centre)" : ""))
                .orElse(g.isGeoreferenced() ? "unknown (no usable CRS)" : "unknown (not georeferenced)")));
        lines.add(line("Georeferencing", g.source().label()
                + (georefFile == null ? "" : ": " + georefFile.getFileName())));
        damage().ifPresent(d -> lines.add(line("Damaged", d)));
        for (String w : warnings) {
            lines.add(line("Warning", w));
        }
        return lines;
    }

    private static String line(String key, String value) {
        return InfoFormat.line(key, value);
    }

    private static String number(double v) {
        return InfoFormat.number(v);
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
            return Optional.of("cannot read: " + message(e));
        }
    }

    @Override
    public String toString() {
        return "GeoImage[" + file + ", " + format + ", " + info.width() + " x " + info.height() + " x " + info.bands()
                + " " + info.type() + ", " + info.georef().source() + "]";
    }

    // --- opening

    /** Refuses georeferencing that puts the image off the earth in its CRS (see {@link EarthExtentCheck}). */
    private static void requireOnEarth(Path file, RasterInfo info, Path georefFile) throws RooflineInputException {
        if (!info.georef().isGeoreferenced()) {
            return;
        }
        Optional<String> problem = EarthExtentCheck.problem(info.georef().crs(), info.extent());
        if (problem.isPresent()) {
            throw new RooflineInputException(file, problem.get()
                    + (georefFile == null ? "" : " (georeferencing from " + georefFile.getFileName() + ")"));
        }
    }

    private static byte[] head(Path file) throws RooflineInputException {
        if (!Files.exists(file)) {
            throw new RooflineInputException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new RooflineInputException(file, "is a directory, not an image file");
        }
        if (!Files.isReadable(file)) {
            throw new RooflineInputException(file, "permission denied");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(16);
            if (head.length == 0) {
                throw new RooflineInputException(file, "empty file (0 bytes), not an image");
            }
            return head;
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + message(e), e);
        }
    }

    private static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static GeoImage openTiff(Path file, boolean bigTiff) throws RooflineInputException {
        List<String> warnings = new ArrayList<>();
        GeoTiffStore store = null;
        try {
            store = (GeoTiffStore) new GeoTiffStoreProvider().open(new StorageConnector(file));
            store.addListener(WarningEvent.class, e -> warnings.add(warning(e.getDescription())));
            TreeTable metadata = store.getNativeMetadata().orElse(null);
            if (metadata == null) {
                throw new RooflineInputException(file, "cannot read the TIFF directory");
            }
            TiffTags tags = new TiffTags(metadata);
            long width = tags.longValue(TiffTags.IMAGE_WIDTH);
            long height = tags.longValue(TiffTags.IMAGE_LENGTH);
            int bands = tags.integer(TiffTags.SAMPLES_PER_PIXEL).orElse(1);
            int bits = tags.integer(TiffTags.BITS_PER_SAMPLE).orElse(1);
            checkSize(file, width, height, bands);
            SampleType type = SampleType.fromTiff(bits, tags.integer(TiffTags.SAMPLE_FORMAT).orElse(1))
                    .orElseThrow(() -> new RooflineInputException(file, "unsupported sample type: " + bits
                            + " bits, TIFF SampleFormat " + tags.integer(TiffTags.SAMPLE_FORMAT).orElse(1)));
            boolean tiled = tags.has(TiffTags.TILE_WIDTH) && tags.has(TiffTags.TILE_LENGTH);
            boolean planar = tags.integer(TiffTags.PLANAR_CONFIGURATION).orElse(1) == 2;
            long blockW = tiled ? tags.longValue(TiffTags.TILE_WIDTH) : width;
            long blockH = tiled ? tags.longValue(TiffTags.TILE_LENGTH)
                    : Math.min(height, tags.has(TiffTags.ROWS_PER_STRIP) ? tags.longValue(TiffTags.ROWS_PER_STRIP) : height);
            if (blockW < 1 || blockH < 1) {
                throw new RooflineInputException(file, "corrupt TIFF header: " + (tiled ? "tile" : "strip") + " size "
                        + blockW + " x " + blockH);
            }
            long blockBytes = blockW * blockH * (planar ? 1 : bands) * Math.max(1, (bits + 7) / 8);
            if (blockBytes > MAX_BLOCK_BYTES || blockBytes < 0) {
                throw new RooflineInputException(file, "one " + (tiled ? "tile" : "strip") + " of " + blockW + " x "
                        + blockH + " pixels would decode to " + (blockBytes >> 20) + " MB (limit "
                        + (MAX_BLOCK_BYTES >> 20) + " MB): a corrupt header or a decompression bomb; if the image is "
                        + "genuine, re-tile it: gdal_translate -co TILED=YES IN.tif OUT.tif");
            }
            String compression = Optional.ofNullable(tags.text(TiffTags.COMPRESSION)).orElse("NONE");
            String predictor = Optional.ofNullable(tags.text(TiffTags.PREDICTOR)).orElse("NONE");
            int photometric = tags.integer(TiffTags.PHOTOMETRIC).orElse(-1);
            String layout = compressionName(compression)
                    + ("NONE".equals(predictor) ? "" : " (predictor " + predictor.toLowerCase(Locale.ROOT) + ")")
                    + (tiled ? ", tiled " + blockW + " x " + blockH : ", strips of " + blockH + " rows")
                    + (planar && bands > 1 ? ", band-interleaved" : "")
                    + (photometric == PHOTOMETRIC_YCBCR ? ", YCbCr" : "");

            GridCoverageResource resource = store.components().get(0);
            GridGeometry grid = resource.getGridGeometry();

            // georeferencing: GeoTIFF keys, then PAM, then world file
            PixelToMap transform = keysTransform(grid);
            Crs crs = keysCrs(file, tags, grid, warnings);
            Georeferencing.Source source = transform != null ? Georeferencing.Source.GEOTIFF_KEYS : null;
            OptionalDouble nodata = OptionalDouble.empty();
            String nd = tags.text(TiffTags.GDAL_NODATA);
            if (nd != null) {
                try {
                    nodata = OptionalDouble.of(PamSidecar.parseGdalDouble(nd.replace("\0", "")));
                } catch (NumberFormatException e) {
                    warnings.add("GDAL_NODATA tag is not a number: \"" + PamSidecar.abbreviate(nd) + "\"; ignored");
                }
            }
            Sidecars side = sidecars(file, transform, crs, source, nodata);
            boolean geotiff = tags.hasGeoKeys() || transform != null;
            String format = (bigTiff ? "BigTIFF " : "") + (geotiff ? "GeoTIFF" : "TIFF");
            if (bigTiff && !geotiff) {
                format = "BigTIFF";
            }
            RasterInfo info = new RasterInfo((int) width, (int) height, bands, type, side.nodata, side.georef);
            requireOnEarth(file, info, side.file);

            PixelSource pixels = null;
            String problem = null;
            if (SIS_COMPRESSIONS.contains(compression) && SIS_PREDICTORS.contains(predictor)
                    && photometric != PHOTOMETRIC_YCBCR) {
                pixels = new SisTiffPixels(file, resource, grid, type, bands, (int) blockH);
            } else if ("FLOAT".equals(predictor)) {
                problem = "the TIFF floating-point predictor (Predictor=3) is not supported; re-encode it, e.g. "
                        + "gdal_translate -co COMPRESS=DEFLATE -co PREDICTOR=1 IN.tif OUT.tif";
            } else if (bigTiff) { // the JDK's TIFF reader, which would decode the rest, does not read BigTIFF
                problem = "BigTIFF with " + layout + " cannot be read (Apache SIS does not decode this, the JDK does "
                        + "not read BigTIFF); convert it, e.g. gdal_translate -co COMPRESS=DEFLATE -co TILED=YES "
                        + "IN.tif OUT.tif";
            }
            GeoImage image = new GeoImage(file, format, layout, info, side.file, warnings, store, pixels, problem);
            store = null;
            return image;
        } catch (DataStoreException | RuntimeException e) {
            throw new RooflineInputException(file, "cannot read the TIFF header, truncated or corrupt: " + message(e), e);
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (DataStoreException e) {
                    // reporting the first problem
                }
            }
        }
    }

    /** SIS names the compressions it knows, and gives the code of others. */
    private static String compressionName(String sis) {
        return switch (sis) {
            case "34887" -> "LERC";
            case "34925" -> "LZMA";
            case "50000" -> "ZSTD";
            case "50001" -> "WEBP";
            case "50002" -> "JPEG-XL";
            default -> sis.matches("\\d+") ? "compression " + sis : sis;
        };
    }

    private static PixelToMap keysTransform(GridGeometry grid) {
        if (!grid.isDefined(GridGeometry.GRID_TO_CRS)) {
            return null;
        }
        Matrix m = MathTransforms.getMatrix(grid.getGridToCRS(PixelInCell.CELL_CORNER));
        if (m == null || m.getNumRow() < 3 || m.getNumCol() < 3) {
            return null; // not affine (ground control points): not supported
        }
        int last = m.getNumCol() - 1;
        try {
            return new PixelToMap(m.getElement(0, last), m.getElement(0, 0), m.getElement(0, 1),
                    m.getElement(1, last), m.getElement(1, 0), m.getElement(1, 1));
        } catch (IllegalArgumentException e) {
            return null; // degenerate
        }
    }

    /** The CRS of the GeoKeys: by EPSG code when the keys give one, else as SIS understood the keys; or null. */
    private static Crs keysCrs(Path file, TiffTags tags, GridGeometry grid, List<String> warnings) {
        OptionalInt code = epsgCode(tags);
        CoordinateReferenceSystem sis = grid.isDefined(GridGeometry.CRS) ? grid.getCoordinateReferenceSystem() : null;
        if (code.isPresent()) {
            try {
                return Crs.epsg(code.getAsInt());
            } catch (RuntimeException e) {
                if (sis == null) {
                    warnings.add("the GeoTIFF keys give EPSG:" + code.getAsInt() + ", a CRS not known offline; "
                            + "the image has no CRS");
                    return null;
                }
            }
        }
        if (sis != null) {
            String wkt = SisReferencing.toWkt1(sis);
            if (wkt != null) {
                try {
                    return Crs.fromWkt(wkt);
                } catch (RuntimeException e) {
                    warnings.add("cannot use the CRS of the GeoTIFF keys (" + message(e) + "); the image has no CRS");
                }
            }
        }
        return null;
    }

    private static OptionalInt epsgCode(TiffTags tags) {
        for (int key : new int[] {TiffTags.PROJECTED_CS_TYPE, TiffTags.GEOGRAPHIC_TYPE}) {
            OptionalInt c = tags.geoKeyInteger(key);
            if (c.isPresent() && c.getAsInt() > 0 && c.getAsInt() < 32767) {
                return c;
            }
        }
        return OptionalInt.empty();
    }

    private record Sidecars(Georeferencing georef, OptionalDouble nodata, Path file) {
    }

    /** Completes the georeferencing (and no-data) found so far with the PAM sidecar, then a world file. */
    private static Sidecars sidecars(Path file, PixelToMap transform, Crs crs, Georeferencing.Source source,
                                     OptionalDouble nodata) throws RooflineInputException {
        Path from = null;
        Optional<PamSidecar> pam = PamSidecar.read(file);
        if (pam.isPresent()) {
            PamSidecar p = pam.get();
            if (transform == null && p.geoTransform() != null) {
                transform = p.geoTransform();
                source = Georeferencing.Source.PAM_SIDECAR;
                from = p.file();
            }
            if (crs == null) {
                crs = p.crs();
            }
            if (nodata.isEmpty()) {
                nodata = p.nodata();
            }
        }
        if (transform == null) {
            Optional<WorldFile> world = WorldFile.read(file);
            if (world.isPresent()) {
                transform = world.get().transform();
                source = Georeferencing.Source.WORLD_FILE;
                from = world.get().file();
                if (crs == null) {
                    crs = world.get().crs();
                }
            }
        }
        Georeferencing georef = transform == null ? Georeferencing.none() : new Georeferencing(transform, crs, source);
        return new Sidecars(georef, nodata, from);
    }

    private static GeoImage openImageIo(Path file) throws RooflineInputException {
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
                if (message(e).contains("<= 0")) { // the JDK's PNG reader on a 0 x 0 header
                    throw new RooflineInputException(file, "image is empty (the " + format + " header gives no pixels: "
                            + message(e) + ")", e);
                }
                throw new RooflineInputException(file, "cannot read the " + format + " header, truncated or corrupt: "
                        + message(e), e);
            }
            if (width <= 0 || height <= 0) {
                throw new RooflineInputException(file, "image is empty (" + width + " x " + height + " pixels)");
            }
            checkSize(file, width, height, 1);
            try {
                sm = ImageIoPixels.rawSampleModel(reader);
            } catch (IOException | RuntimeException e) {
                throw new RooflineInputException(file, "cannot read the " + format + " header, truncated or corrupt: "
                        + message(e), e);
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
            Sidecars side = sidecars(file, null, null, null, nodata);
            RasterInfo info = new RasterInfo(width, height, bands, type, side.nodata, side.georef);
            requireOnEarth(file, info, side.file);
            GeoImage image = new GeoImage(file, format, null, info, side.file, warnings, null,
                    new ImageIoPixels(file, in, reader, type, bands), null);
            in = null;
            reader = null;
            return image;
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + message(e), e);
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
            warnings.add("cannot read the PNG metadata (" + message(e) + "); no no-data value");
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
        return OptionalDouble.empty();
    }

    private static void checkSize(Path file, long width, long height, int bands) throws RooflineInputException {
        if (width <= 0 || height <= 0) {
            throw new RooflineInputException(file, "image is empty or its header corrupt (" + width + " x " + height
                    + " pixels)");
        }
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || width * height > MAX_PIXELS) {
            throw new RooflineInputException(file, "the header declares " + width + " x " + height + " pixels, more "
                    + "than the " + MAX_PIXELS + " (2^36) this reader accepts: a corrupt header or a decompression "
                    + "bomb");
        }
        if (bands < 1 || bands > 65535) {
            throw new RooflineInputException(file, "corrupt header: " + bands + " bands");
        }
    }

    // --- messages

    private static String warning(LogRecord record) {
        return RooflineInputException.oneLine(new SimpleFormatter().formatMessage(record));
    }

    /** "(x, y) w x h" */
    static String describe(Rectangle r) {
        return "(" + r.x + ", " + r.y + ") " + r.width + " x " + r.height;
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** The messages of an exception and its causes, without repeats, on one line. */
    static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 4; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String m = t.getLocalizedMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            // "java.io.EOFException: ..." (a wrapper's default message) -> "..."; no full stop before the next part
            m = RooflineInputException.oneLine(m).replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*: ", "")
                    .replaceFirst("[.\\s]+$", "");
            if (m.isEmpty() || sb.indexOf(m) >= 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m);
        }
        return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
    }
}
