package org.roofline.scale;

import java.io.Serializable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * What a unit hands back, one row per footprint (or one row saying the unit failed for good): serializable, the
 * polygon as WKB in the image's map coordinates.
 *
 * @param unit        the unit's index (its image's position)
 * @param order       the footprint's position in the unit's result (the local engine's id - 1)
 * @param wkb         the polygon, WKB, map coordinates
 * @param confidence  mean probability inside
 * @param method      the regularization method that made the outline
 * @param regularized whether regularization succeeded
 * @param source      the image's file name
 * @param edge        whether it comes within {@link UnitExtraction#EDGE_PIXELS} of the unit's edge (then it takes
 *                    part in the seam join; otherwise it is final)
 * @param extent      the unit's extent in map coordinates: minX, minY, maxX, maxY
 * @param toMap       the unit's working pixel to map transformation, JTS {@link AffineTransformation#getMatrixEntries}
 * @param crs         the image's CRS as WKT 1, or null when it has none
 * @param failure     null for a footprint; for a unit that failed for good, one line saying why (every other field
 *                    then empty)
 */
record Part(int unit, int order, byte[] wkb, double confidence, String method, boolean regularized, String source,
            boolean edge, double[] extent, double[] toMap, String crs, String failure) implements Serializable {

    static Part failed(int unit, String line) {
        return new Part(unit, -1, null, Double.NaN, null, false, null, false, null, null, null, line);
    }

    boolean isFailure() {
        return failure != null;
    }

    Polygon polygon(GeometryFactory factory) {
        try {
            return (Polygon) new WKBReader(factory).read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("bad WKB in unit " + unit, e);
        }
    }

    Envelope extentEnvelope() {
        return new Envelope(extent[0], extent[2], extent[1], extent[3]);
    }

    AffineTransformation pixelToMap() {
        double[] m = toMap;
        return new AffineTransformation(m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    /** The footprint it stands for, pending, with the given id. */
    Footprint footprint(long id, GeometryFactory factory) {
        return new Footprint(id, polygon(factory), ReviewStatus.PENDING, confidence, method, regularized, source, null);
    }

    /** The sort key of the output: units in order, footprints in their unit's order. */
    long sortKey() {
        return ((long) unit << 32) | (order & 0xffffffffL);
    }
}
