package org.roofline.geometry.instance;

import java.util.Arrays;
import java.util.Objects;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.vectorize.Connectivity;

/**
 * Building instances as a label raster: each pixel holds 0 (background) or the number {@code 1..count()} of the
 * instance it belongs to, with each instance's confidence. An immutable value, except that the raster is wrapped, not
 * copied (like {@link org.roofline.geometry.mask.FloatMask}): whoever made it must not change it afterwards.
 *
 * <p>{@link InstanceSegmenter} numbers instances in raster order of their first pixel and makes each one connected;
 * a label raster from elsewhere (another model, a rasterized layer) need neither, but its labels must be
 * {@code 0..count()}.
 */
public final class InstanceLabels {

    private final int[] labels;
    private final int width;
    private final int height;
    private final double[] confidence;
    private final long[] pixels;

    /**
     * @param labels     row-major labels, at least {@code width * height} values, each in {@code 0..confidence.length}
     * @param width      raster width
     * @param height     raster height
     * @param confidence the confidence of instance {@code i} at index {@code i - 1}: in [0, 1], or NaN when unknown
     * @throws IllegalArgumentException if a size is negative, the raster too short, a label out of range or a
     *                                  confidence outside [0, 1]
     */
    public InstanceLabels(int[] labels, int width, int height, double[] confidence) {
        this.labels = Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(confidence, "confidence");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("raster size must not be negative: " + width + " x " + height);
        }
        if ((long) width * height > labels.length) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values, too few for " + width
                    + " x " + height);
        }
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!Double.isNaN(c) && !(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence of instance " + (i + 1)
                        + " must be in [0, 1] or NaN, was " + c + " (probabilities expected, not logits)");
            }
        }
        this.width = width;
        this.height = height;
        this.confidence = confidence.clone();
        this.pixels = new long[confidence.length + 1];
        int n = width * height;
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label < 0 || label > confidence.length) {
                throw new IllegalArgumentException("label " + label + " at pixel (" + i % width + ", " + i / width
                        + ") outside 0.." + confidence.length);
            }
            pixels[label]++;
        }
    }

    /**
     * A mask numbered after seeds: each foreground pixel takes the label of the nearest seed, breadth-first through
     * the foreground (4-connected; {@link MarkerWatershed} over a flat elevation, so ties go to the seed met first in
     * raster order); a foreground component without a seed becomes an instance of its own, numbered after the largest
     * seed label in raster order of its first pixel. The way to number a mask after known instances (a human mask
     * after its polygons, a noisy mask after its clean instances).
     *
     * @param mask  the foreground
     * @param seeds row-major labels, at least {@code width * height} values, 0 for none; seeds outside the foreground
     *              are ignored
     * @return the instances, with unknown (NaN) confidences
     * @throws IllegalArgumentException if the seeds are too few or one is negative
     */
    public static InstanceLabels grownFrom(Mask mask, int[] seeds) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(seeds, "seeds");
        int w = mask.width();
        int h = mask.height();
        int n = w * h;
        if (seeds.length < n) {
            throw new IllegalArgumentException("seeds hold " + seeds.length + " values, too few for " + w + " x " + h);
        }
        int max = 0;
        for (int i = 0; i < n; i++) {
            if (seeds[i] < 0) {
                throw new IllegalArgumentException("seed label " + seeds[i] + " at pixel (" + i % w + ", " + i / w
                        + ") is negative");
            }
            max = Math.max(max, seeds[i]);
        }
        int[] labels = MarkerWatershed.flood(new float[n], mask, seeds);
        PackedPixels foreground = PackedPixels.of(mask);
        PackedPixels unreached = PackedPixels.empty(w, h);
        for (int i = 0; i < n; i++) {
            if (labels[i] == 0 && foreground.get(i)) {
                unreached.set(i);
            }
        }
        Components.Labelled own = Components.label(unreached, Connectivity.FOUR, 0);
        for (int i = 0; i < n; i++) {
            if (own.labels()[i] != 0) {
                labels[i] = max + own.labels()[i];
            }
        }
        double[] confidence = new double[max + own.count()];
        Arrays.fill(confidence, Double.NaN);
        return new InstanceLabels(labels, w, h, confidence);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** @return the number of instances; labels are {@code 1..count()} */
    public int count() {
        return confidence.length;
    }

    /** @return the label of pixel (x, y): 0 for background */
    public int label(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + " x " + height);
        }
        return labels[y * width + x];
    }

    /** @return the row-major raster itself, not a copy: read it, never write it */
    public int[] labels() {
        return labels;
    }

    /** @return the confidence of instance {@code label} (1..count()): in [0, 1], or NaN when unknown */
    public double confidence(int label) {
        checkLabel(label);
        return confidence[label - 1];
    }

    /** @return the number of pixels of instance {@code label} (1..count()) */
    public long pixelCount(int label) {
        checkLabel(label);
        return pixels[label];
    }

    private void checkLabel(int label) {
        if (label < 1 || label > confidence.length) {
            throw new IndexOutOfBoundsException("instance " + label + " outside 1.." + confidence.length);
        }
    }

    @Override
    public String toString() {
        return "InstanceLabels[" + width + " x " + height + ", " + count() + " instances, confidence "
                + Arrays.toString(Arrays.copyOf(confidence, Math.min(5, confidence.length)))
                + (confidence.length > 5 ? "..." : "") + "]";
    }
}
