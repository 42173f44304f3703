package org.roofline.app.review;

import java.util.Locale;
import java.util.Objects;

/** What the review decided about a building of the reference map. Stored as its {@linkplain #label() label}. */
public enum ReferenceState {
    /** Not decided yet. */
    PENDING,
    /** Kept as the map has it (a footprint over it was rejected as a duplicate). */
    KEPT,
    /** Its geometry is replaced by a footprint's; its id and attributes stay. */
    REPLACED,
    /** Marked demolished: to be deleted from the map. */
    DEMOLISHED;

    /** @return {@code pending}, {@code kept}, {@code replaced} or {@code demolished} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a text that is no label */
    public static ReferenceState ofLabel(String label) {
        Objects.requireNonNull(label, "label");
        for (ReferenceState s : values()) {
            if (s.label().equalsIgnoreCase(label.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown reference state '" + label
                + "': use pending, kept, replaced or demolished");
    }
}
