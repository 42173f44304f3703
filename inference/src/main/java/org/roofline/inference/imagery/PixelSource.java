package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** A decoder of an open image's pixels: one per {@link GeoImage}, used under its lock. */
interface PixelSource extends AutoCloseable {

    /**
     * Reads a window, subsampled.
     *
     * @param window      inside the image (checked by the caller)
     * @param subsampling at least 1
     * @return a raster with origin (0, 0), {@code ceil(window.width / s) x ceil(window.height / s)}, all bands
     */
    Raster read(Rectangle window, int subsampling) throws RooflineInputException;

    @Override
    void close();

    /** @return a new pixel-interleaved raster of that type, origin (0, 0) */
    static WritableRaster newRaster(SampleType type, int width, int height, int bands) {
        int[] offsets = new int[bands];
        for (int b = 0; b < bands; b++) {
            offsets[b] = b;
        }
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(type.dataBufferType(), width, height, bands,
                Math.multiplyExact(width, bands), offsets);
        return Raster.createWritableRaster(sm, null);
    }

    /**
     * Copies every {@code step}-th pixel of rows of {@code src} into rows of {@code dst}.
     *
     * @param src      the source, any origin
     * @param srcRow   the first source row, in src's coordinates
     * @param srcX     the first source column, in src's coordinates
     * @param rows     how many rows to copy (source rows srcRow, srcRow + step, ...)
     * @param dst      the destination, origin (0, 0)
     * @param dstRow   the first destination row
     * @param step     the subsampling
     */
    static void copySubsampled(Raster src, int srcX, int srcRow, int rows, WritableRaster dst, int dstRow, int step,
                               SampleType type) {
        int ow = dst.getWidth();
        int bands = dst.getNumBands();
        int span = (ow - 1) * step + 1;
        Object in = type.isInteger() ? new int[span * bands] : new double[span * bands];
        Object out = step == 1 ? in : type.isInteger() ? new int[ow * bands] : new double[ow * bands];
        for (int r = 0; r < rows; r++) {
            getRow(src, srcX, srcRow + r * step, span, in);
            if (step != 1) {
                for (int i = 0, si = 0; i < ow; i++, si += step * bands) {
                    System.arraycopy(in, si, out, i * bands, bands);
                }
            }
            setRow(dst, dstRow + r, ow, out);
        }
    }

    private static void getRow(Raster src, int x, int y, int width, Object samples) {
        if (samples instanceof int[] ints) {
            src.getPixels(x, y, width, 1, ints);
        } else {
            src.getPixels(x, y, width, 1, (double[]) samples);
        }
    }

    private static void setRow(WritableRaster dst, int y, int width, Object samples) {
        if (samples instanceof int[] ints) {
            dst.setPixels(0, y, width, 1, ints);
        } else {
            dst.setPixels(0, y, width, 1, (double[]) samples);
        }
    }
}
