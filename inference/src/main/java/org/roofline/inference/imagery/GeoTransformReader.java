package org.roofline.inference.imagery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the georeferencing of a GeoTIFF through the JDK's TIFF metadata API, the way GDAL does for an affine
 * (non-GCP) image.
 *
 * <p>From ModelTransformation (tag 34264) if present, otherwise from ModelTiepoint (33922) and ModelPixelScale
 * (33550). When the GeoKey GTRasterTypeGeoKey says PixelIsPoint, the origin is moved by half a pixel up and left, as
 * GDAL does by default, so that the result always refers to pixel corners.
 *
 * <p>{@link Optional#empty()} when the image is not a TIFF, or has none of these tags, or only ground control points
 * (several tie points without a pixel scale), which are not an affine transform.
 */
public final class GeoTransformReader {

    static final int MODEL_PIXEL_SCALE = 33550;
    static final int MODEL_TIEPOINT = 33922;
    static final int MODEL_TRANSFORMATION = 34264;
    static final int GEO_KEY_DIRECTORY = 34735;
    static final int GT_RASTER_TYPE_GEO_KEY = 1025;
    static final int RASTER_PIXEL_IS_POINT = 2;

    private GeoTransformReader() {
    }

    /**
     * @return the pixel-to-map transform of the file's first image, or empty when it carries none
     * @throws RooflineInputException if the file cannot be read or its header is corrupt
     */
    public static Optional<PixelToMap> read(Path file) throws RooflineInputException {
        if (!Files.isRegularFile(file)) {
            throw new RooflineInputException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new RooflineInputException(file, "cannot open for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RooflineInputException(file, "not an image (no PNG, TIFF or other known image signature)");
            }
            ImageReader reader = readers.next();
            try {
                if (!reader.getFormatName().toLowerCase(Locale.ROOT).startsWith("tif")) {
                    return Optional.empty();
                }
                reader.setInput(in, true, false);
                IIOMetadata metadata = reader.getImageMetadata(0);
                return metadata == null ? Optional.empty() : fromDirectory(TIFFDirectory.createFromMetadata(metadata));
            } finally {
                reader.dispose();
            }
        } catch (IIOInvalidTreeException e) {
            throw new RooflineInputException(file, "unreadable TIFF metadata: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RooflineInputException(file, "cannot read the TIFF header, truncated or corrupt: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    static Optional<PixelToMap> fromDirectory(TIFFDirectory dir) {
        double[] gt = null;
        TIFFField transformation = dir.getTIFFField(MODEL_TRANSFORMATION);
        TIFFField tiepoint = dir.getTIFFField(MODEL_TIEPOINT);
        TIFFField scale = dir.getTIFFField(MODEL_PIXEL_SCALE);
        if (transformation != null && transformation.getCount() >= 16) {
            double[] m = doubles(transformation);
            gt = new double[] {m[3], m[0], m[1], m[7], m[4], m[5]};
        } else if (tiepoint != null && scale != null && tiepoint.getCount() >= 6 && scale.getCount() >= 2) {
            double[] t = doubles(tiepoint);
            double[] s = doubles(scale);
            gt = new double[] {t[3] - t[0] * s[0], s[0], 0, t[4] + t[1] * s[1], 0, -s[1]};
        }
        if (gt == null) {
            return Optional.empty();
        }
        if (rasterType(dir) == RASTER_PIXEL_IS_POINT) {
            gt[0] -= gt[1] * 0.5 + gt[2] * 0.5;
            gt[3] -= gt[4] * 0.5 + gt[5] * 0.5;
        }
        try {
            return Optional.of(PixelToMap.fromGdal(gt));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // degenerate (zero scale): no usable georeferencing
        }
    }

    private static double[] doubles(TIFFField f) {
        double[] v = new double[f.getCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.getAsDouble(i);
        }
        return v;
    }

    /** @return GTRasterTypeGeoKey, or 0 when absent */
    private static int rasterType(TIFFDirectory dir) {
        TIFFField keys = dir.getTIFFField(GEO_KEY_DIRECTORY);
        if (keys == null || keys.getCount() < 4) {
            return 0;
        }
        int n = keys.getAsInt(3);
        for (int k = 0; k < n && 4 + 4 * k + 3 < keys.getCount(); k++) {
            int base = 4 + 4 * k;
            if (keys.getAsInt(base) == GT_RASTER_TYPE_GEO_KEY && keys.getAsInt(base + 1) == 0) {
                return keys.getAsInt(base + 3);
            }
        }
        return 0;
    }
}
