package org.roofline.app.editor.map;

import java.awt.image.Raster;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import org.roofline.inference.imagery.RasterWindow;
import org.roofline.inference.imagery.SampleType;

/** Converts a {@link RasterWindow} to a JavaFX image: bands 1-3 as RGB (one band as grey), 8-bit as is, others stretched. */
public final class RasterImages {

    private RasterImages() {
    }

    /** Safe to call off the FX thread (a WritableImage not yet shown may be filled from any thread). */
    public static WritableImage toImage(RasterWindow w) {
        int width = w.width();
        int height = w.height();
        Raster r = w.raster();
        int bands = Math.min(3, w.bands());
        double[] min = new double[bands];
        double[] scale = new double[bands];
        for (int b = 0; b < bands; b++) {
            if (w.type() == SampleType.BYTE) {
                min[b] = 0;
                scale[b] = 1;
            } else {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v : w.samplesDouble(b, null)) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                min[b] = Double.isFinite(lo) ? lo : 0;
                scale[b] = hi > lo ? 255.0 / (hi - lo) : 1;
            }
        }
        int[] argb = new int[width * height];
        double[] row = new double[width];
        int[] rgb = new int[3];
        for (int j = 0; j < height; j++) {
            for (int b = 0; b < 3; b++) {
                int band = bands == 1 ? 0 : Math.min(b, bands - 1);
                r.getSamples(0, j, width, 1, band, row);
                for (int i = 0; i < width; i++) {
                    double v = (row[i] - min[band]) * scale[band];
                    int c = Double.isFinite(v) ? (int) Math.max(0, Math.min(255, Math.round(v))) : 0;
                    argb[j * width + i] |= c << (16 - 8 * b);
                }
            }
        }
        for (int k = 0; k < argb.length; k++) {
            argb[k] |= 0xFF000000;
        }
        WritableImage img = new WritableImage(width, height);
        PixelWriter pw = img.getPixelWriter();
        pw.setPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, width);
        return img;
    }
}
