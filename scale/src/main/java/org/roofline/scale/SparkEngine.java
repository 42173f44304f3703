package org.roofline.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.roofline.inference.engine.EngineException;
import org.roofline.inference.engine.EngineRequest;
import org.roofline.inference.engine.EngineResult;
import org.roofline.inference.engine.ExtractionEngine;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;

/**
 * {@code roofline extract --engine spark}: the extraction of many images on Apache Spark, embedded in local mode by
 * default or on the cluster a master URL names.
 *
 * <h2>The job</h2>
 * <ol>
 *   <li>The driver checks that every image opens and that they share one CRS (headers only), and makes one unit per
 *       image, one Spark partition each.</li>
 *   <li><b>Extract</b> ({@code mapPartitions}): each task borrows a model slot of its executor ({@link SlotPool}: loaded
 *       lazily, once per task slot) and runs the local engine's {@code ExtractionPipeline} on its image; the
 *       footprints come back as {@link Part}s marked final or edge. The result is persisted (memory, then disk), so
 *       the model runs once per image whatever is done with the result.</li>
 *   <li><b>Seams</b>: the edge parts of all units go to one task, {@link SeamJoin} (they are a thin fringe of the
 *       footprints: those within {@value UnitExtraction#EDGE_PIXELS} working pixels of an image's edge).</li>
 *   <li>Final and joined parts are sorted by (image, position) and numbered: ids 1..n in image order, each image's
 *       footprints in the local engine's order. The driver never gathers them: {@link SparkRun#footprints()} streams
 *       them partition by partition ({@code toLocalIterator}), {@link SparkRun#writeGeoParquet} has the executors
 *       write one file per partition.</li>
 * </ol>
 * On a cluster the extraction stage can be given GPU executors and the rest CPU ones with stage-level scheduling
 * (resource profiles, Spark 3.1+ on YARN and Kubernetes); in local mode both run in this JVM, the extract stage with
 * as many tasks as the master's cores, each with its own model and post-processing threads.
 *
 * <h2>Failures</h2>
 * A unit that fails is retried by Spark ({@value #ATTEMPTS} attempts; a local master {@code local[N]} becomes
 * {@code local[N,4]}, since local mode does not retry otherwise); one that fails every attempt is reported
 * ({@link EngineResult#failures()}) and the others land, or with no {@code allowFailedUnits} the run fails naming it.
 */
public final class SparkEngine implements ExtractionEngine {

    /** Attempts of a task before its unit is reported as failed. */
    static final int ATTEMPTS = 4;

    /** The default master: embedded, every core. */
    public static final String DEFAULT_MASTER = "local[*]";

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)\\])?");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public EngineResult extract(EngineRequest request, Consumer<String> progress) throws EngineException {
        String crs = checkImages(request);
        String master = request.master() == null ? DEFAULT_MASTER : request.master();
        long t0 = System.nanoTime();
        SparkSession session = session(master);
        try {
            progress.accept("Spark " + session.version() + " on " + session.sparkContext().master() + " ("
                    + session.sparkContext().defaultParallelism() + " task slots), started in "
                    + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9));
            return run(session, request, crs, progress, t0);
        } catch (EngineException | RuntimeException e) {
            session.stop();
            throw e;
        }
    }

    /** Runs the job on a session (which the result stops when closed). */
    static SparkRun run(SparkSession session, EngineRequest request, String crs, Consumer<String> progress, long t0)
            throws EngineException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
        List<WorkUnit> units = new ArrayList<>();
        for (int i = 0; i < request.images().size(); i++) {
            units.add(new WorkUnit(i, request.images().get(i)));
        }
        UnitProgress listener = new UnitProgress(units.size(), progress);
        sc.sc().addSparkListener(listener);
        int attempts = ATTEMPTS;
        JavaRDD<Part> extracted = sc.parallelize(units, units.size())
                .mapPartitions(it -> UnitExtraction.run(it, request, attempts))
                .persist(StorageLevel.MEMORY_AND_DISK());
        extracted.setName("roofline extract");
        List<String> failures = extracted.filter(Part::isFailure).map(Part::failure).collect();
        listener.stop();
        if (failures.size() == units.size() || !failures.isEmpty() && !request.allowFailedUnits()) {
            extracted.unpersist(false);
        }
        if (failures.size() == units.size()) {
            throw new EngineException(failures.get(0).split(": ", 2)[0], "every image failed (the first: "
                    + failures.get(0) + "); nothing written");
        }
        if (!failures.isEmpty() && !request.allowFailedUnits()) {
            throw new EngineException(failures.get(0).split(": ", 2)[0], failures.size() + " of " + units.size()
                    + " images failed (the first: " + failures.get(0) + "); nothing written "
                    + "(--allow-failed-tiles writes the others' footprints)");
        }
        JavaRDD<Part> fine = extracted.filter(p -> !p.isFailure() && !p.edge());
        JavaRDD<Part> joined = extracted.filter(p -> !p.isFailure() && p.edge()).coalesce(1)
                .mapPartitions(it -> {
                    List<Part> edges = new ArrayList<>();
                    it.forEachRemaining(edges::add);
                    return new SeamJoin(SlotPool.postProcessorConfig(request).regularization()).apply(edges)
                            .iterator();
                });
        int partitions = Math.max(1, Math.min(units.size(), sc.defaultParallelism() * 4));
        JavaPairRDD<Part, Long> numbered = fine.union(joined)
                .sortBy(Part::sortKey, true, partitions)
                .zipWithIndex()
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = numbered.count();
        return new SparkRun(session, numbered, extracted, crs, count, failures, units.size(),
                System.nanoTime() - t0);
    }

    /** A session for the master: UI off; a local one on the loopback interface, retrying failed tasks. */
    static SparkSession session(String master) {
        Matcher m = LOCAL.matcher(master);
        SparkSession.Builder b = SparkSession.builder().appName("roofline extract").config("spark.ui.enabled", "false")
                .config("spark.task.maxFailures", String.valueOf(ATTEMPTS))
                // its debugger needs --add-opens on Java 17 and hides the real error
                .config("spark.serializer.extraDebugInfo", "false");
        if (m.matches()) {
            String cores = m.group(1) == null ? "1" : m.group(1);
            b.master("local[" + cores + "," + ATTEMPTS + "]")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        } else {
            b.master(master);
        }
        return b.getOrCreate();
    }

    /** Opens every image's header; they must share one CRS. Returns it as text ({@link UnitExtraction#crsText}). */
    static String checkImages(EngineRequest request) throws EngineException {
        String crs = null;
        String first = null;
        for (String path : request.images()) {
            try (GeoImage image = GeoImage.open(java.nio.file.Path.of(path))) {
                String c = String.valueOf(UnitExtraction.crsText(image.georef().crs()));
                if (first == null) {
                    first = path;
                    crs = c;
                } else if (!crs.equals(c)) {
                    throw new EngineException(path, "is in " + image.georef().crs() + ", not in the CRS of "
                            + first + "; one run takes images of one CRS");
                }
            } catch (RooflineInputException e) {
                throw new EngineException(e.file().toString(), e.problem(), e);
            }
        }
        return "null".equals(crs) ? null : crs;
    }

    /** Progress of the extract stage on the driver: units done, and each failed attempt as it happens. */
    private static final class UnitProgress extends SparkListener {
        private final int total;
        private final Consumer<String> progress;
        private int done;
        private volatile boolean stopped;

        UnitProgress(int total, Consumer<String> progress) {
            this.total = total;
            this.progress = progress;
        }

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            if (stopped) {
                return;
            }
            if (end.taskInfo().successful()) {
                done++;
                progress.accept(String.format(Locale.ROOT, "%d/%d images", done, total));
            } else if (end.taskInfo().failed()) {
                progress.accept("attempt " + (end.taskInfo().attemptNumber() + 1) + " of an image failed: "
                        + end.reason().toString().lines().findFirst().orElse("") + "; Spark retries it");
            }
        }

        void stop() {
            stopped = true;
        }
    }
}
