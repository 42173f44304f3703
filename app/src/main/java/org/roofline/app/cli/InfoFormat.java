package org.roofline.app.cli;

import java.util.Locale;
import org.locationtech.jts.geom.Envelope;

/**
 * The layout of the lines {@code roofline info} prints, one style for images and vector files: {@code Key:} padded to
 * 16 characters then the value; extents as {@code min x, min y : max x, max y (unit)}; numbers as short as they can be
 * without losing precision.
 */
final class InfoFormat {

    private InfoFormat() {
    }

    /** @return {@code "Key:           value"} */
    static String line(String key, String value) {
        return String.format(Locale.ROOT, "%-15s %s", key + ":", value);
    }

    /**
     * @param unit what the coordinates are: "degrees", "CRS units", "pixels", ...
     * @return {@code "minx, miny : maxx, maxy (min x, min y : max x, max y; unit)"}, or {@code "empty"}
     */
    static String extent(Envelope e, String unit) {
        if (e == null || e.isNull()) {
            return "empty";
        }
        return number(e.getMinX()) + ", " + number(e.getMinY()) + " : " + number(e.getMaxX()) + ", "
                + number(e.getMaxY()) + " (min x, min y : max x, max y; " + unit + ")";
    }

    /** A number as short as it can be without losing precision ("0.5", "733601", "1.3411045074462891E-6"). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
