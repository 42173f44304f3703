package org.roofline.geometry.synthetic;

import java.util.Objects;
import org.roofline.geometry.instance.InstanceLabels;
import org.roofline.geometry.mask.BitMask;

/**
 * {@link EdgeNoise} for building instances: the outer edges of the union of all instances move as {@code EdgeNoise}
 * moves a mask's edges, and each pixel of the noisy union belongs to the instance whose pixels are nearest (4-connected
 * steps through the noisy union), so touching buildings stay touching, each with its own label, as an instance
 * segmenter hands them over.
 *
 * <p>Deterministic for a seed. Known limits: the walls between touching instances are not displaced (a network's
 * contact line is also noisy), and the nearest instance is measured in 4-connected steps, not Euclidean distance.
 */
public final class InstanceEdgeNoise {

    private final EdgeNoise noise;

    /** @see EdgeNoise#EdgeNoise(double, double) */
    public InstanceEdgeNoise(double amplitude, double correlation) {
        this.noise = new EdgeNoise(amplitude, correlation);
    }

    /** One call: {@code new InstanceEdgeNoise(amplitude, correlation).apply(instances, seed)}. */
    public static InstanceLabels apply(InstanceLabels instances, double amplitude, double correlation, long seed) {
        return new InstanceEdgeNoise(amplitude, correlation).apply(instances, seed);
    }

    /**
     * @return new instances with the noise applied to their outer edges, numbered as the input (an instance the noise
     *         wiped out keeps its number with no pixels; confidences are kept), each pixel of the noisy union given
     *         to the nearest instance ({@link InstanceLabels#grownFrom})
     */
    public InstanceLabels apply(InstanceLabels instances, long seed) {
        Objects.requireNonNull(instances, "instances");
        int w = instances.width();
        int h = instances.height();
        int[] clean = instances.labels();
        BitMask union = new BitMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (clean[y * w + x] != 0) {
                    union.set(x, y, true);
                }
            }
        }
        InstanceLabels grown = InstanceLabels.grownFrom(noise.apply(union, seed), clean);
        double[] confidence = new double[Math.max(instances.count(), grown.count())];
        for (int i = 0; i < confidence.length; i++) {
            confidence[i] = i < instances.count() ? instances.confidence(i + 1) : Double.NaN;
        }
        return new InstanceLabels(grown.labels(), w, h, confidence);
    }
}
