/**
 * Region-scale extraction on Apache Spark ({@code roofline extract --engine spark}): each image is a unit of work, a
 * Spark task that runs the extraction pipeline with one model per task slot; footprints away from a unit's edge are
 * final, those at an edge are joined across units ({@code SeamJoin}: the union-find seam merger, and a rule of its own
 * for images that abut without overlap); the result is streamed to one vector file or written as GeoParquet by the
 * executors.
 *
 * <p>From outside: {@code SparkEngine} (the {@link org.roofline.inference.engine.ExtractionEngine} service) and
 * {@code SparkExtractJob} (the {@code spark-submit} main class). The rest is the job's inside.
 */
package org.roofline.scale;
