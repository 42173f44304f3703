package org.roofline.geometry.mask;

import java.util.Arrays;
import java.util.Objects;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

/**
 * Rasterizes polygonal geometries ({@link Polygon}, {@code MultiPolygon}, holes included) onto a {@link BitMask} with
 * a scanline fill.
 *
 * <p><b>Rule.</b> Pixel {@code (x, y)} of the target is set iff its centre {@code (originX + x + 0.5,
 * originY + y + 0.5)} is inside the geometry, where "inside" is the even-odd rule over <em>all</em> rings of all parts
 * (for a valid Polygon or MultiPolygon this is exactly the point set; overlapping parts of an invalid MultiPolygon
 * cancel out where they overlap).
 *
 * <p><b>Ties</b> (a pixel centre exactly on the boundary) are decided half-open, like a standard scanline fill:
 * <ul>
 *   <li>an edge crosses the scanline {@code y + 0.5} iff {@code min(y0, y1) <= y + 0.5 < max(y0, y1)}, so horizontal
 *       edges are ignored and a vertex on the scanline is counted once; a centre on a horizontal top edge is inside,
 *       on a horizontal bottom edge outside;</li>
 *   <li>a crossing at {@code x} starts (or ends) the span at the first pixel whose centre is {@code >= x}, so a centre
 *       on a left edge is inside and on a right edge outside.</li>
 * </ul>
 * Each pixel centre on a shared edge of two polygons that tile the plane therefore belongs to exactly one of them.
 * The crossing abscissa is computed in floating point, so for sloped edges an exact tie is decided up to rounding;
 * axis-parallel edges are decided exactly. Polygons whose vertices lie on integer pixel corners (such as a
 * vectorizer's pixel-edge outlines) never produce a tie at all.
 *
 * <p><b>Cost</b> is {@code O(E log E + R * A)} for {@code E} edges, {@code R} rows spanned inside the target and
 * {@code A} edges active on a row (an active-edge table), plus the filled words: independent of the target's width
 * and of rows outside the geometry. Rasterizing into a small window of a large pixel space (see
 * {@link #rasterize(Geometry, BitMask, double, double)}) costs only the window's rows.
 */
public final class PolygonRasterizer {

    /** Rows outside this range are clamped before converting to int (far beyond any mask's size). */
    private static final double ROW_LIMIT = 1 << 30;

    private PolygonRasterizer() {
    }

    /**
     * Rasterizes a geometry into a new {@code width x height} mask whose pixel (0, 0) has its top-left corner at the
     * coordinate origin.
     *
     * @param geometry a Polygon or MultiPolygon (or any empty geometry)
     * @return a new mask; parts of the geometry outside it are clipped
     * @throws IllegalArgumentException if the geometry is not polygonal, has a non-finite coordinate, or a size is
     *                                  negative
     */
    public static BitMask rasterize(Geometry geometry, int width, int height) {
        BitMask mask = new BitMask(width, height);
        rasterize(geometry, mask, 0, 0);
        return mask;
    }

    /**
     * Rasterizes a geometry into an existing mask, adding (OR-ing) its pixels: pixels already set stay set. Target
     * pixel {@code (x, y)} stands for the unit square whose top-left corner is {@code (originX + x, originY + y)} in
     * the geometry's coordinates, so a geometry in a large pixel space is rasterized into a window of it by passing
     * the window's offset.
     *
     * @param geometry a Polygon or MultiPolygon (or any empty geometry)
     * @param target   the mask to add to; parts of the geometry outside it are clipped
     * @param originX  x of the target's top-left pixel corner in the geometry's coordinates
     * @param originY  y of the target's top-left pixel corner in the geometry's coordinates
     * @throws IllegalArgumentException if the geometry is not polygonal or a coordinate or origin is not finite
     */
    public static void rasterize(Geometry geometry, BitMask target, double originX, double originY) {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(target, "target");
        if (!Double.isFinite(originX) || !Double.isFinite(originY)) {
            throw new IllegalArgumentException("origin must be finite, was (" + originX + ", " + originY + ")");
        }
        if (geometry.isEmpty()) {
            return;
        }
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException("only polygonal geometries can be rasterized, got "
                    + geometry.getGeometryType());
        }
        int width = target.width();
        int height = target.height();
        Envelope env = geometry.getEnvelopeInternal();
        if (!Double.isFinite(env.getMinX()) || !Double.isFinite(env.getMaxX())
                || !Double.isFinite(env.getMinY()) || !Double.isFinite(env.getMaxY())) {
            throw new IllegalArgumentException("geometry has a non-finite coordinate: envelope " + env);
        }
        // Quick reject: no pixel centre of the target can be inside.
        if (width == 0 || height == 0
                || env.getMaxX() - originX < 0.5 || env.getMinX() - originX > width - 0.5
                || env.getMaxY() - originY < 0.5 || env.getMinY() - originY > height - 0.5) {
            return;
        }
        Edges edges = Edges.of(geometry, originX, originY);
        edges.fill(target);
    }

    /** The non-horizontal edges of all rings, in target coordinates, with an active-edge table to fill rows. */
    private static final class Edges {
        private final double[] yTop;
        private final double[] yBottom;
        private final double[] xTop;
        private final double[] slope;
        private int count;

        private Edges(int capacity) {
            yTop = new double[capacity];
            yBottom = new double[capacity];
            xTop = new double[capacity];
            slope = new double[capacity];
        }

        static Edges of(Geometry geometry, double originX, double originY) {
            int capacity = 0;
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Polygon p = (Polygon) geometry.getGeometryN(i);
                capacity += p.getExteriorRing().getNumPoints();
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    capacity += p.getInteriorRingN(h).getNumPoints();
                }
            }
            Edges edges = new Edges(capacity);
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Polygon p = (Polygon) geometry.getGeometryN(i);
                edges.addRing(p.getExteriorRing(), originX, originY);
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    edges.addRing(p.getInteriorRingN(h), originX, originY);
                }
            }
            return edges;
        }

        private void addRing(LineString ring, double originX, double originY) {
            CoordinateSequence seq = ring.getCoordinateSequence();
            int n = seq.size();
            if (n < 2) {
                return;
            }
            double px = seq.getX(0) - originX;
            double py = seq.getY(0) - originY;
            // Close the ring even if its last point does not repeat the first (it always does in valid JTS rings).
            for (int k = 1; k <= n; k++) {
                int idx = k < n ? k : 0;
                double qx = seq.getX(idx) - originX;
                double qy = seq.getY(idx) - originY;
                if (py != qy) {
                    if (py < qy) {
                        add(px, py, qx, qy);
                    } else {
                        add(qx, qy, px, py);
                    }
                }
                px = qx;
                py = qy;
            }
        }

        private void add(double x0, double y0, double x1, double y1) {
            yTop[count] = y0;
            yBottom[count] = y1;
            xTop[count] = x0;
            slope[count] = (x1 - x0) / (y1 - y0);
            count++;
        }

        /** First row whose centre might cross edge e (one row early, to absorb rounding; the exact test follows). */
        private int firstRow(int e) {
            return (int) Math.max(-ROW_LIMIT, Math.min(ROW_LIMIT, Math.ceil(yTop[e] - 0.5))) - 1;
        }

        /** Last row whose centre might cross edge e (one row late, to absorb rounding). */
        private int lastRow(int e) {
            return (int) Math.max(-ROW_LIMIT, Math.min(ROW_LIMIT, Math.ceil(yBottom[e] - 0.5)));
        }

        void fill(BitMask target) {
            if (count == 0) {
                return;
            }
            int width = target.width();
            int height = target.height();
            long[] order = new long[count];
            int minRow = Integer.MAX_VALUE;
            int maxRow = Integer.MIN_VALUE;
            for (int e = 0; e < count; e++) {
                int first = firstRow(e);
                order[e] = ((long) first << 32) | e;
                minRow = Math.min(minRow, first);
                maxRow = Math.max(maxRow, lastRow(e));
            }
            Arrays.sort(order);
            int[] active = new int[count];
            int activeCount = 0;
            double[] xs = new double[count];
            int next = 0;
            int rowFrom = Math.max(0, minRow);
            int rowTo = Math.min(height - 1, maxRow);
            for (int y = rowFrom; y <= rowTo; y++) {
                while (next < count && (int) (order[next] >> 32) <= y) {
                    active[activeCount++] = (int) order[next];
                    next++;
                }
                double cy = y + 0.5;
                int kept = 0;
                int crossings = 0;
                for (int a = 0; a < activeCount; a++) {
                    int e = active[a];
                    if (lastRow(e) < y) {
                        continue;
                    }
                    active[kept++] = e;
                    if (yTop[e] <= cy && cy < yBottom[e]) {
                        xs[crossings++] = xTop[e] + (cy - yTop[e]) * slope[e];
                    }
                }
                activeCount = kept;
                if (crossings < 2) {
                    continue;
                }
                Arrays.sort(xs, 0, crossings);
                for (int c = 0; c + 1 < crossings; c += 2) {
                    int x0 = pixelAtOrAfter(xs[c], width);
                    int x1 = pixelAtOrAfter(xs[c + 1], width);
                    if (x1 > x0) {
                        target.fillRow(y, x0, x1);
                    }
                }
            }
        }

        /** @return the first pixel column whose centre is {@code >= x}, clamped to [0, width] */
        private static int pixelAtOrAfter(double x, int width) {
            double c = Math.ceil(x - 0.5);
            if (c <= 0) {
                return 0;
            }
            if (c >= width) {
                return width;
            }
            return (int) c;
        }
    }
}
