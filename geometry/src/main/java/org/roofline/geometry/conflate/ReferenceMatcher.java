package org.roofline.geometry.conflate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.roofline.geometry.merge.DisjointSet;

/**
 * Matches extracted footprints against reference buildings (an existing map) and gives each a {@link ChangeClass}.
 *
 * <p><b>Overlaps.</b> A footprint and a reference building overlap when they share at least {@code minOverlap}
 * (default {@value #DEFAULT_MIN_OVERLAP}) of the smaller one's area. Candidates come from a JTS {@link STRtree} over
 * the references, never from comparing all pairs, and a pair whose envelopes cannot share that much is not overlaid.
 * The share keeps a footprint that grazes its neighbour's wall (a few centimetres of a shared wall traced on both
 * sides) from linking the two houses; anything smaller than the share counts as no overlap at all.
 *
 * <p><b>Groups and classes.</b> Overlaps link footprints and references into groups (connected components). A
 * footprint alone is {@link ChangeClass#NEW}, a reference building alone {@link ChangeClass#NOT_FOUND}. In a group of
 * one footprint and one reference ({@link Cardinality#ONE_TO_ONE}) both are {@link ChangeClass#UNCHANGED} when their
 * IoU is at least the threshold, else {@link ChangeClass#CHANGED}. Every member of a larger group (one footprint over
 * several references, several over one, or a chain) is {@code CHANGED}, with its {@link Cardinality}.
 *
 * <p><b>One-to-one partners.</b> Within the groups, overlapping pairs are taken greedily by descending IoU, each
 * building at most once (ties to the lower footprint index, then the lower reference index: deterministic for a given
 * input order); a building's partner is what "replace the reference geometry" replaces.
 *
 * <p><b>The threshold, {@value #DEFAULT_IOU_THRESHOLD} by default.</b> It is the IoU at which building-extraction
 * benchmarks (SpaceNet, CrowdAI) call two outlines the same building, and above it a footprint can have only one
 * partner (two references that do not overlap cannot each share more than half of it). A higher threshold would call
 * "changed" what is only tracing: an unregistered shift of 1 m on a 10 m house already brings its IoU to 0.82, 2.5 m
 * to 0.60, and a model's outline against a human's typically scores 0.6 to 0.85; a building that grew is caught when
 * it grew by more than its own area (IoU under 0.5) or joined a neighbour (a larger group). For stricter change
 * detection raise it (0.7 or so) after {@linkplain OffsetEstimator removing the offset}.
 *
 * <p><b>Input.</b> Polygons and MultiPolygons in one planar CRS (IoU and area shares are ratios, so the unit does not
 * matter; matching does not reproject). Invalid geometries are repaired with JTS {@link GeometryFixer} for the
 * computation (the inputs are not changed); empty ones overlap nothing. A null or non-polygonal geometry is an error.
 *
 * <p><b>Cost.</b> One STRtree query per footprint and one overlay per candidate pair, in parallel over the
 * footprints (the common fork-join pool): near-linear in the number of buildings when, as usual, each overlaps a few
 * others. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Conflation c = new ReferenceMatcher().match(footprints, osmBuildings);
 * c.footprint(0).changeClass(); // NEW, UNCHANGED or CHANGED
 * }</pre>
 */
public final class ReferenceMatcher {

    /** The IoU at or above which a one-to-one pair is unchanged, by default (see the class comment). */
    public static final double DEFAULT_IOU_THRESHOLD = 0.5;

    /** The share of the smaller building's area two buildings must share to overlap, by default. */
    public static final double DEFAULT_MIN_OVERLAP = 0.1;

    private final double iouThreshold;
    private final double minOverlap;

    /** A matcher with the default IoU threshold ({@value #DEFAULT_IOU_THRESHOLD}) and overlap share. */
    public ReferenceMatcher() {
        this(DEFAULT_IOU_THRESHOLD, DEFAULT_MIN_OVERLAP);
    }

    /**
     * @param iouThreshold the IoU at or above which a one-to-one pair is unchanged, in (0, 1]
     * @param minOverlap   the share of the smaller building's area two buildings must share to overlap, in (0, 1]
     * @throws IllegalArgumentException if either is out of range or not a number
     */
    public ReferenceMatcher(double iouThreshold, double minOverlap) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("the IoU threshold must be in (0, 1], not " + iouThreshold);
        }
        if (!(minOverlap > 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("the minimum overlap share must be in (0, 1], not " + minOverlap);
        }
        this.iouThreshold = iouThreshold;
        this.minOverlap = minOverlap;
    }

    /** @return a matcher like this one with another IoU threshold, in (0, 1] */
    public ReferenceMatcher withIouThreshold(double threshold) {
        return new ReferenceMatcher(threshold, minOverlap);
    }

    public double iouThreshold() {
        return iouThreshold;
    }

    public double minOverlap() {
        return minOverlap;
    }

    /** An overlapping pair. */
    private record Edge(int footprint, int reference, double iou) {
    }

    /**
     * Matches footprints against reference buildings (see the class comment).
     *
     * @param footprints the extracted footprints, polygonal
     * @param references the reference buildings, polygonal, in the footprints' CRS
     * @return one match per footprint and per reference building, in the order given
     * @throws IllegalArgumentException naming the side and index of a null or non-polygonal geometry
     */
    public Conflation match(List<? extends Geometry> footprints, List<? extends Geometry> references) {
        Objects.requireNonNull(footprints, "footprints");
        Objects.requireNonNull(references, "references");
        Geometry[] fp = prepare(footprints, "footprint");
        Geometry[] ref = prepare(references, "reference building");
        double[] fpArea = areas(fp);
        double[] refArea = areas(ref);
        STRtree index = new STRtree();
        for (int r = 0; r < ref.length; r++) {
            if (refArea[r] > 0) {
                index.insert(ref[r].getEnvelopeInternal(), r);
            }
        }
        index.build();

        List<List<Edge>> perFootprint = IntStream.range(0, fp.length).parallel()
                .mapToObj(f -> overlaps(f, fp[f], fpArea[f], ref, refArea, index)).toList();
        List<Edge> edges = new ArrayList<>();
        perFootprint.forEach(edges::addAll);

        DisjointSet groups = new DisjointSet(fp.length + ref.length);
        for (Edge e : edges) {
            groups.union(e.footprint, fp.length + e.reference);
        }
        int[] groupFootprints = new int[fp.length + ref.length];
        int[] groupReferences = new int[fp.length + ref.length];
        List<List<Integer>> fpOverlaps = lists(fp.length);
        List<List<Integer>> refOverlaps = lists(ref.length);
        for (Edge e : edges) {
            fpOverlaps.get(e.footprint).add(e.reference);
            refOverlaps.get(e.reference).add(e.footprint);
        }
        for (int f = 0; f < fp.length; f++) {
            groupFootprints[groups.find(f)]++;
        }
        for (int r = 0; r < ref.length; r++) {
            groupReferences[groups.find(fp.length + r)]++;
        }

        int[] fpPartner = filled(fp.length);
        int[] refPartner = filled(ref.length);
        double[] fpIou = new double[fp.length];
        double[] refIou = new double[ref.length];
        edges.sort(Comparator.comparingDouble(Edge::iou).reversed().thenComparingInt(Edge::footprint)
                .thenComparingInt(Edge::reference));
        for (Edge e : edges) {
            if (fpPartner[e.footprint] < 0 && refPartner[e.reference] < 0) {
                fpPartner[e.footprint] = e.reference;
                refPartner[e.reference] = e.footprint;
                fpIou[e.footprint] = e.iou;
                refIou[e.reference] = e.iou;
            }
        }

        List<Match> fpMatches = new ArrayList<>(fp.length);
        for (int f = 0; f < fp.length; f++) {
            int g = groups.find(f);
            Cardinality card = Cardinality.of(groupFootprints[g], groupReferences[g]);
            ChangeClass cls = card == Cardinality.NONE ? ChangeClass.NEW : classOf(card, fpIou[f]);
            fpOverlaps.get(f).sort(null);
            fpMatches.add(new Match(cls, card, fpPartner[f], fpIou[f], fpOverlaps.get(f)));
        }
        List<Match> refMatches = new ArrayList<>(ref.length);
        for (int r = 0; r < ref.length; r++) {
            int g = groups.find(fp.length + r);
            Cardinality card = Cardinality.of(groupFootprints[g], groupReferences[g]);
            ChangeClass cls = card == Cardinality.NONE ? ChangeClass.NOT_FOUND : classOf(card, refIou[r]);
            refOverlaps.get(r).sort(null);
            refMatches.add(new Match(cls, card, refPartner[r], refIou[r], refOverlaps.get(r)));
        }
        return new Conflation(fpMatches, refMatches, iouThreshold, minOverlap);
    }

    private ChangeClass classOf(Cardinality cardinality, double iou) {
        return cardinality == Cardinality.ONE_TO_ONE && iou >= iouThreshold ? ChangeClass.UNCHANGED
                : ChangeClass.CHANGED;
    }

    /** The references a footprint overlaps, with their IoUs. */
    private List<Edge> overlaps(int f, Geometry footprint, double area, Geometry[] ref, double[] refArea,
            STRtree index) {
        if (area <= 0) {
            return List.of();
        }
        Envelope env = footprint.getEnvelopeInternal();
        List<Edge> out = new ArrayList<>(2);
        @SuppressWarnings("unchecked")
        List<Integer> candidates = index.query(env);
        for (int r : candidates) {
            double needed = minOverlap * Math.min(area, refArea[r]);
            Envelope common = env.intersection(ref[r].getEnvelopeInternal());
            if (common.isNull() || common.getArea() < needed) {
                continue; // the envelopes cannot share that much
            }
            double inter = OverlayNGRobust.overlay(footprint, ref[r], OverlayNG.INTERSECTION).getArea();
            if (inter > 0 && inter >= needed) {
                double union = area + refArea[r] - inter;
                out.add(new Edge(f, r, Math.max(0, Math.min(1, inter / union))));
            }
        }
        return out;
    }

    private static Geometry[] prepare(List<? extends Geometry> geometries, String what) {
        Geometry[] out = new Geometry[geometries.size()];
        for (int i = 0; i < out.length; i++) {
            Geometry g = geometries.get(i);
            if (g == null) {
                throw new IllegalArgumentException(what + " " + i + " is null");
            }
            if (!(g instanceof Polygonal)) {
                throw new IllegalArgumentException(what + " " + i + " is a " + g.getGeometryType()
                        + ", not a Polygon or MultiPolygon");
            }
            out[i] = g.isEmpty() || g.isValid() ? g : GeometryFixer.fix(g);
        }
        return out;
    }

    private static double[] areas(Geometry[] geometries) {
        double[] out = new double[geometries.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = geometries[i].isEmpty() ? 0 : geometries[i].getArea();
        }
        return out;
    }

    private static List<List<Integer>> lists(int n) {
        List<List<Integer>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>(1));
        }
        return out;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, -1);
        return a;
    }
}
