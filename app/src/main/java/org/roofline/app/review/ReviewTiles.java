package org.roofline.app.review;

import java.util.BitSet;
import org.locationtech.jts.geom.Envelope;

/**
 * A fixed grid of square review tiles over a map extent, each visited or not. Tile indexes are row-major with row 0
 * at the top (largest y), so index order is reading order. Points outside the grid are clamped into the nearest
 * border tile, so a footprint moved or drawn outside the original extent still belongs to a tile.
 *
 * <p>The grid is defined by {@link #minX()}, {@link #maxY()}, {@link #tileWidth()}, {@link #tileHeight()}, {@link #columns()} and
 * {@link #rows()}: a store that persists visited flags by tile index must persist these too (or rebuild the grid
 * from the same inputs), or the indexes will not mean the same tiles when reloaded.
 */
public final class ReviewTiles {

    private final double minX;
    private final double maxY;
    private final double tileWidth;
    private final double tileHeight;
    private final int columns;
    private final int rows;
    private final BitSet visited = new BitSet();

    /** A grid of square tiles of {@code tileSize} map units. */
    public ReviewTiles(double minX, double maxY, double tileSize, int columns, int rows) {
        this(minX, maxY, tileSize, tileSize, columns, rows);
    }

    /**
     * A grid of tiles {@code tileWidth} by {@code tileHeight} map units (tiles square on the image's pixel grid are
     * not square in degrees).
     */
    public ReviewTiles(double minX, double maxY, double tileWidth, double tileHeight, int columns, int rows) {
        for (double size : new double[] {tileWidth, tileHeight}) {
            if (!(size > 0) || Double.isInfinite(size)) {
                throw new IllegalArgumentException("tile size must be a positive number of map units, was " + size);
            }
        }
        if (columns < 1 || rows < 1 || (long) columns * rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad grid size " + columns + " x " + rows);
        }
        this.minX = minX;
        this.maxY = maxY;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * The grid of an image {@code widthPx} by {@code heightPx} pixels covering {@code extent}: tiles square on the
     * image's pixels, {@code perSide} along its longer side (fewer along the shorter one).
     */
    public static ReviewTiles dividing(Envelope extent, int widthPx, int heightPx, int perSide) {
        if (widthPx < 1 || heightPx < 1 || perSide < 1) {
            throw new IllegalArgumentException("bad image size " + widthPx + " x " + heightPx + " or tiles " + perSide);
        }
        double tilePx = Math.max(widthPx, heightPx) / (double) perSide;
        int cols = Math.max(1, (int) Math.ceil(widthPx / tilePx - 1e-9));
        int rws = Math.max(1, (int) Math.ceil(heightPx / tilePx - 1e-9));
        return new ReviewTiles(extent.getMinX(), extent.getMaxY(), tilePx * extent.getWidth() / widthPx,
                tilePx * extent.getHeight() / heightPx, cols, rws);
    }

    /** The grid of tiles of {@code tileSize} map units covering an extent (one tile when the extent is null or empty). */
    public static ReviewTiles covering(Envelope extent, double tileSize) {
        if (extent == null || extent.isNull()) {
            return new ReviewTiles(0, 0, tileSize, 1, 1);
        }
        int cols = Math.max(1, (int) Math.ceil(extent.getWidth() / tileSize));
        int rws = Math.max(1, (int) Math.ceil(extent.getHeight() / tileSize));
        // a point exactly on the max border falls in the last column / row: indexOf clamps
        return new ReviewTiles(extent.getMinX(), extent.getMaxY(), tileSize, cols, rws);
    }

    public double minX() {
        return minX;
    }

    public double maxY() {
        return maxY;
    }

    /** The width of a tile in map units. */
    public double tileWidth() {
        return tileWidth;
    }

    /** The height of a tile in map units. */
    public double tileHeight() {
        return tileHeight;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public int count() {
        return columns * rows;
    }

    /** @return the index of the tile holding a point, clamped into the grid */
    public int indexOf(double x, double y) {
        int col = (int) Math.floor((x - minX) / tileWidth);
        int row = (int) Math.floor((maxY - y) / tileHeight);
        col = Math.max(0, Math.min(columns - 1, col));
        row = Math.max(0, Math.min(rows - 1, row));
        return row * columns + col;
    }

    public int row(int index) {
        return index / columns;
    }

    public int column(int index) {
        return index % columns;
    }

    /** The extent of one tile in map units. */
    public Envelope envelope(int index) {
        check(index);
        double x0 = minX + column(index) * tileWidth;
        double y1 = maxY - row(index) * tileHeight;
        return new Envelope(x0, x0 + tileWidth, y1 - tileHeight, y1);
    }

    public boolean isVisited(int index) {
        check(index);
        return visited.get(index);
    }

    /** Sets the flag only (no persistence, no events): the model persists; loaders use it to restore state. */
    void setVisited(int index, boolean value) {
        check(index);
        visited.set(index, value);
    }

    public int visitedCount() {
        return visited.cardinality();
    }

    private void check(int index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("tile " + index + " outside 0.." + (count() - 1));
        }
    }
}
