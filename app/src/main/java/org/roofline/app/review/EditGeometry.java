package org.roofline.app.review;

import java.util.List;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** Replaces a footprint's polygon; its status becomes {@link ReviewStatus#EDITED}. */
public final class EditGeometry extends ReviewCommand {

    private final long id;
    private final Polygon polygon;

    /** @throws IllegalArgumentException when the polygon is empty or invalid (self-intersecting, ...) */
    public EditGeometry(long id, Polygon polygon) {
        this.id = id;
        this.polygon = GeometryCheck.requireValid(polygon);
    }

    @Override
    protected Change compute(ReviewModel m) {
        Footprint f = m.footprint(id);
        if (f == null) {
            throw new IllegalArgumentException("no footprint " + id);
        }
        return new Change(List.of(f.withPolygon(polygon).withStatus(ReviewStatus.EDITED, m.clock().instant())),
                List.of());
    }

    @Override
    public String description() {
        return "Edit footprint " + id;
    }
}
