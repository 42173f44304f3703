package org.roofline.app.editor.map;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReferenceState;
import org.roofline.app.review.ReferenceValidation;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.footprint.Footprint;

/**
 * The reference map over the footprints: its buildings as dashed outlines coloured by review state ({@link
 * #colour(ReferenceState)}; a building not found thicker, the current one in cyan), each footprint's outline in
 * the colour of its change class ({@link #colour(ChangeClass)}), a ring on every new footprint that overlaps a
 * reference building ({@link ReferenceValidation}), and a legend of the class counts under the status legend. Draws
 * nothing without a reference. Only what meets the viewport is drawn (reference buildings through an STRtree rebuilt
 * when the reference changes). FX thread only.
 */
public final class ReferenceLayer extends SwitchableLayer {

    /**
     * The colour of a change class: new pink, changed violet, unchanged grey, not found orange-red (apart from the
     * statuses' yellow, green, red and blue and the validation markers' orange, red and magenta).
     */
    public static Color colour(ChangeClass c) {
        return switch (c) {
            case NEW -> Color.rgb(255, 64, 160);
            case CHANGED -> Color.rgb(160, 96, 255);
            case UNCHANGED -> Color.LIGHTGREY;
            case NOT_FOUND -> Color.ORANGERED;
        };
    }

    /** The colour of a reference building's state: pending white, kept light blue, replaced green, demolished red. */
    public static Color colour(ReferenceState s) {
        return switch (s) {
            case PENDING -> Color.WHITE;
            case KEPT -> Color.LIGHTSKYBLUE;
            case REPLACED -> Color.LIMEGREEN;
            case DEMOLISHED -> Color.RED;
        };
    }

    private static final Font LEGEND_FONT = Font.font(11);

    private final ReviewModel model;
    private final LongSupplier current;
    private STRtree index;
    private boolean classesVisible = true;
    private int lastDrawn;

    /** @param current the current reference building's id (-1 for none) */
    public ReferenceLayer(ReviewModel model, LongSupplier current, Runnable repaint) {
        super("Reference map", repaint);
        this.model = Objects.requireNonNull(model, "model");
        this.current = Objects.requireNonNull(current, "current");
        model.addListener(e -> {
            if (e.kind() == ReviewEvent.Kind.REFERENCES) {
                index = null;
            }
        });
    }

    /** @return the reference buildings drawn in the last frame */
    public int lastDrawn() {
        return lastDrawn;
    }

    /** Shows or hides the change-class outlines of the footprints (the reference stays). */
    public void setClassesVisible(boolean v) {
        classesVisible = v;
        repaint();
    }

    public boolean isClassesVisible() {
        return classesVisible;
    }

    @Override
    public void draw(GraphicsContext g, MapViewport v) {
        lastDrawn = 0;
        if (!model.hasReference()) {
            return;
        }
        Envelope view = v.visibleMap();
        if (classesVisible) {
            g.setLineWidth(2);
            g.setLineDashes();
            for (Footprint f : model.footprints()) {
                if (!f.polygon().getEnvelopeInternal().intersects(view)) {
                    continue;
                }
                ChangeClass c = model.changeClass(f.id());
                if (c == null) {
                    continue;
                }
                g.setStroke(colour(c));
                stroke(g, v, f.polygon());
                if (c == ChangeClass.NEW && !ReferenceValidation.overlappedReferences(model, f.id()).isEmpty()) {
                    Point2D p = v.toScreen(f.polygon().getInteriorPoint().getCoordinate());
                    g.setStroke(Color.RED);
                    g.setLineWidth(2.5);
                    g.strokeOval(p.getX() - 9, p.getY() - 9, 18, 18);
                    g.setLineWidth(2);
                }
            }
        }
        long cur = current.getAsLong();
        g.setLineDashes(6, 4);
        @SuppressWarnings("unchecked")
        List<ReferenceBuilding> inView = index().query(view);
        for (ReferenceBuilding r : inView) {
            if (r.id() == cur) {
                continue;
            }
            boolean notFound = model.referenceClass(r.id()) == ChangeClass.NOT_FOUND
                    && r.state() == ReferenceState.PENDING;
            g.setLineWidth(notFound ? 2.5 : 1.5);
            g.setStroke(colour(r.state()));
            stroke(g, v, r.geometry());
            lastDrawn++;
        }
        ReferenceBuilding c = cur < 0 ? null : model.reference(cur);
        if (c != null) {
            g.setLineWidth(3.5);
            g.setStroke(Color.CYAN);
            stroke(g, v, c.geometry());
            lastDrawn++;
        }
        g.setLineDashes();
        g.setLineWidth(1);
        drawLegend(g, 8, 90);
    }

    private STRtree index() {
        if (index == null) {
            index = new STRtree();
            for (ReferenceBuilding r : model.references()) {
                index.insert(r.geometry().getEnvelopeInternal(), r);
            }
            index.build();
        }
        return index;
    }

    private static void stroke(GraphicsContext g, MapViewport v, Geometry geometry) {
        g.beginPath();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon p = (Polygon) geometry.getGeometryN(i);
            ring(g, v, p.getExteriorRing());
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                ring(g, v, p.getInteriorRingN(h));
            }
        }
        g.stroke();
    }

    private static void ring(GraphicsContext g, MapViewport v, LineString ring) {
        Coordinate[] c = ring.getCoordinates();
        for (int k = 0; k < c.length; k++) {
            Point2D p = v.toScreen(c[k]);
            if (k == 0) {
                g.moveTo(p.getX(), p.getY());
            } else {
                g.lineTo(p.getX(), p.getY());
            }
        }
        g.closePath();
    }

    /** Draws the legend of the change classes with their counts, at (x, y) on the screen. */
    public void drawLegend(GraphicsContext g, double x, double y) {
        if (!isVisible() || !model.hasReference()) {
            return;
        }
        Map<ChangeClass, Long> counts = model.changeClassCounts();
        double rowH = 16;
        ChangeClass focus = model.focusClass();
        g.setFont(LEGEND_FONT);
        g.setFill(Color.rgb(0, 0, 0, 0.6));
        g.fillRoundRect(x, y, 150, 8 + rowH * (ChangeClass.values().length + 1), 6, 6);
        double ty = y + 4;
        g.setFill(Color.WHITE);
        g.fillText("Against " + (model.referenceSource() == null ? "the map" : model.referenceSource()), x + 6,
                ty + 12);
        ty += rowH;
        for (ChangeClass c : ChangeClass.values()) {
            g.setFill(colour(c));
            g.fillRect(x + 6, ty + 3, 10, 10);
            g.setFill(Color.WHITE);
            g.fillText(String.format(Locale.ROOT, "%s %d%s", label(c), counts.get(c), c == focus ? "  \u25c0" : ""),
                    x + 22, ty + 12);
            ty += rowH;
        }
    }

    /** @return {@code New}, {@code Unchanged}, {@code Changed}, {@code Not found} */
    public static String label(ChangeClass c) {
        String n = c.label().replace('_', ' ');
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
