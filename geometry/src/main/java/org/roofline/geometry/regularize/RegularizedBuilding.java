package org.roofline.geometry.regularize;

import org.locationtech.jts.geom.Polygon;

/**
 * The outcome of regularizing one building.
 *
 * @param polygon     the outline: always a valid polygon
 * @param method      the method that produced it ({@link RegularizationMethod#CIRCLE} when a round building was
 *                    detected; {@link RegularizationMethod#ANY_ANGLE} or {@link RegularizationMethod#NONE} on
 *                    fallback)
 * @param regularized false when the requested method could not meet its guarantees and the outline was only
 *                    simplified (or returned as given): the building is flagged, never dropped
 */
public record RegularizedBuilding(Polygon polygon, RegularizationMethod method, boolean regularized) {
}
