package org.roofline.inference.pipeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.merge.MergeCandidate;
import org.roofline.geometry.merge.MergedFootprint;
import org.roofline.geometry.merge.SeamMerger;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.inference.imagery.Georeferencing;

/**
 * Merges the candidates of overlapping blocks into a run's footprints: {@link SeamMerger} unites the parts of a
 * building cut by a seam and collapses buildings seen whole by two blocks; each group becomes a footprint in map
 * coordinates with its confidence (its member's for a single or collapsed one, the area-weighted mean of its parts'
 * for a seam union) and its outline before regularization. One per run, used alike by the final merge and by the
 * progressive merge ({@link ProgressiveMerge}), which is what makes the deliveries while a run goes on the result's
 * footprints.
 */
final class BlockMerger {

    /**
     * What a merge decided.
     *
     * @param footprints the finished footprints, in map coordinates, ids consecutive from the first id asked
     * @param originals  their outlines before regularization, in map coordinates, by id (ids without one absent)
     * @param undecided  the candidates of groups reaching past the frontier, in their order, for a later merge
     */
    record Merged(List<Footprint> footprints, Map<Long, Polygon> originals, List<BlockCandidate> undecided) {
    }

    private final SeamMerger merger;
    private final Georeferencing working;
    private final String source;

    /**
     * @param merger  the seam merger, with the re-regularization of merged outlines
     * @param working the georeferencing of the working pixels the candidates are in
     * @param source  the footprints' source (the image's file name)
     */
    BlockMerger(SeamMerger merger, Georeferencing working, String source) {
        this.merger = merger;
        this.working = working;
        this.source = source;
    }

    /**
     * The re-regularization of a merged outline with the post-processor's regularization: the outline as it is when
     * the method is none, or when regularizing leaves no area.
     */
    static UnaryOperator<Polygon> reRegularizer(RegularizationParameters regularization) {
        if (regularization.method() == RegularizationMethod.NONE) {
            return UnaryOperator.identity();
        }
        BuildingRegularizer regularizer = new BuildingRegularizer(regularization);
        return p -> {
            Polygon r = regularizer.apply(p).polygon();
            return r == null || r.isEmpty() || !(r.getArea() > 0) ? p : r;
        };
    }

    /**
     * Merges candidates and resolves the groups that lie wholly above a frontier.
     *
     * @param candidates with an area ({@link BlockCandidate#hasArea()}), in block order
     * @param frontier   the working-pixel y that no finished group may reach below (its members' largest y is at most
     *                   this); {@link Double#POSITIVE_INFINITY} to finish every group
     * @param firstId    the id of the first footprint finished
     */
    Merged merge(List<BlockCandidate> candidates, double frontier, long firstId) {
        List<MergeCandidate> mc = new ArrayList<>(candidates.size());
        for (BlockCandidate c : candidates) {
            mc.add(c.toMergeCandidate());
        }
        List<MergedFootprint> merged = merger.apply(mc);
        List<Footprint> done = new ArrayList<>(merged.size());
        Map<Long, Polygon> originals = new HashMap<>();
        BitSet keep = new BitSet(candidates.size());
        long id = firstId;
        for (MergedFootprint m : merged) {
            if (frontier < Double.POSITIVE_INFINITY && maxY(m, candidates) > frontier) {
                for (int i : m.members()) {
                    keep.set(i);
                }
                continue;
            }
            Footprint f = footprintOf(m, candidates, id);
            if (f == null) {
                continue;
            }
            id++;
            done.add(f);
            Polygon original = originalOf(m, candidates);
            if (original != null && working.toMap(original) instanceof Polygon p) {
                originals.put(f.id(), p);
            }
        }
        List<BlockCandidate> undecided = new ArrayList<>(keep.cardinality());
        for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
            undecided.add(candidates.get(i));
        }
        return new Merged(done, originals, undecided);
    }

    private static double maxY(MergedFootprint m, List<BlockCandidate> all) {
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i : m.members()) {
            maxY = Math.max(maxY, all.get(i).footprint().polygon().getEnvelopeInternal().getMaxY());
        }
        return maxY;
    }

    /** A merged group as a footprint in map coordinates, or null when georeferencing leaves no polygon. */
    private Footprint footprintOf(MergedFootprint m, List<BlockCandidate> all, long id) {
        int[] members = m.members();
        BlockCandidate first = all.get(members[0]);
        double confidence;
        Footprint like = first.footprint();
        if (m.kind() == MergedFootprint.Kind.SEAM_UNION) {
            double sum = 0;
            double area = 0;
            for (int i : members) {
                double a = all.get(i).footprint().polygon().getArea();
                sum += a * all.get(i).confidence();
                area += a;
            }
            confidence = sum / area;
        } else {
            confidence = first.confidence();
            for (int i : members) {
                if (all.get(i).footprint().polygon() == m.polygon()) {
                    confidence = all.get(i).confidence();
                    like = all.get(i).footprint();
                }
            }
        }
        Geometry g = working.toMap(m.polygon());
        if (!(g instanceof Polygon p)) {
            return null;
        }
        return new Footprint(id, p, ReviewStatus.PENDING, Math.max(0, Math.min(1, confidence)),
                like.method(), like.regularized(), source, null);
    }

    /** The outline before regularization of a merged group, in working pixels, or null when unknown. */
    private static Polygon originalOf(MergedFootprint m, List<BlockCandidate> all) {
        int[] members = m.members();
        if (m.kind() != MergedFootprint.Kind.SEAM_UNION) {
            for (int i : members) {
                if (all.get(i).footprint().polygon() == m.polygon()) {
                    return all.get(i).original();
                }
            }
            return all.get(members[0]).original();
        }
        List<Geometry> parts = new ArrayList<>(members.length);
        for (int i : members) {
            if (all.get(i).original() != null) {
                parts.add(all.get(i).original());
            }
        }
        return OriginalOutlines.union(parts);
    }
}
