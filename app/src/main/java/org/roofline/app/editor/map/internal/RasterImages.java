package org.roofline.app.editor.map.internal;

import java.awt.image.Raster;
import java.util.Objects;
import java.util.OptionalDouble;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import org.roofline.inference.imagery.RasterWindow;
import org.roofline.inference.imagery.SampleType;

/**
 * Converts a {@link RasterWindow} to a JavaFX image: bands 1-3 as RGB (one band as grey), 8-bit as is, others
 * stretched linearly between percentiles of their histogram (a cumulative count cut of 2-98 %, QGIS's default for
 * such imagery: a few very bright pixels no longer make the whole image dark). Tiles of one image use one
 * {@link Stretch} (taken from its overview) so that neighbouring tiles match.
 */
public final class RasterImages {

    private RasterImages() {
    }

    /**
     * A linear stretch of up to three bands to 0..255: {@code out = (v - min[b]) * scale[b]}.
     *
     * @param min   per displayed band (1 or 3 values)
     * @param scale per displayed band
     */
    public record Stretch(double[] min, double[] scale) {
        public Stretch {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(scale, "scale");
            if (min.length != scale.length || min.length < 1 || min.length > 3) {
                throw new IllegalArgumentException("a stretch has 1 to 3 bands, min and scale alike");
            }
            min = min.clone();
            scale = scale.clone();
        }

        @Override
        public double[] min() {
            return min.clone();
        }

        @Override
        public double[] scale() {
            return scale.clone();
        }

        /** The default cut: 2 % of the pixels go black, 2 % white. */
        public static final double LOW_PERCENT = 2;
        public static final double HIGH_PERCENT = 98;

        /** The default stretch of a window without a no-data value: see {@link #of(RasterWindow, OptionalDouble)}. */
        public static Stretch of(RasterWindow w) {
            return of(w, OptionalDouble.empty());
        }

        /**
         * The default stretch of a window: identity for 8-bit samples, else each band's cumulative count cut
         * {@value #LOW_PERCENT}-{@value #HIGH_PERCENT} % (see {@link #cumulativeCut}).
         */
        public static Stretch of(RasterWindow w, OptionalDouble nodata) {
            if (w.type() == SampleType.BYTE) {
                return identity(Math.min(3, w.bands()));
            }
            return cumulativeCut(w, nodata, LOW_PERCENT, HIGH_PERCENT);
        }

        private static Stretch identity(int bands) {
            double[] scale = new double[Math.max(1, bands)];
            java.util.Arrays.fill(scale, 1);
            return new Stretch(new double[scale.length], scale);
        }

        /**
         * Each band (up to three) stretched from the value {@code lowPercent} % of its pixels are below to the one
         * {@code highPercent} % are below, no-data and non-finite samples left out; a band whose cut is empty (all
         * one value) falls back to its minimum and maximum.
         */
        public static Stretch cumulativeCut(RasterWindow w, OptionalDouble nodata, double lowPercent,
                                            double highPercent) {
            if (!(0 <= lowPercent && lowPercent < highPercent && highPercent <= 100)) {
                throw new IllegalArgumentException("need 0 <= low < high <= 100 %, was " + lowPercent + ".."
                        + highPercent);
            }
            int bands = Math.min(3, w.bands());
            double[] min = new double[bands];
            double[] scale = new double[bands];
            for (int b = 0; b < bands; b++) {
                double[] all = w.samplesDouble(b, null);
                int n = 0;
                for (double v : all) {
                    if (Double.isFinite(v) && (nodata.isEmpty() || v != nodata.getAsDouble())) {
                        all[n++] = v;
                    }
                }
                double[] v = java.util.Arrays.copyOf(all, n);
                java.util.Arrays.sort(v);
                double lo = n == 0 ? 0 : v[(int) Math.min(n - 1, Math.floor(lowPercent / 100 * (n - 1)))];
                double hi = n == 0 ? 0 : v[(int) Math.min(n - 1, Math.ceil(highPercent / 100 * (n - 1)))];
                if (!(hi > lo) && n > 0) {
                    lo = v[0];
                    hi = v[n - 1];
                }
                min[b] = lo;
                scale[b] = hi > lo ? 255.0 / (hi - lo) : 1;
            }
            return new Stretch(min, scale);
        }

        /** Each band's finite minimum to maximum (identity for 8-bit samples). */
        public static Stretch minMax(RasterWindow w) {
            int bands = Math.min(3, w.bands());
            double[] min = new double[bands];
            double[] scale = new double[bands];
            for (int b = 0; b < bands; b++) {
                if (w.type() == SampleType.BYTE) {
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
            return new Stretch(min, scale);
        }
    }

    /** Safe to call off the FX thread (a WritableImage not yet shown may be filled from any thread). */
    public static WritableImage toImage(RasterWindow w) {
        return toImage(w, Stretch.of(w));
    }

    /** The window with a given stretch (bands beyond the stretch's are ignored). Any thread. */
    public static WritableImage toImage(RasterWindow w, Stretch stretch) {
        int width = w.width();
        int height = w.height();
        Raster r = w.raster();
        int bands = Math.min(Math.min(3, w.bands()), stretch.min().length);
        double[] min = stretch.min();
        double[] scale = stretch.scale();
        boolean bytes = w.type() == SampleType.BYTE && bands > 0;
        for (int b = 0; b < bands && bytes; b++) {
            bytes = min[b] == 0 && scale[b] == 1;
        }
        int[] argb = new int[width * height];
        int[] irow = bytes ? new int[width] : null;
        double[] row = bytes ? null : new double[width];
        for (int j = 0; j < height; j++) {
            for (int b = 0; b < 3; b++) {
                int band = bands == 1 ? 0 : Math.min(b, bands - 1);
                int shift = 16 - 8 * b;
                int base = j * width;
                if (bytes) {
                    r.getSamples(0, j, width, 1, band, irow);
                    for (int i = 0; i < width; i++) {
                        argb[base + i] |= (irow[i] & 0xFF) << shift;
                    }
                } else {
                    r.getSamples(0, j, width, 1, band, row);
                    for (int i = 0; i < width; i++) {
                        double v = (row[i] - min[band]) * scale[band];
                        int c = Double.isFinite(v) ? (int) Math.max(0, Math.min(255, Math.round(v))) : 0;
                        argb[base + i] |= c << shift;
                    }
                }
            }
        }
        for (int k = 0; k < argb.length; k++) {
            argb[k] |= 0xFF000000;
        }
        WritableImage img = new WritableImage(width, height);
        PixelWriter pw = img.getPixelWriter();
        pw.setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return img;
    }
}
