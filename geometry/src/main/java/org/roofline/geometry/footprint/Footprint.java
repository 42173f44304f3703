package org.roofline.geometry.footprint;

import java.time.Instant;
import java.util.Objects;
import org.locationtech.jts.geom.Polygon;

/**
 * One building footprint: an immutable value. Its polygon is in whatever coordinate space the producer works in
 * (pixel units in the post-processor, map units once georeferenced).
 *
 * @param id          identifier, unique within a result or session
 * @param polygon     the outline, a valid polygon (holes allowed)
 * @param status      review status
 * @param confidence  the model's confidence in [0, 1], or NaN when unknown
 * @param method      name of the regularization method that produced the outline (see {@code RegularizationMethod})
 * @param regularized whether the method's regularization succeeded; false means the outline is only simplified
 * @param source      the image or tile it was found in, or null
 * @param reviewedAt  when it was last reviewed, or null
 * @param rejectReason why it was rejected, or null (always null unless {@code status} is {@link ReviewStatus#REJECTED})
 */
public record Footprint(long id, Polygon polygon, ReviewStatus status, double confidence, String method,
                        boolean regularized, String source, Instant reviewedAt, RejectReason rejectReason) {

    public Footprint {
        Objects.requireNonNull(polygon, "polygon");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(method, "method");
        if (!Double.isNaN(confidence) && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1] or NaN, was " + confidence);
        }
        if (rejectReason != null && status != ReviewStatus.REJECTED) {
            throw new IllegalArgumentException("a reject reason needs the status rejected, was " + status.code());
        }
    }

    /** A footprint without a reject reason. */
    public Footprint(long id, Polygon polygon, ReviewStatus status, double confidence, String method,
                     boolean regularized, String source, Instant reviewedAt) {
        this(id, polygon, status, confidence, method, regularized, source, reviewedAt, null);
    }

    /** A pending footprint with unknown confidence. */
    public static Footprint pending(long id, Polygon polygon, String method, boolean regularized, String source) {
        return new Footprint(id, polygon, ReviewStatus.PENDING, Double.NaN, method, regularized, source, null);
    }

    public Footprint withId(long newId) {
        return new Footprint(newId, polygon, status, confidence, method, regularized, source, reviewedAt,
                rejectReason);
    }

    public Footprint withPolygon(Polygon newPolygon) {
        return new Footprint(id, newPolygon, status, confidence, method, regularized, source, reviewedAt,
                rejectReason);
    }

    /** A copy with another status, reviewed at {@code when}, without a reject reason (see {@link #withRejection}). */
    public Footprint withStatus(ReviewStatus newStatus, Instant when) {
        return new Footprint(id, polygon, newStatus, confidence, method, regularized, source, when);
    }

    public Footprint withConfidence(double newConfidence) {
        return new Footprint(id, polygon, status, newConfidence, method, regularized, source, reviewedAt,
                rejectReason);
    }

    /** A rejected copy with a reason (null: none), reviewed at {@code when}. */
    public Footprint withRejection(RejectReason reason, Instant when) {
        return new Footprint(id, polygon, ReviewStatus.REJECTED, confidence, method, regularized, source, when, reason);
    }

    /** @return the number of distinct vertices: shell and holes, without the closing repeats */
    public int vertexCount() {
        int n = polygon.getExteriorRing().getNumPoints() - 1;
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            n += polygon.getInteriorRingN(i).getNumPoints() - 1;
        }
        return n;
    }
}
