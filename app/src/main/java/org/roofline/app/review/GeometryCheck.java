package org.roofline.app.review;

import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** Refuses polygons a footprint cannot have. */
final class GeometryCheck {

    private GeometryCheck() {
    }

    /** @throws IllegalArgumentException with the reason and where, when the polygon is null, empty or invalid */
    static Polygon requireValid(Polygon p) {
        if (p == null || p.isEmpty()) {
            throw new IllegalArgumentException("a footprint needs a non-empty polygon");
        }
        TopologyValidationError err = new IsValidOp(p).getValidationError();
        if (err != null) {
            throw new IllegalArgumentException("invalid polygon: " + err.getMessage()
                    + (err.getCoordinate() != null
                    ? " at (" + err.getCoordinate().x + ", " + err.getCoordinate().y + ")" : ""));
        }
        if (!(p.getArea() > 0)) {
            throw new IllegalArgumentException("invalid polygon: zero area");
        }
        return p;
    }
}
