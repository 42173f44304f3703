package org.roofline.inference.engine;

import java.util.function.Consumer;

/**
 * An engine that runs the extraction of many images somewhere else than in this process's pipeline alone (a Spark
 * cluster, Spark's local mode), registered as a {@link java.util.ServiceLoader} service
 * ({@code META-INF/services/org.roofline.inference.engine.ExtractionEngine}).
 *
 * <p>An engine runs the same extraction as {@link org.roofline.inference.pipeline.ExtractionPipeline} with the same
 * settings: for one image it gives the same footprints. Implementations must have a public no-argument constructor.
 */
public interface ExtractionEngine {

    /** The name {@code --engine} takes, lower case ({@code spark}). */
    String name();

    /**
     * Runs the extraction; returns when every unit of work is done (or failed for good).
     *
     * @param request  what to extract and how
     * @param progress one-line progress messages, called from the calling thread or the engine's own threads
     * @return the footprints, to be read once (then closed)
     * @throws EngineException when the run cannot start or no unit succeeds (or, unless
     *                         {@link EngineRequest#allowFailedUnits()}, any unit fails for good)
     */
    EngineResult extract(EngineRequest request, Consumer<String> progress) throws EngineException;
}
