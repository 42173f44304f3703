package org.roofline.geometry.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature read from a GeoJSON file.
 *
 * @param geometry   a Polygon or MultiPolygon, in the file's coordinates
 * @param properties the feature's properties in file order, as plain values: String, Long (integers), Double,
 *                   Boolean, null, {@code List<Object>} and {@code Map<String, Object>}; unmodifiable
 */
public record GeoJsonFeature(Geometry geometry, Map<String, Object> properties) {

    public GeoJsonFeature {
        Objects.requireNonNull(geometry, "geometry");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** @return the property as a number, or null when absent, null or not a number */
    public Number number(String name) {
        return properties.get(name) instanceof Number n ? n : null;
    }

    /** @return the property as a string, or null when absent, null or not a string */
    public String string(String name) {
        return properties.get(name) instanceof String s ? s : null;
    }
}
