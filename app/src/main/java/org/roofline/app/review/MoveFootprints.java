package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.footprint.Footprint;

/**
 * Moves footprints by (dx, dy) map units: the batch fix for imagery misalignment. Statuses are kept (an offset is a
 * georeferencing fix, not a review decision). A footprint whose centroid is carried into another tile moves to that
 * tile.
 */
public final class MoveFootprints extends ReviewCommand {

    private final List<Long> ids; // null: all
    private final double dx;
    private final double dy;
    private final String shiftText; // for people, e.g. "1.82 m east, 0.40 m south"; null: from dx, dy
    private int count = -1;

    public MoveFootprints(Collection<Long> ids, double dx, double dy) {
        this(List.copyOf(ids), dx, dy, null);
    }

    private MoveFootprints(List<Long> ids, double dx, double dy, String shiftText) {
        if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
            throw new IllegalArgumentException("offset must be finite, was (" + dx + ", " + dy + ")");
        }
        this.ids = ids;
        this.dx = dx;
        this.dy = dy;
        this.shiftText = shiftText;
    }

    /** Moves every footprint of the model (as it is when first applied). */
    public static MoveFootprints all(double dx, double dy) {
        return new MoveFootprints(null, dx, dy, null);
    }

    /**
     * The same move, described with the shift as the user saw it (e.g. {@code "1.82 m east, 0.40 m south"}), so the
     * undo and redo messages say what the move said. Call before it is applied.
     */
    public MoveFootprints describedAs(String shift) {
        return new MoveFootprints(ids, dx, dy, java.util.Objects.requireNonNull(shift, "shift"));
    }

    @Override
    protected Change compute(ReviewModel m) {
        List<Long> which = ids == null ? m.footprints().stream().map(Footprint::id).toList() : existing(m, ids);
        AffineTransformation t = AffineTransformation.translationInstance(dx, dy);
        List<Footprint> out = new ArrayList<>(which.size());
        for (long id : which) {
            Footprint f = m.footprint(id);
            out.add(f.withPolygon((Polygon) t.transform(f.polygon())));
        }
        count = out.size();
        return new Change(out, List.of());
    }

    @Override
    public String description() {
        String what = ids == null ? (count < 0 ? "all footprints" : "all " + plural(count, "footprint"))
                : plural(ids.size(), "footprint");
        return "Move " + what + " by " + (shiftText != null ? shiftText
                : "(" + round(dx) + ", " + round(dy) + ") map units");
    }

    /** Four significant digits, no trailing zeros: 1.848305 gives 1.848, 200.0 gives 200. */
    static String round(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
