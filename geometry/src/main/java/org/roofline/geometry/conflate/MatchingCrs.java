package org.roofline.geometry.conflate;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;

/**
 * The CRS to estimate an imagery offset in, so that it comes out in metres: a projected CRS as it is; a geographic one
 * replaced by WGS 84 / UTM in the zone of the data's centre. (Matching itself may run in any CRS: IoU and area shares
 * are ratios, unchanged by the affine distortion of a small area in degrees.)
 */
public final class MatchingCrs {

    private MatchingCrs() {
    }

    /**
     * @param crs    the data's CRS, or null (pixel coordinates: kept)
     * @param extent the data's extent in that CRS (null or empty: the CRS is kept)
     * @return {@code crs} when null or projected, else the UTM zone (EPSG 326xx north, 327xx south) of the extent's
     *         centre
     */
    public static Crs of(Crs crs, Envelope extent) {
        if (crs == null || !crs.isGeographic() || extent == null || extent.isNull()) {
            return crs;
        }
        Geometry centre = CrsTransform.of(crs, Crs.WGS84).transform(
                new GeometryFactory().createPoint(extent.centre()));
        double lon = centre.getCoordinate().x;
        double lat = centre.getCoordinate().y;
        int zone = Math.max(1, Math.min(60, (int) Math.floor((lon + 180) / 6) + 1));
        return Crs.epsg((lat >= 0 ? 32600 : 32700) + zone);
    }
}
