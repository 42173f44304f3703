package org.roofline.geometry.conflate;

/**
 * The shape of a group of footprints and reference buildings linked by overlaps (each footprint linked to every
 * reference building it overlaps, and so on transitively).
 */
public enum Cardinality {
    /** Alone: a new footprint, or a reference building not found. */
    NONE,
    /** One footprint and one reference building. */
    ONE_TO_ONE,
    /** One footprint over several reference buildings: buildings merged, or a footprint spanning a row of houses. */
    ONE_TO_MANY,
    /** Several footprints over one reference building: a building split, or the model's outline broken. */
    MANY_TO_ONE,
    /** Several of each, chained by overlaps. */
    MANY_TO_MANY;

    /** @return the cardinality of a group of that many footprints and reference buildings */
    static Cardinality of(int footprints, int references) {
        if (footprints == 0 || references == 0) {
            return NONE;
        }
        if (footprints == 1) {
            return references == 1 ? ONE_TO_ONE : ONE_TO_MANY;
        }
        return references == 1 ? MANY_TO_ONE : MANY_TO_MANY;
    }
}
