/**
 * Synthetic test data with known truth: scenes of buildings rasterized into realistic noisy masks, and the edge-noise
 * model that makes real masks look like a network's output. For tests and benchmarks only.
 */
package org.roofline.geometry.synthetic;
