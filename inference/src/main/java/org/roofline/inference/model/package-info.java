/**
 * Segmentation models: the {@link org.roofline.inference.model.SegmentationModel} interface, TorchScript models with
 * their JSON metadata, the bundled U-Net (and its network definition), the PyTorch engine set-up (offline natives,
 * CPU or GPU) and model errors.
 */
package org.roofline.inference.model;
