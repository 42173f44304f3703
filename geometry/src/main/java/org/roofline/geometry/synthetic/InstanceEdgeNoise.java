package org.roofline.geometry.synthetic;

import java.util.Arrays;
import java.util.Objects;
import org.roofline.geometry.instance.InstanceLabels;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.Mask;

/**
 * {@link EdgeNoise} for building instances: the outer edges of the union of all instances move as {@code EdgeNoise}
 * moves a mask's edges, and each pixel of the noisy union belongs to the instance whose pixels are nearest (4-connected
 * steps through the noisy union), so touching buildings stay touching, each with its own label, as an instance
 * segmenter hands them over.
 *
 * <p>{@link #labelled(Mask, int[])} is also the way to number the pixels of a mask after known instances (a human mask
 * after its polygons): each foreground pixel takes the nearest seed's label; a foreground component with no seed
 * becomes an instance of its own.
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
     *         wiped out keeps its number with no pixels; confidences are kept)
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
        BitMask noisy = noise.apply(union, seed);
        int[] labels = assign(noisy, clean, instances.count());
        double[] confidence = new double[instances.count()];
        for (int i = 0; i < confidence.length; i++) {
            confidence[i] = instances.confidence(i + 1);
        }
        int extra = Arrays.stream(labels).max().orElse(0) - instances.count();
        if (extra > 0) {
            confidence = Arrays.copyOf(confidence, instances.count() + extra);
            Arrays.fill(confidence, instances.count(), confidence.length, Double.NaN);
        }
        return new InstanceLabels(labels, w, h, confidence);
    }

    /**
     * Numbers the foreground pixels of a mask after seeds: each takes the label of the nearest seed pixel inside the
     * mask (in 4-connected steps through the foreground); components without a seed get new labels after the largest
     * seed label.
     *
     * @param mask  the foreground
     * @param seeds row-major labels ({@code width * height}, 0 for none); seeds outside the foreground are ignored
     * @return instances with unknown (NaN) confidences
     */
    public static InstanceLabels labelled(Mask mask, int[] seeds) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(seeds, "seeds");
        int w = mask.width();
        int h = mask.height();
        if (seeds.length < w * h) {
            throw new IllegalArgumentException("seeds hold " + seeds.length + " values, too few for " + w + " x " + h);
        }
        int max = 0;
        for (int i = 0; i < w * h; i++) {
            if (seeds[i] < 0) {
                throw new IllegalArgumentException("seed label " + seeds[i] + " at pixel " + i + " is negative");
            }
            max = Math.max(max, seeds[i]);
        }
        int[] labels = assign(BitMask.copyOf(mask), seeds, max);
        int count = Math.max(max, Arrays.stream(labels).max().orElse(0));
        double[] confidence = new double[count];
        Arrays.fill(confidence, Double.NaN);
        return new InstanceLabels(labels, w, h, confidence);
    }

    /** Multi-source breadth-first assignment of the foreground to the nearest seed; seedless components numbered on. */
    private static int[] assign(BitMask fg, int[] seeds, int maxSeed) {
        int w = fg.width();
        int h = fg.height();
        int n = w * h;
        int[] labels = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (seeds[i] != 0 && fg.get(x, y)) {
                    labels[i] = seeds[i];
                    queue[tail++] = i;
                }
            }
        }
        tail = spread(fg, labels, queue, head, tail);
        int next = maxSeed;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (labels[i] == 0 && fg.get(x, y)) {
                    labels[i] = ++next;
                    queue[0] = i;
                    spread(fg, labels, queue, 0, 1);
                }
            }
        }
        return labels;
    }

    private static int spread(BitMask fg, int[] labels, int[] queue, int head, int tail) {
        int w = fg.width();
        int h = fg.height();
        while (head < tail) {
            int i = queue[head++];
            int x = i % w;
            int y = i / w;
            int label = labels[i];
            if (x > 0 && labels[i - 1] == 0 && fg.get(x - 1, y)) {
                labels[i - 1] = label;
                queue[tail++] = i - 1;
            }
            if (x + 1 < w && labels[i + 1] == 0 && fg.get(x + 1, y)) {
                labels[i + 1] = label;
                queue[tail++] = i + 1;
            }
            if (y > 0 && labels[i - w] == 0 && fg.get(x, y - 1)) {
                labels[i - w] = label;
                queue[tail++] = i - w;
            }
            if (y + 1 < h && labels[i + w] == 0 && fg.get(x, y + 1)) {
                labels[i + w] = label;
                queue[tail++] = i + w;
            }
        }
        return tail;
    }
}
