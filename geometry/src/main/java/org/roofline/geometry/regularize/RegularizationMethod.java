package org.roofline.geometry.regularize;

import java.util.Locale;

/** How a building outline is regularized. The names are those used on the command line and in files. */
public enum RegularizationMethod {
    /** The exact pixel-edge outline, no simplification. */
    NONE,
    /** Douglas-Peucker simplification only: any angle. */
    ANY_ANGLE,
    /** Every edge parallel or perpendicular to the building's dominant orientation. */
    RIGHT_ANGLES,
    /** Edges at multiples of 45 degrees to the dominant orientation. */
    RIGHT_ANGLES_AND_DIAGONALS,
    /** A regular polygon approximating a circle; also chosen automatically for round buildings. */
    CIRCLE;

    /** @return the command-line name, such as {@code right-angles} */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a command-line name such as {@code right-angles-and-diagonals}. */
    public static RegularizationMethod fromCode(String code) {
        for (RegularizationMethod m : values()) {
            if (m.code().equalsIgnoreCase(code.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + code
                + "' (expected none, any-angle, right-angles, right-angles-and-diagonals or circle)");
    }
}
