package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Merges footprints into one (one roof found as several pieces): the union of their polygons. The largest footprint
 * keeps its id, confidence, method, regularized flag and source, takes the union and the status
 * {@link ReviewStatus#EDITED}; the others are removed. Undo puts every original back.
 *
 * <p><b>Gaps.</b> Footprints that touch or overlap union to one polygon, which is used as it is. Footprints separated
 * by gaps (an extraction often leaves a pixel or two between the pieces of one roof) are bridged when every piece is
 * within {@code bridge} of another (measured in a working frame square on the ground, such as a local metric frame):
 * the union is <em>closed</em> there, dilated then eroded by half the gap limit with mitred corners, which fills the
 * gaps and any notch narrower than the limit, and leaves right-angled outer corners where they were. Pieces further
 * apart are refused ({@link #of} throws, saying how far apart they are) and nothing changes.
 */
public final class MergeFootprints extends ReviewCommand {

    /** The gap bridged by the editor's merge, in metres on the ground. */
    public static final double BRIDGE_METRES = 0.5;

    private final long keptId;
    private final List<Long> removedIds;
    private final Polygon merged;

    private MergeFootprints(long keptId, List<Long> removedIds, Polygon merged) {
        this.keptId = keptId;
        this.removedIds = List.copyOf(removedIds);
        this.merged = merged;
    }

    /**
     * A command merging footprints; the union is computed now, so footprints that cannot be merged are refused before
     * anything is run.
     *
     * @param footprints   two or more footprints, as they are in the model
     * @param bridge       the widest gap bridged, in working units (0: only touching footprints merge)
     * @param mapToWorking affine transform from map coordinates to a frame square on the ground, where {@code bridge}
     *                     is measured; null for map coordinates
     * @param unit         the working unit's name for messages ("m"), or null
     * @throws IllegalArgumentException with a message for the user when there are fewer than two footprints, or they
     *                                  do not make one polygon
     */
    public static MergeFootprints of(List<Footprint> footprints, double bridge, AffineTransformation mapToWorking,
                                     String unit) {
        if (footprints.size() < 2) {
            throw new IllegalArgumentException("select two or more footprints to merge");
        }
        if (!(bridge >= 0) || Double.isInfinite(bridge)) {
            throw new IllegalArgumentException("the bridged gap must be finite and >= 0, was " + bridge);
        }
        List<Footprint> bySize = new ArrayList<>(footprints);
        bySize.sort(Comparator.comparingDouble((Footprint f) -> f.polygon().getArea()).reversed());
        List<Polygon> polygons = bySize.stream().map(Footprint::polygon).toList();
        Polygon union = union(polygons, bridge, mapToWorking, unit);
        List<Long> removed = bySize.subList(1, bySize.size()).stream().map(Footprint::id).toList();
        return new MergeFootprints(bySize.get(0).id(), removed, union);
    }

    /**
     * The merged polygon (see the class comment); {@code unit} names the working unit in messages, or null.
     *
     * @throws IllegalArgumentException when the polygons do not make one valid polygon
     */
    public static Polygon union(List<Polygon> polygons, double bridge, AffineTransformation mapToWorking,
                                String unit) {
        Geometry u = UnaryUnionOp.union(new ArrayList<Geometry>(polygons));
        if (u instanceof Polygon p) {
            return GeometryCheck.requireValid(p);
        }
        AffineTransformation to = mapToWorking == null ? new AffineTransformation() : mapToWorking;
        AffineTransformation back = ReRegularize.inverse(to);
        Geometry w = to.transform(u);
        double gap = widestGapToJoin(w);
        if (gap > bridge) {
            String un = unit == null ? "" : " " + unit;
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the footprints do not touch (%.2f%s apart; gaps up to %.2f%s are bridged)", gap, un, bridge, un));
        }
        BufferParameters mitre = new BufferParameters(BufferParameters.DEFAULT_QUADRANT_SEGMENTS,
                BufferParameters.CAP_FLAT, BufferParameters.JOIN_MITRE, 10);
        double r = bridge / 2 * (1 + 1e-6);
        Geometry closed = BufferOp.bufferOp(BufferOp.bufferOp(w, r, mitre), -r, mitre);
        // the buffers leave collinear vertices along straight walls: drop those (far below a millimetre off)
        closed = TopologyPreservingSimplifier.simplify(closed, bridge * 1e-4);
        Geometry result = back.transform(closed);
        if (!(result instanceof Polygon p)) {
            throw new IllegalArgumentException("the footprints do not make one polygon, even with their gaps bridged");
        }
        return GeometryCheck.requireValid(p);
    }

    /**
     * The smallest distance at which the parts of {@code g} are all joined: the longest link of the cheapest tree
     * joining them (each part linked to the others by their distances).
     */
    private static double widestGapToJoin(Geometry g) {
        int n = g.getNumGeometries();
        boolean[] in = new boolean[n];
        double[] best = new double[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        double widest = 0;
        for (int k = 0; k < n; k++) {
            int next = -1;
            for (int i = 0; i < n; i++) {
                if (!in[i] && (next < 0 || best[i] < best[next])) {
                    next = i;
                }
            }
            in[next] = true;
            widest = Math.max(widest, best[next]);
            for (int i = 0; i < n; i++) {
                if (!in[i]) {
                    best[i] = Math.min(best[i], g.getGeometryN(next).distance(g.getGeometryN(i)));
                }
            }
        }
        return widest;
    }

    @Override
    protected Change compute(ReviewModel m) {
        Footprint kept = m.footprint(keptId);
        if (kept == null) {
            throw new IllegalArgumentException("no footprint " + keptId);
        }
        existing(m, removedIds);
        return new Change(List.of(kept.withPolygon(merged).withStatus(ReviewStatus.EDITED, m.clock().instant())),
                removedIds);
    }

    /** The footprint that holds the merged polygon. */
    public long keptId() {
        return keptId;
    }

    /** The merged polygon. */
    public Polygon merged() {
        return merged;
    }

    @Override
    public String description() {
        return "Merge " + plural(removedIds.size() + 1, "footprint") + " into " + keptId;
    }
}
