package org.roofline.inference.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/**
 * The outlines of footprints before regularization as the post-processor traced them
 * ({@link org.roofline.geometry.postprocess.TracedFootprint}): united across seams like their footprints.
 */
final class OriginalOutlines {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private OriginalOutlines() {
    }

    /** The union of outlines as one polygon (the largest part if they do not join), or null for none. */
    static Polygon union(List<Geometry> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        return largestPolygon(OverlayNGRobust.union(FACTORY.buildGeometry(parts)));
    }

    private static Polygon largestPolygon(Geometry g) {
        if (g == null) {
            return null;
        }
        if (g instanceof Polygon p) {
            return p.isEmpty() ? null : p;
        }
        Polygon largest = null;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p && (largest == null || p.getArea() > largest.getArea())) {
                largest = p;
            }
        }
        return largest;
    }
}
