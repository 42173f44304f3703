package org.roofline.geometry.regularize;

import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * How far a traced building outline wanders around its straight walls: an estimate of its edge noise, in the units of
 * its coordinates (pixels for a traced mask).
 *
 * <p><b>Method.</b> The walls are taken from a reference — the outline regularized at a provisional tolerance — and
 * the outline is sampled at unit spacing along its shell. The estimate is the root mean square distance of the samples
 * from the reference's boundary, leaving out samples within {@value #CORNER_RADIUS} units of a reference vertex (near a
 * corner the outline rounds it off, which is shape, not noise). A clean pixel staircase scores about 0.3 (its steps);
 * edge noise of standard deviation {@code s} pixels adds roughly {@code 0.5 s} to {@code 0.6 s}.
 *
 * <p>Known limits: the estimate depends on the reference: a reference that missed a wall (too coarse) reads that wall
 * as noise. Fewer than {@value #MIN_SAMPLES} samples away from corners (a building a few pixels across) give NaN.
 */
public final class EdgeNoiseEstimator {

    /** Samples closer than this to a vertex of the reference are left out. */
    public static final double CORNER_RADIUS = 4;

    /** Fewest samples away from corners for an estimate. */
    public static final int MIN_SAMPLES = 20;

    private EdgeNoiseEstimator() {
    }

    /**
     * @param outline   the traced outline (its shell is sampled)
     * @param reference the same building's regularized walls, in the same coordinates
     * @return the RMS distance of the outline's samples from the reference's boundary away from its corners, or NaN
     *         when too few samples remain
     */
    public static double estimate(Polygon outline, Polygon reference) {
        Objects.requireNonNull(outline, "outline");
        Objects.requireNonNull(reference, "reference");
        if (outline.isEmpty() || reference.isEmpty()) {
            return Double.NaN;
        }
        return estimate(RingGeometry.of(outline.getExteriorRing()), reference);
    }

    /** {@link #estimate(Polygon, Polygon)} on an outline's shell already read into arrays. */
    static double estimate(RingGeometry shell, Polygon reference) {
        if (reference.isEmpty()) {
            return Double.NaN;
        }
        Segments segments = new Segments(reference);
        Coordinate[] corners = reference.getExteriorRing().getCoordinates();
        int m = corners.length;
        double[] vx = new double[m];
        double[] vy = new double[m];
        for (int v = 0; v < m; v++) {
            vx[v] = corners[v].x;
            vy[v] = corners[v].y;
        }
        double[] cx = shell.x;
        double[] cy = shell.y;
        int count = shell.n;
        double sum = 0;
        int n = 0;
        double r2 = CORNER_RADIUS * CORNER_RADIUS;
        for (int i = 1; i <= count; i++) {
            int i0 = i - 1;
            int i1 = i == count ? 0 : i;
            double x0 = cx[i0];
            double y0 = cy[i0];
            double ex = x0 - cx[i1];
            double ey = y0 - cy[i1];
            // Math.hypot is exact when one side is 0, as it is for the pixel edges of a traced outline
            double len = ex == 0 ? Math.abs(ey) : ey == 0 ? Math.abs(ex) : Math.hypot(ex, ey);
            int k = Math.max(1, (int) Math.round(len));
            for (int j = 0; j < k; j++) {
                double t = (j + 0.5) / k;
                double x = x0 + t * (cx[i1] - x0);
                double y = y0 + t * (cy[i1] - y0);
                boolean nearCorner = false;
                for (int v = 0; v < m; v++) {
                    double dx = vx[v] - x;
                    double dy = vy[v] - y;
                    if (dx * dx + dy * dy < r2) {
                        nearCorner = true;
                        break;
                    }
                }
                if (!nearCorner) {
                    sum += segments.squaredDistance(x, y);
                    n++;
                }
            }
        }
        return n < MIN_SAMPLES ? Double.NaN : Math.sqrt(sum / n);
    }

    /** Every segment of every ring of a polygon, with its vector and squared length, in flat arrays. */
    private static final class Segments {
        final double[] x0;
        final double[] y0;
        final double[] dx;
        final double[] dy;
        final double[] len2;
        final int count;

        Segments(Polygon p) {
            int total = 0;
            for (int r = 0; r <= p.getNumInteriorRing(); r++) {
                total += Math.max(0, (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getNumPoints() - 1);
            }
            x0 = new double[total];
            y0 = new double[total];
            dx = new double[total];
            dy = new double[total];
            len2 = new double[total];
            int k = 0;
            for (int r = 0; r <= p.getNumInteriorRing(); r++) {
                Coordinate[] c = (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinates();
                for (int i = 1; i < c.length; i++) {
                    x0[k] = c[i - 1].x;
                    y0[k] = c[i - 1].y;
                    dx[k] = c[i].x - c[i - 1].x;
                    dy[k] = c[i].y - c[i - 1].y;
                    len2[k] = dx[k] * dx[k] + dy[k] * dy[k];
                    k++;
                }
            }
            count = k;
        }

        double squaredDistance(double x, double y) {
            double best = Double.POSITIVE_INFINITY;
            for (int s = 0; s < count; s++) {
                double l2 = len2[s];
                double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x0[s]) * dx[s] + (y - y0[s]) * dy[s]) / l2));
                double ex = x0[s] + t * dx[s] - x;
                double ey = y0[s] + t * dy[s] - y;
                best = Math.min(best, ex * ex + ey * ey);
            }
            return best;
        }
    }
}
