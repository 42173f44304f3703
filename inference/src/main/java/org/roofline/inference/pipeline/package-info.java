/**
 * The extraction pipeline: one thread owns the model and feeds it batches of tiles while rows of stitched
 * probabilities go to the post-processor asynchronously, with backpressure, progress, cancellation and stage timings
 * ({@link org.roofline.inference.pipeline.ExtractionPipeline}).
 */
package org.roofline.inference.pipeline;
