/**
 * Extraction engines other than the in-process pipeline, found at run time: {@code ExtractionEngine} is the service
 * interface ({@link java.util.ServiceLoader}) that a module such as {@code roofline-scale} (Apache Spark) implements,
 * so that the command line can offer {@code extract --engine NAME} without depending on it at compile time.
 *
 * <p>From outside: {@code ExtractionEngine}, {@code ExtractionEngines} (the look-up), {@code EngineRequest},
 * {@code EngineResult}, {@code EngineException}.
 */
package org.roofline.inference.engine;
