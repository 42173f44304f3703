package org.roofline.app.editor.map.internal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.Georeferencing;

/**
 * A footprint as the map draws it: its map envelope (for the index) and its rings in image pixel coordinates,
 * computed once per georeferencing rather than every frame. FX thread only.
 */
public final class IndexedFootprint {

    private final Footprint footprint;
    private final Envelope envelope;
    private Georeferencing pixelsFor;
    private double[][] xs;
    private double[][] ys;
    private Envelope pixelEnvelope;

    public IndexedFootprint(Footprint footprint) {
        this.footprint = footprint;
        this.envelope = footprint.polygon().getEnvelopeInternal();
    }

    public Footprint footprint() {
        return footprint;
    }

    public long id() {
        return footprint.id();
    }

    /** The footprint's envelope in map coordinates. */
    public Envelope envelope() {
        return envelope;
    }

    /** Ring {@code i} (0 the shell, then the holes) x in image pixels, closed. */
    public double[][] xs(Georeferencing g) {
        ensure(g);
        return xs;
    }

    public double[][] ys(Georeferencing g) {
        ensure(g);
        return ys;
    }

    /** The envelope in image pixels. */
    public Envelope pixelEnvelope(Georeferencing g) {
        ensure(g);
        return pixelEnvelope;
    }

    private void ensure(Georeferencing g) {
        if (g == pixelsFor) {
            return;
        }
        Polygon p = footprint.polygon();
        int rings = 1 + p.getNumInteriorRing();
        xs = new double[rings][];
        ys = new double[rings][];
        Envelope e = new Envelope();
        for (int r = 0; r < rings; r++) {
            LineString ring = r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1);
            Coordinate[] cs = ring.getCoordinates();
            xs[r] = new double[cs.length];
            ys[r] = new double[cs.length];
            for (int k = 0; k < cs.length; k++) {
                Coordinate c = g.toPixel(cs[k]);
                xs[r][k] = c.x;
                ys[r][k] = c.y;
                e.expandToInclude(c.x, c.y);
            }
        }
        pixelEnvelope = e;
        pixelsFor = g;
    }
}
