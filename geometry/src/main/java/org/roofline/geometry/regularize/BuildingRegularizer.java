package org.roofline.geometry.regularize;

import org.locationtech.jts.geom.Geometry;

/** Placeholder: implemented in the next commit. */
public final class BuildingRegularizer {
    private final RegularizationParameters parameters;

    public BuildingRegularizer(RegularizationParameters parameters) {
        this.parameters = parameters;
    }

    public static RegularizedBuilding regularize(Geometry outline, RegularizationMethod method) {
        return new BuildingRegularizer(RegularizationParameters.defaults(method)).apply(outline);
    }

    public RegularizationParameters parameters() {
        return parameters;
    }

    /** Regularizes a Polygon (or a MultiPolygon whose parts touch at corners). */
    public RegularizedBuilding apply(Geometry outline) {
        throw new UnsupportedOperationException("todo");
    }
}
