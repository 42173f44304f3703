package org.roofline.geometry.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.PolygonRasterizer;

/**
 * PolyWorld-style mask IoU and complexity-aware IoU (C-IoU), evaluated per square window of a large scene, so that
 * a scene of many buildings is scored like the CrowdAI benchmark's 300 x 300 images.
 *
 * <p>The scene {@code [0, width) x [0, height)} (pixel coordinates, as produced by the post-processor) is cut into
 * windows of {@code W x W} pixels starting at the origin; the last column and row of windows are clipped to the
 * scene. For each window:
 * <ol>
 *   <li>the predicted polygons whose envelope intersects the window (found with an {@link STRtree}) are rasterized
 *       into a window mask {@code P} with {@link PolygonRasterizer} (pixel set iff its centre is inside), and the
 *       ground-truth polygons likewise into {@code G}; polygons crossing the window's border are clipped by it;</li>
 *   <li>windows where both {@code P} and {@code G} are empty are skipped;</li>
 *   <li>mask IoU = {@code |P ∧ G| / |P ∨ G|};</li>
 *   <li>{@code N} = total {@linkplain PolygonMetrics#vertexCount vertex count} of the predicted polygons whose
 *       centroid lies in the window (half-open, so every polygon is counted in exactly one window), {@code N_gt}
 *       likewise for the ground truth;</li>
 *   <li>C-IoU = {@linkplain PolygonMetrics#complexityAwareIoU IoU × (1 − |N − N_gt| / (N + N_gt))}, with factor 1
 *       when both counts are 0.</li>
 * </ol>
 * The result holds the per-window values, their means over the evaluated windows, and the overall N-ratio
 * {@code ΣN / ΣN_gt} over all polygons whose centroid lies in the scene.
 *
 * <p>Known limits: a polygon crossing window borders contributes its area to several windows but its vertices to one,
 * so with small windows C-IoU penalizes the windows it merely crosses; the CrowdAI benchmark has the same effect at
 * image borders. Memory is one window mask pair at a time.
 */
public final class WindowedComplexityAwareIoU {

    /** The CrowdAI image size. */
    public static final int DEFAULT_WINDOW_SIZE = 300;

    private final int windowSize;

    /** An evaluator with {@link #DEFAULT_WINDOW_SIZE 300 x 300} pixel windows. */
    public WindowedComplexityAwareIoU() {
        this(DEFAULT_WINDOW_SIZE);
    }

    /**
     * @param windowSize the window side in pixels, positive
     * @throws IllegalArgumentException if the size is not positive
     */
    public WindowedComplexityAwareIoU(int windowSize) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("window size must be positive, was " + windowSize);
        }
        this.windowSize = windowSize;
    }

    public int windowSize() {
        return windowSize;
    }

    /** Evaluates with the default 300 px windows. See {@link #apply(Collection, Collection, int, int)}. */
    public static Result evaluate(Collection<? extends Geometry> predicted, Collection<? extends Geometry> groundTruth,
                                  int width, int height) {
        return new WindowedComplexityAwareIoU().apply(predicted, groundTruth, width, height);
    }

    /**
     * Scores predicted polygons against ground truth over the scene {@code [0, width) x [0, height)}.
     *
     * @param predicted   predicted Polygons or MultiPolygons, in pixel coordinates
     * @param groundTruth ground-truth Polygons or MultiPolygons, in the same coordinates
     * @throws IllegalArgumentException if a size is negative, the scene has more windows than an array holds, or a
     *                                  geometry is not polygonal
     */
    public Result apply(Collection<? extends Geometry> predicted, Collection<? extends Geometry> groundTruth,
                        int width, int height) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(groundTruth, "groundTruth");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("scene size must not be negative: " + width + " x " + height);
        }
        int cols = (int) ((width + (long) windowSize - 1) / windowSize);
        int rows = (int) ((height + (long) windowSize - 1) / windowSize);
        if ((long) cols * rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many windows: " + cols + " x " + rows);
        }
        Side pred = new Side(predicted, "predicted", windowSize, cols, rows, width, height);
        Side gt = new Side(groundTruth, "ground truth", windowSize, cols, rows, width, height);

        List<Window> windows = new ArrayList<>();
        double sumIoU = 0;
        double sumCIoU = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x0 = c * windowSize;
                int y0 = r * windowSize;
                int w = Math.min(windowSize, width - x0);
                int h = Math.min(windowSize, height - y0);
                BitMask p = pred.rasterize(x0, y0, w, h);
                BitMask g = gt.rasterize(x0, y0, w, h);
                long pc = p.countForeground();
                long gc = g.countForeground();
                if (pc == 0 && gc == 0) {
                    continue;
                }
                long inter = p.countIntersection(g);
                double iou = (double) inter / (pc + gc - inter);
                int n = pred.vertices[r * cols + c];
                int nGt = gt.vertices[r * cols + c];
                double ciou = PolygonMetrics.complexityAwareIoU(iou, n, nGt);
                windows.add(new Window(x0, y0, w, h, iou, ciou, n, nGt, pc, gc, inter));
                sumIoU += iou;
                sumCIoU += ciou;
            }
        }
        int k = windows.size();
        return new Result(windowSize, windows, k == 0 ? Double.NaN : sumIoU / k, k == 0 ? Double.NaN : sumCIoU / k,
                pred.totalVertices, gt.totalVertices);
    }

    /** One side (predicted or ground truth): its index and per-window vertex counts. */
    private static final class Side {
        final STRtree tree = new STRtree();
        final int[] vertices;
        long totalVertices;

        Side(Collection<? extends Geometry> geometries, String name, int windowSize, int cols, int rows, int width,
             int height) {
            vertices = new int[cols * rows];
            for (Geometry g : geometries) {
                Objects.requireNonNull(g, name + " geometry");
                int n = PolygonMetrics.vertexCount(g); // also checks the type
                if (g.isEmpty()) {
                    continue;
                }
                tree.insert(g.getEnvelopeInternal(), g);
                Point centroid = g.getCentroid();
                if (centroid.isEmpty()) {
                    continue;
                }
                double cx = centroid.getX();
                double cy = centroid.getY();
                if (cx >= 0 && cx < width && cy >= 0 && cy < height) {
                    int c = Math.min(cols - 1, (int) (cx / windowSize));
                    int r = Math.min(rows - 1, (int) (cy / windowSize));
                    vertices[r * cols + c] += n;
                    totalVertices += n;
                }
            }
            tree.build();
        }

        BitMask rasterize(int x0, int y0, int w, int h) {
            BitMask mask = new BitMask(w, h);
            for (Object o : tree.query(new Envelope(x0, x0 + w, y0, y0 + h))) {
                PolygonRasterizer.rasterize((Geometry) o, mask, x0, y0);
            }
            return mask;
        }
    }

    /**
     * The scores of one evaluated window.
     *
     * @param x                  x of the window's left pixel column
     * @param y                  y of the window's top pixel row
     * @param width              window width in pixels (less than the window size at the scene's right edge)
     * @param height             window height in pixels
     * @param iou                mask IoU in [0, 1]
     * @param complexityAwareIoU C-IoU in [0, 1]
     * @param n                  vertices of the predicted polygons whose centroid lies in the window
     * @param nGroundTruth       vertices of the ground-truth polygons whose centroid lies in the window
     * @param predictedPixels    {@code |P|}
     * @param groundTruthPixels  {@code |G|}
     * @param intersectionPixels {@code |P ∧ G|}
     */
    public record Window(int x, int y, int width, int height, double iou, double complexityAwareIoU, int n,
                         int nGroundTruth, long predictedPixels, long groundTruthPixels, long intersectionPixels) {
    }

    /**
     * The scores of a scene.
     *
     * @param windowSize             the window side used
     * @param windows                the evaluated windows (those where P or G has a pixel), in raster order
     * @param meanIoU                mean mask IoU over the evaluated windows, NaN when there are none
     * @param meanComplexityAwareIoU mean C-IoU over the evaluated windows, NaN when there are none
     * @param vertexCount            ΣN: vertices of all predicted polygons whose centroid lies in the scene
     * @param groundTruthVertexCount ΣN_gt: likewise for the ground truth
     */
    public record Result(int windowSize, List<Window> windows, double meanIoU, double meanComplexityAwareIoU,
                         long vertexCount, long groundTruthVertexCount) {

        public Result {
            windows = List.copyOf(windows);
        }

        /** @return the overall N-ratio {@code ΣN / ΣN_gt}, NaN when the ground truth has no vertices */
        public double nRatio() {
            return groundTruthVertexCount == 0 ? Double.NaN : (double) vertexCount / groundTruthVertexCount;
        }
    }
}
