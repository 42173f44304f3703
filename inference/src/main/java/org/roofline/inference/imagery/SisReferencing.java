package org.roofline.inference.imagery;

import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.measure.IncommensurableException;
import javax.measure.Unit;
import javax.measure.UnitConverter;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.measure.Units;
import org.apache.sis.referencing.CommonCRS;
import net.sf.geographiclib.Constants;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.geom.Coordinate;
import org.opengis.referencing.cs.AxisDirection;
import org.opengis.referencing.datum.Ellipsoid;
import org.opengis.referencing.cs.CoordinateSystem;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.ProjectedCRS;
import org.roofline.geometry.crs.Crs;

/**
 * The few things this package asks about coordinate systems: WKT in and out and axis units (Apache SIS), geodesic
 * distances (GeographicLib, Karney's algorithm). Kept in one place so that the public classes show no SIS type.
 */
final class SisReferencing {

    /** Parsed WKT by text; small, cleared when full (an application opens few distinct CRS). */
    private static final Map<String, Optional<CoordinateReferenceSystem>> PARSED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 64;

    private SisReferencing() {
    }

    /** @return the CRS as SIS understands its WKT 1, or empty when SIS cannot parse it */
    static Optional<CoordinateReferenceSystem> parse(Crs crs) {
        String wkt;
        try {
            wkt = crs.toWkt1();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (wkt == null || wkt.isBlank()) {
            return Optional.empty();
        }
        if (PARSED.size() > CACHE_LIMIT) {
            PARSED.clear();
        }
        return PARSED.computeIfAbsent(wkt, SisReferencing::parseWkt);
    }

    private static Optional<CoordinateReferenceSystem> parseWkt(String wkt) {
        try {
            WKTFormat format = new WKTFormat(Locale.ROOT, (java.time.ZoneId) null); // warnings are kept in the format, not logged
            Object parsed = format.parseObject(wkt);
            return parsed instanceof CoordinateReferenceSystem c ? Optional.of(c) : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a coordinate system written as WKT (1 or 2, GDAL's or Esri's flavour) or as {@code EPSG:n}: with the
     * geometry module's {@link Crs#parse} first, then, for WKT it does not understand, with Apache SIS's parser
     * (the result handed to {@link Crs#fromWkt} as WKT 1).
     *
     * @throws IllegalArgumentException with the first parser's message if neither understands the text
     */
    static Crs crsFromText(String text) {
        String t = text.strip();
        try {
            return Crs.parse(t);
        } catch (RuntimeException first) {
            Optional<CoordinateReferenceSystem> sis = parseWkt(t);
            String wkt1 = sis.map(SisReferencing::toWkt1).orElse(null);
            if (wkt1 != null) {
                try {
                    return Crs.fromWkt(wkt1);
                } catch (RuntimeException ignored) {
                    // report the first problem
                }
            }
            String m = first.getMessage();
            throw new IllegalArgumentException(m == null || m.isBlank() ? first.getClass().getSimpleName() : m, first);
        }
    }

    /** @return the CRS as one line of WKT 1 in GDAL's flavour (units as in common practice), or null */
    static String toWkt1(CoordinateReferenceSystem crs) {
        try {
            WKTFormat format = new WKTFormat(Locale.ROOT, (java.time.ZoneId) null);
            format.setConvention(Convention.WKT1_COMMON_UNITS);
            format.setIndentation(WKTFormat.SINGLE_LINE);
            return format.format(crs); // WKT 1 may drop details WKT 2 would keep; the text stays usable
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The ground size of one pixel in metres at a point of the image: along the row (x) and along the column (y).
     * See {@link Georeferencing#groundPixelSize(int, int)} for the method and its limits.
     */
    static Optional<Georeferencing.PixelSize> pixelSize(PixelToMap t, Crs crs, double px, double py) {
        if (crs == null) {
            return Optional.empty();
        }
        Optional<CoordinateReferenceSystem> sis = parse(crs);
        boolean geographic = sis.map(c -> c instanceof GeographicCRS).orElse(crs.isGeographic());
        if (geographic) {
            GeographicCRS g = sis.filter(GeographicCRS.class::isInstance).map(GeographicCRS.class::cast)
                    .orElse(CommonCRS.WGS84.geographic());
            UnitConverter toDegrees = converter(g.getCoordinateSystem(), Units.DEGREE);
            Geodesic geodesic = geodesic(g.getDatum().getEllipsoid());
            if (toDegrees == null || geodesic == null) {
                return Optional.empty();
            }
            double x = distance(geodesic, toDegrees, t.toMap(px - 0.5, py), t.toMap(px + 0.5, py));
            double y = distance(geodesic, toDegrees, t.toMap(px, py - 0.5), t.toMap(px, py + 0.5));
            return Double.isFinite(x) && Double.isFinite(y) ? Optional.of(new Georeferencing.PixelSize(x, y))
                    : Optional.empty();
        }
        if (sis.isEmpty() || !(sis.get() instanceof ProjectedCRS)) {
            return Optional.empty(); // unknown linear unit (or an engineering / compound CRS)
        }
        UnitConverter toMetres = converter(sis.get().getCoordinateSystem(), Units.METRE);
        if (toMetres == null) {
            return Optional.empty();
        }
        // nominal size: the lengths of the affine transform's column and row vectors, in metres
        double metresPerUnit = toMetres.convert(1.0) - toMetres.convert(0.0);
        double x = Math.hypot(t.pixelWidth(), t.rotY()) * metresPerUnit;
        double y = Math.hypot(t.rotX(), t.pixelHeight()) * metresPerUnit;
        return Optional.of(new Georeferencing.PixelSize(x, y));
    }

    /** @return GeographicLib's geodesic on that ellipsoid (axes in metres), or null if its unit is not a length */
    private static Geodesic geodesic(Ellipsoid e) {
        try {
            UnitConverter toMetres = e.getAxisUnit().getConverterToAny(Units.METRE);
            double a = toMetres.convert(e.getSemiMajorAxis());
            double inverse = e.getInverseFlattening();
            double f = Double.isInfinite(inverse) || inverse == 0 ? 0 : 1 / inverse;
            if (a == 6378137 && Math.abs(f - Constants.WGS84_f) < 1e-15) {
                return Geodesic.WGS84;
            }
            return new Geodesic(a, f);
        } catch (IncommensurableException | RuntimeException ex) {
            return null;
        }
    }

    /** Geodesic distance in metres between two (longitude, latitude) map positions in the CRS's angular unit. */
    private static double distance(Geodesic geodesic, UnitConverter toDegrees, Coordinate a, Coordinate b) {
        double latA = toDegrees.convert(a.y);
        double latB = toDegrees.convert(b.y);
        if (!(Math.abs(latA) <= 90) || !(Math.abs(latB) <= 90)) {
            return Double.NaN;
        }
        return geodesic.Inverse(latA, toDegrees.convert(a.x), latB, toDegrees.convert(b.x), GeodesicMask.DISTANCE).s12;
    }

    /** @return the converter of the CRS's horizontal (east-west) axis unit to {@code target}, or null */
    private static UnitConverter converter(CoordinateSystem cs, Unit<?> target) {
        int axis = 0;
        for (int i = 0; i < cs.getDimension(); i++) {
            AxisDirection d = cs.getAxis(i).getDirection();
            if (d == AxisDirection.EAST || d == AxisDirection.WEST) {
                axis = i;
                break;
            }
        }
        Unit<?> unit = cs.getAxis(axis).getUnit();
        if (unit == null) {
            return null;
        }
        try {
            return unit.getConverterToAny(target);
        } catch (IncommensurableException | RuntimeException e) {
            return null;
        }
    }
}
