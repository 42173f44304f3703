package org.roofline.inference.imagery;

import java.util.Locale;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;

/**
 * Whether an image's extent lies on the earth in the CRS it is tagged with: georeferencing that puts it elsewhere (UTM
 * metres tagged EPSG:4326, an origin at 10<sup>9</sup> in EPSG:3857) would give footprints at latitude 3,737,000 or
 * piled at [180, 90].
 *
 * <p>Guarantee: in a geographic CRS the extent must lie within latitude ±90° and longitude -180°..360° (the 0..360
 * convention allowed); in a projected CRS every corner and edge midpoint must map to longitude/latitude and back to
 * within a metre of where it was (a point off the projection's earth does not come back). A CRS Roofline cannot
 * reproject is not judged.
 */
final class EarthExtentCheck {

    /** Slack for rounding at the edges of the geographic domain, in degrees. */
    private static final double DEGREES_SLACK = 1e-6;
    /** How far a projected point may move on the round trip through longitude/latitude, in CRS units. */
    private static final double ROUND_TRIP_TOLERANCE = 1.0;

    private EarthExtentCheck() {
    }

    /** @return why the extent cannot be on the earth in that CRS, one line; empty when it can */
    static Optional<String> problem(Crs crs, Envelope extent) {
        if (crs == null || extent == null || extent.isNull()) {
            return Optional.empty();
        }
        if (crs.isGeographic()) {
            boolean on = extent.getMinY() >= -90 - DEGREES_SLACK && extent.getMaxY() <= 90 + DEGREES_SLACK
                    && extent.getMinX() >= -180 - DEGREES_SLACK && extent.getMaxX() <= 360 + DEGREES_SLACK;
            return on ? Optional.empty() : Optional.of(offTheEarth(crs, extent, "longitude -180..360, latitude "
                    + "-90..90 degrees"));
        }
        if (!crs.canReproject()) {
            return Optional.empty();
        }
        CrsTransform there;
        CrsTransform back;
        try {
            there = CrsTransform.of(crs, Crs.WGS84);
            back = CrsTransform.of(Crs.WGS84, crs);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        double[] xs = {extent.getMinX(), (extent.getMinX() + extent.getMaxX()) / 2, extent.getMaxX()};
        double[] ys = {extent.getMinY(), (extent.getMinY() + extent.getMaxY()) / 2, extent.getMaxY()};
        for (double x : xs) {
            for (double y : ys) {
                Coordinate c = new Coordinate(x, y);
                try {
                    Coordinate lonLat = there.transform(c);
                    Coordinate again = back.transform(lonLat);
                    if (!(Math.abs(lonLat.y) <= 90) || !(c.distance(again) <= ROUND_TRIP_TOLERANCE)) {
                        return Optional.of(offTheEarth(crs, extent, "the point " + num(x) + ", " + num(y)
                                + " has no place on the earth in it"));
                    }
                } catch (IllegalArgumentException e) {
                    return Optional.of(offTheEarth(crs, extent, "the point " + num(x) + ", " + num(y)
                            + " has no place on the earth in it"));
                }
            }
        }
        return Optional.empty();
    }

    private static String offTheEarth(Crs crs, Envelope e, String why) {
        return "its georeferencing puts it off the earth: extent " + num(e.getMinX()) + ", " + num(e.getMinY())
                + " : " + num(e.getMaxX()) + ", " + num(e.getMaxY()) + " is outside where " + crs + " is defined ("
                + why + "); is the CRS or the origin wrong?";
    }

    private static String num(double v) {
        return Math.abs(v) >= 1e15 || v != Math.rint(v) ? String.format(Locale.ROOT, "%.6g", v)
                : Long.toString((long) v);
    }
}
