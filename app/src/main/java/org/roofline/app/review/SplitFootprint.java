package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Splits one footprint along a cut line drawn by the reviewer (a footprint that covers several roofs): each piece
 * becomes a footprint with status {@link ReviewStatus#EDITED} and the original's confidence, method, regularized flag
 * and source. The largest piece keeps the footprint's id; the others get fresh ids ({@link ReviewModel#nextFreeId()}
 * and up, when first applied). Undo puts the original footprint back (same id, status, attributes) and removes the
 * other pieces; redo gives the very same pieces and ids.
 *
 * <p><b>How the polygon is cut.</b> The polygon's boundary (shell and holes) and the cut line are noded together
 * (their union) and polygonized ({@link Polygonizer}); the faces whose interior point lies in the polygon are the
 * pieces. No buffering: the pieces share exactly the vertices where the line crosses the boundary, and their areas
 * add up to the polygon's. Parts of the line outside the polygon, or ending inside it without reaching the boundary
 * again, cut nothing. A line that does not cut the polygon in two is refused ({@link #of} throws).
 */
public final class SplitFootprint extends ReviewCommand {

    /** Relative area difference tolerated between the pieces' sum and the polygon (floating-point noding). */
    private static final double AREA_TOLERANCE = 1e-9;

    private final long id;
    private final List<Polygon> pieces; // largest first
    private List<Long> ids = List.of();

    private SplitFootprint(long id, List<Polygon> pieces) {
        this.id = id;
        this.pieces = List.copyOf(pieces);
    }

    /**
     * A command splitting a footprint along a line; the pieces are computed now, so a line that cuts nothing is
     * refused before anything is run.
     *
     * @param footprint the footprint to split, as it is in the model
     * @param cut       the cut line, in map coordinates
     * @throws IllegalArgumentException with a message for the user when the line does not cut the footprint in two or
     *                                  more valid pieces
     */
    public static SplitFootprint of(Footprint footprint, LineString cut) {
        return new SplitFootprint(footprint.id(), pieces(footprint.polygon(), cut, "footprint " + footprint.id()));
    }

    /**
     * The pieces of a polygon cut by a line, largest first (see the class comment).
     *
     * @param what names the polygon in messages ("footprint 12")
     * @throws IllegalArgumentException when the line does not cut the polygon in two or more valid pieces
     */
    public static List<Polygon> pieces(Polygon polygon, LineString cut, String what) {
        Objects.requireNonNull(polygon, "polygon");
        Objects.requireNonNull(cut, "cut");
        if (cut.isEmpty() || cut.getNumPoints() < 2) {
            throw new IllegalArgumentException("the cut line needs at least two points");
        }
        if (!cut.intersects(polygon)) {
            throw new IllegalArgumentException("the cut line does not cross " + what);
        }
        Geometry noded = polygon.getBoundary().union(cut);
        Polygonizer polygonizer = new Polygonizer();
        polygonizer.add(noded);
        List<Polygon> out = new ArrayList<>();
        for (Object o : polygonizer.getPolygons()) {
            Polygon face = (Polygon) o;
            if (face.getArea() > 0 && polygon.contains(face.getInteriorPoint())) {
                out.add(face);
            }
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("the cut line does not cross " + what
                    + " from edge to edge: draw it across the footprint, beyond both sides");
        }
        double sum = 0;
        for (Polygon p : out) {
            try {
                GeometryCheck.requireValid(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cutting " + what + " gives an " + e.getMessage());
            }
            sum += p.getArea();
        }
        if (Math.abs(sum - polygon.getArea()) > AREA_TOLERANCE * polygon.getArea() + 1e-18) {
            throw new IllegalArgumentException("cutting " + what + " loses area (" + sum + " of "
                    + polygon.getArea() + "); the outline may be invalid");
        }
        out.sort(Comparator.comparingDouble(Polygon::getArea).reversed());
        return List.copyOf(out);
    }

    @Override
    protected Change compute(ReviewModel m) {
        Footprint f = m.footprint(id);
        if (f == null) {
            throw new IllegalArgumentException("no footprint " + id);
        }
        var now = m.clock().instant();
        List<Footprint> out = new ArrayList<>(pieces.size());
        List<Long> newIds = new ArrayList<>(pieces.size());
        long next = m.nextFreeId();
        for (int i = 0; i < pieces.size(); i++) {
            long pieceId = i == 0 ? id : next++;
            newIds.add(pieceId);
            out.add(f.withId(pieceId).withPolygon(pieces.get(i)).withStatus(ReviewStatus.EDITED, now));
        }
        ids = List.copyOf(newIds);
        return new Change(out, List.of());
    }

    /** The pieces, largest first. */
    public List<Polygon> pieces() {
        return pieces;
    }

    /** The pieces' ids once applied (the split footprint's first), else empty. */
    public List<Long> ids() {
        return ids;
    }

    @Override
    public String description() {
        return "Split footprint " + id + " in " + pieces.size();
    }
}
