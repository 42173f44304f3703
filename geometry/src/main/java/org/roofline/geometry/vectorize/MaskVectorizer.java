package org.roofline.geometry.vectorize;

import java.util.List;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.mask.Mask;

/** Placeholder: implemented in the next commit. */
public final class MaskVectorizer {
    private final Connectivity connectivity;
    private final long minArea;
    private final GeometryFactory factory;

    public MaskVectorizer(Connectivity connectivity, long minArea, GeometryFactory factory) {
        this.connectivity = connectivity;
        this.minArea = minArea;
        this.factory = factory;
    }

    public static List<VectorizedShape> vectorize(Mask mask) {
        return new MaskVectorizer(Connectivity.FOUR, 0, new GeometryFactory()).apply(mask, 0, 0);
    }

    /** Vectorizes a mask whose pixel (0,0) has its top-left corner at (originX, originY). */
    public List<VectorizedShape> apply(Mask mask, int originX, int originY) {
        throw new UnsupportedOperationException("todo");
    }
}
