package org.roofline.geometry.regularize;

import java.util.Random;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.mask.BitMask;

/** Building shapes for tests: rectangles, L, T and U shapes, rotated, rasterized with optional edge noise. */
final class ShapeFixtures {

    static final GeometryFactory GF = new GeometryFactory();

    private ShapeFixtures() {
    }

    /** A shape in a unit frame scaled to w x h: 0 rectangle, 1 L, 2 T, 3 U. */
    static Polygon shape(int kind, double w, double h) {
        double[][] pts = switch (kind) {
            case 0 -> new double[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
            case 1 -> new double[][] {{0, 0}, {1, 0}, {1, 0.45}, {0.45, 0.45}, {0.45, 1}, {0, 1}};
            case 2 -> new double[][] {{0, 0}, {1, 0}, {1, 0.4}, {0.68, 0.4}, {0.68, 1}, {0.32, 1}, {0.32, 0.4}, {0, 0.4}};
            default -> new double[][] {{0, 0}, {1, 0}, {1, 1}, {0.68, 1}, {0.68, 0.4}, {0.32, 0.4}, {0.32, 1}, {0, 1}};
        };
        Coordinate[] c = new Coordinate[pts.length + 1];
        for (int i = 0; i < pts.length; i++) {
            c[i] = new Coordinate(pts[i][0] * w, pts[i][1] * h);
        }
        c[pts.length] = c[0].copy();
        return GF.createPolygon(c);
    }

    /** The shape rotated by {@code degrees} about its centre and moved so its centre is at (cx, cy). */
    static Polygon placed(Polygon p, double degrees, double cx, double cy) {
        Coordinate centre = p.getEnvelopeInternal().centre();
        AffineTransformation t = new AffineTransformation()
                .translate(-centre.x, -centre.y).rotate(Math.toRadians(degrees)).translate(cx, cy);
        return (Polygon) t.transform(p);
    }

    /** Pixels whose centres lie inside the polygon; then each boundary pixel flipped with probability {@code noise}. */
    static BitMask rasterize(Polygon p, int width, int height, double noise, Random random) {
        BitMask m = new BitMask(width, height);
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(p);
        Envelope e = p.getEnvelopeInternal();
        for (int y = Math.max(0, (int) e.getMinY() - 1); y < Math.min(height, e.getMaxY() + 1); y++) {
            for (int x = Math.max(0, (int) e.getMinX() - 1); x < Math.min(width, e.getMaxX() + 1); x++) {
                if (locator.locate(new Coordinate(x + 0.5, y + 0.5)) == Location.INTERIOR) {
                    m.set(x, y, true);
                }
            }
        }
        if (noise > 0) {
            BitMask copy = BitMask.copyOf(m);
            for (int y = 1; y < height - 1; y++) {
                for (int x = 1; x < width - 1; x++) {
                    boolean v = copy.get(x, y);
                    boolean edge = copy.get(x - 1, y) != v || copy.get(x + 1, y) != v
                            || copy.get(x, y - 1) != v || copy.get(x, y + 1) != v;
                    if (edge && random.nextDouble() < noise) {
                        m.set(x, y, !v);
                    }
                }
            }
        }
        return m;
    }
}
