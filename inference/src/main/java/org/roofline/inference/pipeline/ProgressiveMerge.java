package org.roofline.inference.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.roofline.geometry.crs.Crs;
import org.roofline.inference.tiling.Tile;
import org.roofline.inference.tiling.TileGrid;

/**
 * The merge done while a run goes on, on a merge thread of its own (one block at a time): see "Footprints while it
 * runs" in {@link ExtractionPipeline}. Whenever the blocks post-processed so far from the top grow, their candidates
 * (with those not final before) are merged by the run's {@link BlockMerger}, and the footprints no later block can
 * touch go to the block listener as an {@link ExtractedBlock}.
 *
 * <p>Why a delivered footprint is final: two candidates link only if they overlap with positive area, and every
 * candidate of block {@code r} lies inside that block's window, whose top edge no earlier block's top exceeds. So a
 * group of candidates of blocks {@code 0..k-1} whose members all lie above the top edge of block {@code k} can
 * never link with a candidate still to come: it is a whole connected component of the final link graph, and
 * {@link org.roofline.geometry.merge.SeamMerger} resolves it as the final merge does (the merger's result for a
 * component depends only on its members and their relative order, which is kept).
 */
final class ProgressiveMerge {

    private final TileGrid grid;
    private final BlockMerger merger;
    private final Crs crs;
    private final Consumer<ExtractedBlock> listener;
    private final BooleanSupplier cancelled;
    private final ExecutorService thread;
    /** Per block, its candidates once post-processed, until taken into the merged prefix; confined to the thread. */
    private final List<List<BlockCandidate>> arrived = new ArrayList<>();
    private List<BlockCandidate> pending = new ArrayList<>();
    private int prefix;
    private long nextId = 1;
    private volatile Throwable failure;

    /**
     * @param merger    the run's merger
     * @param crs       the CRS of the footprints delivered, or null when unknown
     * @param listener  called on the merge thread, in order, one call at a time
     * @param cancelled whether the run was cancelled: nothing more is delivered then
     */
    ProgressiveMerge(TileGrid grid, BlockMerger merger, Crs crs, Consumer<ExtractedBlock> listener,
                     BooleanSupplier cancelled) {
        this.grid = grid;
        this.merger = merger;
        this.crs = crs;
        this.listener = listener;
        this.cancelled = cancelled;
        for (int r = 0; r < grid.rows(); r++) {
            arrived.add(null);
        }
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "roofline-block-merge");
            t.setDaemon(true);
            return t;
        });
    }

    /** Hands a post-processed block to the merge thread and returns at once; ignored once the merge is shut down. */
    void offer(int row, List<BlockCandidate> candidates) {
        try {
            thread.execute(() -> arrived(row, candidates));
        } catch (RejectedExecutionException e) {
            // cancelled meanwhile: nothing more is delivered
        }
    }

    /**
     * Waits until every block offered so far is merged and delivered.
     *
     * @throws ExecutionException if the listener (or the merge) failed, with that failure as its cause
     */
    void finish() throws InterruptedException, ExecutionException {
        thread.submit(() -> { }).get();
        if (failure != null) {
            throw new ExecutionException("block listener failed", failure);
        }
    }

    /** Stops the merge thread: queued merges see the cancellation and deliver nothing. */
    void shutdown() {
        thread.shutdown();
    }

    private void arrived(int row, List<BlockCandidate> list) {
        if (cancelled.getAsBoolean() || failure != null) {
            return;
        }
        try {
            arrived.set(row, list);
            int before = prefix;
            while (prefix < arrived.size() && arrived.get(prefix) != null) {
                for (BlockCandidate c : arrived.get(prefix)) {
                    if (c.hasArea()) {
                        pending.add(c);
                    }
                }
                arrived.set(prefix, List.of());
                prefix++;
            }
            if (prefix == before) {
                return;
            }
            double frontier = prefix < arrived.size() ? topOf(prefix) : Double.POSITIVE_INFINITY;
            BlockMerger.Merged merged = merger.merge(pending, frontier, nextId);
            nextId += merged.footprints().size();
            pending = merged.undecided();
            if (!cancelled.getAsBoolean()) {
                listener.accept(new ExtractedBlock(prefix, arrived.size(), merged.footprints(), merged.originals(),
                        crs));
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** The top edge (smallest working-pixel y) of a block's tiles. */
    private double topOf(int row) {
        int top = Integer.MAX_VALUE;
        for (Tile t : grid.row(row)) {
            top = Math.min(top, t.window().y);
        }
        return top;
    }
}
