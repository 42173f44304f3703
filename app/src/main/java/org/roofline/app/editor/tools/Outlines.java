package org.roofline.app.editor.tools;

import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.map.MapViewport;

/** Draws polygons given in map coordinates on the map's canvas (the tools' previews). FX thread. */
final class Outlines {

    private Outlines() {
    }

    /** Strokes every ring of a polygon; {@code dashed} for "before" outlines. */
    static void stroke(GraphicsContext g, MapViewport v, Polygon p, Color colour, double width, boolean dashed) {
        g.save();
        g.setStroke(colour);
        g.setLineWidth(width);
        if (dashed) {
            g.setLineDashes(6, 4);
        }
        ring(g, v, p.getExteriorRing(), 0, 0);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            ring(g, v, p.getInteriorRingN(i), 0, 0);
        }
        g.restore();
    }

    /** Strokes a polygon shifted by (dx, dy) map units. */
    static void strokeShifted(GraphicsContext g, MapViewport v, Polygon p, double dx, double dy, Color colour) {
        g.save();
        g.setStroke(colour);
        g.setLineWidth(2);
        ring(g, v, p.getExteriorRing(), dx, dy);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            ring(g, v, p.getInteriorRingN(i), dx, dy);
        }
        g.restore();
    }

    private static void ring(GraphicsContext g, MapViewport v, LineString ring, double dx, double dy) {
        Coordinate[] cs = ring.getCoordinates();
        double[] xs = new double[cs.length];
        double[] ys = new double[cs.length];
        for (int k = 0; k < cs.length; k++) {
            Point2D s = v.toScreen(new Coordinate(cs[k].x + dx, cs[k].y + dy));
            xs[k] = s.getX();
            ys[k] = s.getY();
        }
        g.strokePolygon(xs, ys, cs.length);
    }
}
