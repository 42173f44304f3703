/**
 * The post-processor: masks and label rasters to regularized footprints on a ForkJoin pool of its own, asynchronously
 * and in batches ({@link org.roofline.geometry.postprocess.PostProcessor}); jobs, configuration and progress. The
 * entry point of the geometry engine for the pipeline and the command line.
 */
package org.roofline.geometry.postprocess;
