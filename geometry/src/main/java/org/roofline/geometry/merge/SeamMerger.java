package org.roofline.geometry.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Merges building footprints found in overlapping tiles into one footprint per building: duplicates (the same
 * building seen whole by two tiles) collapse to the best candidate, and the parts of a building cut by tile seams are
 * united.
 *
 * <p><b>Which candidates are the same building.</b> Two candidates from <em>different</em> tiles are linked when
 * their intersection has positive area and
 * <ul>
 *   <li>their IoU is at least {@link Parameters#duplicateIoU()} (a duplicate), or</li>
 *   <li>the intersection covers at least {@link Parameters#containment()} of the smaller one (a partial view inside
 *       a whole one), or</li>
 *   <li>the intersection covers at least {@link Parameters#minSeamOverlap()} of the smaller one and comes within
 *       {@link Parameters#edgeDistance()} of both candidates' tile edges (distance between the intersection and the
 *       boundary of each one's {@link MergeCandidate#tileCore()}; 0 when it crosses it): two parts of a building cut
 *       by a seam, overlapping in the tiles' overlap band. Each part is cut where the other goes on, so their
 *       overlap reaches both cuts.</li>
 * </ul>
 * Candidates of the same tile are never linked (a model does not report a building twice in one tile; overlapping
 * detections there are separate buildings or the regularizer's business), nor are candidates that merely touch: a
 * positive intersection <em>area</em> is required, never just {@code intersects}, which is true of two houses sharing
 * a wall. Requiring the overlap itself (not merely each candidate somewhere) to reach both tile edges keeps apart
 * two neighbours whose regularized walls overlap by a sliver: a party wall near one tile's edge, with one of the
 * houses cut by the other tile's edge, would otherwise chain two buildings into one group (and, through their
 * duplicates, into one union). A sliver can still link them where the tiles overlap by little more than the
 * sliver is wide and the wall lies in that band; tiles overlapping by tens of pixels rule that out.
 *
 * <p><b>Why union-find.</b> "Same building" is not transitive: a long building cut by two seams has parts A, B, C
 * where A overlaps B and B overlaps C but A and C are disjoint. The buildings are the connected components of the
 * link graph, which a {@link DisjointSet} gathers in near-linear time as links are found, without materializing the
 * graph. The candidate pairs come from an {@link STRtree} over the candidates' envelopes, so only pairs whose
 * envelopes intersect are ever compared: the cost is {@code O(n log n)} plus one polygon overlay per nearby pair from
 * different tiles, not {@code n²}.
 *
 * <p><b>Resolving a group</b> of linked candidates:
 * <ol>
 *   <li>a single candidate is kept as is ({@link MergedFootprint.Kind#SINGLE});</li>
 *   <li>otherwise let {@code U} be the union of the group. The best-scoring member (ties: larger area, then lower
 *       index) among those covering {@code U} well, {@code area(m) / area(U) >= }{@link Parameters#collapseIoU()}
 *       (that is their IoU with {@code U}), is kept ({@link MergedFootprint.Kind#DUPLICATE_COLLAPSED});</li>
 *   <li>if no member covers {@code U}, the group is a building cut by seams: {@code U} itself is the footprint, passed
 *       through the re-regularizer given to the constructor ({@link MergedFootprint.Kind#SEAM_UNION}).</li>
 * </ol>
 * The collapse threshold is deliberately separate from, and much higher than, the duplicate-link IoU: of two seam
 * parts that overlap in a band, the larger always covers more than half of the union, so a threshold of 0.5 would
 * keep half a building. With the default 0.9 at most 10% of a building can be lost, when one tile sees nearly all
 * of it; a lower-scoring but complete candidate is preferred over a higher-scoring partial one. The score of a
 * merged footprint is the group's highest.
 *
 * <p>The union of linked candidates is one polygon in exact arithmetic (linked pairs overlap in area). Should
 * floating-point overlay still produce several parts, they are closed with a tiny mitred buffer out and in
 * ({@code 1e-9} of the union's size); if that does not join them, the largest part is kept and the others dropped.
 *
 * <p>The output is deterministic: one footprint per group, ordered by the group's smallest candidate index.
 * Instances are immutable and thread-safe if the re-regularizer is.
 */
public final class SeamMerger {

    private final Parameters parameters;
    private final UnaryOperator<Polygon> reRegularizer;

    /** A merger with default parameters that leaves united seam parts as they are. */
    public SeamMerger() {
        this(Parameters.defaults());
    }

    /** A merger that leaves united seam parts as they are. */
    public SeamMerger(Parameters parameters) {
        this(parameters, UnaryOperator.identity());
    }

    /**
     * @param parameters    the thresholds
     * @param reRegularizer applied to every {@link MergedFootprint.Kind#SEAM_UNION} polygon (typically the building
     *                      regularizer, since the union of two regularized parts has a jog at the seam); must return a
     *                      non-null polygon
     */
    public SeamMerger(Parameters parameters, UnaryOperator<Polygon> reRegularizer) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.reRegularizer = Objects.requireNonNull(reRegularizer, "reRegularizer");
    }

    /** Merges with the default parameters and no re-regularization. */
    public static List<MergedFootprint> merge(List<MergeCandidate> candidates) {
        return new SeamMerger().apply(candidates);
    }

    public Parameters parameters() {
        return parameters;
    }

    /**
     * Merges the candidates.
     *
     * @return one footprint per building, ordered by smallest member index; every candidate is a member of exactly one
     */
    public List<MergedFootprint> apply(List<MergeCandidate> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        int n = candidates.size();
        Item[] items = new Item[n];
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            MergeCandidate c = Objects.requireNonNull(candidates.get(i), "candidate " + i);
            items[i] = new Item(i, c);
            tree.insert(items[i].envelope, items[i]);
        }
        DisjointSet sets = new DisjointSet(n);
        Map<Long, Double> linkIntersection = new HashMap<>();
        for (Item a : items) {
            for (Object o : tree.query(a.envelope)) {
                Item b = (Item) o;
                if (b.index <= a.index || b.candidate.tileId() == a.candidate.tileId()
                        || sets.connected(a.index, b.index)) {
                    continue;
                }
                Geometry overlap = OverlayNGRobust.overlay(a.candidate.polygon(), b.candidate.polygon(),
                        OverlayNG.INTERSECTION);
                double inter = overlap.getArea();
                if (inter > 0 && linked(a, b, overlap, inter)) {
                    sets.union(a.index, b.index);
                    linkIntersection.put(pairKey(a.index, b.index), inter);
                }
            }
        }
        List<int[]> groups = sets.groups();
        List<MergedFootprint> out = new ArrayList<>(groups.size());
        for (int[] group : groups) {
            out.add(resolve(group, items, linkIntersection));
        }
        return out;
    }

    private boolean linked(Item a, Item b, Geometry overlap, double inter) {
        double iou = inter / (a.area + b.area - inter);
        double ofSmaller = inter / Math.min(a.area, b.area);
        if (iou >= parameters.duplicateIoU() || ofSmaller >= parameters.containment()) {
            return true;
        }
        double d = parameters.edgeDistance();
        return ofSmaller >= parameters.minSeamOverlap() && a.touchesTileEdge(d) && b.touchesTileEdge(d)
                && a.nearTileEdge(overlap, d) && b.nearTileEdge(overlap, d);
    }

    private MergedFootprint resolve(int[] group, Item[] items, Map<Long, Double> linkIntersection) {
        if (group.length == 1) {
            MergeCandidate c = items[group[0]].candidate;
            return new MergedFootprint(c.polygon(), c.score(), group, MergedFootprint.Kind.SINGLE);
        }
        double maxScore = Double.NEGATIVE_INFINITY;
        for (int i : group) {
            maxScore = Math.max(maxScore, items[i].candidate.score());
        }
        Geometry union = null;
        double unionArea;
        if (group.length == 2) {
            Double inter = linkIntersection.get(pairKey(group[0], group[1]));
            unionArea = items[group[0]].area + items[group[1]].area - inter;
        } else {
            union = union(group, items);
            unionArea = union.getArea();
        }
        Item best = null;
        for (int i : group) {
            Item m = items[i];
            if (m.area / unionArea >= parameters.collapseIoU() && (best == null || better(m, best))) {
                best = m;
            }
        }
        if (best != null) {
            return new MergedFootprint(best.candidate.polygon(), maxScore, group,
                    MergedFootprint.Kind.DUPLICATE_COLLAPSED);
        }
        if (union == null) {
            union = union(group, items);
        }
        Polygon merged = Objects.requireNonNull(reRegularizer.apply(singlePolygon(union)),
                "re-regularizer returned null");
        return new MergedFootprint(merged, maxScore, group, MergedFootprint.Kind.SEAM_UNION);
    }

    /** Higher score; on a tie larger area; then lower index (members are visited in ascending index order). */
    private static boolean better(Item m, Item best) {
        int byScore = Double.compare(m.candidate.score(), best.candidate.score());
        if (byScore != 0) {
            return byScore > 0;
        }
        return m.area > best.area;
    }

    private static Geometry union(int[] group, Item[] items) {
        List<Geometry> parts = new ArrayList<>(group.length);
        for (int i : group) {
            parts.add(items[i].candidate.polygon());
        }
        GeometryFactory factory = items[group[0]].candidate.polygon().getFactory();
        return OverlayNGRobust.union(factory.buildGeometry(parts));
    }

    /** The union as one polygon: see the class comment. */
    static Polygon singlePolygon(Geometry union) {
        if (union instanceof Polygon p) {
            return p;
        }
        Envelope env = union.getEnvelopeInternal();
        double eps = 1e-9 * Math.max(1, Math.max(env.getWidth(), env.getHeight()));
        BufferParameters mitre = new BufferParameters(BufferParameters.DEFAULT_QUADRANT_SEGMENTS,
                BufferParameters.CAP_FLAT, BufferParameters.JOIN_MITRE, BufferParameters.DEFAULT_MITRE_LIMIT);
        Geometry closed = BufferOp.bufferOp(BufferOp.bufferOp(union, eps, mitre), -eps, mitre);
        if (closed instanceof Polygon p && !p.isEmpty()) {
            return p;
        }
        Geometry source = closed.isEmpty() ? union : closed;
        Polygon largest = null;
        for (int i = 0; i < source.getNumGeometries(); i++) {
            if (source.getGeometryN(i) instanceof Polygon p && (largest == null || p.getArea() > largest.getArea())) {
                largest = p;
            }
        }
        if (largest == null) {
            throw new IllegalStateException("union of seam parts has no polygon: " + union.getGeometryType());
        }
        return largest;
    }

    private static long pairKey(int i, int j) {
        return ((long) Math.min(i, j) << 32) | Math.max(i, j);
    }

    /** A candidate with its cached envelope, area and tile-edge test. */
    private static final class Item {
        final int index;
        final MergeCandidate candidate;
        final Envelope envelope;
        final double area;
        private final Envelope core;
        private Boolean touches;

        Item(int index, MergeCandidate candidate) {
            this.index = index;
            this.candidate = candidate;
            this.envelope = candidate.polygon().getEnvelopeInternal();
            this.area = candidate.polygon().getArea();
            this.core = candidate.tileCore();
        }

        /**
         * Whether the shell comes within {@code distance} of the tile core's boundary; false when it is unknown. A
         * quick test, cached: the overlap with a seam part must also pass {@link #nearTileEdge}.
         */
        boolean touchesTileEdge(double distance) {
            if (touches == null) {
                Polygon p = candidate.polygon();
                touches = core != null && distanceToCoreBoundary(p.getExteriorRing(), envelope) <= distance;
            }
            return touches;
        }

        /** Whether a geometry within the candidate comes within {@code distance} of its tile core's boundary. */
        boolean nearTileEdge(Geometry g, double distance) {
            return core != null && !g.isEmpty() && distanceToCoreBoundary(g, g.getEnvelopeInternal()) <= distance;
        }

        private double distanceToCoreBoundary(Geometry g, Envelope env) {
            if (core.contains(env)) {
                // Inside the rectangle the nearest point of a geometry to its boundary is an extreme vertex.
                return Math.min(Math.min(env.getMinX() - core.getMinX(), core.getMaxX() - env.getMaxX()),
                        Math.min(env.getMinY() - core.getMinY(), core.getMaxY() - env.getMaxY()));
            }
            Geometry coreBoundary = g.getFactory().toGeometry(core).getBoundary();
            return DistanceOp.distance(g, coreBoundary);
        }
    }

    /**
     * Thresholds of a {@link SeamMerger}. Ratios are in (0, 1]; distances in the candidates' units.
     *
     * @param duplicateIoU   IoU at or above which two candidates of different tiles are the same building (0.5)
     * @param containment    share of the smaller candidate covered by the other at or above which they are the same
     *                       building (0.8)
     * @param minSeamOverlap share of the smaller candidate covered by the other at or above which two candidates
     *                       whose overlap reaches both their tiles' edges are parts of one building cut by a seam (0.1)
     * @param edgeDistance   how close, at most, the overlap of two seam parts must come to each one's tile core
     *                       boundary to count as reaching that tile's edge (1.5); zero or positive
     * @param collapseIoU    IoU with the group's union at or above which a member is taken as the whole building
     *                       (0.9); see the class comment for why this is not {@code duplicateIoU}
     */
    public record Parameters(double duplicateIoU, double containment, double minSeamOverlap, double edgeDistance,
                             double collapseIoU) {

        public static final double DEFAULT_DUPLICATE_IOU = 0.5;
        public static final double DEFAULT_CONTAINMENT = 0.8;
        public static final double DEFAULT_MIN_SEAM_OVERLAP = 0.1;
        public static final double DEFAULT_EDGE_DISTANCE = 1.5;
        public static final double DEFAULT_COLLAPSE_IOU = 0.9;

        public Parameters {
            checkRatio("duplicate IoU", duplicateIoU);
            checkRatio("containment", containment);
            checkRatio("minimum seam overlap", minSeamOverlap);
            checkRatio("collapse IoU", collapseIoU);
            if (!(edgeDistance >= 0) || Double.isInfinite(edgeDistance)) {
                throw new IllegalArgumentException("edge distance must be zero or a positive number, was "
                        + edgeDistance);
            }
        }

        private static void checkRatio(String name, double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
            }
        }

        public static Parameters defaults() {
            return new Parameters(DEFAULT_DUPLICATE_IOU, DEFAULT_CONTAINMENT, DEFAULT_MIN_SEAM_OVERLAP,
                    DEFAULT_EDGE_DISTANCE, DEFAULT_COLLAPSE_IOU);
        }

        public Parameters withDuplicateIoU(double v) {
            return new Parameters(v, containment, minSeamOverlap, edgeDistance, collapseIoU);
        }

        public Parameters withContainment(double v) {
            return new Parameters(duplicateIoU, v, minSeamOverlap, edgeDistance, collapseIoU);
        }

        public Parameters withMinSeamOverlap(double v) {
            return new Parameters(duplicateIoU, containment, v, edgeDistance, collapseIoU);
        }

        public Parameters withEdgeDistance(double v) {
            return new Parameters(duplicateIoU, containment, minSeamOverlap, v, collapseIoU);
        }

        public Parameters withCollapseIoU(double v) {
            return new Parameters(duplicateIoU, containment, minSeamOverlap, edgeDistance, v);
        }
    }
}
