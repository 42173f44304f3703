package org.roofline.geometry.regularize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Regularizes building outlines the way a roof looks from above: few vertices, right angles, parallel sides.
 *
 * <p>Per building, a dominant orientation is estimated from the length-weighted directions of its simplified
 * outline (the mean of 4&theta;, so walls at right angles reinforce each other). Edges are snapped to that orientation
 * (and to the diagonals for {@link RegularizationMethod#RIGHT_ANGLES_AND_DIAGONALS}), collinear runs are merged, each
 * wall is placed by a least-squares fit to the outline it replaces, and tiny jogs, chamfers and spikes shorter than
 * the minimum edge length are removed. Holes are regularized with their building's orientation. Round buildings
 * (compactness 4&pi;A/P&sup2; of the simplified outline above {@link RegularizationParameters#circleCompactness()})
 * become regular polygons ({@link RegularizationMethod#CIRCLE}).
 *
 * <p><b>Guarantees</b>, for every input polygon:
 * <ul>
 *   <li>the result is a valid polygon, and the input's holes are kept (regularized, simplified or as given);</li>
 *   <li>every ring of the result lies within {@link RegularizationParameters#tolerance()} of the corresponding input
 *       ring and vice versa (Hausdorff distance, verified on samples at most tolerance/8 apart against a bound of
 *       15/16 of the tolerance, so the exact distance is within the tolerance);</li>
 *   <li>the result never has more vertices than the input;</li>
 *   <li>a building that cannot be regularized within these limits is returned simplified (Douglas-Peucker within the
 *       tolerance, {@link RegularizedBuilding#regularized()} false), or as given when even that fails: flagged, never
 *       dropped.</li>
 * </ul>
 *
 * <p><b>Limits.</b> One orientation per building: a building whose wings meet at, say, 60&deg; gets its off-axis wing
 * kept at its own angle (when snapping it would break the tolerance) or is flagged. Edges further than the angle
 * tolerance from every allowed direction are first snapped anyway, and kept at their own angle only if that fails.
 * A {@code MultiPolygon} (parts of an 8-connected component that touch at corners) is first closed by half a unit, so
 * its parts join. Instances are immutable and thread-safe.
 */
public final class BuildingRegularizer {

    /** Sampling step of the distance check, as a fraction of the tolerance. */
    private static final double SAMPLE_STEP = 1.0 / 8;

    private final RegularizationParameters parameters;

    public BuildingRegularizer(RegularizationParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** Regularizes one building with the default parameters of a method. */
    public static RegularizedBuilding regularize(Geometry outline, RegularizationMethod method) {
        return new BuildingRegularizer(RegularizationParameters.defaults(method)).apply(outline);
    }

    public RegularizationParameters parameters() {
        return parameters;
    }

    /**
     * @return the tolerance this regularizer uses for an outline: the fixed one, or the one {@link AdaptiveTolerance}
     *         chooses for it when the tolerance is adaptive
     * @throws IllegalArgumentException if the outline is empty or not polygonal
     */
    public double toleranceFor(Geometry outline) {
        Objects.requireNonNull(outline, "outline");
        return parameters.adaptiveTolerance() ? AdaptiveTolerance.of(toPolygon(outline), parameters, null)
                : parameters.tolerance();
    }

    /**
     * Regularizes one building.
     *
     * @param outline a valid {@link Polygon}, or a {@link MultiPolygon} whose parts touch only at corners
     * @throws IllegalArgumentException if the outline is empty, not polygonal, or invalid
     */
    public RegularizedBuilding apply(Geometry outline) {
        return apply(outline, null);
    }

    /**
     * Regularizes one building that may be cut by the border of its image or tile.
     *
     * <p>Edges of the outline lying exactly on the frame are where the image cuts the building, not walls: they are
     * kept where they are while the real walls are regularized, and the result stays inside the frame.
     *
     * @param outline a valid {@link Polygon}, or a {@link MultiPolygon} whose parts touch only at corners
     * @param frame   the extent of the image or tile the outline was found in, or null when unknown
     * @throws IllegalArgumentException if the outline is empty or not polygonal
     */
    public RegularizedBuilding apply(Geometry outline, Envelope frame) {
        Objects.requireNonNull(outline, "outline");
        Polygon input = toPolygon(outline);
        Outline prepared = new Outline(input);
        if (parameters.adaptiveTolerance()) {
            // the provisional fit is the noise estimate's reference; where the chosen tolerance is the provisional
            // one, that fit is already the result
            double provisional = AdaptiveTolerance.provisional(prepared.area());
            RegularizedBuilding reference = withTolerance(provisional).regularize(prepared, frame);
            double chosen = AdaptiveTolerance.forReference(prepared.shell().ring(), reference.polygon(),
                    prepared.area());
            return chosen == provisional ? reference : withTolerance(chosen).regularize(prepared, frame);
        }
        return regularize(prepared, frame);
    }

    /**
     * A building's outline with what every fit of it shares: its shell's coordinates, edges and Douglas-Peucker
     * splits, and its area.
     */
    record Outline(Polygon input, RingSplits shell, double area) {
        Outline(Polygon input) {
            this(input, new RingSplits(RingGeometry.of(input.getExteriorRing())), input.getArea());
        }
    }

    private BuildingRegularizer withTolerance(double tolerance) {
        return new BuildingRegularizer(parameters.withTolerance(tolerance));
    }

    /** The reference fit of the adaptive tolerance: this regularizer's fixed tolerance on a prepared outline. */
    RegularizedBuilding regularize(Outline prepared, Envelope frame) {
        Polygon input = prepared.input();
        RegularizationMethod method = parameters.method();
        GeometryFactory factory = input.getFactory();
        switch (method) {
            case NONE:
                return new RegularizedBuilding(input, RegularizationMethod.NONE, true);
            case ANY_ANGLE: {
                Polygon simplified = simplify(prepared);
                return simplified != null
                        ? new RegularizedBuilding(simplified, RegularizationMethod.ANY_ANGLE, true)
                        : new RegularizedBuilding(input, RegularizationMethod.NONE, false);
            }
            case CIRCLE: {
                Polygon circle = circle(prepared, factory);
                return circle != null ? new RegularizedBuilding(circle, RegularizationMethod.CIRCLE, true)
                        : fallback(prepared);
            }
            default:
                break;
        }
        int directions = method == RegularizationMethod.RIGHT_ANGLES_AND_DIAGONALS ? 8 : 4;
        RingGeometry shell = prepared.shell().ring();
        double tol = parameters.tolerance();
        int[] coarse = prepared.shell().breakpoints(tol * 0.5);
        if (parameters.circleCompactness() <= 1 && coarse.length >= 6) {
            double compactness = compactness(shell, coarse);
            if (compactness >= parameters.circleCompactness()) {
                Polygon circle = circle(prepared, factory);
                if (circle != null) {
                    return new RegularizedBuilding(circle, RegularizationMethod.CIRCLE, true);
                }
            }
        }
        Polygon result = null;
        double primary = orientation(shell, coarser(shell, coarse, tol), frame);
        for (int attempt = 0; attempt < 2 && result == null; attempt++) {
            double orientation = attempt == 0 ? primary : minimumRectangleOrientation(input, primary);
            if (Double.isNaN(orientation)) {
                break;
            }
            // every edge snapped; then edges far off the allowed directions kept at their own angle; then also those
            // moderately off (a wall a few degrees askew over a long run breaks the tolerance when snapped)
            double angleTol = Math.toRadians(parameters.angleToleranceDegrees());
            Shell s = new Shell(prepared.shell(), coarse);
            result = snapped(input, s, orientation, directions, true, angleTol, frame);
            if (result == null) {
                result = snapped(input, s, orientation, directions, false, angleTol, frame);
            }
            if (result == null) {
                result = snapped(input, s, orientation, directions, false, angleTol / 4, frame);
            }
        }
        if (result == null) {
            return fallback(prepared);
        }
        return new RegularizedBuilding(result, method, true);
    }

    private Polygon toPolygon(Geometry outline) {
        if (outline.isEmpty()) {
            throw new IllegalArgumentException("cannot regularize an empty outline");
        }
        if (outline instanceof Polygon p) {
            return p;
        }
        if (outline instanceof MultiPolygon mp) {
            Geometry joined = joinAtCorners(mp);
            Polygon largest = null;
            for (int i = 0; i < joined.getNumGeometries(); i++) {
                Geometry g = joined.getGeometryN(i);
                if (g instanceof Polygon p && (largest == null || p.getArea() > largest.getArea())) {
                    largest = p;
                }
            }
            if (largest != null) {
                return largest;
            }
        }
        throw new IllegalArgumentException("cannot regularize a " + outline.getGeometryType() + ": a polygon is needed");
    }

    /**
     * Joins the parts of a multipolygon that touch at corners with a small diamond (radius half a unit) at each
     * touching point, so an 8-connected component becomes one polygon.
     */
    private static Geometry joinAtCorners(MultiPolygon mp) {
        GeometryFactory factory = mp.getFactory();
        List<Geometry> pieces = new ArrayList<>();
        for (int i = 0; i < mp.getNumGeometries(); i++) {
            pieces.add(mp.getGeometryN(i));
        }
        for (int i = 0; i < mp.getNumGeometries(); i++) {
            for (int j = i + 1; j < mp.getNumGeometries(); j++) {
                Geometry a = mp.getGeometryN(i);
                Geometry b = mp.getGeometryN(j);
                if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
                    continue;
                }
                Geometry touch = a.getBoundary().intersection(b.getBoundary());
                for (org.locationtech.jts.geom.Coordinate c : touch.getCoordinates()) {
                    pieces.add(factory.createPoint(c).buffer(0.5, 1));
                }
            }
        }
        return org.locationtech.jts.operation.union.UnaryUnionOp.union(pieces);
    }

    /** Tries the snapped fit at a coarse then a finer segmentation. */
    /** The shell as arrays, with its Douglas-Peucker breakpoints at half the tolerance: computed once a building. */
    private record Shell(RingSplits splits, int[] coarseBreaks) {
        RingGeometry ring() {
            return splits.ring();
        }
    }

    private Polygon snapped(Polygon input, Shell shell, double orientation, int directions, boolean forceSnap,
                            double angleTol, Envelope frame) {
        double tol = parameters.tolerance();
        for (double eps : new double[] {tol * 0.5, tol * 0.3}) {
            Polygon p = snappedAt(input, shell, orientation, directions, forceSnap, angleTol, eps, frame);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private Polygon snappedAt(Polygon input, Shell shell, double orientation, int directions, boolean forceSnap,
                              double angleTol, double eps, Envelope frame) {
        GeometryFactory factory = input.getFactory();
        double tol = parameters.tolerance();
        int budget = vertexCount(input);
        List<LinearRing> rings = new ArrayList<>(1 + input.getNumInteriorRing());
        int used = 0;
        for (int r = 0; r <= input.getNumInteriorRing(); r++) {
            LinearRing in = r == 0 ? input.getExteriorRing() : input.getInteriorRingN(r - 1);
            RingGeometry ring = r == 0 ? shell.ring() : RingGeometry.of(in);
            RingGeometry fitted = null;
            if (ring.n >= 4) {
                int[] breaks = r != 0 ? ClosedRingSimplifier.breakpoints(ring, eps)
                        : eps == tol * 0.5 ? shell.coarseBreaks()
                        : shell.splits().breakpoints(eps);
                if (breaks.length >= 3) {
                    fitted = new SnappedRingFitter(ring, orientation, directions, angleTol,
                            parameters.minEdgeLength(), forceSnap, frame).fit(breaks);
                }
            }
            if (fitted == null || !fitted.isSimple() || fitted.n > ring.n || !closeEnough(fitted, ring, tol)) {
                if (r == 0) {
                    return null;
                }
                // a hole that cannot be regularized is kept simplified, or as given
                fitted = simplifiedRing(in, tol);
            }
            used += fitted.n;
            rings.add(factory.createLinearRing(fitted.toClosedCoordinates()));
        }
        if (used > budget) {
            return null;
        }
        Polygon p = factory.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(new LinearRing[0]));
        if (input.getNumInteriorRing() > 0 && !p.isValid()) {
            return null;
        }
        if (frame != null && !frame.contains(p.getEnvelopeInternal())) {
            Geometry clipped = p.intersection(factory.toGeometry(frame));
            if (!(clipped instanceof Polygon c) || !c.isValid() || vertexCount(c) > budget
                    || !closeEnough(RingGeometry.of(c.getExteriorRing()), shell.ring(), tol)) {
                return null;
            }
            return c;
        }
        return p;
    }

    private RingGeometry simplifiedRing(LinearRing in, double tol) {
        Geometry s = TopologyPreservingSimplifier.simplify(in, tol * 0.5);
        if (s instanceof LinearRing lr && lr.getNumPoints() >= 4) {
            return RingGeometry.of(lr);
        }
        return RingGeometry.of(in);
    }

    private static boolean closeEnough(RingGeometry a, RingGeometry b, double tol) {
        double step = tol * SAMPLE_STEP;
        double bound = tol - step / 2;
        // the input's noise is what usually breaks the tolerance, so check from the input first: failures end sooner
        return b.within(a, bound, step) && a.within(b, bound, step);
    }

    private static int vertexCount(Polygon p) {
        int n = p.getExteriorRing().getNumPoints() - 1;
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            n += p.getInteriorRingN(i).getNumPoints() - 1;
        }
        return n;
    }

    /**
     * The second orientation to try when the first fails: the minimum-area rectangle's, or NaN when it is within 2
     * degrees of the first. The first is the mean wall direction of the outline simplified at the tolerance (long
     * walls weigh most, so pixel steps and noise do not pull it towards the raster axes).
     */
    private static double minimumRectangleOrientation(Polygon input, double primary) {
        Geometry mar = org.locationtech.jts.algorithm.MinimumAreaRectangle.getMinimumRectangle(input.getExteriorRing());
        if (mar instanceof Polygon rect && rect.getNumPoints() == 5) {
            org.locationtech.jts.geom.Coordinate[] c = rect.getCoordinates();
            double second = normalizeQuarter(Math.atan2(c[1].y - c[0].y, c[1].x - c[0].x));
            double gap = Math.abs(Math.IEEEremainder(second - primary, Math.PI / 2));
            if (gap > Math.toRadians(2)) {
                return second;
            }
        }
        return Double.NaN;
    }

    /**
     * Douglas-Peucker at {@code tol} run on the vertices kept at half of it rather than on the whole outline: nearly
     * the same breakpoints (each kept vertex is within tol/2 of the outline) at a fraction of the cost.
     */
    private static int[] coarser(RingGeometry ring, int[] fine, double tol) {
        double[] x = new double[fine.length];
        double[] y = new double[fine.length];
        for (int i = 0; i < fine.length; i++) {
            x[i] = ring.x[fine[i]];
            y[i] = ring.y[fine[i]];
        }
        int[] kept = ClosedRingSimplifier.breakpoints(new RingGeometry(x, y, fine.length), tol);
        int[] out = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = fine[kept[i]];
        }
        return out;
    }

    private static double normalizeQuarter(double a) {
        double quarter = Math.PI / 2;
        a %= quarter;
        return a < 0 ? a + quarter : a;
    }

    /** Dominant orientation in [0, π/2): mean of 4θ over the simplified edges weighted by squared length, refined. */
    static double orientation(RingGeometry ring, int[] breaks, Envelope frame) {
        int m = breaks.length;
        double[] angle = new double[m];
        double[] length = new double[m];
        for (int i = 0; i < m; i++) {
            int a = breaks[i];
            int b = breaks[(i + 1) % m];
            double dx = ring.x[b] - ring.x[a];
            double dy = ring.y[b] - ring.y[a];
            angle[i] = Math.atan2(dy, dx);
            // an edge along the image border is where the image cuts the building: it says nothing of its walls
            boolean onFrame = frame != null && SnappedRingFitter.sameSide(frame, ring.x[a], ring.y[a], ring.x[b], ring.y[b]);
            length[i] = onFrame ? 0 : RingGeometry.hypot(dx, dy);
        }
        double theta = meanQuarterAngle(angle, length, Double.NaN, 0);
        // refine on the edges that agree with the first estimate (diagonal or odd walls out)
        double refined = meanQuarterAngle(angle, length, theta, Math.toRadians(15));
        double result = Double.isNaN(refined) ? theta : refined;
        return normalizeQuarter(result);
    }

    private static double meanQuarterAngle(double[] angle, double[] length, double around, double within) {
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < angle.length; i++) {
            if (!Double.isNaN(around)) {
                double d = Math.abs(Math.IEEEremainder(angle[i] - around, Math.PI / 2));
                if (d > within) {
                    continue;
                }
            }
            double w = length[i] * length[i];
            sx += w * Math.cos(4 * angle[i]);
            sy += w * Math.sin(4 * angle[i]);
        }
        if (sx == 0 && sy == 0) {
            return Double.NaN;
        }
        return Math.atan2(sy, sx) / 4;
    }

    private static double compactness(RingGeometry ring, int[] breaks) {
        double[] x = new double[breaks.length];
        double[] y = new double[breaks.length];
        for (int i = 0; i < breaks.length; i++) {
            x[i] = ring.x[breaks[i]];
            y[i] = ring.y[breaks[i]];
        }
        RingGeometry s = new RingGeometry(x, y, breaks.length);
        double p = s.perimeter();
        return p == 0 ? 0 : 4 * Math.PI * Math.abs(s.signedArea()) / (p * p);
    }

    /** A regular polygon of the input's area around its centroid, if within tolerance; holes are not kept. */
    private Polygon circle(Outline prepared, GeometryFactory factory) {
        Polygon input = prepared.input();
        if (input.getNumInteriorRing() > 0) {
            return null;
        }
        RingGeometry ring = prepared.shell().ring();
        double area = Math.abs(ring.signedArea());
        double tol = parameters.tolerance();
        org.locationtech.jts.geom.Point c = input.getCentroid();
        double r = Math.sqrt(area / Math.PI);
        // sides so that the sagitta r(1 - cos(π/k)) stays under a quarter of the tolerance
        double half = Math.acos(Math.max(-1, 1 - tol / (4 * r)));
        int k = (int) Math.ceil(Math.PI / Math.max(half, 1e-9));
        k = Math.max(8, Math.min(64, k));
        k = Math.min(k, ring.n);
        if (k < 8) {
            return null;
        }
        // radius so that the polygon's area equals the input's
        double rk = Math.sqrt(2 * area / (k * Math.sin(2 * Math.PI / k)));
        double[] x = new double[k];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            double a = 2 * Math.PI * i / k;
            x[i] = c.getX() + rk * Math.cos(a);
            y[i] = c.getY() + rk * Math.sin(a);
        }
        RingGeometry fitted = new RingGeometry(x, y, k);
        if (!closeEnough(fitted, ring, tol)) {
            return null;
        }
        return factory.createPolygon(fitted.toClosedCoordinates());
    }

    /**
     * Douglas-Peucker on each ring within the tolerance, verified (simple rings, valid polygon, distance); retried with
     * a smaller tolerance when a check fails.
     */
    private Polygon simplify(Outline prepared) {
        Polygon input = prepared.input();
        GeometryFactory factory = input.getFactory();
        double tol = parameters.tolerance();
        for (double eps : new double[] {tol * 0.9, tol * 0.5, tol * 0.25}) {
            LinearRing[] rings = new LinearRing[1 + input.getNumInteriorRing()];
            boolean ok = true;
            for (int r = 0; r < rings.length && ok; r++) {
                LinearRing in = r == 0 ? input.getExteriorRing() : input.getInteriorRingN(r - 1);
                RingGeometry ring = r == 0 ? prepared.shell().ring() : RingGeometry.of(in);
                int[] keep = r == 0 ? prepared.shell().breakpoints(eps) : ClosedRingSimplifier.breakpoints(ring, eps);
                if (keep.length < 3) {
                    ok = false;
                    break;
                }
                double[] x = new double[keep.length];
                double[] y = new double[keep.length];
                for (int i = 0; i < keep.length; i++) {
                    x[i] = ring.x[keep[i]];
                    y[i] = ring.y[keep[i]];
                }
                RingGeometry out = new RingGeometry(x, y, keep.length);
                ok = out.isSimple() && closeEnough(out, ring, tol);
                if (ok) {
                    rings[r] = factory.createLinearRing(out.toClosedCoordinates());
                }
            }
            if (!ok) {
                continue;
            }
            Polygon p = factory.createPolygon(rings[0], java.util.Arrays.copyOfRange(rings, 1, rings.length));
            if (rings.length == 1 || p.isValid()) {
                return p;
            }
        }
        return null;
    }

    private RegularizedBuilding fallback(Outline prepared) {
        Polygon input = prepared.input();
        Polygon simplified = simplify(prepared);
        if (simplified != null) {
            return new RegularizedBuilding(simplified, RegularizationMethod.ANY_ANGLE, false);
        }
        return new RegularizedBuilding(input, RegularizationMethod.NONE, false);
    }
}
