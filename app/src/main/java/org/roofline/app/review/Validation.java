package org.roofline.app.review;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Checks for "validation as you go": invalid outlines (self-intersections and the like), overlaps with other
 * footprints, and corners that are nearly but not quite square (likely a regularization miss).
 *
 * <p><b>Near-square corners.</b> A corner is flagged when its angle differs from 90&deg; by at least
 * {@link Thresholds#minDeviationDegrees()} and at most {@link Thresholds#maxDeviationDegrees()} (defaults 3 and 12):
 * below, it is square enough; above, it is a deliberate angle. The check is relative to the building's size: a corner
 * is only looked at when both its edges are at least {@link Thresholds#minEdgeFraction()} (default 0.1) of the
 * building's characteristic size &radic;area, so small jogs and pixel noise on a large building, whose direction is
 * ill-defined, are not flagged, while the same absolute edge on a small building is.
 *
 * <p><b>Rejected footprints take no part.</b> A {@link ReviewStatus#REJECTED} footprint has no issues and overlaps
 * nothing: it is not a building (a newly drawn outline replacing it is not flagged as overlapping it).
 */
public final class Validation {

    /** Thresholds of the corner check. */
    public record Thresholds(double minDeviationDegrees, double maxDeviationDegrees, double minEdgeFraction) {
        public static final Thresholds DEFAULT = new Thresholds(3, 12, 0.1);

        public Thresholds {
            if (!(minDeviationDegrees >= 0 && minDeviationDegrees <= maxDeviationDegrees && maxDeviationDegrees <= 90)) {
                throw new IllegalArgumentException("need 0 <= min <= max <= 90 degrees, was " + minDeviationDegrees
                        + ".." + maxDeviationDegrees);
            }
            if (!(minEdgeFraction >= 0)) {
                throw new IllegalArgumentException("minimum edge fraction must be >= 0, was " + minEdgeFraction);
            }
        }
    }

    /** What is wrong. */
    public enum Kind { INVALID, OVERLAP, NEAR_SQUARE_CORNER }

    /**
     * One issue.
     *
     * @param kind     what is wrong
     * @param message  for the reviewer
     * @param location where (a vertex, the validation error's point, or the overlap's interior point)
     * @param otherId  the other footprint for {@link Kind#OVERLAP}, else -1
     */
    public record Issue(Kind kind, String message, Coordinate location, long otherId) {
    }

    private Validation() {
    }

    public static List<Issue> of(Footprint f, FootprintIndex others) {
        return of(f, others, Thresholds.DEFAULT);
    }

    /**
     * @param others an index of the other footprints (may contain {@code f} itself, by id: it is skipped), or null to
     *               skip the overlap check
     */
    public static List<Issue> of(Footprint f, FootprintIndex others, Thresholds t) {
        return of(f, others, t, Frame.MAP);
    }

    /**
     * Where corner angles are measured and which edges are not the building's own.
     *
     * @param toGround map coordinates to a frame with equal scales on both axes (for longitude/latitude: longitudes
     *                 scaled by the cosine of the latitude), so that a right angle on the ground is one here; null
     *                 for the map coordinates themselves (a projected CRS)
     * @param cut      the image's extent in map coordinates: a corner on its border is where the image cuts the
     *                 building, not a corner of it, and is not checked; null for none
     */
    public record Frame(AffineTransformation toGround, Envelope cut) {
        public static final Frame MAP = new Frame(null, null);

        /** The frame of an image in a longitude/latitude CRS at a latitude (degrees), or projected when not. */
        public static Frame of(boolean geographic, double latitude, Envelope cut) {
            if (!geographic) {
                return new Frame(null, cut);
            }
            return new Frame(AffineTransformation.scaleInstance(Math.cos(Math.toRadians(latitude)), 1), cut);
        }
    }

    /**
     * The issues of a footprint, corners measured in {@code frame} (see {@link Frame}); none for a rejected footprint,
     * and rejected others are not overlaps.
     */
    public static List<Issue> of(Footprint f, FootprintIndex others, Thresholds t, Frame frame) {
        List<Issue> issues = new ArrayList<>();
        if (f.status() == ReviewStatus.REJECTED) {
            return issues;
        }
        Polygon p = f.polygon();
        TopologyValidationError err = new IsValidOp(p).getValidationError();
        if (err != null) {
            issues.add(new Issue(Kind.INVALID, err.getMessage(), err.getCoordinate(), -1));
        } else if (others != null) {
            for (Footprint g : others.overlapping(f)) {
                if (g.status() == ReviewStatus.REJECTED) {
                    continue;
                }
                Coordinate where;
                try {
                    where = p.intersection(g.polygon()).getInteriorPoint().getCoordinate();
                } catch (RuntimeException e) {
                    where = null;
                }
                issues.add(new Issue(Kind.OVERLAP, "overlaps footprint " + g.id(), where, g.id()));
            }
        }
        Polygon ground = frame.toGround() == null ? p : (Polygon) frame.toGround().transform(p);
        double onBorder = frame.cut() == null ? 0 : 1e-6 * Math.max(frame.cut().getWidth(), frame.cut().getHeight());
        corners(p.getExteriorRing(), ground.getExteriorRing(), ground, t, frame.cut(), onBorder, issues);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            corners(p.getInteriorRingN(i), ground.getInteriorRingN(i), ground, t, frame.cut(), onBorder, issues);
        }
        return issues;
    }

    private static boolean onBorder(Coordinate c, Envelope cut, double eps) {
        return cut != null && (Math.abs(c.x - cut.getMinX()) <= eps || Math.abs(c.x - cut.getMaxX()) <= eps
                || Math.abs(c.y - cut.getMinY()) <= eps || Math.abs(c.y - cut.getMaxY()) <= eps);
    }

    private static void corners(LineString mapRing, LineString ring, Polygon p, Thresholds t, Envelope cut,
                                double eps, List<Issue> issues) {
        Coordinate[] c = ring.getCoordinates();
        Coordinate[] m = mapRing.getCoordinates();
        int n = c.length - 1; // closed
        if (n < 3) {
            return;
        }
        double minEdge = t.minEdgeFraction() * Math.sqrt(Math.abs(p.getArea()));
        for (int i = 0; i < n; i++) {
            if (onBorder(m[i], cut, eps)) {
                continue; // a corner on the image's border is where the image cuts the building
            }
            Coordinate prev = c[(i - 1 + n) % n];
            Coordinate cur = c[i];
            Coordinate next = c[(i + 1) % n];
            double ax = prev.x - cur.x;
            double ay = prev.y - cur.y;
            double bx = next.x - cur.x;
            double by = next.y - cur.y;
            double la = Math.hypot(ax, ay);
            double lb = Math.hypot(bx, by);
            if (la == 0 || lb == 0 || la < minEdge || lb < minEdge) {
                continue;
            }
            double cos = Math.max(-1, Math.min(1, (ax * bx + ay * by) / (la * lb)));
            double angle = Math.toDegrees(Math.acos(cos));
            double dev = Math.abs(angle - 90);
            if (dev >= t.minDeviationDegrees() && dev <= t.maxDeviationDegrees()) {
                issues.add(new Issue(Kind.NEAR_SQUARE_CORNER,
                        String.format(java.util.Locale.ROOT, "corner of %.1f\u00b0, nearly but not square", angle),
                        new Coordinate(m[i]), -1));
            }
        }
    }
}
