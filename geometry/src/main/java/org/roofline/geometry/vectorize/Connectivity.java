package org.roofline.geometry.vectorize;

/** Which neighbouring foreground pixels belong to the same component. */
public enum Connectivity {
    /** Pixels sharing an edge. */
    FOUR,
    /** Pixels sharing an edge or a corner. */
    EIGHT;

    /** Parses 4 or 8. */
    public static Connectivity of(int n) {
        return switch (n) {
            case 4 -> FOUR;
            case 8 -> EIGHT;
            default -> throw new IllegalArgumentException("connectivity must be 4 or 8, was " + n);
        };
    }
}
