package org.roofline.geometry.footprint;

import java.util.Locale;

/** Where a footprint stands in the analyst's review. */
public enum ReviewStatus {
    PENDING, ACCEPTED, REJECTED, EDITED;

    /** @return the lower-case name used in files and on the command line */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a code such as {@code accepted}, case-insensitively. */
    public static ReviewStatus fromCode(String code) {
        for (ReviewStatus s : values()) {
            if (s.code().equalsIgnoreCase(code.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown review status '" + code + "' (expected pending, accepted, rejected or edited)");
    }
}
