package org.roofline.geometry.instance;

import java.util.Objects;
import org.roofline.geometry.mask.Mask;

/**
 * The exact Euclidean distance transform of a mask: for each foreground pixel, the distance from its centre to the
 * centre of the nearest background pixel (so a pixel on a component's edge has distance 1), 0 for background.
 * Pixels outside the raster count as background, so a component cut by the raster's border thins towards it.
 *
 * <p>Felzenszwalb and Huttenlocher's algorithm (<i>Distance Transforms of Sampled Functions</i>, Theory of Computing
 * 8, 2012): the lower envelope of parabolas, one pass over the columns and one over the rows, exact, in
 * {@code O(width * height)} time. Squared distances are kept as doubles, exact for any raster that fits an array.
 * Instances are immutable and thread-safe.
 */
public final class DistanceTransform {

    private DistanceTransform() {
    }

    /**
     * @return row-major distances, {@code width * height} values
     */
    public static float[] euclidean(Mask mask) {
        Objects.requireNonNull(mask, "mask");
        return euclidean(PackedPixels.of(mask));
    }

    /** As {@link #euclidean(Mask)}, on pixels already packed (this package's working form). */
    static float[] euclidean(PackedPixels pixels) {
        int width = pixels.width;
        int height = pixels.height;
        // pad by one background pixel on every side: the outside counts as background
        int pw = width + 2;
        int ph = height + 2;
        double inf = (double) pw * pw + (double) ph * ph;
        double[] sq = new double[pw * ph];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (pixels.get(y * width + x)) {
                    sq[(y + 1) * pw + x + 1] = inf;
                }
            }
        }
        int longest = Math.max(pw, ph);
        double[] f = new double[longest];
        double[] d = new double[longest];
        int[] v = new int[longest];
        double[] z = new double[longest + 1];
        for (int x = 0; x < pw; x++) {
            for (int y = 0; y < ph; y++) {
                f[y] = sq[y * pw + x];
            }
            transform1d(f, ph, d, v, z);
            for (int y = 0; y < ph; y++) {
                sq[y * pw + x] = d[y];
            }
        }
        float[] out = new float[width * height];
        for (int y = 1; y <= height; y++) {
            System.arraycopy(sq, y * pw, f, 0, pw);
            transform1d(f, pw, d, v, z);
            for (int x = 1; x <= width; x++) {
                out[(y - 1) * width + x - 1] = (float) Math.sqrt(d[x]);
            }
        }
        return out;
    }

    /** The 1-D squared distance transform of the sampled function {@code f[0..n)} into {@code d}. */
    private static void transform1d(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
