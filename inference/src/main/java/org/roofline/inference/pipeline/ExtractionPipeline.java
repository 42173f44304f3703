package org.roofline.inference.pipeline;

import java.awt.Rectangle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.instance.InstanceSegmenter;
import org.roofline.geometry.merge.SeamMerger;
import org.roofline.geometry.postprocess.LabelJob;
import org.roofline.geometry.postprocess.MaskJob;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.TracedFootprint;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.tiling.ProbabilityStitcher;
import org.roofline.inference.tiling.TileGrid;
import org.roofline.inference.tiling.TileReader;

/**
 * Extracts building footprints from an image: segmentation and post-processing as two stages that scale separately.
 *
 * <h2>Stages</h2>
 * <ol>
 *   <li><b>Segmentation</b>: one thread owns the {@link SegmentationModel} and calls {@code predict} on batches of
 *       {@link PipelineConfig#batchSize()} tiles ({@link TileGrid} of the image, in raster order). A reader thread
 *       reads and normalizes the next batch ({@link TileReader}) while the model works on the current one. Outputs go
 *       into a {@link ProbabilityStitcher} per row of tiles (a <em>block</em>).</li>
 *   <li><b>Post-processing</b>: each completed block goes as one {@link MaskJob} (its probabilities thresholded at
 *       {@link ModelMetadata#threshold()}) to {@link PostProcessor#submit}, which returns at once; its footprints get
 *       their confidence (mean probability inside, from the block's probabilities) on the post-processor's pool,
 *       after which the block's probabilities are released.</li>
 * </ol>
 * Between the stages at most {@link PipelineConfig#maxBlocksInFlight()} blocks exist (a semaphore): if
 * post-processing falls behind, segmentation waits instead of filling memory, and the wait is measured
 * ({@link PipelineStats#queueWait()}; zero when the device never waited for the CPU).
 *
 * <h2>Merging</h2>
 * Consecutive blocks overlap by the grid's overlap (a block is its tiles' full window height), so a building cut by
 * a block's edge appears in part in both; at the end {@link SeamMerger} unites such parts and collapses buildings
 * seen whole by both (each candidate's tile is its block, its tile core the block's extent). The merged outline of a
 * building cut by a seam is re-regularized with the post-processor's regularization. Confidence of a merged footprint:
 * its member's for a single or collapsed one, the area-weighted mean of its parts' for a seam union.
 *
 * <h2>Errors and cancellation</h2>
 * A batch on which the model throws ({@link ModelException} or a runtime exception) is retried tile by tile; a tile
 * that fails alone, or cannot be read, is reported in {@link ExtractionResult#errors()} and treated as background.
 * Tiles whose pixels are all no-data are skipped. {@link #cancel()} or cancelling the returned future stops both
 * stages promptly: the segmentation thread is interrupted (a model sleeping or waiting is woken) and makes no further
 * {@code predict} call, queued post-processing is cancelled.
 *
 * <h2>Footprints while it runs</h2>
 * With a block listener ({@link #start(GeoImage, TileGrid, Consumer, Consumer)}) finished footprints are also
 * delivered while the run goes on, as {@link ExtractedBlock}s: whenever the blocks post-processed so far from the top
 * grow, their candidates (with those not final before) are merged on a separate merge thread and the footprints no
 * later block can touch are handed over, with their outlines before regularization. Neither the segmentation thread
 * nor the post-processor waits for the merge thread or the listener. Over a completed run the deliveries hold exactly
 * the result's footprints (see {@link ExtractedBlock}); the result completes after the last delivery.
 *
 * <p>One run at a time per pipeline (the model is single-threaded). The pipeline does not close the model or the
 * post-processor.
 *
 * <h2>Inside</h2>
 * A run is its stages: {@code SegmentationStage} (stage 1), the post-processing hand-off here (stage 2), one
 * {@code BlockMerger} for both the final merge and the {@code ProgressiveMerge} of the footprints delivered while it
 * runs.
 */
public final class ExtractionPipeline {

    private final SegmentationModel model;
    private final PostProcessor postProcessor;
    private final PipelineConfig config;
    /** Shared by every run's {@link BlockMerger}: immutable. */
    private final SeamMerger seamMerger;
    private final InstanceSegmenter instanceSegmenter;
    private volatile Run current;

    public ExtractionPipeline(SegmentationModel model, PostProcessor postProcessor, PipelineConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.postProcessor = Objects.requireNonNull(postProcessor, "postProcessor");
        this.config = Objects.requireNonNull(config, "config");
        ModelMetadata md = model.metadata();
        this.instanceSegmenter = new InstanceSegmenter(
                InstanceSegmenter.Parameters.forPixelArea(md.metresPerPixel() * md.metresPerPixel()));
        this.seamMerger = new SeamMerger(config.merge(),
                BlockMerger.reRegularizer(postProcessor.config().regularization()));
    }

    public PipelineConfig config() {
        return config;
    }

    /** Starts extracting with the grid the model's metadata and the image's resolution give. */
    public CompletableFuture<ExtractionResult> start(GeoImage image, Consumer<PipelineProgress> progress) {
        return start(image, TileGrid.of(image.info(), model.metadata()), progress);
    }

    /**
     * Starts extracting with the grid the model's metadata and the image's resolution give, delivering finished
     * footprints while it runs (see {@link #start(GeoImage, TileGrid, Consumer, Consumer)}).
     */
    public CompletableFuture<ExtractionResult> start(GeoImage image, Consumer<PipelineProgress> progress,
                                                     Consumer<ExtractedBlock> blocks) {
        return start(image, TileGrid.of(image.info(), model.metadata()), progress, blocks);
    }

    /**
     * Starts extracting and returns at once, delivering finished footprints while it runs.
     *
     * @param blocks called on the pipeline's merge thread, in order, one call at a time, each time the blocks merged
     *               from the top grow (see {@link ExtractedBlock}); it delays only later deliveries, never the
     *               segmentation or post-processing, but should hand the footprints on rather than work on them. An
     *               exception it throws fails the run.
     * @see #start(GeoImage, TileGrid, Consumer)
     */
    public CompletableFuture<ExtractionResult> start(GeoImage image, TileGrid grid, Consumer<PipelineProgress> progress,
                                                     Consumer<ExtractedBlock> blocks) {
        Objects.requireNonNull(blocks, "blocks");
        return begin(image, grid, progress, blocks);
    }

    /**
     * Starts extracting and returns at once.
     *
     * @param image    the image; read by the pipeline's reader thread until the run ends (do not close it before)
     * @param grid     the tiles (tile size and overlap must be the model's)
     * @param progress called from the pipeline's threads as work completes; must be quick and thread-safe
     * @return the result; cancel it to stop the run
     * @throws IllegalStateException    if a run of this pipeline is still going
     * @throws IllegalArgumentException if the grid does not match the model or the image
     */
    public CompletableFuture<ExtractionResult> start(GeoImage image, TileGrid grid,
                                                     Consumer<PipelineProgress> progress) {
        return begin(image, grid, progress, null);
    }

    /** Starts a run; {@code blocks} may be null (no deliveries while it runs). */
    private synchronized CompletableFuture<ExtractionResult> begin(GeoImage image, TileGrid grid,
                                                                   Consumer<PipelineProgress> progress,
                                                                   Consumer<ExtractedBlock> blocks) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(progress, "progress");
        if (current != null && !current.finished) {
            throw new IllegalStateException("a run of this pipeline is still going");
        }
        ModelMetadata md = model.metadata();
        if (grid.tileSize() != md.tileSize() || grid.imageWidth() != image.info().width()
                || grid.imageHeight() != image.info().height()) {
            throw new IllegalArgumentException(grid + " does not match model tile size " + md.tileSize()
                    + " and image " + image.info().width() + " x " + image.info().height());
        }
        Run run = new Run(image, grid, new TileReader(image, md, grid), progress, blocks);
        current = run;
        run.result.whenComplete((r, e) -> {
            if (run.result.isCancelled()) {
                run.cancel();
            }
        });
        run.thread.start();
        return run.result;
    }

    /**
     * Waits until the last run's threads have stopped using the model and the image (its future completes earlier on
     * cancellation, while a {@code predict} call may still be returning), so that they can be closed safely.
     *
     * @return true when no run is going (or the last one has stopped), false on timeout
     */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        Run run = current;
        if (run == null) {
            return true;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return run.stopped.await(timeout, unit)
                && run.segmentation.awaitReader(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Cancels the run in progress, if any: its future completes with a {@link CancellationException}. */
    public void cancel() {
        Run run = current;
        if (run != null) {
            run.result.cancel(true);
        }
    }

    /** One run: its threads, stage 2 (post-processing, with backpressure), and the end (merge, result). */
    private final class Run {
        final GeoImage image;
        final TileGrid grid;
        final Consumer<PipelineProgress> listener;
        final ModelMetadata md = model.metadata();
        final CompletableFuture<ExtractionResult> result = new CompletableFuture<>();
        final Thread thread;
        final SegmentationStage segmentation;
        final BlockMerger merger;
        /** Null without a block listener. */
        final ProgressiveMerge progressive;
        final Semaphore room = new Semaphore(config.maxBlocksInFlight());
        final List<CompletableFuture<?>> postFutures = new ArrayList<>();
        final List<List<BlockCandidate>> candidates = new ArrayList<>();
        final AtomicInteger blocksDone = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicLong found = new AtomicLong();
        final long t0 = System.nanoTime();
        long queueWaitNanos;
        volatile boolean cancelled;
        volatile boolean finished;
        final CountDownLatch stopped = new CountDownLatch(1);

        Run(GeoImage image, TileGrid grid, TileReader reader, Consumer<PipelineProgress> listener,
            Consumer<ExtractedBlock> blockListener) {
            this.image = image;
            this.grid = grid;
            this.listener = listener;
            this.merger = new BlockMerger(seamMerger, grid.workingGeoref(image.georef()),
                    image.file().getFileName().toString());
            this.progressive = blockListener == null ? null
                    : new ProgressiveMerge(grid, merger, image.georef().crs(), blockListener, () -> cancelled);
            for (int r = 0; r < grid.rows(); r++) {
                candidates.add(List.of());
            }
            this.segmentation = new SegmentationStage(model, grid, reader, config.batchSize(), t0, this::report,
                    this::handOff, () -> cancelled);
            this.thread = new Thread(this::run, "roofline-segmentation");
            this.thread.setDaemon(true);
        }

        void cancel() {
            cancelled = true;
            thread.interrupt();
            segmentation.stopReader();
            if (progressive != null) {
                progressive.shutdown(); // queued merges see 'cancelled' and deliver nothing
            }
            synchronized (postFutures) {
                for (CompletableFuture<?> f : postFutures) {
                    f.cancel(true);
                }
            }
        }

        /** On the run's thread: stage 1, then waits for stage 2 and the deliveries, then the final merge. */
        void run() {
            try {
                segmentation.run();
                long segmentationEnd = System.nanoTime();
                CompletableFuture<?>[] all;
                synchronized (postFutures) {
                    all = postFutures.toArray(CompletableFuture[]::new);
                }
                CompletableFuture.allOf(all).get();
                if (progressive != null) {
                    progressive.finish(); // the last delivery is made before the result completes
                }
                long postEnd = System.nanoTime();
                if (cancelled || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("cancelled");
                }
                BlockMerger.Merged merged = merger.merge(candidatesWithArea(), Double.POSITIVE_INFINITY, 1);
                long end = System.nanoTime();
                PipelineStats stats = new PipelineStats(Duration.ofNanos(end - t0),
                        Duration.ofNanos(segmentationEnd - t0), Duration.ofNanos(segmentation.predictNanos()),
                        Duration.ofNanos(Math.max(0, segmentation.firstReadNanos())),
                        Duration.ofNanos(segmentation.readWaitNanos()), Duration.ofNanos(queueWaitNanos),
                        Duration.ofNanos(postEnd - segmentationEnd), Duration.ofNanos(end - postEnd),
                        grid.tiles().size(), segmentation.tilesPredicted(), segmentation.batches(), blocksDone.get(),
                        maxInFlight.get(), config.maxBlocksInFlight());
                result.complete(new ExtractionResult(merged.footprints(), image.georef().crs(), image.georef(), grid,
                        segmentation.errors(), stats, merged.originals()));
            } catch (CancellationException | InterruptedException e) {
                result.cancel(true);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cancelled || cause instanceof CancellationException) {
                    result.cancel(true);
                } else {
                    result.completeExceptionally(cause);
                }
            } catch (Throwable e) {
                if (cancelled) {
                    result.cancel(true);
                } else {
                    result.completeExceptionally(e);
                }
            } finally {
                finished = true;
                segmentation.stopReader();
                if (progressive != null) {
                    progressive.shutdown();
                }
                stopped.countDown();
            }
        }

        // --- stage 2

        /** Waits for room between the stages, then submits the block for post-processing. */
        void handOff(int row, ProbabilityStitcher[] planes) throws InterruptedException {
            ProbabilityStitcher block = planes[md.planes() == 1 ? 0 : md.channelIndex(ModelMetadata.FOOTPRINT)];
            long w = System.nanoTime();
            room.acquire();
            queueWaitNanos += System.nanoTime() - w;
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            String source = image.file().getFileName() + " block " + row;
            Rectangle region = block.region();
            CompletableFuture<List<TracedFootprint>> post;
            if (md.separatesInstances()) {
                // separating touching buildings is CPU work of the post-processing stage: on its pool
                float[] boundary = planes[md.channelIndex(ModelMetadata.BOUNDARY)].probabilities();
                float[] contact = planes[md.channelIndex(ModelMetadata.CONTACT)].probabilities();
                post = CompletableFuture.supplyAsync(() -> instanceSegmenter.apply(block.probabilities(), boundary,
                                contact, region.width, region.height), postProcessor.executor())
                        .thenCompose(instances -> postProcessor.submitTraced(
                                List.of(new LabelJob(source, instances, region.x, region.y)), p -> { }));
            } else {
                post = postProcessor.submitTraced(List.of(new MaskJob(source, block.mask(), region.x, region.y)),
                        p -> { });
            }
            Envelope extent = block.envelope();
            CompletableFuture<?> chained = post.thenApply(fps -> {
                List<BlockCandidate> list = new ArrayList<>(fps.size());
                for (TracedFootprint traced : fps) {
                    Footprint fp = traced.footprint();
                    Polygon original = traced.traced() instanceof Polygon p ? p
                            : OriginalOutlines.union(List.of(traced.traced()));
                    list.add(new BlockCandidate(fp, confidence(block, fp.polygon()), row, extent, original));
                }
                synchronized (candidates) {
                    candidates.set(row, list);
                }
                found.addAndGet(list.size());
                if (progressive != null && !cancelled) {
                    progressive.offer(row, list);
                }
                return list;
            }).whenComplete((v, e) -> {
                inFlight.decrementAndGet();
                room.release();
                if (e == null) {
                    blocksDone.incrementAndGet();
                    report();
                }
            });
            synchronized (postFutures) {
                postFutures.add(post);
                postFutures.add(chained);
            }
            if (cancelled) {
                post.cancel(true);
            }
        }

        void report() {
            listener.accept(new PipelineProgress(segmentation.tilesDone(), grid.tiles().size(),
                    segmentation.tilesSkipped(), segmentation.tileErrors(), blocksDone.get(), grid.rows(),
                    found.get()));
        }

        // --- the end

        /** Every block's candidates with an area, in block order. */
        List<BlockCandidate> candidatesWithArea() {
            List<BlockCandidate> all = new ArrayList<>();
            synchronized (candidates) {
                for (List<BlockCandidate> l : candidates) {
                    for (BlockCandidate c : l) {
                        if (c.hasArea()) {
                            all.add(c);
                        }
                    }
                }
            }
            return all;
        }
    }

    /** Mean probability inside a footprint; where no pixel centre is inside, the probability at an interior point. */
    private static double confidence(ProbabilityStitcher block, Polygon pixelPolygon) {
        double mean = block.meanProbability(pixelPolygon);
        if (!Double.isNaN(mean)) {
            return mean;
        }
        Point p = pixelPolygon.getInteriorPoint();
        var r = block.region();
        int x = Math.max(r.x, Math.min(r.x + r.width - 1, (int) Math.floor(p.getX())));
        int y = Math.max(r.y, Math.min(r.y + r.height - 1, (int) Math.floor(p.getY())));
        return block.value(x, y);
    }
}
