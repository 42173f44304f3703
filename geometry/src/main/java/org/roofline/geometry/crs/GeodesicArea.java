package org.roofline.geometry.crs;

import java.util.Objects;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

/**
 * The true area of polygons, in square metres on the WGS 84 ellipsoid, whatever CRS their coordinates are in: the
 * vertices are reprojected to WGS 84 ({@link CrsTransform}) and the area of each ring is computed by Karney's
 * algorithm (GeographicLib's {@link PolygonArea}, accurate to a fraction of a square millimetre per ring), edges
 * being geodesics between the vertices. The areas of holes are subtracted, the parts of a MultiPolygon added.
 *
 * <p>The result differs from the planar area in a projected CRS by the projection's scale distortion (0.04% in a
 * UTM zone's centre, for example) and, for long edges, by the difference between a straight edge on the map and a
 * geodesic, which is negligible at the scale of buildings. The geometry need not be valid, but self-intersecting
 * rings give meaningless areas. Stateless and thread-safe.
 */
public final class GeodesicArea {

    private GeodesicArea() {
    }

    /**
     * @param polygonal a Polygon or MultiPolygon, in {@code crs}
     * @param crs       the CRS of its coordinates
     * @return the area in square metres on the WGS 84 ellipsoid; 0 for an empty geometry
     * @throws IllegalArgumentException if the geometry is not polygonal, the CRS is null or cannot be reprojected
     */
    public static double squareMetres(Geometry polygonal, Crs crs) {
        Objects.requireNonNull(polygonal, "polygonal");
        if (!(polygonal instanceof Polygonal)) {
            throw new IllegalArgumentException("the area of a " + polygonal.getGeometryType()
                    + " is not defined: a Polygon or MultiPolygon is needed");
        }
        if (crs == null) {
            throw new IllegalArgumentException("an area in square metres needs a coordinate reference system");
        }
        return squareMetresWith(polygonal, CrsTransform.of(crs, Crs.WGS84));
    }

    /**
     * {@link #squareMetres(Geometry, Crs)} with the transform to WGS 84 made once for many polygons (making one costs
     * more than the area of a building).
     *
     * @param toWgs84 the transform from the polygons' CRS to {@link Crs#WGS84}
     * @throws IllegalArgumentException if the geometry is not polygonal or the transform does not go to WGS 84
     */
    public static double squareMetresWith(Geometry polygonal, CrsTransform toWgs84) {
        Objects.requireNonNull(polygonal, "polygonal");
        if (!(polygonal instanceof Polygonal)) {
            throw new IllegalArgumentException("the area of a " + polygonal.getGeometryType()
                    + " is not defined: a Polygon or MultiPolygon is needed");
        }
        if (!toWgs84.target().equals(Crs.WGS84)) {
            throw new IllegalArgumentException("an area in square metres needs a transform to WGS 84, not " + toWgs84);
        }
        Geometry lonLat = toWgs84.transform(polygonal);
        double area = 0;
        for (int i = 0; i < lonLat.getNumGeometries(); i++) {
            Polygon p = (Polygon) lonLat.getGeometryN(i);
            if (p.isEmpty()) {
                continue;
            }
            area += ringArea(p.getExteriorRing());
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                area -= ringArea(p.getInteriorRingN(h));
            }
        }
        return area;
    }

    /** @return the unsigned area enclosed by a ring of (longitude, latitude) vertices */
    private static double ringArea(LineString ring) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        int n = seq.size();
        if (n > 1 && seq.getX(0) == seq.getX(n - 1) && seq.getY(0) == seq.getY(n - 1)) {
            n--; // PolygonArea closes the ring itself
        }
        if (n < 3) {
            return 0;
        }
        PolygonArea polygon = new PolygonArea(Geodesic.WGS84, false);
        for (int i = 0; i < n; i++) {
            polygon.AddPoint(seq.getY(i), seq.getX(i));
        }
        return Math.abs(polygon.Compute(false, true).area);
    }
}
