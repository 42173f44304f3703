package org.roofline.geometry.metrics;

import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;

/**
 * Building-level accuracy of predicted polygons against ground truth, as {@link BuildingMatcher} computes it for one
 * scene, or pooled over several with {@link #plus} / {@link #pool}. It holds sums only (counts, areas, vertices, the
 * sum of the matched IoUs), so pooling is exact: the pooled figures are those of one scene made of all the scenes.
 *
 * <p><b>Figures</b> ({@code P} evaluated predictions, {@code T} evaluated truths, {@code TP} matches):
 * <ul>
 *   <li>{@link #precision()} {@code TP / P}, {@link #recall()} {@code TP / T}, {@link #f1()}
 *       {@code 2 TP / (P + T)} (the harmonic mean of precision and recall where both are defined and not both 0);</li>
 *   <li>{@link #meanIoU()}: the mean IoU of the matched pairs;</li>
 *   <li>{@link #pixelIoU()}: area-based, {@code area(∪P ∩ ∪T) / area(∪P ∪ ∪T)} over the unions of each side (so
 *       overlapping predictions count their area once), pooled as sums of areas;</li>
 *   <li>{@link #complexityAwareIoU()}: PolyWorld's C-IoU of the scene,
 *       {@linkplain PolygonMetrics#complexityAwareIoU pixel IoU × (1 − |N − N_gt| / (N + N_gt))} with {@code N} and
 *       {@code N_gt} the vertex counts of all evaluated predictions and truths (as
 *       {@link WindowedComplexityAwareIoU} scores one window); pooled, it is that of the pooled sums, not a mean of
 *       per-scene values;</li>
 *   <li>{@link #nRatio()}: PolyWorld's {@linkplain PolygonMetrics#nRatio N-ratio} {@code N / N_gt} over the same
 *       vertex counts.</li>
 * </ul>
 *
 * <p><b>Undefined figures.</b> Each figure is its formula, and is {@code NaN} exactly when the formula's denominator
 * is 0 — never a conventional 0 or 1: precision without predictions, recall without truth, F1, pixel IoU and C-IoU
 * when both sides are empty, mean IoU without a match, N-ratio when the truth has no vertex. So a scene with truth
 * and no predictions has recall 0, F1 0, pixel IoU 0 and precision NaN; an empty scene with no predictions has every
 * ratio NaN. Callers that write JSON write {@code null} for NaN.
 *
 * <p>Areas are in the square units of the coordinates the scene was evaluated in; pool only evaluations made in the
 * same units.
 *
 * @param iouThreshold     the IoU at or above which a pair matched, in (0, 1]
 * @param predicted        what became of the predicted polygons given
 * @param truth            what became of the ground-truth polygons given
 * @param truePositives    matched pairs, {@code TP}
 * @param matchedIoUSum    the sum of the matched pairs' IoUs
 * @param predictedArea    area of the union of the evaluated predictions
 * @param truthArea        area of the union of the evaluated truths
 * @param intersectionArea area of the intersection of those two unions
 * @param predictedVertices {@linkplain PolygonMetrics#vertexCount vertices} of the evaluated predictions, {@code N}
 * @param truthVertices    vertices of the evaluated truths, {@code N_gt}
 */
public record DetectionEvaluation(double iouThreshold, Input predicted, Input truth, long truePositives,
                                  double matchedIoUSum, double predictedArea, double truthArea,
                                  double intersectionArea, long predictedVertices, long truthVertices) {

    /**
     * What became of the polygons of one side: every polygon given is either skipped, outside the extent, or
     * evaluated; a repaired one is then outside or evaluated.
     *
     * @param given    polygons given (null and empty entries included)
     * @param repaired invalid polygons repaired with JTS {@code GeometryFixer} (not those the fixer emptied)
     * @param skipped  null or empty geometries, and invalid ones that repair left empty
     * @param outside  polygons dropped because less than half of their area lies inside the evaluated extent
     */
    public record Input(long given, long repaired, long skipped, long outside) {

        public Input {
            if (given < 0 || repaired < 0 || skipped < 0 || outside < 0) {
                throw new IllegalArgumentException("counts must not be negative: given " + given + ", repaired "
                        + repaired + ", skipped " + skipped + ", outside " + outside);
            }
            if (skipped + outside > given || repaired > given - skipped) {
                throw new IllegalArgumentException("inconsistent counts: given " + given + ", repaired " + repaired
                        + ", skipped " + skipped + ", outside " + outside);
            }
        }

        /** @return the polygons evaluated: given, less skipped and outside */
        public long evaluated() {
            return given - skipped - outside;
        }

        Input plus(Input o) {
            return new Input(given + o.given, repaired + o.repaired, skipped + o.skipped, outside + o.outside);
        }
    }

    /**
     * @throws IllegalArgumentException if the threshold is not in (0, 1], a count or area is negative or not finite,
     *                                  the matches outnumber either side, the IoU sum exceeds the matches, or the
     *                                  intersection exceeds either union
     */
    public DetectionEvaluation {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(truth, "truth");
        BuildingMatcher.checkThreshold(iouThreshold);
        if (truePositives < 0 || truePositives > predicted.evaluated() || truePositives > truth.evaluated()) {
            throw new IllegalArgumentException("true positives must be within 0.." + Math.min(predicted.evaluated(),
                    truth.evaluated()) + " (the evaluated polygons of each side), was " + truePositives);
        }
        if (!(matchedIoUSum >= 0 && matchedIoUSum <= truePositives)) {
            throw new IllegalArgumentException("sum of matched IoUs must be within 0.." + truePositives + ", was "
                    + matchedIoUSum);
        }
        for (double area : new double[] {predictedArea, truthArea, intersectionArea}) {
            if (!(area >= 0) || Double.isInfinite(area)) {
                throw new IllegalArgumentException("areas must be finite and not negative, were " + predictedArea
                        + ", " + truthArea + ", " + intersectionArea);
            }
        }
        if (intersectionArea > Math.min(predictedArea, truthArea)) {
            throw new IllegalArgumentException("intersection area " + intersectionArea + " exceeds a union's area ("
                    + predictedArea + ", " + truthArea + ")");
        }
        if (predictedVertices < 0 || truthVertices < 0) {
            throw new IllegalArgumentException("vertex counts must not be negative, were " + predictedVertices + " and "
                    + truthVertices);
        }
    }

    /** @return the evaluated predictions, {@code P} */
    public long predictions() {
        return predicted.evaluated();
    }

    /** @return the evaluated truths, {@code T} */
    public long truths() {
        return truth.evaluated();
    }

    /** @return predictions without a match, {@code P − TP} */
    public long falsePositives() {
        return predictions() - truePositives;
    }

    /** @return truths without a match, {@code T − TP} */
    public long falseNegatives() {
        return truths() - truePositives;
    }

    /** @return {@code TP / P}; NaN without predictions */
    public double precision() {
        return ratio(truePositives, predictions());
    }

    /** @return {@code TP / T}; NaN without truth */
    public double recall() {
        return ratio(truePositives, truths());
    }

    /** @return {@code 2 TP / (P + T)}; NaN when both sides are empty */
    public double f1() {
        return ratio(2.0 * truePositives, (double) predictions() + truths());
    }

    /** @return the mean IoU of the matched pairs; NaN without a match */
    public double meanIoU() {
        return ratio(matchedIoUSum, truePositives);
    }

    /** @return the area of the union of both sides' unions */
    public double unionArea() {
        return predictedArea + truthArea - intersectionArea;
    }

    /** @return {@code intersectionArea / unionArea}, in [0, 1]; NaN when both sides have no area */
    public double pixelIoU() {
        double union = unionArea();
        return union > 0 ? Math.min(1, intersectionArea / union) : Double.NaN;
    }

    /** @return C-IoU of the pixel IoU and the vertex counts (see the class comment); NaN when the pixel IoU is */
    public double complexityAwareIoU() {
        double iou = pixelIoU();
        if (Double.isNaN(iou)) {
            return Double.NaN;
        }
        return PolygonMetrics.complexityAwareIoU(iou, Math.toIntExact(predictedVertices),
                Math.toIntExact(truthVertices));
    }

    /** @return {@code N / N_gt}; NaN when the truth has no vertex */
    public double nRatio() {
        return truthVertices == 0 ? Double.NaN
                : PolygonMetrics.nRatio(Math.toIntExact(predictedVertices), Math.toIntExact(truthVertices));
    }

    /**
     * The evaluation of both scenes taken as one: counts, areas, vertices and IoU sums added.
     *
     * @throws IllegalArgumentException if the two were matched at different IoU thresholds
     */
    public DetectionEvaluation plus(DetectionEvaluation other) {
        Objects.requireNonNull(other, "other");
        if (Double.compare(iouThreshold, other.iouThreshold) != 0) {
            throw new IllegalArgumentException("cannot pool evaluations at different IoU thresholds: " + iouThreshold
                    + " and " + other.iouThreshold);
        }
        return new DetectionEvaluation(iouThreshold, predicted.plus(other.predicted), truth.plus(other.truth),
                truePositives + other.truePositives, matchedIoUSum + other.matchedIoUSum,
                predictedArea + other.predictedArea, truthArea + other.truthArea,
                intersectionArea + other.intersectionArea, predictedVertices + other.predictedVertices,
                truthVertices + other.truthVertices);
    }

    /**
     * Pools evaluations: the {@link #plus} of them all, in iteration order.
     *
     * @throws IllegalArgumentException if there are none, or their IoU thresholds differ
     */
    public static DetectionEvaluation pool(Collection<DetectionEvaluation> evaluations) {
        Objects.requireNonNull(evaluations, "evaluations");
        Iterator<DetectionEvaluation> it = evaluations.iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException("nothing to pool: no evaluations");
        }
        DetectionEvaluation total = Objects.requireNonNull(it.next(), "evaluation");
        while (it.hasNext()) {
            total = total.plus(it.next());
        }
        return total;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
