package org.roofline.geometry.crs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.measure.Unit;
import javax.measure.quantity.Length;
import org.apache.sis.measure.Units;
import org.apache.sis.metadata.iso.citation.Citations;
import org.apache.sis.referencing.ImmutableIdentifier;
import org.apache.sis.referencing.datum.BursaWolfParameters;
import org.apache.sis.referencing.datum.DefaultGeodeticDatum;
import org.apache.sis.referencing.factory.GeodeticObjectFactory;
import org.apache.sis.referencing.operation.DefaultConversion;
import org.apache.sis.referencing.operation.transform.DefaultMathTransformFactory;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.datum.Ellipsoid;
import org.opengis.parameter.ParameterValueGroup;
import org.opengis.referencing.IdentifiedObject;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.SingleCRS;
import org.opengis.referencing.cs.AxisDirection;
import org.opengis.referencing.cs.CartesianCS;
import org.opengis.referencing.cs.EllipsoidalCS;
import org.opengis.referencing.datum.GeodeticDatum;
import org.opengis.referencing.datum.PrimeMeridian;
import org.opengis.referencing.operation.OperationMethod;
import org.opengis.util.FactoryException;

/**
 * Builds an Apache SIS CRS from a registry code's PROJ.4 definition, for the codes whose WKT {@code proj4j-epsg} lacks
 * (about 700, mostly recent ones: GDA2020, NAD83(2011) county systems, ...). The SIS objects are made with SIS's own
 * factories and EPSG method and parameter names; SIS then formats them as WKT like any other.
 *
 * <p>Supported: geographic ({@code longlat}) and the projections {@code tmerc}, {@code utm}, {@code lcc} (one or two
 * standard parallels), {@code aea}, {@code laea}, {@code merc} (with or without {@code lat_ts}), {@code sterea},
 * {@code stere} at a pole, {@code cass}, {@code eqc} and {@code poly}, on Greenwich, in metres or feet. The ellipsoid,
 * {@code +towgs84} shift and units come from the definition; PROJ.4 names no datum, so the datum and the geographic
 * CRS are named after the CRS (the part of its name before {@code " / "}). Anything else gives null.
 */
final class Proj4Definitions {

    private Proj4Definitions() {
    }

    /** @return the CRS of a registry entry with its EPSG name and identifier, or null when it cannot be built */
    static SingleCRS toSis(EpsgDatabase.Entry entry) {
        Map<String, String> p = parameters(entry.proj4());
        String proj = p.get("proj");
        if (proj == null || p.containsKey("pm") || p.containsKey("geoidgrids")) {
            return null;
        }
        CoordinateReferenceSystem parsed;
        try {
            parsed = new CRSFactory().createFromParameters("EPSG:" + entry.code(), entry.proj4());
        } catch (Proj4jException | IllegalArgumentException e) {
            return null;
        }
        try {
            GeodeticObjectFactory f = GeodeticObjectFactory.provider();
            String name = entry.name();
            int slash = name.indexOf(" / ");
            String baseName = slash > 0 ? name.substring(0, slash) : name;
            GeographicCRS base = geographic(f, baseName, parsed, p, proj.equals("longlat") || proj.equals("latlong")
                    ? entry.code() : 0);
            if (proj.equals("longlat") || proj.equals("latlong")) {
                return base;
            }
            return projected(f, entry, base, parsed, p);
        } catch (FactoryException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code +key=value} (or {@code +flag}) tokens of a definition. */
    private static Map<String, String> parameters(String proj4) {
        Map<String, String> out = new HashMap<>();
        for (String token : proj4.trim().split("\\s+")) {
            if (token.startsWith("+")) {
                int eq = token.indexOf('=');
                out.put(eq < 0 ? token.substring(1) : token.substring(1, eq), eq < 0 ? "" : token.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, Object> named(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put(IdentifiedObject.NAME_KEY, name);
        return m;
    }

    private static Map<String, Object> epsg(String name, int code) {
        Map<String, Object> m = named(name);
        if (code > 0) {
            m.put(IdentifiedObject.IDENTIFIERS_KEY,
                    new ImmutableIdentifier(Citations.EPSG, "EPSG", Integer.toString(code)));
        }
        return m;
    }

    private static GeographicCRS geographic(GeodeticObjectFactory f, String name, CoordinateReferenceSystem parsed,
            Map<String, String> p, int code) throws FactoryException {
        Ellipsoid e = parsed.getDatum().getEllipsoid();
        double a = e.getA();
        double b = e.getB();
        // proj4j keeps a and b only: the inverse flattening computed back from them is rounded to the 9 decimals
        // ellipsoid definitions have (298.2572221010042 -> 298.257222101), unless the definition gives +rf
        double rf = p.containsKey("rf") ? Double.parseDouble(p.get("rf")) : Math.rint(a / (a - b) * 1e9) / 1e9;
        org.opengis.referencing.datum.Ellipsoid ellipsoid = a == b
                ? f.createEllipsoid(named(e.getName()), a, b, Units.METRE)
                : f.createFlattenedSphere(named(e.getName()), a, rf, Units.METRE);
        PrimeMeridian greenwich = f.createPrimeMeridian(named("Greenwich"), 0, Units.DEGREE);
        double[] shift = towgs84(p);
        Map<String, Object> datumProperties = named(name);
        if (shift != null) {
            GeodeticDatum wgs84 = f.createGeodeticDatum(named("World Geodetic System 1984"),
                    f.createFlattenedSphere(named("WGS 84"), 6378137, 298.257223563, Units.METRE), greenwich);
            BursaWolfParameters bw = new BursaWolfParameters(wgs84, null);
            bw.tX = shift[0];
            bw.tY = shift[1];
            bw.tZ = shift[2];
            if (shift.length == 7) {
                bw.rX = shift[3];
                bw.rY = shift[4];
                bw.rZ = shift[5];
                bw.dS = shift[6];
            }
            datumProperties.put(DefaultGeodeticDatum.BURSA_WOLF_KEY, new BursaWolfParameters[] {bw});
        }
        GeodeticDatum datum = f.createGeodeticDatum(datumProperties, ellipsoid, greenwich);
        EllipsoidalCS cs = f.createEllipsoidalCS(named("Ellipsoidal 2D"),
                f.createCoordinateSystemAxis(named("Geodetic longitude"), "Lon", AxisDirection.EAST, Units.DEGREE),
                f.createCoordinateSystemAxis(named("Geodetic latitude"), "Lat", AxisDirection.NORTH, Units.DEGREE));
        return f.createGeographicCRS(epsg(name, code), datum, cs);
    }

    /** The raw {@code +towgs84} values (metres, arc-seconds, ppm), or 0,0,0 for the datums PROJ equates to WGS 84. */
    private static double[] towgs84(Map<String, String> p) {
        String t = p.get("towgs84");
        if (t != null) {
            String[] v = t.split(",");
            double[] out = new double[v.length == 7 ? 7 : 3];
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.parseDouble(v[i]);
            }
            return out;
        }
        String datum = p.getOrDefault("datum", "").toUpperCase(Locale.ROOT);
        return datum.equals("WGS84") || datum.equals("NAD83") ? new double[3] : null;
    }

    private static SingleCRS projected(GeodeticObjectFactory f, EpsgDatabase.Entry entry, GeographicCRS base,
            CoordinateReferenceSystem parsed, Map<String, String> p) throws FactoryException {
        double lat0 = number(p, "lat_0", 0);
        double lon0 = number(p, "lon_0", 0);
        double k = number(p, "k_0", number(p, "k", 1));
        double x0 = number(p, "x_0", 0);
        double y0 = number(p, "y_0", 0);
        String method;
        Map<String, Double> values = new HashMap<>();
        switch (p.get("proj")) {
            case "utm" -> {
                int zone = (int) number(p, "zone", Double.NaN);
                method = "Transverse Mercator";
                natural(values, 0, zone * 6 - 183, 0.9996, 500000, p.containsKey("south") ? 10_000_000 : 0);
            }
            case "tmerc" -> {
                method = "Transverse Mercator";
                natural(values, lat0, lon0, k, x0, y0);
            }
            case "sterea" -> {
                method = "Oblique Stereographic";
                natural(values, lat0, lon0, k, x0, y0);
            }
            case "cass" -> {
                method = "Cassini-Soldner";
                natural(values, lat0, lon0, Double.NaN, x0, y0);
            }
            case "poly" -> {
                method = "American Polyconic";
                natural(values, lat0, lon0, Double.NaN, x0, y0);
            }
            case "laea" -> {
                method = "Lambert Azimuthal Equal Area";
                natural(values, lat0, lon0, Double.NaN, x0, y0);
            }
            case "lcc" -> {
                double lat1 = number(p, "lat_1", lat0);
                double lat2 = number(p, "lat_2", lat1);
                if (lat1 == lat2) {
                    method = "Lambert Conic Conformal (1SP)";
                    natural(values, lat1, lon0, k, x0, y0);
                } else {
                    method = "Lambert Conic Conformal (2SP)";
                    falseOrigin(values, lat0, lon0, lat1, lat2, x0, y0);
                }
            }
            case "aea" -> {
                method = "Albers Equal Area";
                falseOrigin(values, lat0, lon0, number(p, "lat_1", lat0), number(p, "lat_2", lat0), x0, y0);
            }
            case "merc" -> {
                if (p.containsKey("lat_ts")) {
                    method = "Mercator (variant B)";
                    values.put("Latitude of 1st standard parallel", number(p, "lat_ts", 0));
                    values.put("Longitude of natural origin", lon0);
                    values.put("False easting", x0);
                    values.put("False northing", y0);
                } else {
                    method = "Mercator (variant A)";
                    natural(values, 0, lon0, k, x0, y0);
                }
            }
            case "eqc" -> {
                method = "Equidistant Cylindrical";
                values.put("Latitude of 1st standard parallel", number(p, "lat_ts", 0));
                values.put("Longitude of natural origin", lon0);
                values.put("False easting", x0);
                values.put("False northing", y0);
            }
            case "stere" -> {
                if (Math.abs(lat0) != 90) {
                    return null;
                }
                if (p.containsKey("lat_ts")) {
                    method = "Polar Stereographic (variant B)";
                    values.put("Latitude of standard parallel", number(p, "lat_ts", lat0));
                    values.put("Longitude of origin", lon0);
                    values.put("False easting", x0);
                    values.put("False northing", y0);
                } else {
                    method = "Polar Stereographic (variant A)";
                    natural(values, lat0, lon0, k, x0, y0);
                }
            }
            default -> {
                return null;
            }
        }
        DefaultMathTransformFactory mtf = DefaultMathTransformFactory.provider();
        OperationMethod operation = mtf.getOperationMethod(method);
        ParameterValueGroup group = operation.getParameters().createValue();
        for (Map.Entry<String, Double> v : values.entrySet()) {
            String n = v.getKey();
            if (n.startsWith("Latitude") || n.startsWith("Longitude")) {
                group.parameter(n).setValue(v.getValue(), Units.DEGREE);
            } else if (n.startsWith("Scale")) {
                group.parameter(n).setValue(v.getValue(), Units.UNITY);
            } else {
                group.parameter(n).setValue(v.getValue(), Units.METRE);
            }
        }
        Unit<Length> unit = linearUnit(1 / parsed.getProjection().getFromMetres());
        CartesianCS cs = f.createCartesianCS(named("Cartesian 2D"),
                f.createCoordinateSystemAxis(named("Easting"), "E", AxisDirection.EAST, unit),
                f.createCoordinateSystemAxis(named("Northing"), "N", AxisDirection.NORTH, unit));
        DefaultConversion conversion = new DefaultConversion(named(entry.name()), operation, null, group);
        return f.createProjectedCRS(epsg(entry.name(), entry.code()), base, conversion, cs);
    }

    private static void natural(Map<String, Double> v, double lat, double lon, double k, double x0, double y0) {
        v.put("Latitude of natural origin", lat);
        v.put("Longitude of natural origin", lon);
        if (!Double.isNaN(k)) {
            v.put("Scale factor at natural origin", k);
        }
        v.put("False easting", x0);
        v.put("False northing", y0);
    }

    private static void falseOrigin(Map<String, Double> v, double lat0, double lon0, double lat1, double lat2,
            double x0, double y0) {
        v.put("Latitude of false origin", lat0);
        v.put("Longitude of false origin", lon0);
        v.put("Latitude of 1st standard parallel", lat1);
        v.put("Latitude of 2nd standard parallel", lat2);
        v.put("Easting at false origin", x0);
        v.put("Northing at false origin", y0);
    }

    private static Unit<Length> linearUnit(double metresPerUnit) {
        if (Math.abs(metresPerUnit - 1) < 1e-12) {
            return Units.METRE;
        }
        if (Math.abs(metresPerUnit - 1200.0 / 3937) < 1e-12) {
            return Units.US_SURVEY_FOOT;
        }
        if (Math.abs(metresPerUnit - 0.3048) < 1e-12) {
            return Units.FOOT;
        }
        return Units.METRE.multiply(metresPerUnit);
    }

    private static double number(Map<String, String> p, String key, double otherwise) {
        String v = p.get(key);
        return v == null || v.isEmpty() ? otherwise : Double.parseDouble(v);
    }
}
