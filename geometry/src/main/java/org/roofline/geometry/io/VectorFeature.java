package org.roofline.geometry.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a layer: a geometry and its attribute values by field name. Values are {@link Long}, {@link Double},
 * {@link String}, {@link Boolean}, {@link java.time.Instant} or null, matching the layer's {@link FieldDef}s.
 */
public record VectorFeature(Geometry geometry, Map<String, Object> attributes) {
    public VectorFeature {
        Objects.requireNonNull(geometry, "geometry");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** @return the value of a field, or null */
    public Object get(String field) {
        return attributes.get(field);
    }
}
