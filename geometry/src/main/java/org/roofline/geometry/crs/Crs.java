package org.roofline.geometry.crs;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.SingleCRS;

/**
 * A coordinate reference system: an immutable value holding the EPSG code when one is known, and the definition
 * needed to reproject ({@link CrsTransform}) and to write it out as WKT ({@link #toWkt1()}, {@link #toEsriWkt()}).
 *
 * <p><b>Axis order.</b> Everywhere in Roofline x is the easting or the longitude and y the northing or the latitude,
 * whatever order the EPSG definition or a WKT {@code AXIS} element declares; {@link #WGS84} is EPSG:4326 used as
 * (longitude, latitude).
 *
 * <p><b>Where definitions come from.</b> All offline, nothing is downloaded:
 * <ul>
 *   <li>EPSG codes, names and PROJ.4 definitions (used for reprojection) come from the {@code proj4j-epsg} library,
 *       which has PROJ 4's EPSG file (about 5,700 geographic and projected 2D CRSs; no vertical or compound ones).
 *       Its WKT 1 text for the codes (GeoTools flavour) is used for {@link #toWkt1()} and {@link #toEsriWkt()}; for
 *       the 717 codes it has no WKT for (recent ones: GDA2020, NAD83(2011) county systems, ...) the WKT is built
 *       from the PROJ.4 definition, with the datum named after the CRS (so 5,620 codes have WKT).</li>
 *   <li>WKT (OGC WKT 1, ESRI WKT 1 from {@code .prj} files, ISO WKT 2) is parsed by Apache SIS, which needs no EPSG
 *       database for that. A WKT that names its EPSG code ({@code AUTHORITY["EPSG","32616"]}, {@code ID["EPSG",32616]})
 *       gets that code; one that does not (the usual ESRI {@code .prj}, such as {@code GCS_WGS_1984} or
 *       {@code NAD_1983_StatePlane_Colorado_North_FIPS_0501_Feet}) is compared with the registry's definitions:
 *       same ellipsoid, prime meridian, units and map projection. Among equivalent definitions the names decide (see
 *       {@code CrsIdentifier}): a name that does not say which realisation of a datum it means (NAD83 or
 *       NAD83(HARN)) gets the plain datum. GDAL's ESRI WKT of 34 common codes (UTM, state planes in feet, national
 *       grids, Web Mercator, polar stereographic, Swiss oblique Mercator) is identified as GDAL's own code.</li>
 * </ul>
 *
 * <p><b>Limits.</b> A WKT that matches no EPSG definition (a custom projection; ESRI's NTF (Paris) in grads) keeps
 * its WKT and name, and can be written out, but cannot be reprojected ({@link CrsTransform#of} refuses it,
 * {@link #canReproject()} says so). A compound WKT (horizontal + vertical) is reduced to its horizontal part. The
 * registry's few compound and geocentric codes can be named but not reprojected. About 140 codes (geocentric,
 * compound, Krovak, New Zealand Map Grid, oblique Mercator ones built from PROJ.4) have no WKT;
 * {@link #toWkt1()} and {@link #toEsriWkt()} of those throw {@link IllegalStateException}.
 *
 * <p>Two {@code Crs} are equal when they have the same EPSG code, or when neither has one and their WKT 1 is the
 * same text.
 */
public final class Crs {

    /** WGS 84 geographic, EPSG:4326, with x = longitude and y = latitude in degrees. */
    public static final Crs WGS84 = new Crs(4326, "WGS 84", "+proj=longlat +datum=WGS84 +no_defs", true, null);

    private static final Pattern EPSG_TEXT = Pattern.compile(
            "(?i)(?:epsg:)?(\\d{1,9})"
                    + "|urn:ogc:def:crs:epsg:[0-9.]*:(\\d{1,9})"
                    + "|https?://www\\.opengis\\.net/def/crs/epsg/[0-9.]+/(\\d{1,9})");
    private static final Pattern CRS84_TEXT = Pattern.compile(
            "(?i)crs:?84|ogc:crs:?84|urn:ogc:def:crs:ogc:[0-9.]*:crs84|https?://www\\.opengis\\.net/def/crs/ogc/[0-9.]+/crs84");

    private final int epsg; // 0 when unknown
    private final String name;
    private final String proj4; // null when the CRS cannot be reprojected
    private final boolean geographic;
    private final SingleCRS parsed; // from WKT, or null for a CRS made from a code
    private volatile String wkt1; // computed on demand

    private Crs(int epsg, String name, String proj4, boolean geographic, SingleCRS parsed) {
        this.epsg = epsg;
        this.name = name;
        this.proj4 = proj4;
        this.geographic = geographic;
        this.parsed = parsed;
    }

    /**
     * The CRS of an EPSG code.
     *
     * @throws IllegalArgumentException if the registry does not know the code
     */
    public static Crs epsg(int code) {
        if (code == 4326) {
            return WGS84;
        }
        EpsgDatabase.Entry e = EpsgDatabase.entry(code);
        if (e == null) {
            throw new IllegalArgumentException("unknown EPSG code " + code
                    + ": not a geographic or projected 2D CRS in the EPSG registry that Roofline has");
        }
        return new Crs(code, e.name(), e.proj4(), e.isGeographic(), null);
    }

    /**
     * Parses a CRS given as {@code EPSG:32616}, {@code 32616}, an OGC URN ({@code urn:ogc:def:crs:EPSG::32616},
     * {@code urn:ogc:def:crs:OGC:1.3:CRS84}), an OGC http URI, {@code CRS:84}, or WKT (1 or 2).
     *
     * @throws IllegalArgumentException if the text is none of those, names an unknown code, or is garbled WKT
     */
    public static Crs parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        Matcher m = EPSG_TEXT.matcher(s);
        if (m.matches()) {
            String code = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            return epsg(Integer.parseInt(code));
        }
        if (CRS84_TEXT.matcher(s).matches()) {
            return WGS84;
        }
        if (s.matches("(?s)[A-Za-z_]+\\s*[\\[(].*")) {
            return fromWkt(s);
        }
        throw new IllegalArgumentException("unrecognised coordinate reference system '" + WktSupport.oneLine(s)
                + "': expected EPSG:code, an OGC URN such as urn:ogc:def:crs:EPSG::32616, or WKT");
    }

    /**
     * Parses WKT: OGC WKT 1, ESRI WKT 1 (a {@code .prj} file) or ISO WKT 2, and identifies its EPSG code (see the
     * class comment).
     *
     * @throws IllegalArgumentException if the text is not the WKT of a coordinate reference system; the message says
     *                                  what is wrong
     */
    public static Crs fromWkt(String wkt) {
        Objects.requireNonNull(wkt, "wkt");
        if (wkt.isBlank()) {
            throw new IllegalArgumentException("not a valid WKT coordinate reference system: the text is empty");
        }
        SingleCRS crs = WktSupport.parse(wkt);
        OptionalInt code = CrsIdentifier.identify(crs);
        if (code.isPresent()) {
            if (code.getAsInt() == 4326) {
                return WGS84;
            }
            EpsgDatabase.Entry e = EpsgDatabase.entry(code.getAsInt());
            return new Crs(e.code(), e.name(), e.proj4(), e.isGeographic(), crs);
        }
        return new Crs(0, crs.getName().getCode(), null, crs instanceof GeographicCRS, crs);
    }

    /** @return the EPSG code, when known */
    public OptionalInt epsgCode() {
        return epsg == 0 ? OptionalInt.empty() : OptionalInt.of(epsg);
    }

    /** @return the EPSG name when the code is known (such as {@code WGS 84 / UTM zone 16N}), else the WKT's name */
    public String name() {
        return name;
    }

    /** @return whether coordinates are longitude and latitude (in degrees, unless the WKT says otherwise) */
    public boolean isGeographic() {
        return geographic;
    }

    /** @return whether {@link CrsTransform} can reproject from and to this CRS (false for an unidentified WKT) */
    public boolean canReproject() {
        return proj4 != null;
    }

    /** The PROJ.4 definition used by {@link CrsTransform}, or null. */
    String proj4() {
        return proj4;
    }

    /**
     * OGC WKT 1 (OGC 01-009) on one line, with {@code AUTHORITY["EPSG", code]} when the code is known: the definition
     * GeoPackage's {@code gpkg_spatial_ref_sys} wants. For a known code this is the registry's definition, even when
     * this CRS was read from a WKT that only matched it. There are no {@code AXIS} elements, so readers take the EPSG
     * axis order for a code (GDAL and PROJ then identify it as that code) and the WKT 1 default, (east, north), for
     * anything else; Roofline's coordinates are (east, north) whatever the CRS declares, as in a GeoPackage.
     *
     * @throws IllegalStateException for the few registry codes that have no usable WKT (see the class comment)
     */
    public String toWkt1() {
        String w = wkt1;
        if (w == null) {
            // An all-zero TOWGS84 says nothing (the datum is WGS 84-compatible as it is) and NGA's GeoPackage library
            // cannot parse a datum that carries one, so it is left out, as GDAL leaves it out for such datums.
            w = WktSupport.formatWkt1(sisCrs()).replaceAll(",\\s*TOWGS84\\[\\s*0(\\.0+)?(\\s*,\\s*0(\\.0+)?)*\\s*\\]", "");
            wkt1 = w;
        }
        return w;
    }

    /**
     * ESRI's flavour of WKT 1, for a Shapefile's {@code .prj}: ESRI projection and parameter names, {@code D_}
     * datum names, no {@code AXIS}, {@code AUTHORITY} or {@code TOWGS84}. The CRS and datum names are the EPSG
     * ones (Roofline has no table of ESRI names), which GDAL and QGIS match to the EPSG code.
     *
     * @throws IllegalStateException for the few registry codes that have no usable WKT (see the class comment)
     */
    public String toEsriWkt() {
        return WktSupport.formatEsri(sisCrs());
    }

    private SingleCRS sisCrs() {
        if (epsg != 0) {
            String text = EpsgDatabase.wkt(epsg);
            if (text != null) {
                try {
                    return WktSupport.parseRegistry(text);
                } catch (IllegalArgumentException e) {
                    if (parsed == null) {
                        throw new IllegalStateException("no WKT is available for EPSG:" + epsg + " (" + name + "): "
                                + e.getMessage(), e);
                    }
                }
            }
        }
        if (parsed == null) {
            throw new IllegalStateException("no WKT is available for EPSG:" + epsg + " (" + name + ")");
        }
        return parsed;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Crs other)) {
            return false;
        }
        if (epsg != 0 || other.epsg != 0) {
            return epsg == other.epsg;
        }
        return definition().equals(other.definition());
    }

    @Override
    public int hashCode() {
        return epsg != 0 ? epsg : definition().hashCode();
    }

    /** The text that identifies a CRS without a code: its WKT 1, or SIS's WKT 2 when it has no WKT 1 form. */
    private String definition() {
        try {
            return toWkt1();
        } catch (IllegalStateException e) {
            return parsed.toString();
        }
    }

    /** @return {@code EPSG:32616 (WGS 84 / UTM zone 16N)}, or the name alone when there is no code */
    @Override
    public String toString() {
        return epsg != 0 ? "EPSG:" + epsg + " (" + name + ")" : name + " (no EPSG code)";
    }

    /**
     * @return the OGC URN of the EPSG code, such as {@code urn:ogc:def:crs:EPSG::32616}, as the legacy GeoJSON
     *         {@code crs} member names it
     * @throws IllegalStateException if the CRS has no EPSG code
     */
    public String urn() {
        if (epsg == 0) {
            throw new IllegalStateException("the CRS '" + name + "' has no EPSG code to name it by");
        }
        return String.format(Locale.ROOT, "urn:ogc:def:crs:EPSG::%d", epsg);
    }
}
