package org.roofline.inference.imagery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.StorageConnector;
import org.apache.sis.storage.event.WarningEvent;
import org.apache.sis.storage.geotiff.GeoTiffStore;
import org.apache.sis.storage.geotiff.GeoTiffStoreProvider;
import org.apache.sis.util.collection.TreeTable;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.Matrix;
import org.roofline.geometry.crs.Crs;

/**
 * Opens a TIFF, GeoTIFF or BigTIFF (see {@link GeoImage} for what is supported): reads its directory and GeoKeys with
 * Apache SIS, refuses sizes and blocks beyond the limits, completes the georeferencing with the sidecars, and picks
 * the decoder of its pixels: Apache SIS ({@link SisTiffPixels}) for the compressions it decodes, the JDK's TIFF reader
 * ({@link JdkTiffPixels}) for JPEG, YCbCr and CCITT fax, none ({@link UndecodablePixels}, saying why and how to
 * convert) for the rest.
 */
final class TiffImageOpener {

    /** Compressions SIS 1.6 decodes (names as SIS reports them). */
    private static final Set<String> SIS_COMPRESSIONS = Set.of("NONE", "LZW", "DEFLATE", "PACKBITS", "CCITTRLE");
    private static final Set<String> SIS_PREDICTORS = Set.of("NONE", "HORIZONTAL_DIFFERENCING");
    private static final int PHOTOMETRIC_YCBCR = 6;

    private TiffImageOpener() {
    }

    /**
     * Opens a file whose signature is a TIFF's, reading no pixels.
     *
     * @param bigTiff whether the signature is BigTIFF's
     * @throws RooflineInputException as {@link GeoImage#open} says
     */
    static GeoImage open(Path file, boolean bigTiff) throws RooflineInputException {
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
            OpenChecks.size(file, width, height, bands);
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
            if (blockBytes > GeoImage.MAX_BLOCK_BYTES || blockBytes < 0) {
                throw new RooflineInputException(file, "one " + (tiled ? "tile" : "strip") + " of " + blockW + " x "
                        + blockH + " pixels would decode to " + (blockBytes >> 20) + " MB (limit "
                        + (GeoImage.MAX_BLOCK_BYTES >> 20) + " MB): a corrupt header or a decompression bomb; if the image is "
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
            Sidecars side = Sidecars.complete(file, transform, crs, source, nodata);
            boolean geotiff = tags.hasGeoKeys() || transform != null;
            String format = (bigTiff ? "BigTIFF " : "") + (geotiff ? "GeoTIFF" : "TIFF");
            if (bigTiff && !geotiff) {
                format = "BigTIFF";
            }
            RasterInfo info = new RasterInfo((int) width, (int) height, bands, type, side.nodata(), side.georef());
            OpenChecks.onEarth(file, info, side.file());

            PixelSource pixels;
            if (SIS_COMPRESSIONS.contains(compression) && SIS_PREDICTORS.contains(predictor)
                    && photometric != PHOTOMETRIC_YCBCR) {
                pixels = new SisTiffPixels(file, resource, grid, type, bands, (int) blockH);
            } else if ("FLOAT".equals(predictor)) {
                pixels = new UndecodablePixels(file, "the TIFF floating-point predictor (Predictor=3) is not "
                        + "supported; re-encode it, e.g. gdal_translate -co COMPRESS=DEFLATE -co PREDICTOR=1 IN.tif "
                        + "OUT.tif");
            } else if (bigTiff) { // the JDK's TIFF reader, which would decode the rest, does not read BigTIFF
                pixels = new UndecodablePixels(file, "BigTIFF with " + layout + " cannot be read (Apache SIS does not "
                        + "decode this, the JDK does not read BigTIFF); convert it, e.g. gdal_translate -co "
                        + "COMPRESS=DEFLATE -co TILED=YES IN.tif OUT.tif");
            } else {
                pixels = new JdkTiffPixels(file, info, layout);
            }
            GeoImage image = new GeoImage(file, format, layout, info, side.file(), warnings, store, pixels);
            store = null;
            return image;
        } catch (DataStoreException | RuntimeException e) {
            throw new RooflineInputException(file, "cannot read the TIFF header, truncated or corrupt: "
                    + ImageMessages.of(e), e);
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
                    warnings.add("cannot use the CRS of the GeoTIFF keys (" + ImageMessages.of(e) + "); the image has no CRS");
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

    private static String warning(LogRecord record) {
        return RooflineInputException.oneLine(new SimpleFormatter().formatMessage(record));
    }
}
