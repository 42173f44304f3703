/**
 * Quality benchmarks on real data: the regularizer on real masks at several resolutions with network-like edge noise,
 * scored against the human polygons ({@link org.roofline.inference.quality.RegularizationBenchmark}, run by {@code
 * roofline bench quality}).
 */
package org.roofline.inference.quality;
