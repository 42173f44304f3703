package org.roofline.app.export;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Which review statuses an export takes. The default is what the reviewer kept: {@code accepted} and {@code edited}
 * (an edited footprint was corrected by hand, so it is kept too); pending and rejected footprints are left out unless
 * asked for. {@code all} takes every status.
 */
public final class ExportStatuses {

    /** What the reviewer kept: accepted and edited. */
    public static final Set<ReviewStatus> KEPT = Set.copyOf(EnumSet.of(ReviewStatus.ACCEPTED, ReviewStatus.EDITED));
    /** Every status. */
    public static final Set<ReviewStatus> ALL = Set.copyOf(EnumSet.allOf(ReviewStatus.class));

    private ExportStatuses() {
    }

    /**
     * Parses {@code all} or a comma-separated list of status codes ({@code accepted,edited}), case-insensitively.
     *
     * @return an unmodifiable, non-empty set
     * @throws IllegalArgumentException naming the bad word and the accepted ones
     */
    public static Set<ReviewStatus> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no status given: expected all, or a list of pending, accepted, "
                    + "rejected, edited");
        }
        if (text.strip().equalsIgnoreCase("all")) {
            return ALL;
        }
        EnumSet<ReviewStatus> out = EnumSet.noneOf(ReviewStatus.class);
        for (String word : text.split(",")) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            try {
                out.add(ReviewStatus.fromCode(w));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown status '" + word.strip()
                        + "': expected all, or a list of pending, accepted, rejected, edited");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no status given: expected all, or a list of pending, accepted, "
                    + "rejected, edited");
        }
        return Set.copyOf(out);
    }

    /** The statuses as a comma-separated list in the enum's order, or {@code all}. */
    public static String format(Set<ReviewStatus> statuses) {
        if (statuses.containsAll(ALL)) {
            return "all";
        }
        StringBuilder b = new StringBuilder();
        for (ReviewStatus s : ReviewStatus.values()) {
            if (statuses.contains(s)) {
                b.append(b.isEmpty() ? "" : ",").append(s.code());
            }
        }
        return b.toString();
    }
}
