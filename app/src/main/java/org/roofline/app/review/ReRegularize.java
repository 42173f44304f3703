package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.regularize.RegularizedBuilding;

/**
 * Regularizes the selected footprints again with other parameters ({@link BuildingRegularizer}). The polygons here
 * are in map coordinates, so {@link RegularizationParameters#tolerance()} and
 * {@link RegularizationParameters#minEdgeLength()} are in <b>map units</b> (metres, say), not pixels: the
 * post-processor's pixel defaults must be scaled by the pixel size. The footprints take the result's polygon, method
 * code and regularized flag; their status becomes {@link ReviewStatus#EDITED}.
 */
public final class ReRegularize extends FootprintCommand {

    private final List<Long> ids;
    private final RegularizationParameters parameters;

    public ReRegularize(Collection<Long> ids, RegularizationParameters parameters) {
        this.ids = List.copyOf(ids);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    protected Change compute(ReviewModel m) {
        BuildingRegularizer regularizer = new BuildingRegularizer(parameters);
        List<Footprint> out = new ArrayList<>();
        var now = m.clock().instant();
        for (long id : existing(m, ids)) {
            Footprint f = m.footprint(id);
            RegularizedBuilding r = regularizer.apply(f.polygon());
            out.add(new Footprint(f.id(), r.polygon(), ReviewStatus.EDITED, f.confidence(), r.method().code(),
                    r.regularized(), f.source(), now));
        }
        return new Change(out, List.of());
    }

    @Override
    public String description() {
        return "Regularize " + plural(ids.size(), "footprint") + " (" + parameters.method().code() + ")";
    }
}
