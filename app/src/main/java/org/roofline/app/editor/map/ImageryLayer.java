package org.roofline.app.editor.map;

import org.roofline.app.editor.map.internal.RasterImages;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.map.internal.TileCache;
import org.roofline.app.editor.map.internal.TileKey;
import org.roofline.app.editor.map.internal.TileLoader;
import org.roofline.inference.imagery.RasterInfo;

/**
 * The image, drawn from tiles at the level of detail the scale needs: level {@code L} is the image subsampled by
 * 2<sup>L</sup>, chosen as the coarsest level whose pixels are still no larger than a screen pixel (never finer than
 * full resolution, never coarser than the level where the whole image is one tile). Tiles are read on background
 * threads ({@link TileLoader}) and kept in an LRU cache bounded in bytes ({@link TileCache}). While a tile loads, the
 * best coarser tile already cached stands in for it, or else the part of the whole-image overview (always there)
 * that covers it, so the map never shows holes or black flashes; each screen pixel of the image is drawn once. Tiles that went off screen before their read started are never read.
 *
 * <p>FX thread only (drawing, cache); the reads happen on the loader's threads.
 */
public final class ImageryLayer extends SwitchableLayer {

    /** Default tile edge in image pixels. */
    public static final int DEFAULT_TILE_SIZE = 512;
    /** Default bound of the tile cache: 256 MiB of pixels. */
    public static final long DEFAULT_CACHE_BYTES = 256L << 20;

    private final Consumer<Throwable> onError;
    private int tileSize = DEFAULT_TILE_SIZE;
    private long cacheBytes = DEFAULT_CACHE_BYTES;
    private int loaderThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));

    private RasterInfo info;
    private Image overview;
    private int overviewSubsampling = 1;
    private TileCache cache;
    private TileLoader loader;
    private int maxLevel;
    private int lastLevel = -1;
    private int lastTilesDrawn;
    private int lastStandIns;
    private RasterImages.Stretch stretch;
    private double brightness;
    private double contrast;
    private javafx.scene.effect.ColorAdjust adjust; // null: the image as stretched

    ImageryLayer(Runnable repaint, Consumer<Throwable> onError) {
        super("Imagery", repaint);
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    /**
     * Sets the tile size (image pixels, at least 16) and the cache bound (bytes); takes effect at the next image
     * loaded, so call it before {@link MapView#loadOverview}.
     */
    public void configure(int newTileSize, long newCacheBytes, int threads) {
        if (newTileSize < 16) {
            throw new IllegalArgumentException("tile size must be at least 16 pixels, was " + newTileSize);
        }
        if (newCacheBytes < 1) {
            throw new IllegalArgumentException("cache bound must be positive, was " + newCacheBytes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one loader thread, was " + threads);
        }
        tileSize = newTileSize;
        cacheBytes = newCacheBytes;
        loaderThreads = threads;
    }

    /** Starts drawing an image whose overview has been read (FX thread). */
    void start(Path file, RasterInfo newInfo, Image newOverview, int newOverviewSubsampling,
               RasterImages.Stretch stretch) {
        close();
        info = newInfo;
        overview = newOverview;
        overviewSubsampling = newOverviewSubsampling;
        this.stretch = stretch;
        cache = new TileCache(cacheBytes);
        int longest = Math.max(info.width(), info.height());
        int level = 0;
        while (((long) tileSize << level) < longest) {
            level++;
        }
        maxLevel = level;
        TileCache target = cache;
        loader = new TileLoader(file, info, tileSize, stretch, loaderThreads, (k, img) -> {
            if (cache == target) {
                target.put(k, img);
                repaint();
            }
        }, e -> {
            if (cache == target) {
                onError.accept(e);
            }
        });
    }

    /**
     * Brightness and contrast of the image on screen, each from -1 to 1 (0: the image as stretched); applied as it is
     * drawn, so a change shows at once, without reading the image again.
     */
    public void setDisplay(double newBrightness, double newContrast) {
        if (!(newBrightness >= -1 && newBrightness <= 1 && newContrast >= -1 && newContrast <= 1)) {
            throw new IllegalArgumentException("brightness and contrast go from -1 to 1, were " + newBrightness
                    + ", " + newContrast);
        }
        brightness = newBrightness;
        contrast = newContrast;
        adjust = brightness == 0 && contrast == 0 ? null
                : new javafx.scene.effect.ColorAdjust(0, 0, brightness, contrast);
        repaint();
    }

    public double brightness() {
        return brightness;
    }

    public double contrast() {
        return contrast;
    }

    /** How the image's samples are turned into grey levels (null before an image is read). */
    public RasterImages.Stretch stretch() {
        return stretch;
    }

    /** Stops reading tiles (the cache is kept until the next image). */
    public void close() {
        if (loader != null) {
            loader.close();
            loader = null;
        }
    }

    /** The level for a scale (screen pixels per image pixel): floor(log2(1 / scale)) within 0..maxLevel. */
    public static int levelFor(double scale, int maxLevel) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, was " + scale);
        }
        int level = 0;
        double imagePerScreen = 1 / scale;
        while (level < maxLevel && (double) (2L << level) <= imagePerScreen * (1 + 1e-9)) {
            level++;
        }
        return level;
    }

    @Override
    public void draw(GraphicsContext g, MapViewport v) {
        lastTilesDrawn = 0;
        lastStandIns = 0;
        if (overview == null || info == null) {
            return;
        }
        double s = v.scale();
        int level = levelFor(s, maxLevel);
        // a level's pixels are shown at 1/2..1 (or larger) of their size: nearest neighbour is sharp enough there,
        // and bilinear filtering costs Prism's software pipeline about a third of a 1280 x 800 frame
        g.setImageSmoothing(s * (1 << level) < 0.5);
        lastLevel = level;
        Envelope px = v.visiblePixels().intersection(new Envelope(0, info.width(), 0, info.height()));
        if (px.isNull() || px.getWidth() <= 0 || px.getHeight() <= 0) {
            return;
        }
        if (adjust != null) {
            g.save();
            g.setEffect(adjust);
            try {
                drawTiles(g, v, px, level);
            } finally {
                g.restore();
            }
            return;
        }
        drawTiles(g, v, px, level);
    }

    private void drawTiles(GraphicsContext g, MapViewport v, Envelope px, int level) {
        long span = (long) tileSize << level;
        int c0 = (int) (Math.floor(px.getMinX()) / span);
        int c1 = (int) ((Math.ceil(px.getMaxX()) - 1) / span);
        int r0 = (int) (Math.floor(px.getMinY()) / span);
        int r1 = (int) ((Math.ceil(px.getMaxY()) - 1) / span);
        List<TileKey> keys = new ArrayList<>();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                keys.add(new TileKey(level, c, r));
            }
        }
        double cx = (px.getMinX() + px.getMaxX()) / 2 / span - 0.5;
        double cy = (px.getMinY() + px.getMaxY()) / 2 / span - 0.5;
        keys.sort(Comparator.comparingDouble(k -> Math.hypot(k.column() - cx, k.row() - cy)));
        List<TileKey> wanted = new ArrayList<>();
        for (TileKey k : keys) {
            Rectangle r = TileLoader.pixelsOf(k, tileSize, info.width(), info.height());
            Image img = cache.get(k);
            if (img != null) {
                drawPart(g, v, img, r, k.subsampling(), r);
                lastTilesDrawn++;
                continue;
            }
            wanted.add(k);
            boolean covered = false;
            for (int up = 1; level + up <= maxLevel && !covered; up++) {
                TileKey a = k.ancestor(up);
                Image ai = cache.get(a);
                if (ai != null) {
                    drawPart(g, v, ai, TileLoader.pixelsOf(a, tileSize, info.width(), info.height()),
                            a.subsampling(), r);
                    covered = true;
                }
            }
            if (!covered) {
                // the overview is always there: never a hole, never a black flash
                drawPart(g, v, overview, new Rectangle(0, 0, info.width(), info.height()), overviewSubsampling, r);
            }
            lastStandIns++;
        }
        if (loader != null) {
            loader.want(wanted);
        }
    }

    /**
     * Draws the part of an image that covers image pixels {@code target}; the image shows image pixels {@code a}
     * subsampled by {@code sub}.
     */
    private static void drawPart(GraphicsContext g, MapViewport v, Image img, Rectangle a, int sub,
                                 Rectangle target) {
        double sx = (target.x - a.x) / (double) sub;
        double sy = (target.y - a.y) / (double) sub;
        double sw = Math.min(img.getWidth() - sx, target.width / (double) sub);
        double sh = Math.min(img.getHeight() - sy, target.height / (double) sub);
        double s = v.scale();
        g.drawImage(img, sx, sy, sw, sh, (target.x - v.offsetX()) * s, (target.y - v.offsetY()) * s,
                target.width * s, target.height * s);
    }

    // ---------------------------------------------------------------- for the status bar, tests and benchmarks

    /** The whole image at low resolution once read, else null. */
    public Image overview() {
        return overview;
    }

    /** The level of the last frame (-1 before the first). */
    public int currentLevel() {
        return lastLevel;
    }

    /** The coarsest level (the whole image in one tile); 0 before an image is loaded. */
    public int maxLevel() {
        return maxLevel;
    }

    public int tileSize() {
        return tileSize;
    }

    /** Tiles of the current level drawn in the last frame. */
    public int tilesDrawn() {
        return lastTilesDrawn;
    }

    /** Tiles of the last frame still loading, drawn from a coarser tile or the overview meanwhile. */
    public int standInsDrawn() {
        return lastStandIns;
    }

    public long cacheBytes() {
        return cache == null ? 0 : cache.bytes();
    }

    public long cacheMaxBytes() {
        return cache == null ? cacheBytes : cache.maxBytes();
    }

    public int cachedTiles() {
        return cache == null ? 0 : cache.size();
    }

    public long cacheEvictions() {
        return cache == null ? 0 : cache.evictions();
    }

    /** Whether a tile is cached. */
    public boolean isCached(int level, int column, int row) {
        return cache != null && cache.contains(new TileKey(level, column, row));
    }

    /** Tiles queued or being read. */
    public int pendingTiles() {
        return loader == null ? 0 : loader.pending();
    }

    public long loadedTiles() {
        return loader == null ? 0 : loader.loadedCount();
    }

    /** Requests dropped because their tile left the screen before its read started. */
    public long droppedRequests() {
        return loader == null ? 0 : loader.droppedCount();
    }
}
