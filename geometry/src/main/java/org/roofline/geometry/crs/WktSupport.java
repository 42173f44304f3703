package org.roofline.geometry.crs;

import java.text.ParseException;
import java.util.logging.Logger;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.io.wkt.Warnings;
import org.apache.sis.metadata.iso.citation.Citations;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.opengis.referencing.crs.CompoundCRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.SingleCRS;
import org.roofline.geometry.text.OneLine;

/**
 * Well-known text through Apache SIS: parsing WKT 1 (OGC and ESRI flavours) and WKT 2, formatting WKT 1.
 * Only the {@link WKTFormat} parser and formatter are used; they need no EPSG database and log nothing.
 * {@code WKTFormat} is not thread-safe, so each call makes its own.
 */
final class WktSupport {

    /**
     * SIS logs a warning, once, the first time it looks for its optional metadata database (which Roofline does not
     * use: it works without a SIS data directory by design). This filter drops exactly that record; anything else
     * SIS logs goes through. Kept in a static field so that the logger (and its filter) is not garbage-collected.
     */
    private static final Logger SIS_SYSTEM_LOGGER = Logger.getLogger("org.apache.sis.system");

    static {
        if (SIS_SYSTEM_LOGGER.getFilter() == null) {
            SIS_SYSTEM_LOGGER.setFilter(r -> !"DataDirectoryNotSpecified_1".equals(r.getMessage())
                    && !"JNDINotSpecified_1".equals(r.getMessage()));
        }
    }

    private WktSupport() {
    }

    /**
     * Parses WKT into a horizontal CRS with (east, north) / (longitude, latitude) axis order.
     *
     * @throws IllegalArgumentException if the text is not WKT of a coordinate reference system
     */
    static SingleCRS parse(String wkt) {
        Object parsed;
        WKTFormat format = new WKTFormat();
        try {
            String text = wkt.strip();
            if (text.startsWith("\uFEFF")) { // a byte-order mark, as some .prj files have
                text = text.substring(1).strip();
            }
            parsed = format.parseObject(esriLambert1SP(text));
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid WKT coordinate reference system: " + oneLine(e.getMessage())
                    + " (in " + abbreviate(wkt) + ")", e);
        }
        if (!(parsed instanceof CoordinateReferenceSystem crs)) {
            throw new IllegalArgumentException("the WKT describes a " + simpleKind(parsed)
                    + ", not a coordinate reference system (in " + abbreviate(wkt) + ")");
        }
        SingleCRS horizontal = crs instanceof CompoundCRS ? CRS.getHorizontalComponent(crs) : (SingleCRS) crs;
        if (horizontal == null) {
            throw new IllegalArgumentException("the WKT describes a coordinate reference system with no horizontal part: "
                    + crs.getName().getCode());
        }
        return (SingleCRS) AbstractCRS.castOrCopy(horizontal).forConvention(AxesConvention.RIGHT_HANDED);
    }

    /**
     * Parses a registry WKT ({@link EpsgDatabase#wkt}); when SIS rejects it, tries again without its {@code AXIS}
     * elements (GeoTools writes polar axis directions such as "South along 90°E" in a form SIS does not accept), which
     * gives the WKT 1 default (east, north) axes that Roofline uses anyway.
     *
     * @throws IllegalArgumentException if neither parses
     */
    static SingleCRS parseRegistry(String wkt) {
        try {
            return parse(wkt);
        } catch (IllegalArgumentException e) {
            String withoutAxes = removeElements(wkt, "AXIS");
            if (withoutAxes.equals(wkt)) {
                throw e;
            }
            return parse(withoutAxes);
        }
    }

    /**
     * ESRI writes Lambert Conformal Conic with one standard parallel (EPSG's 1SP variant, with a scale factor) under
     * the same name as the two-parallel variant, {@code Lambert_Conformal_Conic}, with {@code Standard_Parallel_1}
     * standing for the latitude of origin. SIS reads that as the 2SP variant and drops the scale factor, so such text
     * is rewritten to OGC's {@code Lambert_Conformal_Conic_1SP} first, as GDAL does when it reads ESRI WKT.
     */
    static String esriLambert1SP(String wkt) {
        if (indexOfIgnoreCase(wkt, "PROJECTION[\"Lambert_Conformal_Conic\"") < 0
                || indexOfIgnoreCase(wkt, "PARAMETER[\"Standard_Parallel_2\"") >= 0) {
            return wkt;
        }
        int sp1 = indexOfIgnoreCase(wkt, "PARAMETER[\"Standard_Parallel_1\"");
        if (sp1 < 0) {
            return wkt;
        }
        String out = removeParameters(wkt, "Latitude_Of_Origin");
        sp1 = indexOfIgnoreCase(out, "PARAMETER[\"Standard_Parallel_1\"");
        out = out.substring(0, sp1) + "PARAMETER[\"latitude_of_origin\"" + out.substring(sp1 + "PARAMETER[\"Standard_Parallel_1\"".length());
        int proj = indexOfIgnoreCase(out, "PROJECTION[\"Lambert_Conformal_Conic\"");
        return out.substring(0, proj) + "PROJECTION[\"Lambert_Conformal_Conic_1SP\""
                + out.substring(proj + "PROJECTION[\"Lambert_Conformal_Conic\"".length());
    }

    /**
     * @return OGC WKT 1 (OGC 01-009) on one line, with {@code AUTHORITY} but without {@code AXIS} elements: GDAL and
     *         PROJ then take the EPSG axis order of an EPSG code (latitude first for EPSG:4326), and the WKT 1 default
     *         (east, north) otherwise, whereas the registry's WKT declares (longitude, latitude), which makes GDAL see a
     *         CRS that is not EPSG:4326 but OGC:CRS84
     */
    static String formatWkt1(CoordinateReferenceSystem crs) {
        WKTFormat format = new WKTFormat();
        format.setConvention(Convention.WKT1);
        format.setIndentation(WKTFormat.SINGLE_LINE);
        return removeElements(format(format, crs), "AXIS");
    }

    /**
     * ESRI's flavour of WKT 1, as in a Shapefile's {@code .prj}: ESRI names for projections and parameters, datum
     * names prefixed with {@code D_}, parameters in the units of the projected CRS (as in OGC WKT 1), and no
     * {@code AXIS}, {@code AUTHORITY}, {@code TOWGS84} or {@code EXTENSION} elements (ESRI software does not write
     * them). SIS has no convention for exactly this, so those elements are removed from its output.
     */
    static String formatEsri(CoordinateReferenceSystem crs) {
        WKTFormat format = new WKTFormat();
        format.setConvention(Convention.WKT1);
        format.setNameAuthority(Citations.ESRI);
        format.setIndentation(WKTFormat.SINGLE_LINE);
        return removeElements(format(format, crs), "AXIS", "AUTHORITY", "TOWGS84", "EXTENSION");
    }

    private static String format(WKTFormat format, CoordinateReferenceSystem crs) {
        String text = format.format(crs);
        Warnings warnings = format.getWarnings();
        if (warnings != null) {
            throw new IllegalStateException("cannot write '" + crs.getName().getCode() + "' as WKT 1: "
                    + oneLine(warnings.toString()));
        }
        return text;
    }

    /**
     * Removes every element with one of the given keywords (and the comma before it) from single-line WKT, at any
     * depth. Quoted names are skipped over, so a keyword inside a name is left alone.
     */
    static String removeElements(String wkt, String... keywords) {
        StringBuilder out = new StringBuilder(wkt.length());
        int i = 0;
        int n = wkt.length();
        while (i < n) {
            char c = wkt.charAt(i);
            if (c == '"') {
                int end = wkt.indexOf('"', i + 1);
                while (end > 0 && end + 1 < n && wkt.charAt(end + 1) == '"') { // "" escapes a quote in WKT
                    end = wkt.indexOf('"', end + 2);
                }
                end = end < 0 ? n - 1 : end;
                out.append(wkt, i, end + 1);
                i = end + 1;
                continue;
            }
            if (c == ',') {
                int j = i + 1;
                while (j < n && wkt.charAt(j) == ' ') {
                    j++;
                }
                String keyword = keywordAt(wkt, j, keywords);
                if (keyword != null) {
                    i = skipElement(wkt, j + keyword.length());
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Removes the {@code PARAMETER} elements with the given names (case-insensitive) from single-line WKT 1. */
    static String removeParameters(String wkt, String... names) {
        String out = wkt;
        for (String name : names) {
            int at;
            while ((at = indexOfIgnoreCase(out, "PARAMETER[\"" + name + "\"")) >= 0) {
                int start = at;
                int comma = out.lastIndexOf(',', at);
                if (comma >= 0 && out.substring(comma + 1, at).isBlank()) {
                    start = comma;
                }
                out = out.substring(0, start) + out.substring(skipElement(out, at + "PARAMETER".length()));
            }
        }
        return out;
    }

    private static int indexOfIgnoreCase(String s, String what) {
        for (int i = 0; i + what.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    private static String keywordAt(String wkt, int at, String[] keywords) {
        for (String k : keywords) {
            if (wkt.regionMatches(true, at, k, 0, k.length())) {
                int after = at + k.length();
                if (after < wkt.length() && (wkt.charAt(after) == '[' || wkt.charAt(after) == '(')) {
                    return k;
                }
            }
        }
        return null;
    }

    /** @return the index just after the bracket that closes the element whose opening bracket is at {@code open} */
    private static int skipElement(String wkt, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < wkt.length(); i++) {
            char c = wkt.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '(')) {
                depth++;
            } else if (!quoted && (c == ']' || c == ')')) {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return wkt.length();
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return OneLine.of(message);
    }

    static String abbreviate(String text) {
        String s = oneLine(text);
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }

    private static String simpleKind(Object parsed) {
        if (parsed == null) {
            return "nothing";
        }
        for (Class<?> type : parsed.getClass().getInterfaces()) {
            if (type.getName().startsWith("org.opengis.")) {
                return type.getSimpleName();
            }
        }
        return parsed.getClass().getSimpleName();
    }
}
