/**
 * Training Roofline's own model: labelled images, rasterized multi-channel targets (footprint, boundary, contact),
 * augmentation, the training loop with checkpoints and resume, and the training report ({@link
 * org.roofline.inference.training.SegmentationTrainer}).
 */
package org.roofline.inference.training;
