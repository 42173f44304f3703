package org.roofline.app.editor.map.internal;

import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.roofline.geometry.crs.Crs;
import org.roofline.inference.imagery.Georeferencing;

/**
 * Map coordinates as the status bar shows them: {@code 85.519234 E 27.634012 N (EPSG:4326)} for a geographic CRS (6
 * decimals, about 0.1 m), {@code 512345.67 4234567.89 (EPSG:32616)} for a projected one (centimetres), {@code x y}
 * without a CRS, and {@code x y px} for an image without georeferencing.
 */
public final class CoordinateText {

    private CoordinateText() {
    }

    public static String of(Coordinate map, Georeferencing g) {
        if (!g.isGeoreferenced()) {
            return String.format(Locale.ROOT, "%.1f %.1f px", map.x, map.y);
        }
        Crs crs = g.crs();
        if (crs == null) {
            return String.format(Locale.ROOT, "%.2f %.2f", map.x, map.y);
        }
        String name = crs.epsgCode().isPresent() ? "EPSG:" + crs.epsgCode().getAsInt() : crs.name();
        if (crs.isGeographic()) {
            return String.format(Locale.ROOT, "%.6f %s %.6f %s (%s)", Math.abs(map.x), map.x < 0 ? "W" : "E",
                    Math.abs(map.y), map.y < 0 ? "S" : "N", name);
        }
        return String.format(Locale.ROOT, "%.2f %.2f (%s)", map.x, map.y, name);
    }
}
