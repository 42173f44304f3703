package org.roofline.geometry.postprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.instance.InstanceLabels;
import org.roofline.geometry.regularize.AdaptiveTolerance;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.regularize.RegularizedBuilding;
import org.roofline.geometry.regularize.SharedWalls;
import org.roofline.geometry.vectorize.LabelVectorizer;
import org.roofline.geometry.vectorize.LabeledShape;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/**
 * Turns masks, or label rasters of building instances, into regularized footprints on a ForkJoin pool of its own,
 * asynchronously.
 *
 * <p>Each mask is vectorized in one pass by one worker; its buildings are then regularized in batches of
 * {@link PostProcessorConfig#batchSize()} spread over all workers, so one large tile with hundreds of buildings keeps
 * every core busy, and many small tiles vectorize in parallel. {@link #submit} returns at once; the caller (the
 * segmentation stage) never waits for the CPU work. Cancelling the returned future stops the run at the next batch
 * boundary.
 *
 * <p><b>Jobs.</b> A {@link MaskJob} is a binary mask: each connected component is one building, with unknown
 * confidence (NaN). A {@link LabelJob} is a label raster of building instances
 * ({@link org.roofline.geometry.instance.InstanceSegmenter}): each instance is vectorized on its own
 * ({@link LabelVectorizer}, the same connectivity and minimum area), so buildings that touch stay separate, and its
 * footprint carries the instance's confidence. {@link #submitTraced} also returns each footprint's traced outline
 * (before regularization) with it; {@link #submit} only the footprints.
 *
 * <p>Footprint ids are assigned in the order of the jobs and, within a mask, in raster order of each building's
 * first pixel (within a label raster, in label order, which {@code InstanceSegmenter} makes raster order), so results
 * are deterministic whatever the parallelism.
 *
 * <p>Each building is regularized on its own; then, within a label raster, touching instances have their common walls
 * joined again ({@link SharedWalls}: the larger one's wall is used by both, and no overlap remains).
 */
public final class PostProcessor implements AutoCloseable {

    private final PostProcessorConfig config;
    private final ForkJoinPool pool;
    private final MaskVectorizer vectorizer;
    private final LabelVectorizer labelVectorizer;
    private final BuildingRegularizer regularizer;

    public PostProcessor(PostProcessorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.pool = new ForkJoinPool(config.parallelism());
        GeometryFactory factory = new GeometryFactory();
        this.vectorizer = new MaskVectorizer(config.connectivity(), config.minArea(), factory);
        this.labelVectorizer = new LabelVectorizer(config.connectivity(), config.minArea(), factory);
        this.regularizer = new BuildingRegularizer(config.regularization());
    }

    /**
     * @return the post-processor's worker pool, for CPU work that prepares its jobs (e.g. separating instances), so
     *         that such work scales with the post-processing stage and not with the caller's
     */
    public java.util.concurrent.Executor executor() {
        return pool;
    }

    public PostProcessorConfig config() {
        return config;
    }

    /** Post-processes one mask and waits for the result: a convenience for tests and the command line. */
    public List<Footprint> process(MaskJob job) {
        return submit(List.of(job), p -> { }).join();
    }

    /** Post-processes one mask or label raster and waits for the footprints with their traced outlines. */
    public List<TracedFootprint> processTraced(PostProcessingJob job) {
        return submitTraced(List.of(job), p -> { }).join();
    }

    /**
     * Starts post-processing the masks and returns at once.
     *
     * @param jobs     the masks
     * @param progress called from worker threads as work completes; must be quick and thread-safe
     * @return the footprints of all masks, ids from 1 in job order; cancel it to stop the work
     */
    public CompletableFuture<List<Footprint>> submit(List<MaskJob> jobs, Consumer<PostProcessingProgress> progress) {
        return start(jobs, progress, TracedFootprint::footprint);
    }

    /**
     * Starts post-processing masks and label rasters and returns at once; as {@link #submit}, with each footprint's
     * traced outline.
     *
     * @param jobs     the masks and label rasters, in any mix
     * @param progress called from worker threads as work completes; must be quick and thread-safe
     * @return the footprints of all jobs, ids from 1 in job order, each with the outline it was regularized from;
     *         cancel it to stop the work
     */
    public CompletableFuture<List<TracedFootprint>> submitTraced(List<? extends PostProcessingJob> jobs,
                                                                 Consumer<PostProcessingProgress> progress) {
        return start(jobs, progress, Function.identity());
    }

    private <T> CompletableFuture<List<T>> start(List<? extends PostProcessingJob> jobs,
                                                 Consumer<PostProcessingProgress> progress,
                                                 Function<TracedFootprint, T> output) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(progress, "progress");
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        Run run = new Run(jobs.size(), progress, result);
        List<CompletableFuture<List<TracedFootprint>>> perMask = new ArrayList<>(jobs.size());
        for (PostProcessingJob job : jobs) {
            perMask.add(CompletableFuture.supplyAsync(() -> vectorize(job, run), pool)
                    .thenCompose(shapes -> regularizeInBatches(job, shapes, run)));
        }
        CompletableFuture.allOf(perMask.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            List<T> all = new ArrayList<>();
            long id = 1;
            for (CompletableFuture<List<TracedFootprint>> f : perMask) {
                for (TracedFootprint fp : f.join()) {
                    all.add(output.apply(fp.withId(id++)));
                }
            }
            result.complete(all);
        });
        return result;
    }

    /** A traced building and its confidence (NaN when unknown). */
    private record Traced(Geometry geometry, double confidence) {
    }

    private List<Traced> vectorize(PostProcessingJob job, Run run) {
        run.checkCancelled();
        List<Traced> shapes;
        if (job instanceof MaskJob m) {
            List<VectorizedShape> found = vectorizer.apply(m.mask(), m.originX(), m.originY());
            shapes = new ArrayList<>(found.size());
            for (VectorizedShape s : found) {
                shapes.add(new Traced(s.geometry(), Double.NaN));
            }
        } else {
            LabelJob l = (LabelJob) job;
            InstanceLabels instances = l.instances();
            List<LabeledShape> found = labelVectorizer.apply(instances.labels(), instances.width(),
                    instances.height(), l.originX(), l.originY());
            shapes = new ArrayList<>(found.size());
            for (LabeledShape s : found) {
                shapes.add(new Traced(s.geometry(), instances.confidence(s.label())));
            }
        }
        run.found.addAndGet(shapes.size());
        run.vectorized.incrementAndGet();
        run.report();
        return shapes;
    }

    private CompletableFuture<List<TracedFootprint>> regularizeInBatches(PostProcessingJob job, List<Traced> shapes,
                                                                        Run run) {
        int batch = config.batchSize();
        List<CompletableFuture<List<TracedFootprint>>> batches = new ArrayList<>();
        for (int from = 0; from < shapes.size(); from += batch) {
            List<Traced> slice = shapes.subList(from, Math.min(shapes.size(), from + batch));
            batches.add(CompletableFuture.supplyAsync(() -> regularize(job, slice, run), pool));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<TracedFootprint> out = new ArrayList<>(shapes.size());
            for (CompletableFuture<List<TracedFootprint>> b : batches) {
                out.addAll(b.join());
            }
            return job instanceof LabelJob && config.regularization().method() != RegularizationMethod.NONE
                    ? joinSharedWalls(out) : out;
        });
    }

    private List<TracedFootprint> regularize(PostProcessingJob job, List<Traced> slice, Run run) {
        run.checkCancelled();
        List<TracedFootprint> out = new ArrayList<>(slice.size());
        for (Traced shape : slice) {
            if (config.regularization().method() == RegularizationMethod.NONE) {
                Geometry g = shape.geometry();
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    Polygon part = (Polygon) g.getGeometryN(i);
                    Footprint f = Footprint.pending(0, part, RegularizationMethod.NONE.code(), true, job.source());
                    out.add(new TracedFootprint(f.withConfidence(shape.confidence()), part));
                }
            } else {
                RegularizedBuilding r = regularizer.apply(shape.geometry(), frame(job));
                Footprint f = Footprint.pending(0, r.polygon(), r.method().code(), r.regularized(), job.source());
                out.add(new TracedFootprint(f.withConfidence(shape.confidence()), shape.geometry()));
            }
        }
        run.done.addAndGet(slice.size());
        run.report();
        return out;
    }

    /** Touching instances of one label raster share their common walls again ({@link SharedWalls}). */
    private List<TracedFootprint> joinSharedWalls(List<TracedFootprint> footprints) {
        List<Geometry> traced = new ArrayList<>(footprints.size());
        List<Polygon> regularized = new ArrayList<>(footprints.size());
        for (TracedFootprint t : footprints) {
            traced.add(t.traced());
            regularized.add(t.footprint().polygon());
        }
        RegularizationParameters r = config.regularization();
        double tolerance = r.adaptiveTolerance() ? AdaptiveTolerance.PROVISIONAL : r.tolerance();
        List<Polygon> joined = SharedWalls.apply(traced, regularized, tolerance);
        List<TracedFootprint> out = new ArrayList<>(footprints.size());
        for (int i = 0; i < footprints.size(); i++) {
            TracedFootprint t = footprints.get(i);
            out.add(joined.get(i) == regularized.get(i) ? t
                    : new TracedFootprint(t.footprint().withPolygon(joined.get(i)), t.traced()));
        }
        return out;
    }

    /** The raster's extent in output coordinates: edges on it are where the image cuts a building. */
    private static Envelope frame(PostProcessingJob job) {
        return new Envelope(job.originX(), job.originX() + job.width(),
                job.originY(), job.originY() + job.height());
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Shuts the pool down, waiting briefly for running batches. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Run {
        final int masksTotal;
        final Consumer<PostProcessingProgress> listener;
        final CompletableFuture<?> result;
        final AtomicInteger vectorized = new AtomicInteger();
        final AtomicLong found = new AtomicLong();
        final AtomicLong done = new AtomicLong();

        Run(int masksTotal, Consumer<PostProcessingProgress> listener, CompletableFuture<?> result) {
            this.masksTotal = masksTotal;
            this.listener = listener;
            this.result = result;
        }

        void checkCancelled() {
            if (result.isDone()) {
                throw new CancellationException("post-processing cancelled");
            }
        }

        void report() {
            listener.accept(new PostProcessingProgress(vectorized.get(), masksTotal, done.get(), found.get()));
        }
    }
}
