package org.roofline.app.editor.map;

import java.util.Objects;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewTiles;

/**
 * The grid of review tiles: visited tiles shaded (except the current one: the tile under review shows the image as
 * it is), the current tile outlined. Only the grid lines and tiles in the
 * viewport are drawn; when tiles are under {@link #MIN_GRID_PIXELS} on screen the grid lines are left out (they would
 * grey the whole map) and only the shading and the current tile remain. FX thread only.
 */
public final class ReviewTilesLayer extends SwitchableLayer {

    /** Grid lines are drawn only when a tile is at least this many screen pixels across. */
    public static final double MIN_GRID_PIXELS = 12;

    private static final Color GRID = Color.rgb(255, 255, 255, 0.35);
    private static final Color VISITED = Color.rgb(120, 160, 255, 0.18);
    private static final Color CURRENT = Color.rgb(255, 140, 0, 0.95);

    private final ReviewModel model;
    private int lastTilesShaded;

    ReviewTilesLayer(ReviewModel model, Runnable repaint) {
        super("Review tiles", repaint);
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Visited tiles shaded in the last frame. */
    public int lastTilesShaded() {
        return lastTilesShaded;
    }

    @Override
    public void draw(GraphicsContext g, MapViewport v) {
        ReviewTiles t = model.tiles();
        Envelope view = v.visibleMap();
        double width = t.tileWidth();
        double height = t.tileHeight();
        // the visible range of columns and rows (row 0 at the top, largest y)
        int c0 = clamp((int) Math.floor((view.getMinX() - t.minX()) / width), t.columns());
        int c1 = clamp((int) Math.floor((view.getMaxX() - t.minX()) / width), t.columns());
        int r0 = clamp((int) Math.floor((t.maxY() - view.getMaxY()) / height), t.rows());
        int r1 = clamp((int) Math.floor((t.maxY() - view.getMinY()) / height), t.rows());
        lastTilesShaded = 0;
        if (view.getMaxX() < t.minX() || view.getMinX() > t.minX() + width * t.columns()
                || view.getMinY() > t.maxY() || view.getMaxY() < t.maxY() - height * t.rows()) {
            return;
        }
        double tilePixels = Math.min(width, height) / v.mapUnitsPerScreenPixel();
        g.setFill(VISITED);
        int underReview = model.currentTile();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int i = r * t.columns() + c;
                if (t.isVisited(i) && i != underReview) {
                    fill(g, v, t.envelope(i));
                    lastTilesShaded++;
                }
            }
        }
        if (tilePixels >= MIN_GRID_PIXELS) {
            g.setStroke(GRID);
            g.setLineWidth(1);
            double top = t.maxY() - r0 * height;
            double bottom = t.maxY() - (r1 + 1) * height;
            for (int c = c0; c <= c1 + 1; c++) {
                double x = t.minX() + c * width;
                line(g, v, new Coordinate(x, top), new Coordinate(x, bottom));
            }
            double left = t.minX() + c0 * width;
            double right = t.minX() + (c1 + 1) * width;
            for (int r = r0; r <= r1 + 1; r++) {
                double y = t.maxY() - r * height;
                line(g, v, new Coordinate(left, y), new Coordinate(right, y));
            }
        }
        int current = model.currentTile();
        if (current >= 0 && current < t.count()) {
            Envelope e = t.envelope(current);
            if (e.intersects(view)) {
                g.setStroke(CURRENT);
                g.setLineWidth(2.5);
                double[][] q = quad(v, e);
                g.strokePolygon(q[0], q[1], 4);
            }
        }
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    private static void fill(GraphicsContext g, MapViewport v, Envelope e) {
        double[][] q = quad(v, e);
        g.fillPolygon(q[0], q[1], 4);
    }

    private static void line(GraphicsContext g, MapViewport v, Coordinate a, Coordinate b) {
        Point2D p = v.toScreen(a);
        Point2D q = v.toScreen(b);
        g.strokeLine(p.getX(), p.getY(), q.getX(), q.getY());
    }

    /** The screen corners of a map envelope (a quadrilateral: the image may be rotated). */
    private static double[][] quad(MapViewport v, Envelope e) {
        Point2D[] p = {v.toScreen(new Coordinate(e.getMinX(), e.getMinY())),
                v.toScreen(new Coordinate(e.getMaxX(), e.getMinY())),
                v.toScreen(new Coordinate(e.getMaxX(), e.getMaxY())),
                v.toScreen(new Coordinate(e.getMinX(), e.getMaxY()))};
        double[][] q = new double[2][4];
        for (int k = 0; k < 4; k++) {
            q[0][k] = p[k].getX();
            q[1][k] = p[k].getY();
        }
        return q;
    }
}
