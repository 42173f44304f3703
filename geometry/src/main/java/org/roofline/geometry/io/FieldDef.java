package org.roofline.geometry.io;

import java.util.Objects;

/**
 * One attribute field of a layer.
 *
 * @param name the field's full name (a format with shorter names, such as Shapefile's 10 characters, maps it)
 * @param type its type
 */
public record FieldDef(String name, FieldType type) {
    public FieldDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field name must not be blank");
        }
    }
}
