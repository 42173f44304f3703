package org.roofline.inference.tiling;

import java.awt.Rectangle;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.FloatMask;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.mask.PolygonRasterizer;

/**
 * Collects the model's tile outputs into one probability raster over a region of the working grid, each pixel taken
 * from the one tile that owns it, so the raster has no seam lines.
 *
 * <ul>
 *   <li>{@link #forImage}: the whole working grid; a tile owns its {@link Tile#core() core}. Memory: 4 bytes per
 *       working pixel.</li>
 *   <li>{@link #forRow}: one row of tiles, the full height of the row's windows (so consecutive rows overlap by the
 *       grid's overlap and a building cut by one row's edge is whole, or cut elsewhere, in the next); a tile owns its
 *       core's columns over the full window height. Memory: 4 bytes x width x tile size. This is the pipeline's
 *       block.</li>
 * </ul>
 * Pixels of skipped tiles (no-data, failed) stay 0. The raster is row-major over {@link #region()}, pixel (0, 0) at
 * the region's top-left corner. Not thread-safe: filled by one thread, then handed over.
 */
public final class ProbabilityStitcher {

    private final Rectangle region;
    private final int tileSize;
    private final float threshold;
    private final boolean rowMode;
    private final float[] data;
    private final List<Tile> expected;
    private final BitSet received;
    private int receivedCount;

    private ProbabilityStitcher(Rectangle region, int tileSize, double threshold, boolean rowMode,
                                List<Tile> expected) {
        this.region = region;
        this.tileSize = tileSize;
        this.threshold = (float) threshold;
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        this.rowMode = rowMode;
        long n = (long) region.width * region.height;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("probability raster " + region.width + " x " + region.height
                    + " too large for one array; stitch by row");
        }
        this.data = new float[(int) n];
        this.expected = expected;
        this.received = new BitSet(expected.size());
    }

    /** A raster of the whole working grid, each pixel from the tile whose core holds it. */
    public static ProbabilityStitcher forImage(TileGrid grid, double threshold) {
        return new ProbabilityStitcher(grid.bounds(), grid.tileSize(), threshold, false, grid.tiles());
    }

    /** A raster of one row of tiles: full width, the height of the row's windows; see the class description. */
    public static ProbabilityStitcher forRow(TileGrid grid, int row, double threshold) {
        List<Tile> tiles = grid.row(row);
        Rectangle w = tiles.get(0).window();
        return new ProbabilityStitcher(new Rectangle(0, w.y, grid.width(), w.height), grid.tileSize(), threshold,
                true, tiles);
    }

    /** @return the working pixels this raster covers */
    public Rectangle region() {
        return new Rectangle(region);
    }

    /** @return the region as an envelope in working pixel coordinates */
    public Envelope envelope() {
        return new Envelope(region.x, region.x + region.width, region.y, region.y + region.height);
    }

    /** @return the working pixels a tile contributes to this raster */
    public Rectangle owned(Tile tile) {
        Rectangle core = tile.core();
        Rectangle owned = rowMode ? new Rectangle(core.x, tile.window().y, core.width, tile.window().height) : core;
        return owned.intersection(region);
    }

    /**
     * Stores a tile's output: the pixels it owns.
     *
     * @param probabilities {@code tileSize x tileSize} probabilities, row-major, pixel (0, 0) at the tile window's
     *                      top-left corner
     */
    public void add(Tile tile, float[] probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.length < tileSize * tileSize) {
            throw new IllegalArgumentException("tile output has " + probabilities.length + " values, expected "
                    + tileSize * tileSize);
        }
        mark(tile);
        Rectangle o = owned(tile);
        Rectangle w = tile.window();
        for (int y = o.y; y < o.y + o.height; y++) {
            System.arraycopy(probabilities, (y - w.y) * tileSize + (o.x - w.x), data,
                    (y - region.y) * region.width + (o.x - region.x), o.width);
        }
    }

    /** Records that a tile has no output (no-data or failed): its pixels stay at probability 0. */
    public void skip(Tile tile) {
        mark(tile);
    }

    private void mark(Tile tile) {
        int i = tile.index() - expected.get(0).index();
        if (i < 0 || i >= expected.size() || !expected.get(i).equals(tile)) {
            throw new IllegalArgumentException(tile + " is not part of this raster");
        }
        if (!received.get(i)) {
            received.set(i);
            receivedCount++;
        }
    }

    /** @return whether every tile of the region was added or skipped */
    public boolean isComplete() {
        return receivedCount == expected.size();
    }

    /** @return the raster, row-major over {@link #region()} (not a copy) */
    public float[] probabilities() {
        return data;
    }

    /** @return the probability at working pixel (x, y), which must be inside the region */
    public float value(int x, int y) {
        return data[(y - region.y) * region.width + (x - region.x)];
    }

    /** @return the raster as a mask (foreground at or above the threshold); origin at the region's corner */
    public FloatMask mask() {
        return new FloatMask(data, region.width, region.height, threshold);
    }

    /**
     * The mean probability of the region's pixels whose centres are inside a polygon given in working pixel
     * coordinates (rasterized with {@link PolygonRasterizer}).
     *
     * @return the mean, or NaN when no pixel centre of the region is inside
     */
    public double meanProbability(Geometry pixelGeometry) {
        Envelope e = pixelGeometry.getEnvelopeInternal().intersection(envelope());
        if (e.isNull()) {
            return Double.NaN;
        }
        int x0 = (int) Math.floor(e.getMinX());
        int y0 = (int) Math.floor(e.getMinY());
        int x1 = (int) Math.ceil(e.getMaxX());
        int y1 = (int) Math.ceil(e.getMaxY());
        BitMask m = new BitMask(Math.max(0, x1 - x0), Math.max(0, y1 - y0));
        PolygonRasterizer.rasterize(pixelGeometry, m, x0, y0);
        long[] row = new long[Mask.wordsPerRow(m.width())];
        double sum = 0;
        long n = 0;
        for (int y = 0; y < m.height(); y++) {
            m.readRow(y, row, 0);
            int base = (y + y0 - region.y) * region.width - region.x + x0;
            for (int w = 0; w < row.length; w++) {
                long bits = row[w];
                while (bits != 0) {
                    int x = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    sum += data[base + x];
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
