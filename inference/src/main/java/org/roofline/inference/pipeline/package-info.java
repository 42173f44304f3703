/**
 * The extraction pipeline: one thread owns the model and feeds it batches of tiles while rows of stitched
 * probabilities go to the post-processor asynchronously, with backpressure, progress, cancellation and stage timings
 * ({@link org.roofline.inference.pipeline.ExtractionPipeline}); and the model's mean building probability over given
 * polygons, predicting only the tiles under them ({@link org.roofline.inference.pipeline.RegionProbability}).
 *
 * <p>From outside: {@code ExtractionPipeline}, its configuration and what it hands back ({@code PipelineConfig},
 * {@code PipelineProgress}, {@code ExtractionResult}, {@code ExtractedBlock}, {@code PipelineStats},
 * {@code TileError}), and the test models {@code FixedLatencyModel} and {@code TileAwareModel}. Package-private: the
 * stages of a run ({@code SegmentationStage}; the post-processing hand-off in {@code ExtractionPipeline}), the one
 * block merger the final and the progressive merge share ({@code BlockMerger}, {@code ProgressiveMerge},
 * {@code BlockCandidate}).
 */
package org.roofline.inference.pipeline;
