package org.roofline.app.editor.map.bench;

import java.util.Objects;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.roofline.app.editor.map.MapLayer;
import org.roofline.app.editor.map.FootprintLayer;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.ReviewModel;
import org.roofline.geometry.footprint.Footprint;

/**
 * The benchmark's baseline: every footprint of the model, every frame, each vertex transformed from map to screen,
 * filled and outlined (the editor's first map did this) — no spatial index, no level of detail, no caching.
 */
public final class NaiveFootprintLayer implements MapLayer {

    private final ReviewModel model;
    private boolean visible;

    public NaiveFootprintLayer(ReviewModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public String name() {
        return "Footprints (baseline)";
    }

    @Override
    public boolean isVisible() {
        return visible;
    }

    public void setVisible(boolean v) {
        visible = v;
    }

    @Override
    public void draw(GraphicsContext g, MapViewport v) {
        g.setLineWidth(1.5);
        for (Footprint f : model.footprints()) {
            Coordinate[] cs = f.polygon().getExteriorRing().getCoordinates();
            double[] xs = new double[cs.length];
            double[] ys = new double[cs.length];
            for (int k = 0; k < cs.length; k++) {
                Coordinate p = v.georef().toPixel(cs[k]);
                xs[k] = (p.x - v.offsetX()) * v.scale();
                ys[k] = (p.y - v.offsetY()) * v.scale();
            }
            Color c = FootprintLayer.colour(f.status());
            g.setFill(c.deriveColor(0, 1, 1, 0.25));
            g.fillPolygon(xs, ys, cs.length);
            g.setStroke(c);
            g.strokePolygon(xs, ys, cs.length);
        }
    }
}
