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
 * The outlines of a block's footprints before regularization: the block's mask vectorized again with the
 * post-processor's connectivity and minimum area (the post-processor returns only regularized outlines), each
 * footprint matched to the mask component holding its interior point, else to the one it overlaps most.
 */
final class OriginalOutlines {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private OriginalOutlines() {
    }

    /** One outline per footprint, in the same (working pixel) coordinates; null where none matches. */
    static List<Polygon> match(Mask mask, int originX, int originY, PostProcessorConfig config,
                               List<Footprint> footprints) {
        List<VectorizedShape> shapes = new MaskVectorizer(config.connectivity(), config.minArea(), FACTORY)
                .apply(mask, originX, originY);
        STRtree tree = new STRtree();
        for (VectorizedShape s : shapes) {
            tree.insert(s.geometry().getEnvelopeInternal(), s.geometry());
        }
        List<Polygon> out = new ArrayList<>(footprints.size());
        for (Footprint f : footprints) {
            Polygon p = f.polygon();
            Geometry best = null;
            if (!p.isEmpty()) {
                Point inside = p.getInteriorPoint();
                double bestArea = 0;
                for (Object o : tree.query(p.getEnvelopeInternal())) {
                    Geometry g = (Geometry) o;
                    if (g.covers(inside)) {
                        best = g;
                        break;
                    }
                    double a = OverlayNGRobust.overlay(g, p, OverlayNG.INTERSECTION).getArea();
                    if (a > bestArea) {
                        bestArea = a;
                        best = g;
                    }
                }
            }
            out.add(largestPolygon(best));
        }
        return out;
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
