package org.roofline.app.editor.map.internal;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RasterInfo;
import org.roofline.inference.imagery.RasterWindow;

/**
 * Reads imagery tiles on its own daemon threads, each with its own {@link GeoImage} (reads of one instance are
 * serialized). The map says each frame which tiles it wants ({@link #want}), most wanted first; requests for tiles
 * that are no longer wanted and not yet started are dropped, so panning quickly does not queue a backlog of tiles
 * that went off screen. Finished tiles are handed to {@code onLoaded} on the FX thread; a failed read is handed to
 * {@code onError} once per tile (the tile is not retried).
 */
public final class TileLoader implements AutoCloseable {

    private final Path file;
    private final RasterInfo info;
    private final int tileSize;
    private final RasterImages.Stretch stretch;
    private final BiConsumer<TileKey, Image> onLoaded;
    private final Consumer<Throwable> onError;
    private final LinkedHashSet<TileKey> queue = new LinkedHashSet<>();
    private final Set<TileKey> inFlight = new HashSet<>();
    private final Set<TileKey> failed = new HashSet<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong readNanos = new AtomicLong();
    private boolean closed;

    /**
     * @param threads how many tiles are read at once (at least 1)
     */
    public TileLoader(Path file, RasterInfo info, int tileSize, RasterImages.Stretch stretch, int threads,
                      BiConsumer<TileKey, Image> onLoaded, Consumer<Throwable> onError) {
        this.file = Objects.requireNonNull(file, "file");
        this.info = Objects.requireNonNull(info, "info");
        this.stretch = Objects.requireNonNull(stretch, "stretch");
        this.onLoaded = Objects.requireNonNull(onLoaded, "onLoaded");
        this.onError = Objects.requireNonNull(onError, "onError");
        if (tileSize < 16) {
            throw new IllegalArgumentException("tile size must be at least 16 pixels, was " + tileSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one loader thread, was " + threads);
        }
        this.tileSize = tileSize;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "roofline-map-tiles-" + i);
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            this.threads.add(t);
            t.start();
        }
    }

    /** The image pixels a tile covers (clipped to the image). */
    public static Rectangle pixelsOf(TileKey key, int tileSize, int imageWidth, int imageHeight) {
        long span = (long) tileSize << key.level();
        long x0 = key.column() * span;
        long y0 = key.row() * span;
        long x1 = Math.min(imageWidth, x0 + span);
        long y1 = Math.min(imageHeight, y0 + span);
        if (x0 >= imageWidth || y0 >= imageHeight) {
            return new Rectangle();
        }
        return new Rectangle((int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0));
    }

    /**
     * The tiles wanted now, most wanted first (FX thread, every frame). Queued tiles not in {@code wanted} are
     * dropped; wanted tiles neither queued, being read nor failed are queued. The caller leaves out tiles it has.
     */
    public synchronized void want(Collection<TileKey> wanted) {
        LinkedHashSet<TileKey> next = new LinkedHashSet<>();
        for (TileKey k : wanted) {
            if (!inFlight.contains(k) && !failed.contains(k)) {
                next.add(k);
            }
        }
        for (TileKey k : queue) {
            if (!next.contains(k)) {
                dropped.incrementAndGet();
            }
        }
        queue.clear();
        queue.addAll(next);
        if (!queue.isEmpty()) {
            notifyAll();
        }
    }

    /** Tiles queued and being read. */
    public synchronized int pending() {
        return queue.size() + inFlight.size();
    }

    public long loadedCount() {
        return loaded.get();
    }

    /** Requests dropped because their tile was no longer wanted before its read started. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Total time spent reading and converting tiles (all threads). */
    public long readNanos() {
        return readNanos.get();
    }

    private synchronized TileKey take() throws InterruptedException {
        while (!closed && queue.isEmpty()) {
            wait();
        }
        if (closed) {
            return null;
        }
        TileKey k = queue.iterator().next();
        queue.remove(k);
        inFlight.add(k);
        return k;
    }

    private synchronized void done(TileKey k, boolean ok) {
        inFlight.remove(k);
        if (!ok) {
            failed.add(k);
        }
    }

    private void work() {
        GeoImage image = null;
        try {
            while (true) {
                TileKey k = take();
                if (k == null) {
                    return;
                }
                long t0 = System.nanoTime();
                try {
                    if (image == null) {
                        image = GeoImage.open(file);
                    }
                    Rectangle r = pixelsOf(k, tileSize, info.width(), info.height());
                    RasterWindow w = image.read(r, k.subsampling());
                    Image img = RasterImages.toImage(w, stretch);
                    readNanos.addAndGet(System.nanoTime() - t0);
                    loaded.incrementAndGet();
                    done(k, true);
                    Platform.runLater(() -> onLoaded.accept(k, img));
                } catch (Exception | OutOfMemoryError e) {
                    done(k, false);
                    Platform.runLater(() -> onError.accept(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (image != null) {
                image.close();
            }
        }
    }

    /** Stops the threads (a read in progress finishes) and closes their images. */
    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        notifyAll();
    }
}
