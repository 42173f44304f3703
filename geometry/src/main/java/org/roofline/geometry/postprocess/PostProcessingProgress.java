package org.roofline.geometry.postprocess;

/**
 * A snapshot of a post-processing run.
 *
 * @param masksVectorized masks vectorized so far
 * @param masksTotal      masks in the run
 * @param buildingsDone   buildings regularized so far
 * @param buildingsFound  buildings found by vectorizing so far
 */
public record PostProcessingProgress(int masksVectorized, int masksTotal, long buildingsDone, long buildingsFound) {

    /** @return the fraction done in [0, 1], counting vectorizing and regularizing as equal halves */
    public double fraction() {
        double v = masksTotal == 0 ? 1 : (double) masksVectorized / masksTotal;
        double r = buildingsFound == 0 ? v : (double) buildingsDone / buildingsFound;
        return 0.5 * v + 0.5 * Math.min(v, r);
    }
}
