package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.NoninvertibleTransformationException;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.regularize.RegularizedBuilding;

/**
 * Regularizes the selected footprints again with other parameters ({@link BuildingRegularizer}). The footprints take
 * the result's polygon, method code and regularized flag; their status becomes {@link ReviewStatus#EDITED}.
 *
 * <p><b>Working frame.</b> Right angles and tolerances only mean something in a frame whose axes are square on the
 * ground. Map coordinates are such a frame for a conformal projected CRS, but not for a geographic one (EPSG:4326: a
 * degree of longitude is shorter than a degree of latitude, so a right angle in degrees is not one on the ground).
 * The constructor {@link #ReRegularize(Collection, RegularizationParameters, AffineTransformation)} therefore takes an
 * affine map-to-working transform (for instance to a local metric frame, or to the image's pixels): each polygon is
 * carried into the working frame, regularized there with tolerances in working units, and carried back. The old
 * two-argument constructor regularizes in map coordinates (tolerances in map units).
 *
 * <p>{@link #ofResults} records polygons regularized beforehand (by a live preview), so that applying shows exactly
 * what was previewed and does no geometry work on the caller's thread.
 */
public final class ReRegularize extends ReviewCommand {

    private final List<Long> ids;
    private final RegularizationParameters parameters; // null with precomputed results
    private final AffineTransformation toWorking; // null: map coordinates
    private final AffineTransformation fromWorking;
    private final Map<Long, RegularizedBuilding> results; // null unless precomputed
    private final String methodCode;

    /** Regularizes in map coordinates: tolerances in map units. */
    public ReRegularize(Collection<Long> ids, RegularizationParameters parameters) {
        this.ids = List.copyOf(ids);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.toWorking = null;
        this.fromWorking = null;
        this.results = null;
        this.methodCode = parameters.method().code();
    }

    /**
     * Regularizes in a working frame.
     *
     * @param parameters tolerances and minimum edge length in working units
     * @param mapToWorking an invertible affine transform from map coordinates to the working frame
     * @throws IllegalArgumentException when the transform cannot be inverted
     */
    public ReRegularize(Collection<Long> ids, RegularizationParameters parameters, AffineTransformation mapToWorking) {
        this.ids = List.copyOf(ids);
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.toWorking = new AffineTransformation(Objects.requireNonNull(mapToWorking, "mapToWorking"));
        this.fromWorking = inverse(mapToWorking);
        this.results = null;
        this.methodCode = parameters.method().code();
    }

    private ReRegularize(Map<Long, RegularizedBuilding> results, String methodCode) {
        this.ids = List.copyOf(results.keySet());
        this.parameters = null;
        this.toWorking = null;
        this.fromWorking = null;
        this.results = new LinkedHashMap<>(results);
        this.methodCode = Objects.requireNonNull(methodCode, "methodCode");
    }

    /**
     * A command that stores results computed beforehand (in map coordinates), for instance by a preview.
     *
     * @param results    the regularized polygon of each footprint id
     * @param methodCode the requested method, for the description
     * @throws IllegalArgumentException when there are no results
     */
    public static ReRegularize ofResults(Map<Long, RegularizedBuilding> results, String methodCode) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("nothing to regularize");
        }
        for (RegularizedBuilding r : results.values()) {
            Objects.requireNonNull(r, "result");
        }
        return new ReRegularize(results, methodCode);
    }

    /**
     * Regularizes one polygon in a working frame and returns it in map coordinates (the computation the command and
     * its preview share). Thread-safe.
     */
    public static RegularizedBuilding regularize(Polygon mapPolygon, RegularizationParameters parameters,
                                                 AffineTransformation mapToWorking) {
        BuildingRegularizer regularizer = new BuildingRegularizer(parameters);
        if (mapToWorking == null) {
            return regularizer.apply(mapPolygon);
        }
        RegularizedBuilding r = regularizer.apply(mapToWorking.transform(mapPolygon));
        Polygon back = (Polygon) inverse(mapToWorking).transform(r.polygon());
        return new RegularizedBuilding(back, r.method(), r.regularized());
    }

    /** The inverse of a working-frame transform (also used by {@link MergeFootprints}). */
    static AffineTransformation inverse(AffineTransformation t) {
        try {
            return t.getInverse();
        } catch (NoninvertibleTransformationException e) {
            throw new IllegalArgumentException("the working frame transform cannot be inverted: " + t, e);
        }
    }

    @Override
    protected Change compute(ReviewModel m) {
        BuildingRegularizer regularizer = parameters == null ? null : new BuildingRegularizer(parameters);
        List<Footprint> out = new ArrayList<>();
        var now = m.clock().instant();
        for (long id : existing(m, ids)) {
            Footprint f = m.footprint(id);
            RegularizedBuilding r;
            if (results != null) {
                r = results.get(id);
            } else if (toWorking == null) {
                r = regularizer.apply(f.polygon());
            } else {
                RegularizedBuilding w = regularizer.apply(toWorking.transform(f.polygon()));
                r = new RegularizedBuilding((Polygon) fromWorking.transform(w.polygon()), w.method(), w.regularized());
            }
            out.add(new Footprint(f.id(), r.polygon(), ReviewStatus.EDITED, f.confidence(), r.method().code(),
                    r.regularized(), f.source(), now));
        }
        return new Change(out, List.of());
    }

    @Override
    public String description() {
        return "Re-square " + plural(ids.size(), "footprint") + " (" + methodCode + ")";
    }
}
