package org.roofline.geometry.conflate;

import java.util.Locale;
import java.util.Objects;

/**
 * What the review of a footprint against the reference map has to do with it, and what became of a reference building.
 * Files store it in the attribute {@value #ATTRIBUTE} as its {@linkplain #label() label}.
 */
public enum ChangeClass {
    /** A footprint that no reference building overlaps: to be added to the map. */
    NEW,
    /** A footprint matching one reference building one to one, at or above the IoU threshold: nothing to do. */
    UNCHANGED,
    /**
     * A footprint overlapping reference buildings that differs from them: a low IoU, or it covers several of them, or
     * several footprints cover one. The reference buildings of such a group are {@code CHANGED} too.
     */
    CHANGED,
    /** A reference building that no footprint overlaps: demolished, or missed by the model. */
    NOT_FOUND;

    /** The attribute name of the change class in the files Roofline writes. */
    public static final String ATTRIBUTE = "change_class";

    /** @return the label in files: {@code new}, {@code unchanged}, {@code changed} or {@code not_found} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a {@linkplain #label() label}, case-insensitively
     * @throws IllegalArgumentException for any other text
     */
    public static ChangeClass ofLabel(String label) {
        Objects.requireNonNull(label, "label");
        for (ChangeClass c : values()) {
            if (c.label().equalsIgnoreCase(label.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown change class '" + label
                + "': use new, unchanged, changed or not_found");
    }
}
