package org.roofline.inference.imagery;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The pixel-to-map transform of an image file, and nothing else: a shortcut for
 * {@code GeoImage.open(file).info().georef()} when the transform is all a caller needs.
 *
 * <p>The transform comes from the GeoTIFF tags, else the GDAL PAM sidecar, else a world file, as described in
 * {@link GeoImage}; it always refers to pixel corners (GeoTIFF PixelIsPoint images are shifted by half a pixel, as GDAL
 * does). {@link Optional#empty()} when the image has none of these (or only ground control points, which are not an
 * affine transform).
 */
public final class GeoTransformReader {

    private GeoTransformReader() {
    }

    /**
     * @return the pixel-to-map transform of the file's first image, or empty when it carries none
     * @throws RooflineInputException if the file (or a sidecar) cannot be read or is corrupt
     */
    public static Optional<PixelToMap> read(Path file) throws RooflineInputException {
        try (GeoImage image = GeoImage.open(file)) {
            Georeferencing g = image.georef();
            return g.isGeoreferenced() ? Optional.of(g.transform()) : Optional.empty();
        }
    }
}
