package org.roofline.geometry.conflate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Estimates the shift between reference buildings and extracted footprints ({@link ImageryOffset}) from the pairs
 * {@link ReferenceMatcher} matched one to one ({@link Cardinality#ONE_TO_ONE} groups only: merged or split buildings
 * would pull the centroids).
 *
 * <p><b>Method.</b> First the component-wise median of the pairs' centroid shifts (robust to the few pairs that are
 * not the same building, or changed shape). Then a pattern search from there maximizing the summed intersection area
 * of the pairs, with steps halving from {@code step} down to {@code resolution}: the shift at which the outlines lie
 * best on each other, which the centroids of differently traced outlines only approximate. {@link #estimate(List,
 * List, ReferenceMatcher)} repeats match and estimate on the shifted reference (up to {@value #ROUNDS} rounds) so a
 * shift of a large share of a building's size, which loses or mixes up pairs, is recovered.
 *
 * <p><b>Limits.</b> A shift larger than the buildings (so that shifted outlines overlap their neighbours more than
 * themselves) cannot be recovered from overlaps; the search climbs from the median to the nearest maximum. A rotation
 * or scale between reference and imagery is not modelled. At most {@value #MAX_SEARCH_PAIRS} pairs (evenly spread
 * over the input order) are overlaid in the search, which bounds its cost (about 50 evaluations of that many overlays
 * per round, whatever the size of the map); the median uses all.
 *
 * <p>Invalid geometries are repaired with JTS {@link GeometryFixer} for the search (the inputs are not changed).
 * Instances are immutable and thread-safe.
 */
public final class OffsetEstimator {

    /** Match-and-estimate rounds of {@link #estimate(List, List, ReferenceMatcher)} at most. */
    public static final int ROUNDS = 3;

    /** Pairs overlaid in the pattern search at most. */
    public static final int MAX_SEARCH_PAIRS = 400;

    private final double step;
    private final double resolution;

    /** An estimator for coordinates in metres: first step 0.32 m, halved down to 0.02 m. */
    public OffsetEstimator() {
        this(0.32, 0.02);
    }

    /**
     * @param step       the first step of the pattern search, in CRS units
     * @param resolution the step at which the search stops, in CRS units, at most {@code step}
     * @throws IllegalArgumentException if either is not positive, or the resolution exceeds the step
     */
    public OffsetEstimator(double step, double resolution) {
        if (!(step > 0) || !(resolution > 0) || resolution > step) {
            throw new IllegalArgumentException("the step (" + step + ") and the resolution (" + resolution
                    + ") must be positive, the resolution no larger than the step");
        }
        this.step = step;
        this.resolution = resolution;
    }

    /**
     * Matches, estimates, shifts the reference and matches again until the estimate moves by less than the
     * resolution (at most {@value #ROUNDS} rounds).
     *
     * @return the total shift, with the pairs, spread and IoUs of the last round (IoU before: of the reference as
     *         given)
     */
    public ImageryOffset estimate(List<? extends Geometry> footprints, List<? extends Geometry> references,
            ReferenceMatcher matcher) {
        Objects.requireNonNull(matcher, "matcher");
        double dx = 0;
        double dy = 0;
        double iouBefore = Double.NaN;
        ImageryOffset last = null;
        List<? extends Geometry> shifted = references;
        for (int round = 0; round < ROUNDS; round++) {
            ImageryOffset o = estimate(footprints, shifted, matcher.match(footprints, shifted));
            if (round == 0) {
                iouBefore = o.iouBefore();
            }
            last = o;
            dx += o.dx();
            dy += o.dy();
            if (o.pairs() < ImageryOffset.MIN_PAIRS || o.length() < resolution) {
                break;
            }
            AffineTransformation t = AffineTransformation.translationInstance(dx, dy);
            shifted = references.stream().map(t::transform).toList();
        }
        return new ImageryOffset(dx, dy, last.pairs(), last.standardError(), iouBefore, last.iouAfter());
    }

    /**
     * Estimates the shift from the one-to-one pairs of a conflation of these footprints and references.
     *
     * @throws IllegalArgumentException if the conflation does not have as many footprints and references as given
     */
    public ImageryOffset estimate(List<? extends Geometry> footprints, List<? extends Geometry> references,
            Conflation conflation) {
        Objects.requireNonNull(footprints, "footprints");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(conflation, "conflation");
        if (conflation.footprints().size() != footprints.size()
                || conflation.references().size() != references.size()) {
            throw new IllegalArgumentException("the conflation has " + conflation.footprints().size()
                    + " footprints and " + conflation.references().size() + " references, not "
                    + footprints.size() + " and " + references.size());
        }
        List<Conflation.Pair> pairs = conflation.pairs(Cardinality.ONE_TO_ONE);
        int n = pairs.size();
        if (n == 0) {
            return ImageryOffset.none(0);
        }
        double[] sx = new double[n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            Coordinate a = footprints.get(pairs.get(i).footprint()).getCentroid().getCoordinate();
            Coordinate b = references.get(pairs.get(i).reference()).getCentroid().getCoordinate();
            sx[i] = a.x - b.x;
            sy[i] = a.y - b.y;
        }
        double mx = median(sx);
        double my = median(sy);

        List<Geometry[]> search = new ArrayList<>();
        int stride = Math.max(1, (int) Math.ceil(n / (double) MAX_SEARCH_PAIRS));
        for (int i = 0; i < n; i += stride) {
            search.add(new Geometry[] {valid(footprints.get(pairs.get(i).footprint())),
                valid(references.get(pairs.get(i).reference()))});
        }
        double bx = mx;
        double by = my;
        double best = overlap(search, bx, by);
        for (double s = step; s >= resolution * 0.999; s /= 2) {
            boolean moved = true;
            for (int guard = 0; moved && guard < 8; guard++) {
                moved = false;
                double cx = bx;
                double cy = by;
                for (int k = 0; k < 8; k++) {
                    double tx = cx + s * new int[] {1, -1, 0, 0, 1, 1, -1, -1}[k];
                    double ty = cy + s * new int[] {0, 0, 1, -1, 1, -1, 1, -1}[k];
                    double v = overlap(search, tx, ty);
                    if (v > best) {
                        best = v;
                        bx = tx;
                        by = ty;
                        moved = true;
                    }
                }
            }
        }
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = Math.max(Math.abs(sx[i] - bx), Math.abs(sy[i] - by));
        }
        double sigma = 1.4826 * median(residual);
        double standardError = 1.2533 * sigma / Math.sqrt(n);
        return new ImageryOffset(bx, by, n, standardError, meanIou(search, 0, 0), meanIou(search, bx, by));
    }

    /** The summed intersection area of the pairs with the reference shifted by (dx, dy). */
    private static double overlap(List<Geometry[]> pairs, double dx, double dy) {
        AffineTransformation t = AffineTransformation.translationInstance(dx, dy);
        return IntStream.range(0, pairs.size()).parallel().mapToDouble(i -> {
            Geometry[] p = pairs.get(i);
            return OverlayNGRobust.overlay(p[0], t.transform(p[1]), OverlayNG.INTERSECTION).getArea();
        }).sum();
    }

    private static double meanIou(List<Geometry[]> pairs, double dx, double dy) {
        AffineTransformation t = AffineTransformation.translationInstance(dx, dy);
        return IntStream.range(0, pairs.size()).parallel().mapToDouble(i -> {
            Geometry[] p = pairs.get(i);
            Geometry r = t.transform(p[1]);
            double inter = OverlayNGRobust.overlay(p[0], r, OverlayNG.INTERSECTION).getArea();
            double union = p[0].getArea() + r.getArea() - inter;
            return union > 0 ? inter / union : 0;
        }).average().orElse(0);
    }

    private static Geometry valid(Geometry g) {
        return g.isValid() ? g : GeometryFixer.fix(g);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
