package org.roofline.app.editor.map.internal;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.roofline.inference.imagery.Georeferencing;

/**
 * Every footprint's map envelope, pixel centre, pixel size and status in flat arrays: for views that show most of the
 * review, a straight scan of these beats walking the spatial index (which would return nearly everything anyway),
 * and dots are drawn without touching the footprint objects. A snapshot: rebuilt after changes. FX thread only.
 */
public final class PackedFootprints {

    private final IndexedFootprint[] entries;
    private final double[] minX;
    private final double[] maxX;
    private final double[] minY;
    private final double[] maxY;
    private final float[] centreX;
    private final float[] centreY;
    private final float[] pixelSize;
    private final byte[] status;
    private final Georeferencing georef;
    private final Envelope extent = new Envelope();

    public PackedFootprints(List<IndexedFootprint> all, Georeferencing g) {
        int n = all.size();
        entries = all.toArray(new IndexedFootprint[0]);
        minX = new double[n];
        maxX = new double[n];
        minY = new double[n];
        maxY = new double[n];
        centreX = new float[n];
        centreY = new float[n];
        pixelSize = new float[n];
        status = new byte[n];
        georef = g;
        for (int i = 0; i < n; i++) {
            IndexedFootprint f = entries[i];
            Envelope e = f.envelope();
            minX[i] = e.getMinX();
            maxX[i] = e.getMaxX();
            minY[i] = e.getMinY();
            maxY[i] = e.getMaxY();
            extent.expandToInclude(e);
            Envelope p = f.pixelEnvelope(g);
            centreX[i] = (float) ((p.getMinX() + p.getMaxX()) / 2);
            centreY[i] = (float) ((p.getMinY() + p.getMaxY()) / 2);
            pixelSize[i] = (float) Math.max(p.getWidth(), p.getHeight());
            status[i] = (byte) f.footprint().status().ordinal();
        }
    }

    public int size() {
        return entries.length;
    }

    /** The georeferencing the pixel values were computed with. */
    public Georeferencing georef() {
        return georef;
    }

    /** The map extent of all footprints. */
    public Envelope extent() {
        return extent;
    }

    /** Whether footprint {@code i}'s map envelope meets an area (the same test as the index's query). */
    public boolean intersects(int i, Envelope area) {
        return !(minX[i] > area.getMaxX() || maxX[i] < area.getMinX() || minY[i] > area.getMaxY()
                || maxY[i] < area.getMinY());
    }

    public IndexedFootprint entry(int i) {
        return entries[i];
    }

    public float centreX(int i) {
        return centreX[i];
    }

    public float centreY(int i) {
        return centreY[i];
    }

    /** The larger side of the pixel envelope. */
    public float pixelSize(int i) {
        return pixelSize[i];
    }

    public int status(int i) {
        return status[i];
    }
}
