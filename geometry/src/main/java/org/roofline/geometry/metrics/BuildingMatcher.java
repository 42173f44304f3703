package org.roofline.geometry.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.roofline.geometry.merge.DisjointSet;

/**
 * Matches predicted building polygons one to one with ground-truth polygons at an IoU threshold, and scores the
 * result ({@link DetectionEvaluation}: precision, recall, F1, mean IoU of the matches, pixel IoU, C-IoU, N-ratio),
 * the way building-extraction benchmarks (SpaceNet, CrowdAI) count buildings found.
 *
 * <p><b>Matching rule.</b> A prediction and a truth are a candidate pair when their envelopes intersect (found
 * through a JTS {@link STRtree} over the truths, never by comparing all pairs) and their
 * {@linkplain PolygonMetrics#iou IoU} is at least the threshold (default 0.5; a pair at exactly the threshold
 * counts). Candidate pairs are taken greedily by descending IoU; a pair is accepted when neither its prediction nor
 * its truth was accepted before, so each polygon is matched at most once. Ties (equal IoUs, compared exactly) go to
 * the lower prediction index, then to the lower truth index: the result is deterministic for a given input order.
 * SpaceNet's reference code instead takes the predictions in file order, each with its best remaining truth; the two
 * rules agree whenever no prediction has two partners at or above the threshold, which is always the case above 0.5
 * when neither side overlaps itself (IoU above 0.5 means sharing more than half of the prediction's area, which two
 * disjoint truths cannot both do).
 *
 * <p><b>Input.</b> Polygons and MultiPolygons in one planar coordinate system (a projected CRS, pixels, or degrees:
 * IoU is a ratio of areas, which a local change of scale does not change). Null and empty geometries are skipped and
 * counted; invalid ones (self-intersecting rings such as a bow-tie) are repaired with JTS {@link GeometryFixer} and
 * counted, and skipped when repair leaves nothing. Any other geometry type is an error. Indexes in {@link Match}es
 * are positions in the collections as given, skipped ones included.
 *
 * <p><b>Extent.</b> {@link #withExtent} evaluates only within an area (an image's footprint): a polygon of either side
 * is kept when at least {@link #MIN_INSIDE_FRACTION half} of its area lies inside, and is then clipped to the
 * extent; others are dropped and counted as outside. Truth labels are clipped at chip edges, so predictions are
 * treated alike.
 *
 * <p><b>Pixel IoU.</b> The unions of each side are computed as pieces with disjoint interiors (only polygons whose
 * interiors overlap are unioned, with JTS OverlayNG), and the intersection of the unions as the sum of the pieces'
 * pairwise intersections found through an STRtree; the result is the area-based IoU of the two unions.
 *
 * <p><b>Cost.</b> One IoU overlay per candidate pair whose area ratio allows the threshold (IoU is at most the smaller
 * area over the larger), one relate per pair of same-side polygons with intersecting envelopes, one overlay per
 * intersecting pair of pieces: near-linear in the number of buildings when, as usual, each overlaps a few others.
 *
 * <pre>{@code
 * DetectionEvaluation e = BuildingMatcher.evaluate(predictedPolygons, truthPolygons);
 * System.out.printf("P %.3f R %.3f F1 %.3f%n", e.precision(), e.recall(), e.f1());
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class BuildingMatcher {

    /** The IoU at or above which a prediction and a truth are the same building: 0.5, as in SpaceNet. */
    public static final double DEFAULT_IOU_THRESHOLD = 0.5;

    /** The share of a polygon's area that must lie inside the {@linkplain #withExtent extent} for it to be kept. */
    public static final double MIN_INSIDE_FRACTION = 0.5;

    /** The DE-9IM pattern of two geometries whose interiors intersect. */
    private static final String INTERIORS_INTERSECT = "T********";

    private final double iouThreshold;
    private final Geometry extent;
    private final PreparedGeometry preparedExtent;

    /** A matcher at the {@linkplain #DEFAULT_IOU_THRESHOLD default threshold}, 0.5, without extent. */
    public BuildingMatcher() {
        this(DEFAULT_IOU_THRESHOLD);
    }

    /**
     * @param iouThreshold the IoU at or above which a pair matches, in (0, 1]
     * @throws IllegalArgumentException if the threshold is outside (0, 1]
     */
    public BuildingMatcher(double iouThreshold) {
        this(checkThreshold(iouThreshold), null);
    }

    private BuildingMatcher(double iouThreshold, Geometry extent) {
        this.iouThreshold = iouThreshold;
        this.extent = extent;
        this.preparedExtent = extent == null ? null : PreparedGeometryFactory.prepare(extent);
    }

    static double checkThreshold(double iouThreshold) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be in (0, 1], was " + iouThreshold);
        }
        return iouThreshold;
    }

    /**
     * This matcher, evaluating only within an extent (see the class comment).
     *
     * @param extent a valid, non-empty Polygon or MultiPolygon in the coordinates of the polygons to evaluate
     * @throws IllegalArgumentException if the extent is empty, not polygonal or not valid
     */
    public BuildingMatcher withExtent(Geometry extent) {
        Objects.requireNonNull(extent, "extent");
        if (extent.isEmpty() || !(extent instanceof Polygonal)) {
            throw new IllegalArgumentException("extent must be a non-empty Polygon or MultiPolygon, was "
                    + (extent.isEmpty() ? "empty" : "a " + extent.getGeometryType()));
        }
        if (!extent.isValid()) {
            throw new IllegalArgumentException("extent must be a valid polygon");
        }
        return new BuildingMatcher(iouThreshold, extent.copy());
    }

    public double iouThreshold() {
        return iouThreshold;
    }

    /** @return the extent evaluated within, if any */
    public Optional<Geometry> extent() {
        return Optional.ofNullable(extent).map(Geometry::copy);
    }

    /**
     * Evaluates at the default threshold, without extent. See {@link #apply}.
     *
     * @throws IllegalArgumentException if a non-empty geometry is not a Polygon or MultiPolygon
     */
    public static DetectionEvaluation evaluate(Collection<? extends Geometry> predicted,
                                               Collection<? extends Geometry> truth) {
        return new BuildingMatcher().apply(predicted, truth).evaluation();
    }

    /**
     * Matches predictions with truths and scores the result.
     *
     * @param predicted predicted polygons; null and empty entries are skipped
     * @param truth     ground-truth polygons, in the same coordinates; null and empty entries are skipped
     * @throws IllegalArgumentException if a non-empty geometry is not a Polygon or MultiPolygon; the message names
     *                                  the side and the index
     */
    public Result apply(Collection<? extends Geometry> predicted, Collection<? extends Geometry> truth) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(truth, "truth");
        Side p = prepare(predicted, "prediction");
        Side t = prepare(truth, "truth");

        List<Match> matches = match(p, t);
        double iouSum = 0;
        for (Match m : matches) {
            iouSum += m.iou();
        }

        List<Geometry> predictedPieces = disjointPieces(p.polygons);
        List<Geometry> truthPieces = disjointPieces(t.polygons);
        double predictedArea = area(predictedPieces);
        double truthArea = area(truthPieces);
        double intersection = Math.min(intersectionArea(predictedPieces, truthPieces),
                Math.min(predictedArea, truthArea));
        DetectionEvaluation evaluation = new DetectionEvaluation(iouThreshold, p.input(), t.input(), matches.size(),
                iouSum, predictedArea, truthArea, intersection, p.vertices, t.vertices);
        return new Result(matches, evaluation);
    }

    /** Greedy one-to-one matching by descending IoU over the candidate pairs. */
    private List<Match> match(Side p, Side t) {
        if (p.polygons.isEmpty() || t.polygons.isEmpty()) {
            return List.of();
        }
        STRtree tree = new STRtree();
        for (int j = 0; j < t.polygons.size(); j++) {
            tree.insert(t.polygons.get(j).getEnvelopeInternal(), j);
        }
        tree.build();
        List<Match> candidates = new ArrayList<>();
        for (int i = 0; i < p.polygons.size(); i++) {
            Geometry a = p.polygons.get(i);
            double areaA = a.getArea();
            for (Object o : tree.query(a.getEnvelopeInternal())) {
                int j = (Integer) o;
                Geometry b = t.polygons.get(j);
                double areaB = b.getArea();
                // IoU <= min area / max area: skip the overlay when even containment cannot reach the threshold
                // (with a margin, so that rounding never drops a pair whose computed IoU reaches it)
                if (Math.min(areaA, areaB) < iouThreshold * Math.max(areaA, areaB) * (1 - 1e-9)) {
                    continue;
                }
                double iou = PolygonMetrics.iou(a, b);
                if (iou >= iouThreshold) {
                    candidates.add(new Match(i, j, iou));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Match::iou).reversed()
                .thenComparingInt(Match::predicted).thenComparingInt(Match::truth));
        // Candidates hold positions in the sides' lists, which keep the input order: the tie-break by them is the
        // tie-break by input position.
        List<Match> matches = new ArrayList<>();
        boolean[] usedP = new boolean[p.polygons.size()];
        boolean[] usedT = new boolean[t.polygons.size()];
        for (Match c : candidates) {
            if (!usedP[c.predicted()] && !usedT[c.truth()]) {
                usedP[c.predicted()] = true;
                usedT[c.truth()] = true;
                matches.add(new Match(p.index[c.predicted()], t.index[c.truth()], c.iou()));
            }
        }
        return matches;
    }

    /**
     * The union of polygons as pieces with pairwise disjoint interiors: each group of polygons whose interiors overlap
     * (directly or through others) is unioned, and every other polygon is kept as it is. Touching polygons stay
     * apart: their interiors are disjoint. Cheaper than one union of everything when, as usual, few overlap.
     */
    private static List<Geometry> disjointPieces(List<Geometry> polygons) {
        int n = polygons.size();
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            tree.insert(polygons.get(i).getEnvelopeInternal(), i);
        }
        DisjointSet groups = new DisjointSet(n);
        for (int i = 0; i < n; i++) {
            Geometry a = polygons.get(i);
            for (Object o : tree.query(a.getEnvelopeInternal())) {
                int j = (Integer) o;
                if (j > i && !groups.connected(i, j) && RelateNG.relate(a, polygons.get(j), INTERIORS_INTERSECT)) {
                    groups.union(i, j);
                }
            }
        }
        List<Geometry> pieces = new ArrayList<>(groups.count());
        for (int[] group : groups.groups()) {
            if (group.length == 1) {
                pieces.add(polygons.get(group[0]));
            } else {
                List<Geometry> members = new ArrayList<>(group.length);
                for (int i : group) {
                    members.add(polygons.get(i));
                }
                pieces.add(OverlayNGRobust.union(members));
            }
        }
        return pieces;
    }

    private static double area(List<Geometry> pieces) {
        double area = 0;
        for (Geometry g : pieces) {
            area += g.getArea();
        }
        return area;
    }

    /**
     * The area of the intersection of two unions, each given as pieces with disjoint interiors: the sum of the areas
     * of the pieces' pairwise intersections, which have disjoint interiors too.
     */
    private static double intersectionArea(List<Geometry> a, List<Geometry> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        STRtree tree = new STRtree();
        for (Geometry g : b) {
            tree.insert(g.getEnvelopeInternal(), g);
        }
        double area = 0;
        for (Geometry g : a) {
            for (Object o : tree.query(g.getEnvelopeInternal())) {
                Geometry h = (Geometry) o;
                if (g.getEnvelopeInternal().intersects(h.getEnvelopeInternal())) {
                    area += OverlayNGRobust.overlay(g, h, OverlayNG.INTERSECTION).getArea();
                }
            }
        }
        return area;
    }

    /** The evaluated polygons of one side (repaired, clipped), with their input positions and counts. */
    private static final class Side {
        final List<Geometry> polygons = new ArrayList<>();
        int[] index = new int[16];
        long given;
        long repaired;
        long skipped;
        long outside;
        long vertices;

        void add(Geometry g, int position) {
            if (polygons.size() == index.length) {
                index = Arrays.copyOf(index, index.length * 2);
            }
            index[polygons.size()] = position;
            polygons.add(g);
            vertices += PolygonMetrics.vertexCount(g);
        }

        DetectionEvaluation.Input input() {
            return new DetectionEvaluation.Input(given, repaired, skipped, outside);
        }
    }

    private Side prepare(Collection<? extends Geometry> geometries, String name) {
        Side side = new Side();
        int position = 0;
        for (Geometry g : geometries) {
            int i = position++;
            side.given++;
            if (g == null || g.isEmpty()) {
                side.skipped++;
                continue;
            }
            if (!(g instanceof Polygonal)) {
                throw new IllegalArgumentException(name + " " + i + " is a " + g.getGeometryType()
                        + ", not a Polygon or MultiPolygon");
            }
            Geometry v = g;
            if (!g.isValid()) {
                v = polygonal(GeometryFixer.fix(g));
                if (v.isEmpty()) {
                    side.skipped++;
                    continue;
                }
                side.repaired++;
            }
            if (extent != null && !preparedExtent.covers(v)) {
                Geometry inside = preparedExtent.intersects(v)
                        ? polygonal(OverlayNGRobust.overlay(v, extent, OverlayNG.INTERSECTION))
                        : null;
                if (inside == null || inside.isEmpty() || inside.getArea() < MIN_INSIDE_FRACTION * v.getArea()) {
                    side.outside++;
                    continue;
                }
                v = inside;
            }
            side.add(v, i);
        }
        return side;
    }

    /** The polygonal part of an overlay or repair result (a Polygon, a MultiPolygon, or an empty Polygon). */
    private static Geometry polygonal(Geometry g) {
        if (g instanceof Polygonal) {
            return g;
        }
        @SuppressWarnings("unchecked")
        List<Polygon> polygons = (List<Polygon>) PolygonExtracter.getPolygons(g);
        polygons.removeIf(Geometry::isEmpty);
        return g.getFactory().buildGeometry(polygons.isEmpty() ? List.of(g.getFactory().createPolygon()) : polygons);
    }

    /**
     * One matched pair.
     *
     * @param predicted the prediction's position in the predicted collection as given
     * @param truth     the truth's position in the truth collection as given
     * @param iou       their IoU (after repair and clipping), at least the threshold
     */
    public record Match(int predicted, int truth, double iou) {
    }

    /**
     * The matching and its scores.
     *
     * @param matches    the matched pairs, in the order they were accepted (descending IoU, ties as the class comment
     *                   says)
     * @param evaluation the counts and figures
     */
    public record Result(List<Match> matches, DetectionEvaluation evaluation) {
        public Result {
            matches = List.copyOf(matches);
            Objects.requireNonNull(evaluation, "evaluation");
        }
    }
}
