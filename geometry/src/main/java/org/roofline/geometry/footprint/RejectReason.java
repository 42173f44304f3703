package org.roofline.geometry.footprint;

import java.util.Locale;

/**
 * Why a reviewer rejected a footprint, when they said so: the answers cartographers ask for (MapSwipe's "offset",
 * "wrong shape", fAIr's feedback). A rejected footprint may have no reason (the plain reject).
 */
public enum RejectReason {
    NOT_A_BUILDING("not a building"),
    MERGED("several buildings merged"),
    WRONG_SHAPE("wrong shape"),
    OFFSET("offset"),
    OTHER("other");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** @return the words shown to the reviewer, such as "several buildings merged" */
    public String label() {
        return label;
    }

    /** @return the code used in files: the lower-case name with hyphens, such as {@code not-a-building} */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a {@link #code()} (case-insensitive; underscores or hyphens). */
    public static RejectReason fromCode(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RejectReason r : values()) {
            if (r.code().equals(c)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reject reason '" + code + "' (expected not-a-building, merged, "
                + "wrong-shape, offset or other)");
    }
}
