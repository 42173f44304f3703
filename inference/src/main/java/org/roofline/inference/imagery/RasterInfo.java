package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.locationtech.jts.geom.Envelope;

/**
 * What an image's header says: its size, bands, sample type, no-data value and georeferencing. Read by
 * {@link GeoImage#open} without decoding pixels; shared by the extraction pipeline and the map view.
 *
 * <p>Immutable and thread-safe.
 *
 * @param width  pixels per row, at least 1
 * @param height rows, at least 1
 * @param bands  samples per pixel, at least 1 (3 for RGB, 4 for RGBA, 1 for grey, masks and palette indices)
 * @param type   the type the samples are read into
 * @param nodata the value marking pixels without data (the same for every band, as GDAL's GeoTIFF and PAM hold it),
 *               if the file declares one
 * @param georef where the pixels lie on the map; {@link Georeferencing#none()} when nothing says so
 */
public record RasterInfo(int width, int height, int bands, SampleType type, OptionalDouble nodata,
                         Georeferencing georef) {

    public RasterInfo {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive: " + width + " x " + height);
        }
        if (bands < 1) {
            throw new IllegalArgumentException("an image has at least one band, not " + bands);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nodata, "nodata");
        Objects.requireNonNull(georef, "georef");
    }

    /** @return width x height */
    public long pixelCount() {
        return (long) width * height;
    }

    /** @return the whole image as a pixel window: (0, 0, width, height) */
    public Rectangle bounds() {
        return new Rectangle(0, 0, width, height);
    }

    /** @return the map extent of the whole image, in map units (pixel units when not georeferenced) */
    public Envelope extent() {
        return georef.extent(width, height);
    }

    /** @return the ground size of the centre pixel in metres; see {@link Georeferencing#groundPixelSize} */
    public Optional<Georeferencing.PixelSize> groundPixelSize() {
        return georef.groundPixelSize(width, height);
    }

    /** @return whether a sample value is this image's no-data value (NaN matches a NaN no-data value) */
    public boolean isNoData(double value) {
        if (nodata.isEmpty()) {
            return false;
        }
        double nd = nodata.getAsDouble();
        return Double.isNaN(nd) ? Double.isNaN(value) : value == nd;
    }
}
