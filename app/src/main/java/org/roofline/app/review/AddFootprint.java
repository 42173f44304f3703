package org.roofline.app.review;

import java.util.List;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Adds a footprint drawn by the reviewer: a fresh id ({@link ReviewModel#nextFreeId()} when first applied), status
 * {@link ReviewStatus#EDITED}, unknown confidence, method {@value #METHOD}, not regularized.
 */
public final class AddFootprint extends ReviewCommand {

    /** The method recorded on drawn footprints. */
    public static final String METHOD = "manual";

    private final Polygon polygon;
    private final String source;
    private long id = -1;

    /** @throws IllegalArgumentException when the polygon is empty or invalid */
    public AddFootprint(Polygon polygon, String source) {
        this.polygon = GeometryCheck.requireValid(polygon);
        this.source = source;
    }

    public AddFootprint(Polygon polygon) {
        this(polygon, null);
    }

    @Override
    protected Change compute(ReviewModel m) {
        id = m.nextFreeId();
        return new Change(List.of(new Footprint(id, polygon, ReviewStatus.EDITED, Double.NaN, METHOD, false, source,
                m.clock().instant())), List.of());
    }

    /** The new footprint's id, once applied (else -1). */
    public long id() {
        return id;
    }

    @Override
    public String description() {
        return "Add footprint";
    }
}
