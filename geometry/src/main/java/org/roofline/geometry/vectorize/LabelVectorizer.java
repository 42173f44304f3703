package org.roofline.geometry.vectorize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.mask.BitMask;

/**
 * Turns a label raster (0 background, positive labels such as building instances) into one outline per label
 * component, so that touching instances become separate polygons sharing their common walls exactly.
 *
 * <p><b>Guarantees.</b> Each label is vectorized exactly as {@link MaskVectorizer} vectorizes a mask holding only that
 * label's pixels, with the same connectivity and minimum area: one {@link LabeledShape} per connected component of
 * the label (a label whose pixels are not connected gives several), outlines on pixel edges, every geometry valid,
 * rasterizing it giving back the component's pixels (holes under the minimum area filled). Since every pixel has one
 * label, the polygons of different labels never overlap (their intersection has area 0), and where two labels'
 * pixels are adjacent their outlines run along the very same pixel edges: the shared wall is in both polygons, with
 * the same integer coordinates. With 4-connectivity, a hole of one label filled because it is smaller than the minimum
 * area can only hold components smaller still, which are dropped, so filling never makes two polygons overlap (with
 * 8-connectivity a component of another label can leave such a hole through a corner: use 4-connectivity, or a
 * minimum area of 0, where overlaps matter). Shapes come ordered by
 * label, and within a label in raster order of their first pixel. The label raster of a binary mask's connected
 * components (as {@link org.roofline.geometry.instance.InstanceSegmenter} gives for a footprint alone) yields exactly
 * the shapes {@link MaskVectorizer} makes of the mask, in the same order.
 *
 * <p><b>Cost.</b> One pass over the labels extracts the runs of equal labels and each label's bounding box; then each
 * label's runs are written into a bit mask of its bounding box and traced there. Time is linear in the pixels plus,
 * per label, its bounding box in 64-pixel words; memory three ints a run and one bit per bounding-box pixel of the
 * largest label. Never a pass over the whole raster per label.
 *
 * <p><b>Limits.</b> Labels are array indices: memory grows with the largest label, so labels should be
 * {@code 1..n} (as {@link org.roofline.geometry.instance.InstanceLabels} has them), not arbitrary ids. A label whose
 * bounding box covers most of the raster (a long diagonal building) costs that box in bits. Instances are immutable
 * and thread-safe if the geometry factory is.
 */
public final class LabelVectorizer {

    private final MaskVectorizer vectorizer;

    /**
     * @param connectivity which pixels of one label form one component
     * @param minArea      components with fewer pixels are dropped, holes with fewer filled (0 keeps all)
     * @param factory      creates the output geometries
     */
    public LabelVectorizer(Connectivity connectivity, long minArea, GeometryFactory factory) {
        this.vectorizer = new MaskVectorizer(connectivity, minArea, factory);
    }

    /** Vectorizes every 4-connected label component, in pixel coordinates with the origin at the raster's corner. */
    public static List<LabeledShape> vectorize(int[] labels, int width, int height) {
        return new LabelVectorizer(Connectivity.FOUR, 0, new GeometryFactory()).apply(labels, width, height, 0, 0);
    }

    /**
     * Vectorizes a label raster whose top-left pixel corner lies at {@code (originX, originY)} of the output space.
     *
     * @param labels row-major labels, at least {@code width * height}: 0 for background, otherwise positive
     * @return the shapes, by label, then in raster order of first pixel
     * @throws IllegalArgumentException if a size is negative, the raster too short or a label negative
     */
    public List<LabeledShape> apply(int[] labels, int width, int height, int originX, int originY) {
        Objects.requireNonNull(labels, "labels");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("raster size must not be negative: " + width + " x " + height);
        }
        if ((long) width * height > labels.length) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values, too few for " + width
                    + " x " + height);
        }
        int n = width * height;
        int maxLabel = 0;
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (l < 0) {
                throw new IllegalArgumentException("labels must not be negative, pixel (" + i % width + ", "
                        + i / width + ") has " + l);
            }
            maxLabel = Math.max(maxLabel, l);
        }
        // runs per label and bounding boxes, counted first, then placed (counting sort by label, raster order kept)
        int[] runs = new int[maxLabel + 2];
        int[] minX = new int[maxLabel + 1];
        int[] minY = new int[maxLabel + 1];
        int[] maxX = new int[maxLabel + 1];
        int[] maxY = new int[maxLabel + 1];
        java.util.Arrays.fill(minX, Integer.MAX_VALUE);
        java.util.Arrays.fill(minY, Integer.MAX_VALUE);
        java.util.Arrays.fill(maxX, -1);
        java.util.Arrays.fill(maxY, -1);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; ) {
                int l = labels[row + x];
                int end = x + 1;
                while (end < width && labels[row + end] == l) {
                    end++;
                }
                if (l != 0) {
                    runs[l + 1]++;
                    minX[l] = Math.min(minX[l], x);
                    maxX[l] = Math.max(maxX[l], end - 1);
                    minY[l] = Math.min(minY[l], y);
                    maxY[l] = y;
                }
                x = end;
            }
        }
        for (int l = 1; l <= maxLabel; l++) {
            runs[l + 1] += runs[l];
        }
        int total = runs[maxLabel + 1];
        int[] runY = new int[total];
        int[] runX0 = new int[total];
        int[] runX1 = new int[total];
        int[] next = java.util.Arrays.copyOf(runs, maxLabel + 1);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; ) {
                int l = labels[row + x];
                int end = x + 1;
                while (end < width && labels[row + end] == l) {
                    end++;
                }
                if (l != 0) {
                    int r = next[l]++;
                    runY[r] = y;
                    runX0[r] = x;
                    runX1[r] = end;
                }
                x = end;
            }
        }
        List<LabeledShape> out = new ArrayList<>();
        for (int l = 1; l <= maxLabel; l++) {
            if (maxX[l] < 0) {
                continue;
            }
            BitMask box = new BitMask(maxX[l] - minX[l] + 1, maxY[l] - minY[l] + 1);
            for (int r = runs[l]; r < runs[l + 1]; r++) {
                box.fillRow(runY[r] - minY[l], runX0[r] - minX[l], runX1[r] - minX[l]);
            }
            for (VectorizedShape s : vectorizer.apply(box, originX + minX[l], originY + minY[l])) {
                out.add(new LabeledShape(l, s.geometry(), s.pixelArea()));
            }
        }
        return out;
    }
}
