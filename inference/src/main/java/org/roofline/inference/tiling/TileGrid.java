package org.roofline.inference.tiling;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RasterInfo;
import org.roofline.inference.model.ModelMetadata;

/**
 * Overlapping tiles over an image, in the model's pixel size.
 *
 * <h2>Resolution</h2>
 * The image is read with an integer subsampling {@code s} (nearest neighbour, see
 * {@link org.roofline.inference.imagery.RasterWindow}) chosen by {@link #subsamplingFor}: {@code round(model metres
 * per pixel / image ground metres per pixel)}, at least 1. Imagery finer than the model's resolution is thus
 * approximated by skipping pixels (0.3 m imagery for a 0.6 m model: s = 2); imagery coarser than the model is used as
 * is (no upsampling), as is imagery whose ground resolution is unknown. Exact resampling (area averaging, non-integer
 * ratios) is left for later. The tiles live in the <em>working grid</em>: the image at subsampling {@code s},
 * {@code ceil(width / s) x ceil(height / s)} pixels.
 *
 * <h2>Layout</h2>
 * Along each axis tiles start every {@code tileSize - overlap} working pixels; the last tile is shifted back to end
 * exactly at the image edge (so it overlaps its neighbour more and needs no padding). Only an image smaller than one
 * tile gives a partial tile (padded by {@link TileReader}). The border between the cores of two neighbouring tiles is
 * the middle of their overlap, so every working pixel belongs to exactly one core and is taken from the tile that sees
 * it farthest from that tile's edges.
 *
 * <p>Instances are immutable.
 */
public final class TileGrid {

    private final int imageWidth;
    private final int imageHeight;
    private final int subsampling;
    private final int tileSize;
    private final int overlap;
    private final int width;
    private final int height;
    private final int[] xStarts;
    private final int[] xBorders;
    private final int[] yStarts;
    private final int[] yBorders;
    private final List<Tile> tiles;

    /**
     * @param imageWidth  image width in image pixels
     * @param imageHeight image height in image pixels
     * @param tileSize    tile width and height in working (model) pixels
     * @param overlap     overlap of neighbouring tiles in working pixels, 0 &le; overlap &lt; tileSize / 2
     * @param subsampling image pixels per working pixel, at least 1
     */
    public TileGrid(int imageWidth, int imageHeight, int tileSize, int overlap, int subsampling) {
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("image size must be positive: " + imageWidth + " x " + imageHeight);
        }
        if (tileSize < 1 || overlap < 0 || 2 * overlap >= tileSize) {
            throw new IllegalArgumentException("bad tile size " + tileSize + " / overlap " + overlap);
        }
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, was " + subsampling);
        }
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.subsampling = subsampling;
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.width = ceilDiv(imageWidth, subsampling);
        this.height = ceilDiv(imageHeight, subsampling);
        this.xStarts = starts(width, tileSize, overlap);
        this.yStarts = starts(height, tileSize, overlap);
        this.xBorders = borders(xStarts, width, tileSize);
        this.yBorders = borders(yStarts, height, tileSize);
        List<Tile> list = new ArrayList<>(xStarts.length * yStarts.length);
        for (int r = 0; r < yStarts.length; r++) {
            for (int c = 0; c < xStarts.length; c++) {
                Rectangle window = new Rectangle(xStarts[c], yStarts[r], Math.min(tileSize, width - xStarts[c]),
                        Math.min(tileSize, height - yStarts[r]));
                Rectangle core = new Rectangle(xBorders[c], yBorders[r], xBorders[c + 1] - xBorders[c],
                        yBorders[r + 1] - yBorders[r]);
                int ix = window.x * subsampling;
                int iy = window.y * subsampling;
                Rectangle imageWindow = new Rectangle(ix, iy,
                        Math.min(imageWidth, (window.x + window.width) * subsampling) - ix,
                        Math.min(imageHeight, (window.y + window.height) * subsampling) - iy);
                list.add(new Tile(list.size(), r, c, imageWindow, window, core));
            }
        }
        this.tiles = Collections.unmodifiableList(list);
    }

    /** A grid for an image and a model: tile size and overlap from the metadata, subsampling from the resolutions. */
    public static TileGrid of(RasterInfo image, ModelMetadata metadata) {
        return new TileGrid(image.width(), image.height(), metadata.tileSize(), metadata.overlap(),
                subsamplingFor(image, metadata));
    }

    /**
     * The integer subsampling that best approximates the model's resolution: {@code round(model m/px / image m/px)},
     * at least 1; 1 when the image's ground pixel size is unknown.
     */
    public static int subsamplingFor(RasterInfo image, ModelMetadata metadata) {
        Optional<Georeferencing.PixelSize> size = image.groundPixelSize();
        if (size.isEmpty() || !(size.get().mean() > 0)) {
            return 1;
        }
        long s = Math.round(metadata.metresPerPixel() / size.get().mean());
        return (int) Math.max(1, Math.min(s, Math.max(image.width(), image.height())));
    }

    private static int[] starts(int extent, int tile, int overlap) {
        if (extent <= tile) {
            return new int[] {0};
        }
        int stride = tile - overlap;
        int n = ceilDiv(extent - tile, stride) + 1;
        int[] s = new int[n];
        for (int i = 0; i < n - 1; i++) {
            s[i] = i * stride;
        }
        s[n - 1] = extent - tile;
        return s;
    }

    /** borders[i] .. borders[i + 1] is the core of tile i: the middle of each overlap. */
    private static int[] borders(int[] starts, int extent, int tile) {
        int[] b = new int[starts.length + 1];
        b[starts.length] = extent;
        for (int i = 0; i + 1 < starts.length; i++) {
            b[i + 1] = (starts[i + 1] + starts[i] + tile) / 2;
        }
        return b;
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** @return all tiles in raster order (row by row); {@code tiles().get(i).index() == i} */
    public List<Tile> tiles() {
        return tiles;
    }

    public int rows() {
        return yStarts.length;
    }

    public int columns() {
        return xStarts.length;
    }

    /** @return the tiles of one row, left to right */
    public List<Tile> row(int r) {
        return tiles.subList(r * columns(), (r + 1) * columns());
    }

    /** @return the working grid's width: {@code ceil(imageWidth / subsampling)} */
    public int width() {
        return width;
    }

    /** @return the working grid's height */
    public int height() {
        return height;
    }

    /** @return the whole working grid as a rectangle at (0, 0) */
    public Rectangle bounds() {
        return new Rectangle(0, 0, width, height);
    }

    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    public int subsampling() {
        return subsampling;
    }

    public int tileSize() {
        return tileSize;
    }

    public int overlap() {
        return overlap;
    }

    /** @return the georeferencing of the working grid, given the image's */
    public Georeferencing workingGeoref(Georeferencing image) {
        return image.forWindow(new Rectangle(0, 0, imageWidth, imageHeight), subsampling);
    }

    @Override
    public String toString() {
        return "TileGrid[" + columns() + " x " + rows() + " tiles of " + tileSize + " px, overlap " + overlap
                + ", subsampling " + subsampling + ", image " + imageWidth + " x " + imageHeight + "]";
    }
}
