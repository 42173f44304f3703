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
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizedBuilding;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/**
 * Turns masks into regularized footprints on a ForkJoin pool of its own, asynchronously.
 *
 * <p>Each mask is vectorized in one pass by one worker; its buildings are then regularized in batches of
 * {@link PostProcessorConfig#batchSize()} spread over all workers, so one large tile with hundreds of buildings keeps
 * every core busy, and many small tiles vectorize in parallel. {@link #submit} returns at once; the caller (the
 * segmentation stage) never waits for the CPU work. Cancelling the returned future stops the run at the next batch
 * boundary.
 *
 * <p>Footprint ids are assigned in the order of the jobs and, within a mask, in raster order of each building's
 * first pixel, so results are deterministic whatever the parallelism.
 */
public final class PostProcessor implements AutoCloseable {

    private final PostProcessorConfig config;
    private final ForkJoinPool pool;
    private final MaskVectorizer vectorizer;
    private final BuildingRegularizer regularizer;

    public PostProcessor(PostProcessorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.pool = new ForkJoinPool(config.parallelism());
        this.vectorizer = new MaskVectorizer(config.connectivity(), config.minArea(), new GeometryFactory());
        this.regularizer = new BuildingRegularizer(config.regularization());
    }

    public PostProcessorConfig config() {
        return config;
    }

    /** Post-processes one mask and waits for the result: a convenience for tests and the command line. */
    public List<Footprint> process(MaskJob job) {
        return submit(List.of(job), p -> { }).join();
    }

    /**
     * Starts post-processing the masks and returns at once.
     *
     * @param jobs     the masks
     * @param progress called from worker threads as work completes; must be quick and thread-safe
     * @return the footprints of all masks, ids from 1 in job order; cancel it to stop the work
     */
    public CompletableFuture<List<Footprint>> submit(List<MaskJob> jobs, Consumer<PostProcessingProgress> progress) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(progress, "progress");
        CompletableFuture<List<Footprint>> result = new CompletableFuture<>();
        Run run = new Run(jobs.size(), progress, result);
        List<CompletableFuture<List<Footprint>>> perMask = new ArrayList<>(jobs.size());
        for (MaskJob job : jobs) {
            perMask.add(CompletableFuture.supplyAsync(() -> vectorize(job, run), pool)
                    .thenCompose(shapes -> regularizeInBatches(job, shapes, run)));
        }
        CompletableFuture.allOf(perMask.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            List<Footprint> all = new ArrayList<>();
            long id = 1;
            for (CompletableFuture<List<Footprint>> f : perMask) {
                for (Footprint fp : f.join()) {
                    all.add(fp.withId(id++));
                }
            }
            result.complete(all);
        });
        return result;
    }

    private List<VectorizedShape> vectorize(MaskJob job, Run run) {
        run.checkCancelled();
        List<VectorizedShape> shapes = vectorizer.apply(job.mask(), job.originX(), job.originY());
        run.found.addAndGet(shapes.size());
        run.vectorized.incrementAndGet();
        run.report();
        return shapes;
    }

    private CompletableFuture<List<Footprint>> regularizeInBatches(MaskJob job, List<VectorizedShape> shapes, Run run) {
        int batch = config.batchSize();
        List<CompletableFuture<List<Footprint>>> batches = new ArrayList<>();
        for (int from = 0; from < shapes.size(); from += batch) {
            List<VectorizedShape> slice = shapes.subList(from, Math.min(shapes.size(), from + batch));
            batches.add(CompletableFuture.supplyAsync(() -> regularize(job, slice, run), pool));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Footprint> out = new ArrayList<>(shapes.size());
            for (CompletableFuture<List<Footprint>> b : batches) {
                out.addAll(b.join());
            }
            return out;
        });
    }

    private List<Footprint> regularize(MaskJob job, List<VectorizedShape> slice, Run run) {
        run.checkCancelled();
        List<Footprint> out = new ArrayList<>(slice.size());
        for (VectorizedShape shape : slice) {
            if (config.regularization().method() == RegularizationMethod.NONE) {
                Geometry g = shape.geometry();
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    out.add(Footprint.pending(0, (Polygon) g.getGeometryN(i), RegularizationMethod.NONE.code(),
                            true, job.source()));
                }
            } else {
                RegularizedBuilding r = regularizer.apply(shape.geometry(), frame(job));
                out.add(Footprint.pending(0, r.polygon(), r.method().code(), r.regularized(), job.source()));
            }
        }
        run.done.addAndGet(slice.size());
        run.report();
        return out;
    }

    /** The mask's extent in output coordinates: edges on it are where the image cuts a building. */
    private static Envelope frame(MaskJob job) {
        return new Envelope(job.originX(), job.originX() + job.mask().width(),
                job.originY(), job.originY() + job.mask().height());
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
