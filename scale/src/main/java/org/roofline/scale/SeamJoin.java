package org.roofline.scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.NoninvertibleTransformationException;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.roofline.geometry.merge.DisjointSet;
import org.roofline.geometry.merge.MergeCandidate;
import org.roofline.geometry.merge.MergedFootprint;
import org.roofline.geometry.merge.SeamMerger;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;

/**
 * Joins the footprints at the edges of units into buildings, in two steps, in the working pixels of the first part's
 * unit (the images of one run share a CRS; same-resolution imagery is assumed for the distances).
 * <ol>
 *   <li><b>Abutting units</b> (images that meet without overlap, like the tiles of a tile set): two parts of
 *       different units are one building when both come within {@link #ABUT_PIXELS} of the edge they share
 *       (each within that distance of the other's unit extent, and of its own) and within that distance of each other.
 *       The model saw each part up to its image's edge and no farther, so the parts meet at the seam with at most a
 *       small gap. Linked parts (a {@link DisjointSet}: a building across a corner has four) are united, the gap
 *       closed by a mitred buffer out and in, and re-regularized as the pipeline re-regularizes a seam union.</li>
 *   <li><b>Overlapping units</b> (overlapping images): the pipeline's own {@link SeamMerger}, each unit its tile, its
 *       extent the tile core: duplicates collapse, parts cut by a unit's edge are united.</li>
 * </ol>
 * A part that joins nothing comes out unchanged (the same bytes), so that one image gives exactly the local engine's
 * footprints. Each output part takes the smallest output position (unit, order) of its members.
 */
final class SeamJoin {

    /** How far apart, at most, two parts of a building may be across the seam of abutting units; working pixels. */
    static final double ABUT_PIXELS = 2.5;

    /** How much, at least, of the longer of two parts' stretches along a seam the other's must overlap. */
    static final double MIN_FACING = 0.7;

    private final UnaryOperator<Polygon> reRegularizer;
    private final SeamMerger merger;
    private final GeometryFactory factory = new GeometryFactory();

    SeamJoin(RegularizationParameters regularization) {
        if (regularization.method() == RegularizationMethod.NONE) {
            this.reRegularizer = UnaryOperator.identity();
        } else {
            BuildingRegularizer r = new BuildingRegularizer(regularization);
            this.reRegularizer = p -> {
                Polygon q = r.apply(p).polygon();
                return q == null || q.isEmpty() || !(q.getArea() > 0) ? p : q;
            };
        }
        this.merger = new SeamMerger(SeamMerger.Parameters.defaults(), reRegularizer);
    }

    /** One piece in the common pixel frame. */
    private record Piece(Part part, Polygon pixels, Envelope unitExtent, List<Part> members) {
    }

    List<Part> apply(List<Part> parts) {
        if (parts.isEmpty()) {
            return List.of();
        }
        parts = new ArrayList<>(parts);
        parts.sort(Comparator.comparingLong(Part::sortKey));
        AffineTransformation toMap = parts.get(0).pixelToMap();
        AffineTransformation toPixels;
        try {
            toPixels = toMap.getInverse();
        } catch (NoninvertibleTransformationException e) {
            throw new IllegalStateException("unit georeferencing is not invertible", e);
        }
        List<Piece> pieces = new ArrayList<>(parts.size());
        for (Part p : parts) {
            Polygon px = (Polygon) toPixels.transform(p.polygon(factory));
            Geometry ext = toPixels.transform(factory.toGeometry(p.extentEnvelope()));
            pieces.add(new Piece(p, px, ext.getEnvelopeInternal(), List.of(p)));
        }
        List<Piece> abutted = abut(pieces, toMap);
        return overlap(abutted, toMap);
    }

    /** Step 1: the parts of abutting units that meet at their shared edge, united. */
    private List<Piece> abut(List<Piece> pieces, AffineTransformation toMap) {
        int n = pieces.size();
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            Envelope e = new Envelope(pieces.get(i).pixels().getEnvelopeInternal());
            e.expandBy(ABUT_PIXELS);
            tree.insert(e, i);
        }
        DisjointSet sets = new DisjointSet(n);
        for (int i = 0; i < n; i++) {
            Piece a = pieces.get(i);
            for (Object o : tree.query(a.pixels().getEnvelopeInternal())) {
                int j = (Integer) o;
                Piece b = pieces.get(j);
                if (j == i || a.part().unit() == b.part().unit() || sets.connected(i, j) || !abutting(a, b)) {
                    continue;
                }
                if (DistanceOp.isWithinDistance(a.pixels(), b.pixels(), ABUT_PIXELS)
                        && nearBoundary(a.pixels(), b.unitExtent()) && nearBoundary(b.pixels(), a.unitExtent())
                        && nearBoundary(a.pixels(), a.unitExtent()) && nearBoundary(b.pixels(), b.unitExtent())
                        && facing(a, b)) {
                    sets.union(i, j);
                }
            }
        }
        List<Piece> out = new ArrayList<>();
        for (int[] group : sets.groups()) {
            if (group.length == 1) {
                out.add(pieces.get(group[0]));
                continue;
            }
            List<Geometry> grown = new ArrayList<>();
            List<Part> members = new ArrayList<>();
            double sum = 0;
            double area = 0;
            Envelope extent = new Envelope();
            for (int k : group) {
                Piece p = pieces.get(k);
                grown.add(BufferOp.bufferOp(p.pixels(), ABUT_PIXELS / 2, MITRE));
                members.add(p.part());
                double a = p.pixels().getArea();
                sum += a * p.part().confidence();
                area += a;
                extent.expandToInclude(p.unitExtent());
            }
            Geometry union = BufferOp.bufferOp(OverlayNGRobust.union(factory.buildGeometry(grown)),
                    -ABUT_PIXELS / 2, MITRE);
            Polygon joined = reRegularizer.apply(largest(union));
            Part first = members.get(0);
            Part part = new Part(first.unit(), first.order(), new WKBWriter().write(toMap.transform(joined)),
                    sum / area, first.method(), first.regularized(), first.source(), true, first.extent(),
                    first.toMap(), first.crs(), null);
            out.add(new Piece(part, joined, pieces.get(group[0]).unitExtent(), members));
        }
        return out;
    }

    /** Step 2: the seam merger over the pieces, each unit a tile. */
    private List<Part> overlap(List<Piece> pieces, AffineTransformation toMap) {
        List<MergeCandidate> candidates = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            candidates.add(new MergeCandidate(p.pixels(), p.part().confidence(), p.part().unit(), p.unitExtent()));
        }
        List<Part> out = new ArrayList<>(pieces.size());
        for (MergedFootprint m : merger.apply(candidates)) {
            int[] members = m.members();
            Piece first = pieces.get(members[0]);
            if (m.kind() != MergedFootprint.Kind.SEAM_UNION) {
                Piece kept = first;
                for (int i : members) {
                    if (pieces.get(i).pixels() == m.polygon()) {
                        kept = pieces.get(i);
                    }
                }
                Part k = kept.part();
                out.add(new Part(first.part().unit(), first.part().order(), k.wkb(), k.confidence(), k.method(),
                        k.regularized(), k.source(), false, k.extent(), k.toMap(), k.crs(), null));
                continue;
            }
            double sum = 0;
            double area = 0;
            for (int i : members) {
                double a = pieces.get(i).pixels().getArea();
                sum += a * pieces.get(i).part().confidence();
                area += a;
            }
            Part f = first.part();
            out.add(new Part(f.unit(), f.order(), new WKBWriter().write(toMap.transform(m.polygon())), sum / area,
                    f.method(), f.regularized(), f.source(), false, f.extent(), f.toMap(), f.crs(), null));
        }
        return out;
    }

    /** Whether two units meet without overlapping (by more than the abut distance) along at least one axis. */
    private static boolean abutting(Piece a, Piece b) {
        Envelope i = a.unitExtent().intersection(b.unitExtent());
        return i.isNull() || Math.min(i.getWidth(), i.getHeight()) <= ABUT_PIXELS;
    }

    /**
     * Whether two parts face each other across the seam their units share: where each meets the seam (its part
     * within the abut distance of the seam line), the two stretches along the seam overlap by at least
     * {@link #MIN_FACING} of the longer one. The two halves of a building cut by a seam meet it along the same
     * stretch; a small house beside a large roof across the seam does not. Units that meet only at a corner have no
     * seam to face across.
     */
    private static boolean facing(Piece a, Piece b) {
        Envelope ea = a.unitExtent();
        Envelope eb = b.unitExtent();
        boolean vertical;
        double at;
        if (Math.abs(ea.getMaxX() - eb.getMinX()) <= ABUT_PIXELS || Math.abs(eb.getMaxX() - ea.getMinX()) <= ABUT_PIXELS) {
            vertical = true;
            at = Math.abs(ea.getMaxX() - eb.getMinX()) <= ABUT_PIXELS ? (ea.getMaxX() + eb.getMinX()) / 2
                    : (eb.getMaxX() + ea.getMinX()) / 2;
            if (Math.min(ea.getMaxY(), eb.getMaxY()) - Math.max(ea.getMinY(), eb.getMinY()) <= ABUT_PIXELS) {
                return false;
            }
        } else if (Math.abs(ea.getMaxY() - eb.getMinY()) <= ABUT_PIXELS
                || Math.abs(eb.getMaxY() - ea.getMinY()) <= ABUT_PIXELS) {
            vertical = false;
            at = Math.abs(ea.getMaxY() - eb.getMinY()) <= ABUT_PIXELS ? (ea.getMaxY() + eb.getMinY()) / 2
                    : (eb.getMaxY() + ea.getMinY()) / 2;
            if (Math.min(ea.getMaxX(), eb.getMaxX()) - Math.max(ea.getMinX(), eb.getMinX()) <= ABUT_PIXELS) {
                return false;
            }
        } else {
            return false;
        }
        double[] sa = stretch(a.pixels(), vertical, at);
        double[] sb = stretch(b.pixels(), vertical, at);
        if (sa == null || sb == null) {
            return false;
        }
        double overlap = Math.min(sa[1], sb[1]) - Math.max(sa[0], sb[0]);
        return overlap >= MIN_FACING * Math.max(sa[1] - sa[0], sb[1] - sb[0]);
    }

    /** Where a part meets a seam line: its interval along the line within the abut distance of it, or null. */
    private static double[] stretch(Polygon p, boolean vertical, double at) {
        Envelope strip = vertical ? new Envelope(at - ABUT_PIXELS, at + ABUT_PIXELS, -1e300, 1e300)
                : new Envelope(-1e300, 1e300, at - ABUT_PIXELS, at + ABUT_PIXELS);
        Geometry clip = OverlayNGRobust.overlay(p, p.getFactory().toGeometry(strip),
                org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION);
        if (clip.isEmpty()) {
            return null;
        }
        Envelope e = clip.getEnvelopeInternal();
        return vertical ? new double[] {e.getMinY(), e.getMaxY()} : new double[] {e.getMinX(), e.getMaxX()};
    }

    /** Whether a polygon comes within the abut distance of a unit extent's boundary, from inside or outside. */
    private static boolean nearBoundary(Polygon p, Envelope extent) {
        Envelope e = p.getEnvelopeInternal();
        if (extent.contains(e)) {
            return Math.min(Math.min(e.getMinX() - extent.getMinX(), extent.getMaxX() - e.getMaxX()),
                    Math.min(e.getMinY() - extent.getMinY(), extent.getMaxY() - e.getMaxY())) <= ABUT_PIXELS;
        }
        return e.distance(extent) <= ABUT_PIXELS;
    }

    private static Polygon largest(Geometry g) {
        Polygon best = null;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p && (best == null || p.getArea() > best.getArea())) {
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalStateException("joined parts left no polygon");
        }
        return best;
    }

    private static final BufferParameters MITRE = new BufferParameters(BufferParameters.DEFAULT_QUADRANT_SEGMENTS,
            BufferParameters.CAP_FLAT, BufferParameters.JOIN_MITRE, BufferParameters.DEFAULT_MITRE_LIMIT);
}
