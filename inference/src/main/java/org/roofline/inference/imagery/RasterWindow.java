package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * The samples of a window of an image, read by {@link GeoImage#read}, possibly subsampled.
 *
 * <p>Pixel (i, j) of the window, 0 &le; i &lt; {@link #width()}, 0 &le; j &lt; {@link #height()}, is pixel
 * (window.x + i * subsampling, window.y + j * subsampling) of the image (nearest neighbour: no averaging), so
 * {@code width = ceil(window.width / subsampling)} and likewise for the height. The {@link #raster} has its origin at
 * (0, 0) and holds the raw samples as stored in the file (no scaling, no no-data masking; palette images give palette
 * indices, JPEG gives RGB). Its sample layout (interleaved or banded) is whatever the decoder produced; use the
 * {@link Raster} accessors, or {@link #samples(int, int[])} for one band row-major.
 *
 * <p>The raster is not copied: do not modify it if the window is shared.
 *
 * @param window      the image pixels covered, in image pixel coordinates
 * @param subsampling the step between pixels read, in both directions, at least 1
 * @param type        the type of the samples
 * @param raster      the samples, origin (0, 0)
 * @param georef      the georeferencing of the window's own pixel grid (see {@link Georeferencing#forWindow})
 */
public record RasterWindow(Rectangle window, int subsampling, SampleType type, Raster raster, Georeferencing georef) {

    public RasterWindow {
        window = new Rectangle(Objects.requireNonNull(window, "window"));
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raster, "raster");
        Objects.requireNonNull(georef, "georef");
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, was " + subsampling);
        }
        if (raster.getMinX() != 0 || raster.getMinY() != 0) {
            throw new IllegalArgumentException("raster origin must be (0, 0)");
        }
        if (raster.getWidth() != ceilDiv(window.width, subsampling)
                || raster.getHeight() != ceilDiv(window.height, subsampling)) {
            throw new IllegalArgumentException("raster is " + raster.getWidth() + " x " + raster.getHeight()
                    + ", expected " + ceilDiv(window.width, subsampling) + " x " + ceilDiv(window.height, subsampling));
        }
    }

    @Override
    public Rectangle window() {
        return new Rectangle(window);
    }

    /** @return pixels per row of the window */
    public int width() {
        return raster.getWidth();
    }

    /** @return rows of the window */
    public int height() {
        return raster.getHeight();
    }

    /** @return samples per pixel */
    public int bands() {
        return raster.getNumBands();
    }

    /** @return sample (i, j, band) as an int (floating-point samples are truncated) */
    public int sample(int i, int j, int band) {
        return raster.getSample(i, j, band);
    }

    /** @return sample (i, j, band) as a double (exact for every type) */
    public double sampleDouble(int i, int j, int band) {
        return raster.getSampleDouble(i, j, band);
    }

    /**
     * Copies one band, row-major.
     *
     * @param dst where to copy, or null to allocate; at least width x height long
     * @return dst, or the new array
     */
    public int[] samples(int band, int[] dst) {
        return raster.getSamples(0, 0, width(), height(), band, dst);
    }

    /** Copies one band, row-major, as doubles; see {@link #samples(int, int[])}. */
    public double[] samplesDouble(int band, double[] dst) {
        return raster.getSamples(0, 0, width(), height(), band, dst);
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
