package org.roofline.app.review;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Moves every reference building by (dx, dy) map units: an imagery offset applied to the reference (the other way,
 * to the footprints, is {@link MoveFootprints#all}). States are kept; change classes are matched again.
 */
public final class MoveReference extends ReviewCommand {

    private final double dx;
    private final double dy;
    private final String shiftText;
    private int count = -1;

    /** @param shiftText the shift as the user saw it (e.g. {@code "1.50 m east, 0.02 m north"}), or null */
    public MoveReference(double dx, double dy, String shiftText) {
        if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
            throw new IllegalArgumentException("offset must be finite, was (" + dx + ", " + dy + ")");
        }
        this.dx = dx;
        this.dy = dy;
        this.shiftText = shiftText;
    }

    @Override
    protected Change compute(ReviewModel m) {
        if (!m.hasReference()) {
            throw new IllegalArgumentException("the review has no reference layer to move");
        }
        AffineTransformation t = AffineTransformation.translationInstance(dx, dy);
        List<ReferenceBuilding> out = new ArrayList<>(m.references().size());
        for (ReferenceBuilding r : m.references()) {
            out.add(r.withGeometry(t.transform(r.geometry())));
        }
        count = out.size();
        return new Change(List.of(), List.of(), out);
    }

    @Override
    public String description() {
        return "Move the reference" + (count < 0 ? "" : " (" + plural(count, "building") + ")") + " by "
                + (shiftText != null ? shiftText
                : "(" + MoveFootprints.round(dx) + ", " + MoveFootprints.round(dy) + ") map units");
    }
}
