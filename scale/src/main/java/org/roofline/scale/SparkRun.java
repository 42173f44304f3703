package org.roofline.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.engine.EngineException;
import org.roofline.inference.engine.EngineResult;
import scala.Tuple2;

/**
 * A finished Spark run: the numbered footprints, still on the executors (persisted), streamed or written from there.
 * Closing it stops the session.
 */
final class SparkRun implements EngineResult {

    private final SparkSession session;
    private final JavaPairRDD<Part, Long> numbered;
    private final JavaRDD<Part> extracted;
    private final String crs;
    private final long count;
    private final List<String> failures;
    private final int units;
    private final long nanos;
    private boolean stopSession = true;

    SparkRun(SparkSession session, JavaPairRDD<Part, Long> numbered, JavaRDD<Part> extracted, String crs, long count,
             List<String> failures, int units, long nanos) {
        this.session = session;
        this.numbered = numbered;
        this.extracted = extracted;
        this.crs = crs;
        this.count = count;
        this.failures = List.copyOf(failures);
        this.units = units;
        this.nanos = nanos;
    }

    @Override
    public Crs crs() {
        return UnitExtraction.crsOf(crs);
    }

    @Override
    public long count() {
        return count;
    }

    /** Streamed: one partition at a time comes to the driver ({@code toLocalIterator}). */
    @Override
    public Iterator<Footprint> footprints() {
        GeometryFactory gf = new GeometryFactory();
        Iterator<Tuple2<Part, Long>> it = numbered.toLocalIterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Footprint next() {
                Tuple2<Part, Long> t = it.next();
                return t._1().footprint(t._2() + 1, gf);
            }
        };
    }

    @Override
    public void writeGeoParquet(Path directory) throws EngineException {
        String dir = directory.toAbsolutePath().toString();
        String crsText = crs;
        try {
            Files.createDirectories(directory);
            try (var old = Files.list(directory)) { // an earlier run's files (--overwrite)
                for (Path f : old.filter(f -> f.getFileName().toString().matches("part-\\d+\\.parquet|_SUCCESS"))
                        .toList()) {
                    Files.delete(f);
                }
            }
            numbered.foreachPartition(rows -> GeoParquetPartition.write(dir,
                    org.apache.spark.TaskContext.getPartitionId(), rows, crsText));
            Files.writeString(directory.resolve("_SUCCESS"), "");
        } catch (java.io.IOException | RuntimeException e) {
            throw new EngineException(directory.toString(), "cannot write GeoParquet: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> failures() {
        return failures;
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%d images (%d failed), Spark %s", units, failures.size(),
                session.sparkContext().master());
    }

    @Override
    public void close() {
        numbered.unpersist(false);
        extracted.unpersist(false);
        if (stopSession) {
            session.stop();
        }
    }

    /** Leaves the session running when closed (tests share one session per class). */
    SparkRun keepingSession() {
        stopSession = false;
        return this;
    }

    /** Run time from the session's start to the numbered result, nanoseconds. */
    long nanos() {
        return nanos;
    }
}
