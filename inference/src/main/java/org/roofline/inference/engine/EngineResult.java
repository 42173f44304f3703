package org.roofline.inference.engine;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;

/**
 * What an engine's run found, still held by the engine (its workers' results): the footprints are streamed from
 * there, never gathered whole in this process unless the caller does so. Read either {@link #footprints()} or
 * {@link #writeGeoParquet(Path)}, once; then close it (which stops the engine's session).
 */
public interface EngineResult extends AutoCloseable {

    /** The CRS of every footprint (the images must share one), or null for pixel coordinates. */
    Crs crs();

    /** The number of footprints. */
    long count();

    /** The footprints, ids 1..{@link #count()} in image order, streamed from the engine's workers. */
    Iterator<Footprint> footprints();

    /**
     * Writes the footprints as a GeoParquet dataset: a directory of Parquet files, each with the GeoParquet
     * {@code geo} metadata (WKB geometry, the CRS as PROJJSON) in its footer, written by the engine's workers.
     */
    void writeGeoParquet(Path directory) throws EngineException;

    /** Units of work that failed for good (one line each: the image, the problem); empty when all succeeded. */
    List<String> failures();

    /** One line: units, tiles, time, where it ran. */
    String summary();

    @Override
    void close();
}
