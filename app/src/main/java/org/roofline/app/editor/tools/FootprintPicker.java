package org.roofline.app.editor.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.Selection;
import org.roofline.geometry.footprint.Footprint;

/**
 * Finds footprints on the map: the one under the cursor, those a box or lasso encloses, and those an edit acts on
 * (the selection, or the current footprint). A linear scan with an
 * envelope test first (a few thousand footprints take well under a millisecond per click).
 */
public final class FootprintPicker {

    private static final GeometryFactory GF = new GeometryFactory();

    private FootprintPicker() {
    }

    /** The selected footprints that are in the model, in the selection's order. */
    static List<Footprint> selected(ReviewModel model, Selection selection) {
        List<Footprint> found = new ArrayList<>();
        for (long id : selection.ids()) {
            Footprint f = model.footprint(id);
            if (f != null) {
                found.add(f);
            }
        }
        return found;
    }

    /** The selected footprints ({@link #selected}), or when there are none the current footprint, if any. */
    static List<Footprint> selectedOrCurrent(ReviewModel model, Selection selection) {
        List<Footprint> found = selected(model, selection);
        if (found.isEmpty()) {
            model.currentFootprint().ifPresent(found::add);
        }
        return found;
    }

    /**
     * The footprint under a map position: of those containing it, the smallest (a building inside a courtyard or an
     * overlapping outline wins over the big one around it); when none contains it, the one whose outline is nearest
     * within {@code tolerance} map units (so thin slivers and edges can be clicked).
     */
    public static Optional<Footprint> at(ReviewModel model, Coordinate map, double tolerance) {
        Point p = GF.createPoint(map);
        Footprint best = null;
        double bestArea = Double.POSITIVE_INFINITY;
        Footprint near = null;
        double nearDistance = tolerance;
        for (Footprint f : model.footprints()) {
            Envelope e = f.polygon().getEnvelopeInternal();
            if (e.distance(p.getEnvelopeInternal()) > tolerance) {
                continue;
            }
            if (f.polygon().contains(p)) {
                double a = f.polygon().getArea();
                if (a < bestArea) {
                    bestArea = a;
                    best = f;
                }
            } else if (best == null) {
                double d = f.polygon().distance(p);
                if (d <= nearDistance) {
                    nearDistance = d;
                    near = f;
                }
            }
        }
        return Optional.ofNullable(best != null ? best : near);
    }

    /**
     * The ids of the footprints enclosed by a region (a box or lasso in map coordinates): those whose interior point
     * ({@link Geometry#getInteriorPoint()}, always inside the footprint, near its centre) lies inside the region. A
     * footprint the region only grazes is not selected. In the model's order.
     */
    public static List<Long> enclosedBy(ReviewModel model, Geometry region) {
        List<Long> out = new ArrayList<>();
        if (region == null || region.isEmpty()) {
            return out;
        }
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(region);
        Envelope env = region.getEnvelopeInternal();
        for (Footprint f : model.footprints()) {
            if (!env.intersects(f.polygon().getEnvelopeInternal())) {
                continue;
            }
            Point ip = f.polygon().getInteriorPoint();
            if (!ip.isEmpty() && prepared.contains(ip)) {
                out.add(f.id());
            }
        }
        return out;
    }
}
