package org.roofline.geometry.synthetic;

import java.util.Objects;
import java.util.SplittableRandom;
import org.roofline.geometry.instance.DistanceTransform;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.Mask;

/**
 * Network-like edge noise on a clean mask: every building edge is displaced by a smooth random amount, so a straight
 * wall comes out wavy and ragged the way a segmentation network's mask does, while the buildings keep their size.
 *
 * <p><b>Model.</b> Let {@code s(x, y)} be the signed distance of a pixel centre to the mask's boundary (positive
 * inside, Euclidean, half a pixel to the edge of a boundary pixel), and {@code n(x, y)} white Gaussian noise smoothed
 * by a Gaussian of standard deviation {@code correlation} pixels and scaled to standard deviation {@code amplitude}
 * pixels. The noisy mask is {@code s + n > 0}: near an edge the boundary moves by {@code n}, i.e. by about
 * {@code amplitude} pixels (standard deviation) with bumps about {@code correlation} pixels long. Far from any edge
 * nothing changes, so the noise neither adds speckle in the background nor holes in large roofs (unless the amplitude
 * is comparable to the building's half-width). A zero amplitude gives back the mask.
 *
 * <p>Deterministic for a seed. Known limits: it does not model a network's systematic errors (rounded corners,
 * shrunken or swollen buildings, merged neighbours); touching buildings of one mask stay one component.
 */
public final class EdgeNoise {

    private final double amplitude;
    private final double correlation;

    /**
     * @param amplitude   standard deviation of the edge displacement in pixels, zero or positive
     * @param correlation standard deviation of the smoothing Gaussian in pixels (the length of a bump), positive
     */
    public EdgeNoise(double amplitude, double correlation) {
        if (!(amplitude >= 0) || Double.isInfinite(amplitude)) {
            throw new IllegalArgumentException("edge noise amplitude must be zero or positive pixels, was " + amplitude);
        }
        if (!(correlation > 0) || correlation > 1000) {
            throw new IllegalArgumentException("edge noise correlation must be within (0, 1000] pixels, was "
                    + correlation);
        }
        this.amplitude = amplitude;
        this.correlation = correlation;
    }

    /** One call: {@code new EdgeNoise(amplitude, correlation).apply(mask, seed)}. */
    public static BitMask apply(Mask mask, double amplitude, double correlation, long seed) {
        return new EdgeNoise(amplitude, correlation).apply(mask, seed);
    }

    /** @return a new mask with the noise applied; the input is not changed */
    public BitMask apply(Mask mask, long seed) {
        Objects.requireNonNull(mask, "mask");
        int w = mask.width();
        int h = mask.height();
        BitMask clean = BitMask.copyOf(mask);
        if (amplitude == 0 || w == 0 || h == 0) {
            return clean;
        }
        // the image's border is not a building edge: the mask is extended by repeating its edge pixels, far enough
        // that the distance transforms do not see the padding's own border where the noise can reach
        int pad = (int) Math.ceil(6 * amplitude) + 2;
        int pw = w + 2 * pad;
        int ph = h + 2 * pad;
        BitMask padded = new BitMask(pw, ph);
        BitMask inverse = new BitMask(pw, ph);
        for (int y = 0; y < ph; y++) {
            int sy = Math.min(h - 1, Math.max(0, y - pad));
            for (int x = 0; x < pw; x++) {
                boolean on = clean.get(Math.min(w - 1, Math.max(0, x - pad)), sy);
                padded.set(x, y, on);
                inverse.set(x, y, !on);
            }
        }
        float[] inside = DistanceTransform.euclidean(padded);
        float[] outside = DistanceTransform.euclidean(inverse);
        float[] noise = smoothNoise(w, h, seed);
        BitMask out = new BitMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y + pad) * pw + x + pad;
                double signed = clean.get(x, y) ? inside[p] - 0.5 : 0.5 - outside[p];
                if (signed + noise[y * w + x] > 0) {
                    out.set(x, y, true);
                }
            }
        }
        return out;
    }

    private float[] smoothNoise(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] field = new double[w * h];
        for (int i = 0; i < field.length; i++) {
            field[i] = gaussian(random);
        }
        int radius = (int) Math.ceil(3 * correlation);
        double[] kernel = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (correlation * correlation));
        }
        double[] rows = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * field[y * w + reflect(x + k, w)];
                }
                rows[y * w + x] = sum;
            }
        }
        double[] smooth = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * rows[reflect(y + k, h) * w + x];
                }
                smooth[y * w + x] = sum;
            }
        }
        double mean = 0;
        for (double v : smooth) {
            mean += v;
        }
        mean /= smooth.length;
        double var = 0;
        for (double v : smooth) {
            var += (v - mean) * (v - mean);
        }
        double scale = var > 0 ? amplitude / Math.sqrt(var / smooth.length) : 0;
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((smooth[i] - mean) * scale);
        }
        return out;
    }

    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public String toString() {
        return "EdgeNoise[amplitude " + amplitude + " px, correlation " + correlation + " px]";
    }
}
