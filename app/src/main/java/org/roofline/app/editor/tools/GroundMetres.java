package org.roofline.app.editor.tools;

import java.util.Objects;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.locationtech.jts.geom.Coordinate;
import org.roofline.inference.imagery.Georeferencing;

/**
 * Converts between ground metres (east, north) and map units at a place, for an image's georeferencing.
 *
 * <ul>
 *   <li><b>Geographic CRS</b> (EPSG:4326): metres become degrees with the geodesic direct problem on the WGS 84
 *       ellipsoid (GeographicLib, Karney), from the given place: the shift of a point at that place is exactly the
 *       typed distance and direction; points a few hundred metres away shift by the same degrees, which differ from
 *       the typed metres by far less than a millimetre per metre (the east-west size of a degree changes with
 *       latitude).</li>
 *   <li><b>Projected CRS</b>: metres go through the CRS's linear unit (the ratio of the geotransform's pixel size to
 *       the pixel's ground size in metres), not corrected for the projection's scale factor.</li>
 *   <li><b>No georeferencing or unknown CRS</b>: refused ({@link IllegalStateException} with a message for the
 *       user), since metres mean nothing in pixel coordinates.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class GroundMetres {

    private final Georeferencing georef;
    private final boolean geographic;
    private final double unitsPerMetre; // projected only

    private GroundMetres(Georeferencing georef) {
        this.georef = georef;
        this.geographic = georef.crs().isGeographic();
        if (geographic) {
            unitsPerMetre = Double.NaN;
        } else {
            Georeferencing.PixelSize size = georef.groundPixelSize(2, 2).orElseThrow(() -> new IllegalStateException(
                    "the linear unit of " + georef.crs().name() + " is unknown: cannot convert metres"));
            double units = Math.hypot(georef.transform().pixelWidth(), georef.transform().rotY());
            unitsPerMetre = units / size.x();
        }
    }

    /**
     * @throws IllegalStateException (message for the user) when the image has no georeferencing or no known CRS
     */
    public static GroundMetres of(Georeferencing georef) {
        Objects.requireNonNull(georef, "georef");
        if (!georef.isGeoreferenced()) {
            throw new IllegalStateException("the image has no georeferencing: offsets in metres need one");
        }
        if (georef.crs() == null) {
            throw new IllegalStateException("the image's coordinate system is unknown: cannot convert metres");
        }
        return new GroundMetres(georef);
    }

    /** The map-unit shift (dx, dy) of a ground shift of {@code east}, {@code north} metres at {@code at}. */
    public Coordinate toMapShift(Coordinate at, double east, double north) {
        if (!Double.isFinite(east) || !Double.isFinite(north)) {
            throw new IllegalArgumentException("offset must be finite, was (" + east + ", " + north + ")");
        }
        if (!geographic) {
            return new Coordinate(east * unitsPerMetre, north * unitsPerMetre);
        }
        double s = Math.hypot(east, north);
        if (s == 0) {
            return new Coordinate(0, 0);
        }
        double azimuth = Math.toDegrees(Math.atan2(east, north));
        GeodesicData d = Geodesic.WGS84.Direct(at.y, at.x, azimuth, s);
        double dLon = d.lon2 - at.x;
        dLon = dLon > 180 ? dLon - 360 : dLon < -180 ? dLon + 360 : dLon;
        return new Coordinate(dLon, d.lat2 - at.y);
    }

    /** The ground shift (east, north) in metres of a map-unit shift (dx, dy) at {@code at} (inverse of the above). */
    public Coordinate toMetres(Coordinate at, double dx, double dy) {
        if (!geographic) {
            return new Coordinate(dx / unitsPerMetre, dy / unitsPerMetre);
        }
        GeodesicData d = Geodesic.WGS84.Inverse(at.y, at.x, at.y + dy, at.x + dx);
        double a = Math.toRadians(d.azi1);
        return new Coordinate(d.s12 * Math.sin(a), d.s12 * Math.cos(a));
    }

    /** Metres per map unit along east (x) and north (y) at a place, as (x, y); equal for a projected CRS. */
    public Coordinate metresPerUnit(Coordinate at) {
        if (!geographic) {
            return new Coordinate(1 / unitsPerMetre, 1 / unitsPerMetre);
        }
        double h = 1e-4; // degrees: about 10 m, where the ellipsoid is flat to far below a millimetre
        double mx = Geodesic.WGS84.Inverse(at.y, at.x - h / 2, at.y, at.x + h / 2).s12 / h;
        double my = Geodesic.WGS84.Inverse(at.y - h / 2, at.x, at.y + h / 2, at.x).s12 / h;
        return new Coordinate(mx, my);
    }

    public Georeferencing georeferencing() {
        return georef;
    }
}
