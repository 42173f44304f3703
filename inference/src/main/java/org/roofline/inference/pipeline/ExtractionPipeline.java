package org.roofline.inference.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.merge.MergeCandidate;
import org.roofline.geometry.merge.MergedFootprint;
import org.roofline.geometry.merge.SeamMerger;
import org.roofline.geometry.instance.InstanceSegmenter;
import org.roofline.geometry.postprocess.LabelJob;
import org.roofline.geometry.postprocess.MaskJob;
import org.roofline.geometry.postprocess.TracedFootprint;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.tiling.ProbabilityStitcher;
import org.roofline.inference.tiling.Tile;
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
 */
public final class ExtractionPipeline {

    private final SegmentationModel model;
    private final PostProcessor postProcessor;
    private final PipelineConfig config;
    private final UnaryOperator<Polygon> reRegularizer;
    private final InstanceSegmenter instanceSegmenter;
    private volatile Run current;

    public ExtractionPipeline(SegmentationModel model, PostProcessor postProcessor, PipelineConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.postProcessor = Objects.requireNonNull(postProcessor, "postProcessor");
        this.config = Objects.requireNonNull(config, "config");
        ModelMetadata md = model.metadata();
        this.instanceSegmenter = new InstanceSegmenter(
                InstanceSegmenter.Parameters.forPixelArea(md.metresPerPixel() * md.metresPerPixel()));
        if (postProcessor.config().regularization().method() == RegularizationMethod.NONE) {
            reRegularizer = UnaryOperator.identity();
        } else {
            BuildingRegularizer regularizer = new BuildingRegularizer(postProcessor.config().regularization());
            reRegularizer = p -> {
                Polygon r = regularizer.apply(p).polygon();
                return r == null || r.isEmpty() || !(r.getArea() > 0) ? p : r;
            };
        }
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
        run.segmenter.start();
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
                && run.readerThread.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    /** Cancels the run in progress, if any: its future completes with a {@link CancellationException}. */
    public void cancel() {
        Run run = current;
        if (run != null) {
            run.result.cancel(true);
        }
    }

    /**
     * A footprint of one block, in working pixel coordinates, with its confidence, and its outline before
     * regularization when a block listener wants it (else null).
     */
    private record Candidate(Footprint footprint, double confidence, int block, Envelope blockExtent,
                             Polygon original) {
    }

    private record ReadTile(Tile tile, float[] input, String error) {
    }

    private final class Run {
        final GeoImage image;
        final TileGrid grid;
        final TileReader reader;
        final Consumer<PipelineProgress> listener;
        final ModelMetadata md = model.metadata();
        final CompletableFuture<ExtractionResult> result = new CompletableFuture<>();
        final Thread segmenter;
        final ExecutorService readerThread;
        final Semaphore room = new Semaphore(config.maxBlocksInFlight());
        /** Per row of tiles being filled, one stitcher per probability plane of the model. */
        final ProbabilityStitcher[][] stitchers;
        final List<CompletableFuture<?>> postFutures = new ArrayList<>();
        final List<List<Candidate>> candidates = new ArrayList<>();
        final List<TileError> errors = new ArrayList<>();
        /** The final footprints' outlines before regularization, in map coordinates, filled by {@link #merge()}. */
        final Map<Long, Polygon> originals = new HashMap<>();
        final AtomicInteger tilesDone = new AtomicInteger();
        final AtomicInteger tilesSkipped = new AtomicInteger();
        final AtomicInteger tileErrors = new AtomicInteger();
        final AtomicInteger blocksDone = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicLong found = new AtomicLong();
        final long t0 = System.nanoTime();
        long predictNanos;
        long readWaitNanos;
        long firstReadNanos = -1;
        long queueWaitNanos;
        int tilesPredicted;
        int batches;
        volatile boolean cancelled;
        volatile boolean finished;
        final CountDownLatch stopped = new CountDownLatch(1);

        final Consumer<ExtractedBlock> blockListener;
        final ExecutorService mergeThread;
        final ProgressiveMerge progressive;
        volatile Throwable blockListenerFailure;

        Run(GeoImage image, TileGrid grid, TileReader reader, Consumer<PipelineProgress> listener,
            Consumer<ExtractedBlock> blockListener) {
            this.image = image;
            this.grid = grid;
            this.reader = reader;
            this.listener = listener;
            this.blockListener = blockListener;
            if (blockListener == null) {
                this.mergeThread = null;
                this.progressive = null;
            } else {
                this.mergeThread = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "roofline-block-merge");
                    t.setDaemon(true);
                    return t;
                });
                this.progressive = new ProgressiveMerge(this);
            }
            this.stitchers = new ProbabilityStitcher[grid.rows()][];
            for (int r = 0; r < grid.rows(); r++) {
                candidates.add(List.of());
            }
            this.readerThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "roofline-tile-reader");
                t.setDaemon(true);
                return t;
            });
            this.segmenter = new Thread(this::segment, "roofline-segmentation");
            this.segmenter.setDaemon(true);
        }

        void cancel() {
            cancelled = true;
            segmenter.interrupt();
            // never interrupt the reader: an interrupted NIO read closes the image's channel for good
            readerThread.shutdown();
            if (mergeThread != null) {
                mergeThread.shutdown(); // queued merges see 'cancelled' and deliver nothing
            }
            synchronized (postFutures) {
                for (CompletableFuture<?> f : postFutures) {
                    f.cancel(true);
                }
            }
        }

        // --- stage 1, on the segmentation thread

        void segment() {
            try {
                List<Tile> tiles = grid.tiles();
                int batch = config.batchSize();
                Future<List<ReadTile>> next = readerThread.submit(() -> readBatch(0, batch));
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
                    next = from < tiles.size() ? readerThread.submit(() -> readBatch(from, batch)) : null;
                    process(read);
                }
                long segmentationEnd = System.nanoTime();
                CompletableFuture<?>[] all;
                synchronized (postFutures) {
                    all = postFutures.toArray(CompletableFuture[]::new);
                }
                CompletableFuture.allOf(all).get();
                if (mergeThread != null) {
                    mergeThread.submit(() -> { }).get(); // the last delivery is made before the result completes
                    if (blockListenerFailure != null) {
                        throw new ExecutionException("block listener failed", blockListenerFailure);
                    }
                }
                long postEnd = System.nanoTime();
                checkCancelled();
                List<Footprint> footprints = merge();
                long end = System.nanoTime();
                PipelineStats stats = new PipelineStats(Duration.ofNanos(end - t0),
                        Duration.ofNanos(segmentationEnd - t0), Duration.ofNanos(predictNanos),
                        Duration.ofNanos(Math.max(0, firstReadNanos)), Duration.ofNanos(readWaitNanos),
                        Duration.ofNanos(queueWaitNanos),
                        Duration.ofNanos(postEnd - segmentationEnd), Duration.ofNanos(end - postEnd),
                        tiles.size(), tilesPredicted, batches, blocksDone.get(), maxInFlight.get(),
                        config.maxBlocksInFlight());
                List<TileError> errs;
                synchronized (errors) {
                    errs = new ArrayList<>(errors);
                }
                errs.sort((a, b) -> Integer.compare(a.tile().index(), b.tile().index()));
                result.complete(new ExtractionResult(footprints, image.georef().crs(), image.georef(), grid, errs,
                        stats, originals));
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
                readerThread.shutdown();
                if (mergeThread != null) {
                    mergeThread.shutdown();
                }
                stopped.countDown();
            }
        }

        /** On the reader thread: tiles from {@code from} until {@code batch} of them have pixels, or the end. */
        List<ReadTile> readBatch(int from, int batch) {
            List<Tile> tiles = grid.tiles();
            List<ReadTile> out = new ArrayList<>();
            int withPixels = 0;
            for (int i = from; i < tiles.size() && withPixels < batch && !cancelled; i++) {
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

        void process(List<ReadTile> read) throws InterruptedException {
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
        String predict(List<Tile> batch, List<float[]> inputs) throws InterruptedException {
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

        void checkCancelled() throws InterruptedException {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("cancelled");
            }
        }

        void fail(Tile tile, String message) throws InterruptedException {
            synchronized (errors) {
                errors.add(new TileError(tile, message));
            }
            tileErrors.incrementAndGet();
            done(tile, null);
        }

        /** Stitches a tile's output planes (null: background) and hands its block on when complete. */
        void done(Tile tile, float[] probabilities) throws InterruptedException {
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
                            : java.util.Arrays.copyOfRange(probabilities, p * area, (p + 1) * area));
                }
            }
            tilesDone.incrementAndGet();
            report();
            if (s[0].isComplete()) {
                stitchers[row] = null;
                handOff(row, s);
            }
        }

        /** Waits for room between the stages, then submits the block for post-processing. */
        void handOff(int row, ProbabilityStitcher[] planes) throws InterruptedException {
            ProbabilityStitcher block = planes[md.planes() == 1 ? 0 : md.channelIndex(ModelMetadata.FOOTPRINT)];
            long w = System.nanoTime();
            room.acquire();
            queueWaitNanos += System.nanoTime() - w;
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            String source = image.file().getFileName() + " block " + row;
            java.awt.Rectangle region = block.region();
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
                List<Candidate> list = new ArrayList<>(fps.size());
                for (TracedFootprint traced : fps) {
                    Footprint fp = traced.footprint();
                    list.add(new Candidate(fp, confidence(block, fp.polygon()), row, extent,
                            traced.traced() instanceof Polygon p ? p : OriginalOutlines.union(List.of(traced.traced()))));
                }
                synchronized (candidates) {
                    candidates.set(row, list);
                }
                found.addAndGet(list.size());
                if (mergeThread != null && !cancelled) {
                    try {
                        mergeThread.execute(() -> progressive.arrived(row, list));
                    } catch (RejectedExecutionException e) {
                        // cancelled meanwhile: nothing more is delivered
                    }
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
            listener.accept(new PipelineProgress(tilesDone.get(), grid.tiles().size(), tilesSkipped.get(),
                    tileErrors.get(), blocksDone.get(), grid.rows(), found.get()));
        }

        // --- the end: merge across blocks, georeference

        List<Footprint> merge() {
            List<Candidate> all = new ArrayList<>();
            synchronized (candidates) {
                for (List<Candidate> l : candidates) {
                    for (Candidate c : l) {
                        if (c.footprint().polygon().getArea() > 0) {
                            all.add(c);
                        }
                    }
                }
            }
            List<MergeCandidate> mc = new ArrayList<>(all.size());
            for (Candidate c : all) {
                mc.add(new MergeCandidate(c.footprint().polygon(), c.confidence(), c.block(), c.blockExtent()));
            }
            List<MergedFootprint> merged = new SeamMerger(config.merge(), reRegularizer).apply(mc);
            Georeferencing working = grid.workingGeoref(image.georef());
            String source = image.file().getFileName().toString();
            List<Footprint> out = new ArrayList<>(merged.size());
            long id = 1;
            for (MergedFootprint m : merged) {
                Footprint f = footprintOf(m, all, working, source, id);
                if (f != null) {
                    out.add(f);
                    Polygon original = originalOf(m, all);
                    if (original != null && working.toMap(original) instanceof Polygon p) {
                        originals.put(f.id(), p);
                    }
                    id++;
                }
            }
            return out;
        }

        /** A merged group as a footprint in map coordinates, or null when georeferencing leaves no polygon. */
        Footprint footprintOf(MergedFootprint m, List<Candidate> all, Georeferencing working, String source,
                              long id) {
            int[] members = m.members();
            Candidate first = all.get(members[0]);
            double confidence;
            Footprint like = first.footprint();
            if (m.kind() == MergedFootprint.Kind.SEAM_UNION) {
                double sum = 0;
                double area = 0;
                for (int i : members) {
                    double a = all.get(i).footprint().polygon().getArea();
                    sum += a * all.get(i).confidence();
                    area += a;
                }
                confidence = sum / area;
            } else {
                confidence = first.confidence();
                for (int i : members) {
                    if (all.get(i).footprint().polygon() == m.polygon()) {
                        confidence = all.get(i).confidence();
                        like = all.get(i).footprint();
                    }
                }
            }
            Geometry g = working.toMap(m.polygon());
            if (!(g instanceof Polygon p)) {
                return null;
            }
            return new Footprint(id, p, ReviewStatus.PENDING, Math.max(0, Math.min(1, confidence)),
                    like.method(), like.regularized(), source, null);
        }

        /** The outline before regularization of a merged group, in working pixels, or null when unknown. */
        Polygon originalOf(MergedFootprint m, List<Candidate> all) {
            int[] members = m.members();
            if (m.kind() != MergedFootprint.Kind.SEAM_UNION) {
                for (int i : members) {
                    if (all.get(i).footprint().polygon() == m.polygon()) {
                        return all.get(i).original();
                    }
                }
                return all.get(members[0]).original();
            }
            List<Geometry> parts = new ArrayList<>(members.length);
            for (int i : members) {
                if (all.get(i).original() != null) {
                    parts.add(all.get(i).original());
                }
            }
            return OriginalOutlines.union(parts);
        }
    }

    /**
     * The merge done while a run goes on, on the run's merge thread (one call at a time): see "Footprints while it
     * runs" in the class comment.
     *
     * <p>Why a delivered footprint is final: two candidates link only if they overlap with positive area, and every
     * candidate of block {@code r} lies inside that block's window, whose top edge no earlier block's top exceeds. So a
     * group of candidates of blocks {@code 0..k-1} whose members all lie above the top edge of block {@code k} can
     * never link with a candidate still to come: it is a whole connected component of the final link graph, and
     * {@link SeamMerger} resolves it as the final merge does (the merger's result for a component depends only on its
     * members and their relative order, which is kept).
     */
    private final class ProgressiveMerge {
        private final Run run;
        private final List<List<Candidate>> arrived = new ArrayList<>();
        private final Georeferencing working;
        private final String source;
        private List<Candidate> pending = new ArrayList<>();
        private int prefix;
        private long nextId = 1;

        ProgressiveMerge(Run run) {
            this.run = run;
            for (int r = 0; r < run.grid.rows(); r++) {
                arrived.add(null);
            }
            this.working = run.grid.workingGeoref(run.image.georef());
            this.source = run.image.file().getFileName().toString();
        }

        void arrived(int row, List<Candidate> list) {
            if (run.cancelled || run.blockListenerFailure != null) {
                return;
            }
            try {
                arrived.set(row, list);
                int before = prefix;
                while (prefix < arrived.size() && arrived.get(prefix) != null) {
                    for (Candidate c : arrived.get(prefix)) {
                        if (c.footprint().polygon().getArea() > 0) {
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
                List<MergeCandidate> mc = new ArrayList<>(pending.size());
                for (Candidate c : pending) {
                    mc.add(new MergeCandidate(c.footprint().polygon(), c.confidence(), c.block(), c.blockExtent()));
                }
                List<MergedFootprint> merged = new SeamMerger(config.merge(), reRegularizer).apply(mc);
                List<Footprint> done = new ArrayList<>();
                Map<Long, Polygon> originals = new HashMap<>();
                BitSet keep = new BitSet(pending.size());
                for (MergedFootprint m : merged) {
                    double maxY = Double.NEGATIVE_INFINITY;
                    for (int i : m.members()) {
                        maxY = Math.max(maxY, pending.get(i).footprint().polygon().getEnvelopeInternal().getMaxY());
                    }
                    if (maxY > frontier) {
                        for (int i : m.members()) {
                            keep.set(i);
                        }
                        continue;
                    }
                    Footprint f = run.footprintOf(m, pending, working, source, nextId);
                    if (f == null) {
                        continue;
                    }
                    nextId++;
                    done.add(f);
                    Polygon original = run.originalOf(m, pending);
                    if (original != null && working.toMap(original) instanceof Polygon p) {
                        originals.put(f.id(), p);
                    }
                }
                List<Candidate> still = new ArrayList<>(keep.cardinality());
                for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
                    still.add(pending.get(i));
                }
                pending = still;
                if (!run.cancelled) {
                    run.blockListener.accept(new ExtractedBlock(prefix, arrived.size(), done, originals,
                            run.image.georef().crs()));
                }
            } catch (Throwable e) {
                run.blockListenerFailure = e;
            }
        }

        /** The top edge (smallest working-pixel y) of a block's tiles. */
        private double topOf(int row) {
            int top = Integer.MAX_VALUE;
            for (Tile t : run.grid.row(row)) {
                top = Math.min(top, t.window().y);
            }
            return top;
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
