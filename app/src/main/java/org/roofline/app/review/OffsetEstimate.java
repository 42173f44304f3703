package org.roofline.app.review;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.conflate.ImageryOffset;
import org.roofline.geometry.conflate.MatchingCrs;
import org.roofline.geometry.conflate.OffsetEstimator;
import org.roofline.geometry.conflate.ReferenceMatcher;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The shift between a review's reference layer and its imagery, estimated with {@link OffsetEstimator} from the
 * footprints (rejected ones left out) and the reference buildings, in metres (in the UTM zone of the data when the
 * session's CRS is geographic, {@link MatchingCrs}), and the same shift in the session's map units, ready to apply as
 * one undoable command either way.
 *
 * @param offset the estimate in the working CRS (metres for a projected or geographic session; pixels without a CRS):
 *               adding it to the reference puts it on the footprints
 * @param dx     the shift in the session's map units, along x, at the data's centre
 * @param dy     the same along y
 * @param metres whether {@code offset} is in metres
 */
public record OffsetEstimate(ImageryOffset offset, double dx, double dy, boolean metres) {

    public OffsetEstimate {
        Objects.requireNonNull(offset, "offset");
    }

    /**
     * Estimates the offset of a review's reference.
     *
     * @param crs the session's CRS, or null for pixel coordinates
     * @throws IllegalArgumentException when the review has no reference layer
     */
    public static OffsetEstimate of(ReviewModel m, Crs crs) {
        if (!m.hasReference()) {
            throw new IllegalArgumentException("the review has no reference layer");
        }
        return of(footprintsOf(m), referencesOf(m), crs);
    }

    /** @return the footprints an estimate uses (rejected ones left out), copied: for {@link #of(List, List, Crs)} */
    public static List<Geometry> footprintsOf(ReviewModel m) {
        return m.footprints().stream().filter(f -> f.status() != ReviewStatus.REJECTED)
                .map(Footprint::polygon).map(Geometry.class::cast).toList();
    }

    /** @return the reference's outlines, copied: for {@link #of(List, List, Crs)} */
    public static List<Geometry> referencesOf(ReviewModel m) {
        return m.references().stream().map(ReferenceBuilding::geometry).toList();
    }

    /**
     * Estimates from copies of a review's outlines ({@link #footprintsOf}, {@link #referencesOf}): on any thread.
     *
     * @param crs the session's CRS, or null for pixel coordinates
     */
    public static OffsetEstimate of(List<Geometry> fp, List<Geometry> ref, Crs crs) {
        Envelope extent = new Envelope();
        fp.forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
        ref.forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
        Crs working = MatchingCrs.of(crs, extent);
        boolean reproject = working != null && !working.equals(crs);
        CrsTransform to = reproject ? CrsTransform.of(crs, working) : null;
        List<Geometry> fpW = to == null ? fp : fp.stream().map(to::transform).toList();
        List<Geometry> refW = to == null ? ref : ref.stream().map(to::transform).toList();
        ImageryOffset o = new OffsetEstimator().estimate(fpW, refW, new ReferenceMatcher());
        double dx = o.dx();
        double dy = o.dy();
        if (to != null && !extent.isNull()) {
            GeometryFactory gf = new GeometryFactory();
            Coordinate c = to.transform(gf.createPoint(extent.centre())).getCoordinate();
            Coordinate back = CrsTransform.of(working, crs).transform(gf.createPoint(
                    new Coordinate(c.x + o.dx(), c.y + o.dy()))).getCoordinate();
            dx = back.x - extent.centre().x;
            dy = back.y - extent.centre().y;
        }
        return new OffsetEstimate(o, dx, dy, crs != null);
    }

    /** @return the shift as people read it: {@code 1.50 m east, 0.02 m north} (or px without a CRS) */
    public String shiftText() {
        String unit = metres ? "m" : "px";
        return String.format(Locale.ROOT, "%.2f %s %s, %.2f %s %s", Math.abs(offset.dx()), unit,
                offset.dx() >= 0 ? "east" : "west", Math.abs(offset.dy()), unit, offset.dy() >= 0 ? "north" : "south");
    }

    /**
     * @return one line for the user: the shift, its standard error, the pairs, the mean IoU before and after, and
     *         whether it is significant
     */
    public String summary() {
        String unit = metres ? "m" : "px";
        return String.format(Locale.ROOT, "%s (± %.2f %s) from %d pairs, mean IoU %.2f -> %.2f: %s", shiftText(),
                offset.standardError(), unit, offset.pairs(), offset.iouBefore(), offset.iouAfter(),
                offset.significant() ? "significant" : "not significant");
    }

    /** @return the command that moves the reference onto the imagery */
    public MoveReference toReference() {
        return new MoveReference(dx, dy, shiftText());
    }

    /** @return the command that moves every footprint onto the reference (the opposite shift) */
    public MoveFootprints toFootprints() {
        OffsetEstimate opposite = new OffsetEstimate(offset.inverse(), -dx, -dy, metres);
        return MoveFootprints.all(-dx, -dy).describedAs(opposite.shiftText());
    }
}
