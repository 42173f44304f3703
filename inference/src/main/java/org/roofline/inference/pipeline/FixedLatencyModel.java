package org.roofline.inference.pipeline;

import java.awt.Rectangle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.Mask;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.tiling.Tile;
import org.roofline.inference.tiling.TileGrid;

/**
 * A stand-in for a GPU model of known latency, for benchmarks ({@code roofline bench pipeline}) and tests: each
 * {@code predict} takes {@code perBatch + perTile x tiles} of wall time (sleeping, so it costs no CPU, like waiting for
 * a device) and answers from a "truth" mask of the image: {@link #high} where the truth pixel is set, {@link #low}
 * elsewhere, 0 in the padding beyond the image. Working pixel (i, j) of a tile reads truth pixel
 * (imageWindow.x + i * s, imageWindow.y + j * s) for the grid's subsampling s.
 *
 * <p>It learns the tiles' positions through {@link TileAwareModel#nextTiles}; a {@code predict} without them is a
 * {@link ModelException}. Interrupting the calling thread while it sleeps makes {@code predict} throw a
 * {@link ModelException} (and keep the interrupt), which is how cancellation reaches it.
 */
public final class FixedLatencyModel implements SegmentationModel, TileAwareModel {

    private final ModelMetadata metadata;
    private final BitMask truth;
    private final long perTileNanos;
    private final long perBatchNanos;
    private final float high;
    private final float low;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong tiles = new AtomicLong();
    private TileGrid grid;
    private List<Tile> next;
    private volatile boolean closed;

    /**
     * @param metadata the metadata to report (tile size, threshold, ...)
     * @param truth    the building mask of the whole image, image pixels; copied
     * @param perTile  latency per tile
     * @param perBatch latency per call, on top
     */
    public FixedLatencyModel(ModelMetadata metadata, Mask truth, Duration perTile, Duration perBatch) {
        this(metadata, truth, perTile, perBatch, 0.9f, 0.1f);
    }

    public FixedLatencyModel(ModelMetadata metadata, Mask truth, Duration perTile, Duration perBatch, float high,
                             float low) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.truth = BitMask.copyOf(Objects.requireNonNull(truth, "truth"));
        this.perTileNanos = perTile.toNanos();
        this.perBatchNanos = perBatch.toNanos();
        if (perTileNanos < 0 || perBatchNanos < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (!(high >= 0 && high <= 1 && low >= 0 && low <= 1)) {
            throw new IllegalArgumentException("probabilities must be in [0, 1]");
        }
        this.high = high;
        this.low = low;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public void nextTiles(TileGrid grid, List<Tile> tiles) {
        this.grid = grid;
        this.next = List.copyOf(tiles);
    }

    @Override
    public List<float[]> predict(List<float[]> inputs) throws ModelException {
        if (closed) {
            throw new ModelException("model closed");
        }
        List<Tile> batch = next;
        next = null;
        if (batch == null || batch.size() != inputs.size()) {
            throw new ModelException("tile positions not given for this batch (call nextTiles first)");
        }
        calls.incrementAndGet();
        long deadline = System.nanoTime() + perBatchNanos + perTileNanos * inputs.size();
        int size = metadata.tileSize();
        List<float[]> out = new ArrayList<>(inputs.size());
        for (Tile t : batch) {
            out.add(render(t, size));
        }
        sleepUntil(deadline);
        tiles.addAndGet(inputs.size());
        return out;
    }

    private float[] render(Tile tile, int size) {
        float[] p = new float[size * size];
        Rectangle w = tile.window();
        Rectangle iw = tile.imageWindow();
        int s = grid.subsampling();
        for (int j = 0; j < w.height; j++) {
            int iy = iw.y + j * s;
            for (int i = 0; i < w.width; i++) {
                p[j * size + i] = truth.get(iw.x + i * s, iy) ? high : low;
            }
        }
        return p;
    }

    private static void sleepUntil(long deadline) throws ModelException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                throw new ModelException("interrupted");
            }
        }
    }

    /** @return successful and failed {@code predict} calls so far (those that got past the checks) */
    public int predictCalls() {
        return calls.get();
    }

    /** @return tiles answered so far */
    public long tilesPredicted() {
        return tiles.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
