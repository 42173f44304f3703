package org.roofline.app.editor.map;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.FillRule;
import javafx.scene.text.Font;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.map.internal.IndexedFootprint;
import org.roofline.app.editor.map.internal.LiveFootprintIndex;
import org.roofline.app.editor.map.internal.OutlineRaster;
import org.roofline.app.editor.map.internal.PackedFootprints;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.Selection;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.imagery.Georeferencing;

/**
 * The review's footprints coloured by status ({@link #colour}), the current footprint and the selection
 * highlighted, and a legend of the status colours with their counts.
 *
 * <p><b>Only what is visible.</b> Footprints come from a spatial index ({@link LiveFootprintIndex}) kept up to date
 * from the model's events; only those whose envelope meets the viewport are drawn ({@link #lastFrame()} counts
 * them). <b>Level of detail</b>, from the number on screen and their size there: a footprint under
 * {@link #TINY_PIXELS} screen pixels across is a small square; up to {@link #fillLimit()} footprints on screen are
 * filled (translucent) and outlined, more are outlined only; above {@link #rasterLimit()} they are drawn straight into
 * one screen-sized image ({@link OutlineRaster}, 1-pixel outlines) instead of one canvas call each. A view over at
 * least a quarter of the review's extent scans flat arrays of every footprint ({@link PackedFootprints}) instead of
 * walking the index, and draws the dots from them without touching the footprints. The current
 * footprint and the selection are always drawn on top with thick outlines.
 *
 * <p>FX thread only.
 */
public final class FootprintLayer extends SwitchableLayer {

    /** The colour of a status: pending yellow, accepted green, rejected red, edited blue. */
    public static Color colour(ReviewStatus s) {
        return switch (s) {
            case PENDING -> Color.YELLOW;
            case ACCEPTED -> Color.LIMEGREEN;
            case REJECTED -> Color.RED;
            case EDITED -> Color.DODGERBLUE;
        };
    }

    /** Footprints smaller than this on screen (their envelope's larger side, in pixels) are drawn as a dot. */
    public static final double TINY_PIXELS = 3;

    /**
     * What the last frame drew.
     *
     * @param visible    footprints whose envelope met the viewport (the only ones looked at)
     * @param polygons   drawn as outlines (filled or not)
     * @param dots       drawn as a dot (under {@link #TINY_PIXELS})
     * @param filled     whether outlines were filled
     * @param rasterized whether they were drawn into one image
     */
    public record Frame(int visible, int polygons, int dots, boolean filled, boolean rasterized) {
    }

    private final ReviewModel model;
    private final Selection selection;
    private final LiveFootprintIndex index;
    private final OutlineRaster raster = new OutlineRaster();
    private final Map<ReviewStatus, Long> counts = new EnumMap<>(ReviewStatus.class);
    private boolean countsDirty = true;
    private boolean legendVisible = true;
    private int fillLimit = 300;
    private int rasterLimit = 800;
    private Frame lastFrame = new Frame(0, 0, 0, false, false);
    private double[] sx = new double[64];
    private int[] scanned = new int[0];
    private PackedFootprints packed;
    private double[] sy = new double[64];

    FootprintLayer(ReviewModel model, Selection selection, LiveFootprintIndex index, Runnable repaint) {
        super("Footprints", repaint);
        this.model = Objects.requireNonNull(model, "model");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.index = Objects.requireNonNull(index, "index");
    }

    public boolean isLegendVisible() {
        return legendVisible;
    }

    public void setLegendVisible(boolean v) {
        legendVisible = v;
        repaint();
    }

    public int fillLimit() {
        return fillLimit;
    }

    public int rasterLimit() {
        return rasterLimit;
    }

    /**
     * Sets the level-of-detail limits: at most {@code newFillLimit} footprints on screen are filled, more than
     * {@code newRasterLimit} are drawn into one image.
     */
    public void setLimits(int newFillLimit, int newRasterLimit) {
        if (newFillLimit < 0 || newRasterLimit < 0) {
            throw new IllegalArgumentException("limits must be >= 0: " + newFillLimit + ", " + newRasterLimit);
        }
        fillLimit = newFillLimit;
        rasterLimit = newRasterLimit;
        repaint();
    }

    /** What the last frame drew (tests, benchmarks). */
    public Frame lastFrame() {
        return lastFrame;
    }

    void footprintsChanged() {
        countsDirty = true;
        packed = null;
    }

    /** Footprints of each status in the whole review (recounted only after changes). */
    public Map<ReviewStatus, Long> counts() {
        if (countsDirty) {
            counts.clear();
            for (ReviewStatus s : ReviewStatus.values()) {
                counts.put(s, 0L);
            }
            for (Footprint f : model.footprints()) {
                counts.merge(f.status(), 1L, Long::sum);
            }
            countsDirty = false;
        }
        return Map.copyOf(counts);
    }

    @Override
    public void draw(GraphicsContext g, MapViewport v) {
        Georeferencing geo = v.georef();
        Envelope view = v.visibleMap();
        PackedFootprints all = packed(geo);
        // a view over most of the review: scan flat arrays; else ask the index for what is in view
        Envelope common = view.intersection(all.extent());
        boolean scan = all.size() > 0 && !common.isNull()
                && common.getArea() >= 0.25 * all.extent().getArea();
        List<IndexedFootprint> queried = scan ? List.of() : index.query(view);
        int n;
        if (scan) {
            if (scanned.length < all.size()) {
                scanned = new int[all.size()];
            }
            n = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.intersects(i, view)) {
                    scanned[n++] = i;
                }
            }
        } else {
            n = queried.size();
        }
        Frame f = new Frame(n, 0, 0, false, false);
        Painter p = new Painter(g, v, n > rasterLimit, n <= fillLimit);
        if (p.rasterize) {
            raster.begin((int) Math.ceil(v.width()), (int) Math.ceil(v.height()));
        }
        g.setLineWidth(1.25);
        if (scan) {
            double s = v.scale();
            double tiny = TINY_PIXELS / s;
            for (int k = 0; k < n; k++) {
                int i = scanned[k];
                if (all.pixelSize(i) < tiny) {
                    p.dot((all.centreX(i) - v.offsetX()) * s, (all.centreY(i) - v.offsetY()) * s, all.status(i));
                } else {
                    p.footprint(all.entry(i));
                }
            }
        } else {
            for (IndexedFootprint fp : queried) {
                p.footprint(fp);
            }
        }
        if (p.rasterize) {
            raster.drawTo(g);
        }
        highlight(g, v, geo);
        lastFrame = new Frame(f.visible(), p.polygons, p.dots, p.fill && !p.rasterize, p.rasterize);
    }

    private PackedFootprints packed(Georeferencing geo) {
        if (packed == null || packed.georef() != geo) {
            packed = new PackedFootprints(index.all(), geo);
        }
        return packed;
    }

    /** Draws footprints one by one for a frame, with that frame's level of detail. */
    private final class Painter {
        final GraphicsContext g;
        final Georeferencing geo;
        final double s;
        final double ox;
        final double oy;
        final boolean rasterize;
        final boolean fill;
        int polygons;
        int dots;
        ReviewStatus lastStatus;

        Painter(GraphicsContext g, MapViewport v, boolean rasterize, boolean fill) {
            this.g = g;
            this.geo = v.georef();
            this.s = v.scale();
            this.ox = v.offsetX();
            this.oy = v.offsetY();
            this.rasterize = rasterize;
            this.fill = fill;
        }

        void dot(double cx, double cy, int statusOrdinal) {
            if (rasterize) {
                raster.dot(cx, cy, 2, ARGB[statusOrdinal]);
            } else {
                g.setFill(colour(ReviewStatus.values()[statusOrdinal]));
                g.fillRect(cx - 1, cy - 1, 2, 2);
                lastStatus = null;
            }
            dots++;
        }

        void footprint(IndexedFootprint f) {
            Envelope pe = f.pixelEnvelope(geo);
            ReviewStatus status = f.footprint().status();
            if (Math.max(pe.getWidth(), pe.getHeight()) * s < TINY_PIXELS) {
                dot(((pe.getMinX() + pe.getMaxX()) / 2 - ox) * s, ((pe.getMinY() + pe.getMaxY()) / 2 - oy) * s,
                        status.ordinal());
                return;
            }
            polygons++;
            double[][] xs = f.xs(geo);
            double[][] ys = f.ys(geo);
            if (rasterize) {
                int colour = ARGB[status.ordinal()];
                for (int r = 0; r < xs.length; r++) {
                    int m = toScreen(xs[r], ys[r], s, ox, oy);
                    raster.outline(sx, sy, m - 1, colour);
                }
                return;
            }
            if (status != lastStatus) {
                g.setStroke(colour(status));
                g.setFill(FILL[status.ordinal()]);
                lastStatus = status;
            }
            if (xs.length == 1) {
                int m = toScreen(xs[0], ys[0], s, ox, oy);
                if (fill) {
                    g.fillPolygon(sx, sy, m);
                }
                g.strokePolygon(sx, sy, m);
            } else {
                path(g, xs, ys, s, ox, oy);
                if (fill) {
                    g.setFillRule(FillRule.EVEN_ODD);
                    g.fill();
                }
                g.stroke();
            }
        }
    }

    private void highlight(GraphicsContext g, MapViewport v, Georeferencing geo) {
        Envelope screen = v.visibleMap();
        long current = model.currentFootprint().map(Footprint::id).orElse(-1L);
        g.setLineWidth(3);
        for (long id : selection.ids()) {
            if (id != current) {
                outlineOne(g, v, geo, screen, id, Color.WHITE);
            }
        }
        if (current >= 0) {
            outlineOne(g, v, geo, screen, current, Color.CYAN);
        }
    }

    private void outlineOne(GraphicsContext g, MapViewport v, Georeferencing geo, Envelope screen, long id, Color c) {
        IndexedFootprint f = index.get(id);
        if (f == null || !f.envelope().intersects(screen)) {
            return;
        }
        g.setStroke(c);
        path(g, f.xs(geo), f.ys(geo), v.scale(), v.offsetX(), v.offsetY());
        g.stroke();
        Envelope pe = f.pixelEnvelope(geo);
        if (Math.max(pe.getWidth(), pe.getHeight()) * v.scale() < TINY_PIXELS * 2) {
            // too small to see the outline: ring it
            double cx = ((pe.getMinX() + pe.getMaxX()) / 2 - v.offsetX()) * v.scale();
            double cy = ((pe.getMinY() + pe.getMaxY()) / 2 - v.offsetY()) * v.scale();
            g.strokeOval(cx - 6, cy - 6, 12, 12);
        }
    }

    private void path(GraphicsContext g, double[][] xs, double[][] ys, double s, double ox, double oy) {
        g.beginPath();
        for (int r = 0; r < xs.length; r++) {
            double[] x = xs[r];
            double[] y = ys[r];
            g.moveTo((x[0] - ox) * s, (y[0] - oy) * s);
            for (int k = 1; k < x.length; k++) {
                g.lineTo((x[k] - ox) * s, (y[k] - oy) * s);
            }
            g.closePath();
        }
    }

    /** Fills {@link #sx}/{@link #sy} with a ring's screen points; returns the count. */
    private int toScreen(double[] x, double[] y, double s, double ox, double oy) {
        int m = x.length;
        if (sx.length < m) {
            sx = new double[m * 2];
            sy = new double[m * 2];
        }
        for (int k = 0; k < m; k++) {
            sx[k] = (x[k] - ox) * s;
            sy[k] = (y[k] - oy) * s;
        }
        return m;
    }

    /** Draws the legend (status colours, counts) in the top-left corner of the screen. */
    void drawLegend(GraphicsContext g) {
        if (!legendVisible || !isVisible()) {
            return;
        }
        Map<ReviewStatus, Long> c = counts();
        double x = 8;
        double y = 8;
        double rowH = 16;
        g.setFont(LEGEND_FONT);
        List<String> reasons = reasonRows();
        g.setFill(Color.rgb(0, 0, 0, 0.6));
        g.fillRoundRect(x, y, reasons.isEmpty() ? 130 : 190, 8 + rowH * (ReviewStatus.values().length
                + reasons.size()), 6, 6);
        double ty = y + 4;
        for (ReviewStatus st : ReviewStatus.values()) {
            g.setFill(colour(st));
            g.fillRect(x + 6, ty + 3, 10, 10);
            g.setFill(Color.WHITE);
            g.fillText(String.format(Locale.ROOT, "%s %d", label(st), c.getOrDefault(st, 0L)), x + 22, ty + 12);
            ty += rowH;
            if (st == ReviewStatus.REJECTED) {
                for (String r : reasons) {
                    g.fillText(r, x + 30, ty + 12);
                    ty += rowH;
                }
            }
        }
    }

    /** The legend's rows under Rejected: "wrong shape 3" for each reject reason given at least once. */
    public List<String> reasonRows() {
        List<String> out = new java.util.ArrayList<>();
        for (org.roofline.geometry.footprint.RejectReason r : org.roofline.geometry.footprint.RejectReason.values()) {
            long n = model.count(r);
            if (n > 0) {
                out.add(r.label() + " " + n);
            }
        }
        return out;
    }

    static String label(ReviewStatus s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static final Font LEGEND_FONT = Font.font(11);
    private static final Color[] FILL = new Color[ReviewStatus.values().length];
    private static final int[] ARGB = new int[ReviewStatus.values().length];

    static {
        for (ReviewStatus s : ReviewStatus.values()) {
            Color c = colour(s);
            FILL[s.ordinal()] = c.deriveColor(0, 1, 1, 0.25);
            ARGB[s.ordinal()] = 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16
                    | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
        }
    }
}
