package org.roofline.geometry.crs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.measure.Unit;
import javax.measure.UnitConverter;
import javax.measure.quantity.Angle;
import org.apache.sis.measure.Units;
import org.apache.sis.metadata.iso.citation.Citations;
import org.apache.sis.referencing.datum.BursaWolfParameters;
import org.apache.sis.referencing.datum.DatumOrEnsemble;
import org.apache.sis.referencing.datum.DefaultGeodeticDatum;
import org.apache.sis.util.ComparisonMode;
import org.apache.sis.util.Utilities;
import org.opengis.metadata.Identifier;
import org.opengis.referencing.ReferenceIdentifier;
import org.opengis.parameter.GeneralParameterValue;
import org.opengis.parameter.ParameterValue;
import org.opengis.referencing.crs.GeodeticCRS;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.ProjectedCRS;
import org.opengis.referencing.crs.SingleCRS;
import org.opengis.referencing.cs.AxisDirection;
import org.opengis.referencing.cs.CoordinateSystem;
import org.opengis.referencing.datum.Ellipsoid;
import org.opengis.referencing.datum.GeodeticDatum;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;

/**
 * Finds the EPSG code of a CRS parsed from WKT, offline, against the definitions of {@link EpsgDatabase}.
 *
 * <ol>
 *   <li>An EPSG {@code AUTHORITY}/{@code ID} on the CRS itself is trusted (when the registry knows the code).</li>
 *   <li>Otherwise the CRS is compared with every registry CRS of the same kind on the same ellipsoid (and, for a
 *       projection, with a parameter equal to its longitude of origin). Two CRSs are <em>equivalent</em> when their
 *       ellipsoids, prime meridians and angular units are equal, their {@code TOWGS84} shifts are equal where both
 *       have one, and (projected CRSs) SIS builds the same map projection from both, units included: the same
 *       transform, or, when SIS represents the projection differently (a variant, an explicit default parameter),
 *       projections of nine points around the origin that agree to 5 cm. Names, axis order and a missing
 *       {@code TOWGS84} are ignored by this test.</li>
 *   <li>A candidate is dropped when both datum names hold numbers and share none ({@code GDA2020} is not
 *       {@code Geocentric Datum of Australia 1994}, though equivalent by the test above).</li>
 *   <li>Among the rest, the one whose CRS and datum names share the most words with the WKT's wins (lower case, split
 *       at non-letters and between letters and digits, {@code 1984} read as {@code 84}, ESRI's {@code D_} and a few
 *       long datum names such as {@code North American Datum 1983} read as their abbreviations); then a code that
 *       is not deprecated, then the fewest words of its own, then (east, north) axis order, then the lowest code.
 *       If no candidate shares a word with the WKT, the CRS stays unidentified.</li>
 * </ol>
 *
 * <p>The candidates are the registry's WKT texts and, for codes it has no WKT for, WKT built from their PROJ.4
 * definitions ({@link Proj4Definitions}; only those of the right kind and longitude of origin are built).
 *
 * <p>Limits, each seen with GDAL's ESRI WKT: a CRS the registry lacks or has no usable WKT for (SIRGAS 2000 /
 * Brazil Polyconic) or whose projection SIS does not implement (Krovak, Behrmann) is not identified; ESRI WKT whose
 * prime meridian is not Greenwich and whose angular unit is not the degree (NTF (Paris) in grads) is misread, since
 * ESRI writes {@code PRIMEM} in degrees whatever the unit; a datum renamed in EPSG since PROJ 4's file
 * ({@code ETRF2000-PL}, once {@code ETRS89}) is not matched; datums that differ only by name are told apart by name
 * words only, and a name that does not say which realisation it means gets the plain datum (NAD83 rather than
 * NAD83(HARN)); of two codes differing only in axis order, the (east, north) one is chosen (EPSG:5041 for ESRI's
 * {@code UPS_North}, where GDAL says 32661). The first identification that needs the comparison reads the registry's
 * WKT (about 4 MB of text, a few hundred milliseconds); parsed candidates are cached for the life of the JVM.
 */
final class CrsIdentifier {

    private static final Pattern SPHEROID = Pattern.compile("SPHEROID\\[\"[^\"]*\",\\s*([-+0-9.Ee]+),\\s*([-+0-9.Ee]+)");
    private static final Pattern PARAMETER = Pattern.compile("PARAMETER\\[\"[^\"]*\",\\s*([-+0-9.Ee]+)\\s*\\]");
    private static final Object UNPARSABLE = new Object();
    private static final Map<Integer, Object> PARSED = new ConcurrentHashMap<>();

    private CrsIdentifier() {
    }

    static OptionalInt identify(SingleCRS crs) {
        for (Identifier id : crs.getIdentifiers()) {
            String codeSpace = id instanceof ReferenceIdentifier r && r.getCodeSpace() != null ? r.getCodeSpace()
                    : Citations.toCodeSpace(id.getAuthority());
            if ("EPSG".equalsIgnoreCase(codeSpace)) {
                try {
                    int code = Integer.parseInt(id.getCode().trim());
                    if (EpsgDatabase.entry(code) != null) {
                        return OptionalInt.of(code);
                    }
                } catch (NumberFormatException e) {
                    // not a numeric EPSG code: fall through to matching
                }
            }
        }
        if (!(crs instanceof GeographicCRS) && !(crs instanceof ProjectedCRS)) {
            return OptionalInt.empty();
        }
        List<Integer> matches = new ArrayList<>();
        for (int code : candidates(crs)) {
            Object candidate = PARSED.computeIfAbsent(code, CrsIdentifier::parseCandidate);
            if (candidate instanceof SingleCRS c && equivalent(crs, c) && sameDatumNumbers(crs, c)) {
                matches.add(code);
            }
        }
        if (matches.isEmpty()) {
            return OptionalInt.empty();
        }
        Set<String> words = words(crs);
        int best = -1;
        long bestScore = Long.MIN_VALUE;
        int bestCommon = 0;
        for (int code : matches) {
            Set<String> theirs = words((SingleCRS) PARSED.get(code));
            Set<String> common = new HashSet<>(words);
            common.retainAll(theirs);
            int extra = theirs.size() - common.size();
            // most words in common, then fewest words of their own, then the usual (east, north) axis order
            boolean deprecated = EpsgDatabase.entry(code).name().contains("deprecated");
            long score = common.size() * 1_000_000L - (deprecated ? 100_000L : 0) - extra * 10L
                    - (swapsAxes(EpsgDatabase.wkt(code)) ? 1 : 0);
            if (score > bestScore || (score == bestScore && code < best)) {
                best = code;
                bestScore = score;
                bestCommon = common.size();
            }
        }
        // an equivalent definition whose names share no word with the WKT's is a different datum in all likelihood
        return bestCommon == 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    private static Object parseCandidate(int code) {
        try {
            return WktSupport.parseRegistry(EpsgDatabase.wkt(code));
        } catch (RuntimeException e) {
            return UNPARSABLE;
        }
    }

    /** Codes whose WKT text has the same kind, the same ellipsoid and (projections) the longitude of origin. */
    private static List<Integer> candidates(SingleCRS crs) {
        boolean projected = crs instanceof ProjectedCRS;
        Ellipsoid ellipsoid = ellipsoid(crs);
        double a = ellipsoid.getAxisUnit().getConverterTo(Units.METRE).convert(ellipsoid.getSemiMajorAxis());
        double invF = ellipsoid.isSphere() ? 0 : ellipsoid.getInverseFlattening();
        List<Double> longitudes = projected ? longitudesOfOrigin((ProjectedCRS) crs) : List.of();
        List<Integer> out = new ArrayList<>();
        Map<Integer, String> texts = new java.util.HashMap<>(EpsgDatabase.registryWkts());
        // codes whose WKT is built from their PROJ.4 definition: built only if the kind and longitude fit
        for (EpsgDatabase.Entry e : EpsgDatabase.entries().values()) {
            if (!texts.containsKey(e.code()) && e.isGeographic() != projected
                    && (!projected || longitudes.isEmpty() || longitudes.stream()
                            .anyMatch(l -> Math.abs(l - proj4Longitude(e.proj4())) <= 1e-7))) {
                String built = EpsgDatabase.wkt(e.code());
                if (built != null) {
                    texts.put(e.code(), built);
                }
            }
        }
        for (Map.Entry<Integer, String> e : texts.entrySet()) {
            String wkt = e.getValue();
            if (!wkt.startsWith(projected ? "PROJCS[" : "GEOGCS[") || wkt.contains("Ellipsoidal height")) {
                continue;
            }
            Matcher m = SPHEROID.matcher(wkt);
            if (!m.find()) {
                continue;
            }
            double ca;
            double cInvF;
            try {
                ca = Double.parseDouble(m.group(1));
                cInvF = Double.parseDouble(m.group(2));
            } catch (NumberFormatException ex) {
                continue;
            }
            if (!Double.isFinite(cInvF)) {
                cInvF = 0;
            }
            if (Math.abs(ca - a) > 1e-3 || !sameInverseFlattening(invF, cInvF)) {
                continue;
            }
            if (projected && !longitudes.isEmpty() && wkt.contains("UNIT[\"degree\", 0.017453292519943295]")
                    && !hasParameterValue(wkt, longitudes)) {
                continue;
            }
            out.add(e.getKey());
        }
        out.sort(null);
        return out;
    }

    /** The longitude of origin of a PROJ.4 definition: {@code +lon_0}, or a UTM zone's central meridian. */
    private static double proj4Longitude(String proj4) {
        Matcher zone = Pattern.compile("\\+zone=(\\d+)").matcher(proj4);
        if (proj4.contains("+proj=utm") && zone.find()) {
            return Integer.parseInt(zone.group(1)) * 6 - 183;
        }
        Matcher lon = Pattern.compile("\\+lon_0=([-+0-9.eE]+)").matcher(proj4);
        return lon.find() ? Double.parseDouble(lon.group(1)) : 0;
    }

    private static boolean hasParameterValue(String wkt, List<Double> values) {
        Matcher m = PARAMETER.matcher(wkt);
        List<Double> found = new ArrayList<>();
        while (m.find()) {
            try {
                found.add(Double.parseDouble(m.group(1)));
            } catch (NumberFormatException e) {
                // ignore
            }
        }
        for (double v : values) {
            boolean any = false;
            for (double f : found) {
                if (Math.abs(f - v) <= 1e-7) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** The values, in degrees, of a projection's parameters named like a longitude or a central meridian. */
    private static List<Double> longitudesOfOrigin(ProjectedCRS crs) {
        List<Double> out = new ArrayList<>();
        for (GeneralParameterValue p : crs.getConversionFromBase().getParameterValues().values()) {
            String name = p.getDescriptor().getName().getCode().toLowerCase(Locale.ROOT);
            if ((name.contains("longitude") || name.contains("meridian")) && p instanceof ParameterValue<?> v
                    && v.getUnit() != null && v.getUnit().isCompatible(Units.RADIAN) && v.getValue() instanceof Number) {
                out.add(v.doubleValue(Units.DEGREE));
            }
        }
        return out;
    }

    private static boolean sameInverseFlattening(double a, double b) {
        if (a == 0 || b == 0) {
            return a == b;
        }
        return Math.abs(a - b) <= 1e-9 * Math.abs(a);
    }

    private static Ellipsoid ellipsoid(SingleCRS crs) {
        return datum(crs).getEllipsoid();
    }

    /** The geodetic datum of a geographic or projected CRS; a datum ensemble (WKT 2 ENSEMBLE) as a pseudo-datum. */
    private static GeodeticDatum datum(SingleCRS crs) {
        GeodeticCRS geodetic = crs instanceof ProjectedCRS p ? p.getBaseCRS() : (GeodeticCRS) crs;
        return DatumOrEnsemble.asDatum(geodetic);
    }

    /** Whether the registry's WKT declares a projected CRS with (north, east) or other unusual axis order. */
    private static boolean swapsAxes(String wkt) {
        int projection = wkt.indexOf("PROJECTION[");
        int axis = projection < 0 ? -1 : wkt.indexOf("AXIS[", projection);
        if (axis < 0) {
            return false;
        }
        int end = wkt.indexOf(']', axis);
        return end > 0 && !wkt.substring(axis, end).toUpperCase(Locale.ROOT).endsWith("EAST");
    }

    /** Whether two CRSs define the same coordinates, names and axis order aside (see the class comment). */
    static boolean equivalent(SingleCRS a, SingleCRS b) {
        if (a instanceof ProjectedCRS pa && b instanceof ProjectedCRS pb) {
            if (!equivalentGeographic(pa.getBaseCRS(), pb.getBaseCRS())) {
                return false;
            }
            MathTransform ta = pa.getConversionFromBase().getMathTransform();
            MathTransform tb = pb.getConversionFromBase().getMathTransform();
            return Utilities.deepEquals(ta, tb, ComparisonMode.APPROXIMATE) || sameProjection(pa, pb);
        }
        if (a instanceof GeographicCRS ga && b instanceof GeographicCRS gb) {
            return ga.getCoordinateSystem().getDimension() == gb.getCoordinateSystem().getDimension()
                    && equivalentGeographic(ga, gb);
        }
        return false;
    }

    /**
     * Compares two projections numerically, for when SIS represents the same projection with different parameters
     * (an explicit default, a variant): nine points within a degree of the first one's origin must project to within
     * 5 cm (or 5 hundredths of its unit) of each other.
     */
    private static boolean sameProjection(ProjectedCRS a, ProjectedCRS b) {
        double lon0 = 0;
        double lat0 = 0;
        for (GeneralParameterValue p : a.getConversionFromBase().getParameterValues().values()) {
            String name = p.getDescriptor().getName().getCode().toLowerCase(Locale.ROOT);
            if (p instanceof ParameterValue<?> v && v.getUnit() != null && v.getUnit().isCompatible(Units.RADIAN)
                    && v.getValue() instanceof Number) {
                if (name.contains("longitude") || name.contains("meridian")) {
                    lon0 = v.doubleValue(Units.DEGREE);
                } else if (name.contains("latitude") && lat0 == 0) {
                    lat0 = v.doubleValue(Units.DEGREE);
                }
            }
        }
        int compared = 0;
        double[] pa = new double[2];
        double[] pb = new double[2];
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                double lon = lon0 + dx;
                double lat = Math.max(-85, Math.min(85, lat0 + dy));
                boolean okA = project(a, lon, lat, pa);
                boolean okB = project(b, lon, lat, pb);
                if (okA != okB) {
                    return false;
                }
                if (okA) {
                    if (Math.abs(pa[0] - pb[0]) > 0.05 || Math.abs(pa[1] - pb[1]) > 0.05) {
                        return false;
                    }
                    compared++;
                }
            }
        }
        return compared >= 5;
    }

    /** Projects a longitude and latitude in degrees to (easting, northing), whatever the CRS's axis order and units. */
    private static boolean project(ProjectedCRS crs, double lon, double lat, double[] out) {
        CoordinateSystem base = crs.getBaseCRS().getCoordinateSystem();
        @SuppressWarnings("unchecked")
        UnitConverter toBase = Units.DEGREE.getConverterTo((Unit<Angle>) base.getAxis(0).getUnit());
        boolean latFirst = isNorthOrSouth(base.getAxis(0).getDirection());
        double[] in = latFirst ? new double[] {toBase.convert(lat), toBase.convert(lon)}
                : new double[] {toBase.convert(lon), toBase.convert(lat)};
        try {
            crs.getConversionFromBase().getMathTransform().transform(in, 0, out, 0, 1);
        } catch (TransformException | RuntimeException e) {
            return false;
        }
        if (isNorthOrSouth(crs.getCoordinateSystem().getAxis(0).getDirection())) {
            double t = out[0];
            out[0] = out[1];
            out[1] = t;
        }
        return Double.isFinite(out[0]) && Double.isFinite(out[1]);
    }

    private static boolean isNorthOrSouth(AxisDirection d) {
        return d == AxisDirection.NORTH || d == AxisDirection.SOUTH;
    }

    private static boolean equivalentGeographic(GeographicCRS a, GeographicCRS b) {
        GeodeticDatum da = datum(a);
        GeodeticDatum db = datum(b);
        Ellipsoid ea = da.getEllipsoid();
        Ellipsoid eb = db.getEllipsoid();
        double aa = ea.getAxisUnit().getConverterTo(Units.METRE).convert(ea.getSemiMajorAxis());
        double ab = eb.getAxisUnit().getConverterTo(Units.METRE).convert(eb.getSemiMajorAxis());
        if (Math.abs(aa - ab) > 1e-3 || ea.isSphere() != eb.isSphere()
                || (!ea.isSphere() && !sameInverseFlattening(ea.getInverseFlattening(), eb.getInverseFlattening()))) {
            return false;
        }
        double pma = da.getPrimeMeridian().getAngularUnit().getConverterTo(Units.DEGREE)
                .convert(da.getPrimeMeridian().getGreenwichLongitude());
        double pmb = db.getPrimeMeridian().getAngularUnit().getConverterTo(Units.DEGREE)
                .convert(db.getPrimeMeridian().getGreenwichLongitude());
        if (Math.abs(pma - pmb) > 1e-8) {
            return false;
        }
        Unit<?> ua = a.getCoordinateSystem().getAxis(0).getUnit();
        Unit<?> ub = b.getCoordinateSystem().getAxis(0).getUnit();
        if (!(ua.isCompatible(Units.RADIAN) && ub.isCompatible(Units.RADIAN))) {
            return false;
        }
        @SuppressWarnings("unchecked")
        double ratio = ((Unit<Angle>) ua).getConverterTo((Unit<Angle>) ub).convert(1.0);
        if (Math.abs(ratio - 1) > 1e-12) {
            return false;
        }
        Optional<double[]> sa = towgs84(da);
        Optional<double[]> sb = towgs84(db);
        if (sa.isPresent() && sb.isPresent()) {
            double[] x = sa.get();
            double[] y = sb.get();
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                if (Math.abs(x[i] - y[i]) > 1e-3) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Optional<double[]> towgs84(GeodeticDatum datum) {
        if (datum instanceof DefaultGeodeticDatum d) {
            for (BursaWolfParameters p : d.getBursaWolfParameters()) {
                double[] v = p.getValues();
                double[] seven = new double[7];
                System.arraycopy(v, 0, seven, 0, Math.min(7, v.length));
                return Optional.of(seven);
            }
        }
        return Optional.empty();
    }

    /**
     * Long datum names and their usual abbreviations, so that ESRI's {@code D_North_American_1983_HARN} and EPSG's
     * {@code NAD83 (High Accuracy Reference Network)} give the same words. Applied to lower-case text with every run
     * of other characters made a single space.
     */
    private static final String[][] PHRASES = {
        {"world geodetic system 19", "wgs "},
        {"north american datum 19", "nad "},
        {"north american 19", "nad "},
        {"high accuracy reference network", "harn"},
        {"european terrestrial reference system 19", "etrs "},
        {"european terrestrial reference frame 19", "etrf "},
        {"european datum 19", "ed "},
        {"european 19", "ed "},
        {"geocentric datum of australia 19", "gda "},
        {"geocentric datum of australia 20", "gda 20"},
        {"ordnance survey of great britain 19", "osgb "},
        {"deutsches hauptdreiecksnetz", "dhdn"},
        {"reseau geodesique francais 19", "rgf "},
    };

    private static final Set<String> STOP_WORDS = Set.of("gcs", "d", "datum", "of", "the", "deprecated");

    /**
     * Whether the numbers in two datum names (years, mostly) agree: false when both names have numbers and share
     * none, as {@code GDA2020} and {@code Geocentric Datum of Australia 1994}, which are equivalent by definition
     * (same ellipsoid, no shift in an ESRI WKT) but not the same datum.
     */
    private static boolean sameDatumNumbers(SingleCRS a, SingleCRS b) {
        Set<String> na = numbers(datum(a).getName().getCode());
        Set<String> nb = numbers(datum(b).getName().getCode());
        if (na.isEmpty() || nb.isEmpty()) {
            return true;
        }
        na.retainAll(nb);
        return !na.isEmpty();
    }

    private static Set<String> numbers(String datumName) {
        Set<String> words = new HashSet<>();
        addWords(words, datumName);
        words.removeIf(w -> !w.chars().allMatch(Character::isDigit));
        return words;
    }

    /** The normalised words of a CRS's name and its datum's name, for telling equivalent candidates apart. */
    static Set<String> words(SingleCRS crs) {
        Set<String> out = new HashSet<>();
        addWords(out, crs.getName().getCode());
        if (crs instanceof ProjectedCRS p) {
            addWords(out, p.getBaseCRS().getName().getCode());
        }
        addWords(out, datum(crs).getName().getCode());
        out.removeAll(STOP_WORDS);
        return out;
    }

    private static void addWords(Set<String> out, String name) {
        // split between letters and digits (NAD83 -> nad 83) and on anything else
        String text = " " + name.toLowerCase(Locale.ROOT)
                .replaceAll("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})", " ")
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
        for (String[] phrase : PHRASES) {
            text = text.replace(" " + phrase[0], " " + phrase[1]);
        }
        for (String w : text.strip().split(" ")) {
            if (w.isEmpty()) {
                continue;
            }
            out.add(w.matches("(19|20)\\d\\d") ? w.substring(2) : w); // WGS_1984 and WGS 84 alike
        }
    }
}
