package org.roofline.app.editor.map.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;

/**
 * Decoded imagery tiles, least recently used first out, bounded in bytes (4 bytes a pixel, what a JavaFX image of
 * that size holds). A tile larger than the whole bound is not kept. Not thread-safe: the map uses it on the FX thread
 * only (loader threads hand their tiles over with {@code Platform.runLater}).
 */
public final class TileCache {

    private final LinkedHashMap<TileKey, Image> tiles = new LinkedHashMap<>(64, 0.75f, true);
    private final long maxBytes;
    private long bytes;
    private long evictions;

    /** @param maxBytes the most bytes of pixels kept, at least 1 */
    public TileCache(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the tile cache needs a positive size in bytes, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The tile, marked as just used, or null. */
    public Image get(TileKey key) {
        return tiles.get(key);
    }

    public boolean contains(TileKey key) {
        return tiles.containsKey(key);
    }

    /** Keeps a tile, dropping the least recently used ones until the cache is within its bound. */
    public void put(TileKey key, Image image) {
        long size = sizeOf(image);
        Image old = tiles.remove(key);
        if (old != null) {
            bytes -= sizeOf(old);
        }
        if (size > maxBytes) {
            return;
        }
        Iterator<Map.Entry<TileKey, Image>> it = tiles.entrySet().iterator();
        while (bytes + size > maxBytes && it.hasNext()) {
            bytes -= sizeOf(it.next().getValue());
            it.remove();
            evictions++;
        }
        tiles.put(key, image);
        bytes += size;
    }

    public void clear() {
        tiles.clear();
        bytes = 0;
    }

    /** Bytes of pixels held now (never more than {@link #maxBytes()}). */
    public long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int size() {
        return tiles.size();
    }

    /** Tiles dropped to stay within the bound since the cache was made. */
    public long evictions() {
        return evictions;
    }

    static long sizeOf(Image img) {
        return 4L * (long) Math.ceil(img.getWidth()) * (long) Math.ceil(img.getHeight());
    }
}
