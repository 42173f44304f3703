package org.roofline.inference.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.tiling.ProbabilityStitcher;
import org.roofline.inference.tiling.Tile;
import org.roofline.inference.tiling.TileGrid;
import org.roofline.inference.tiling.TileReader;

/**
 * Stage 1 of an extraction run (see {@link ExtractionPipeline}): the thread that calls {@link #run()} owns the model
 * and calls {@code predict} on batches of tiles, in raster order, while a reader thread of the stage reads and
 * normalizes the next batch. The outputs are stitched per row of tiles (a block); each completed block is handed to
 * the next stage.
 *
 * <p>A batch on which the model throws is retried tile by tile; a tile that fails alone, or cannot be read, is
 * recorded ({@link #errors()}) and stitched as background, as is a tile whose pixels are all no-data (skipped).
 * Once cancelled, no further {@code predict} call is made.
 */
final class SegmentationStage {

    /** Where completed blocks go; called on the stage's thread. */
    @FunctionalInterface
    interface Blocks {
        /**
         * @param row    the block's row of tiles
         * @param planes one stitcher per probability plane of the model, complete
         */
        void completed(int row, ProbabilityStitcher[] planes) throws InterruptedException;
    }

    private record ReadTile(Tile tile, float[] input, String error) {
    }

    private final SegmentationModel model;
    private final ModelMetadata md;
    private final TileGrid grid;
    private final TileReader reader;
    private final int batchSize;
    private final long t0;
    private final Runnable progress;
    private final Blocks blocks;
    private final BooleanSupplier cancelled;
    private final ExecutorService readerThread;
    /** Per row of tiles being filled, one stitcher per probability plane of the model. */
    private final ProbabilityStitcher[][] stitchers;
    private final List<TileError> errors = new ArrayList<>();
    private final AtomicInteger tilesDone = new AtomicInteger();
    private final AtomicInteger tilesSkipped = new AtomicInteger();
    private final AtomicInteger tileErrors = new AtomicInteger();
    private long predictNanos;
    private long readWaitNanos;
    private long firstReadNanos = -1;
    private int tilesPredicted;
    private int batches;

    /**
     * @param t0        when the run started ({@link System#nanoTime()}), for the time to the first read
     * @param progress  called whenever a tile is done; must be quick and thread-safe
     * @param blocks    where completed blocks go
     * @param cancelled whether the run was cancelled
     */
    SegmentationStage(SegmentationModel model, TileGrid grid, TileReader reader, int batchSize, long t0,
                      Runnable progress, Blocks blocks, BooleanSupplier cancelled) {
        this.model = model;
        this.md = model.metadata();
        this.grid = grid;
        this.reader = reader;
        this.batchSize = batchSize;
        this.t0 = t0;
        this.progress = progress;
        this.blocks = blocks;
        this.cancelled = cancelled;
        this.stitchers = new ProbabilityStitcher[grid.rows()][];
        this.readerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "roofline-tile-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Segments every tile of the grid, on the calling thread.
     *
     * @throws InterruptedException if cancelled or interrupted
     * @throws ExecutionException   if the reader thread failed
     */
    void run() throws InterruptedException, ExecutionException {
        List<Tile> tiles = grid.tiles();
        Future<List<ReadTile>> next = readerThread.submit(() -> readBatch(0, batchSize));
        int nextFrom = 0;
        while (next != null) {
            long w = System.nanoTime();
            List<ReadTile> read = next.get();
            readWaitNanos += System.nanoTime() - w;
            if (firstReadNanos < 0) {
                firstReadNanos = System.nanoTime() - t0;
            }
            nextFrom += read.size();
            int from = nextFrom;
            next = from < tiles.size() ? readerThread.submit(() -> readBatch(from, batchSize)) : null;
            process(read);
        }
    }

    /** Stops the reader thread once its current read is done; never interrupts it. */
    void stopReader() {
        // an interrupted NIO read closes the image's channel for good
        readerThread.shutdown();
    }

    /** Waits until the reader thread has stopped (after {@link #stopReader()}). */
    boolean awaitReader(long timeout, TimeUnit unit) throws InterruptedException {
        return readerThread.awaitTermination(timeout, unit);
    }

    // --- what it did, for progress and statistics

    int tilesDone() {
        return tilesDone.get();
    }

    int tilesSkipped() {
        return tilesSkipped.get();
    }

    int tileErrors() {
        return tileErrors.get();
    }

    /** @return the tiles that failed, in tile order */
    List<TileError> errors() {
        List<TileError> errs;
        synchronized (errors) {
            errs = new ArrayList<>(errors);
        }
        errs.sort((a, b) -> Integer.compare(a.tile().index(), b.tile().index()));
        return errs;
    }

    /** Read on the stage's thread after {@link #run()}, as the following. */
    long predictNanos() {
        return predictNanos;
    }

    long readWaitNanos() {
        return readWaitNanos;
    }

    /** @return nanoseconds from the run's start to the first batch read, or -1 if none was */
    long firstReadNanos() {
        return firstReadNanos;
    }

    int tilesPredicted() {
        return tilesPredicted;
    }

    int batches() {
        return batches;
    }

    // --- the work

    /** On the reader thread: tiles from {@code from} until {@code batch} of them have pixels, or the end. */
    private List<ReadTile> readBatch(int from, int batch) {
        List<Tile> tiles = grid.tiles();
        List<ReadTile> out = new ArrayList<>();
        int withPixels = 0;
        for (int i = from; i < tiles.size() && withPixels < batch && !cancelled.getAsBoolean(); i++) {
            Tile t = tiles.get(i);
            try {
                float[] input = reader.read(t);
                out.add(new ReadTile(t, input, null));
                if (input != null) {
                    withPixels++;
                }
            } catch (RooflineInputException e) {
                // the problem alone: the error is reported against the image already
                out.add(new ReadTile(t, null, "cannot read: " + e.problem()));
            } catch (RuntimeException e) {
                out.add(new ReadTile(t, null, "cannot read: " + e.getMessage()));
            }
        }
        return out;
    }

    private void process(List<ReadTile> read) throws InterruptedException {
        List<Tile> batch = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        for (ReadTile r : read) {
            if (r.error() != null) {
                fail(r.tile(), r.error());
            } else if (r.input() == null) {
                tilesSkipped.incrementAndGet();
                done(r.tile(), null);
            } else {
                batch.add(r.tile());
                inputs.add(r.input());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        String error = predict(batch, inputs);
        if (error != null && batch.size() > 1) {
            for (int i = 0; i < batch.size(); i++) {
                String e = predict(List.of(batch.get(i)), List.of(inputs.get(i)));
                if (e != null) {
                    fail(batch.get(i), e);
                }
            }
        } else if (error != null) {
            fail(batch.get(0), error);
        }
    }

    /** Runs the model on a batch and stitches the outputs; returns null, or why it failed. */
    private String predict(List<Tile> batch, List<float[]> inputs) throws InterruptedException {
        checkCancelled();
        if (model instanceof TileAwareModel aware) {
            aware.nextTiles(grid, batch);
        }
        List<float[]> outputs;
        long t = System.nanoTime();
        try {
            outputs = model.predict(inputs);
        } catch (ModelException | RuntimeException e) {
            checkCancelled();
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            predictNanos += System.nanoTime() - t;
        }
        checkCancelled();
        int n = md.tileSize() * md.tileSize() * md.planes();
        if (outputs == null || outputs.size() != batch.size()) {
            return "the model returned " + (outputs == null ? "nothing" : outputs.size() + " outputs")
                    + " for " + batch.size() + " tiles";
        }
        for (float[] o : outputs) {
            if (o == null || o.length != n) {
                return "the model returned an output of " + (o == null ? 0 : o.length) + " values, expected " + n;
            }
        }
        batches++;
        tilesPredicted += batch.size();
        for (int i = 0; i < batch.size(); i++) {
            // SegmentationModel.predict returns probabilities whatever the network's last layer (the model
            // applies the sigmoid to logits itself), so nothing is applied here
            done(batch.get(i), outputs.get(i));
        }
        return null;
    }

    private void checkCancelled() throws InterruptedException {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }

    private void fail(Tile tile, String message) throws InterruptedException {
        synchronized (errors) {
            errors.add(new TileError(tile, message));
        }
        tileErrors.incrementAndGet();
        done(tile, null);
    }

    /** Stitches a tile's output planes (null: background) and hands its block on when complete. */
    private void done(Tile tile, float[] probabilities) throws InterruptedException {
        int row = tile.row();
        int planes = md.planes();
        if (stitchers[row] == null) {
            stitchers[row] = new ProbabilityStitcher[planes];
            for (int p = 0; p < planes; p++) {
                stitchers[row][p] = ProbabilityStitcher.forRow(grid, row, md.threshold());
            }
        }
        ProbabilityStitcher[] s = stitchers[row];
        int area = md.tileSize() * md.tileSize();
        for (int p = 0; p < planes; p++) {
            if (probabilities == null) {
                s[p].skip(tile);
            } else {
                s[p].add(tile, planes == 1 ? probabilities
                        : Arrays.copyOfRange(probabilities, p * area, (p + 1) * area));
            }
        }
        tilesDone.incrementAndGet();
        progress.run();
        if (s[0].isComplete()) {
            stitchers[row] = null;
            blocks.completed(row, s);
        }
    }
}
