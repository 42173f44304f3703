/**
 * Teaching the model from a review, shared by {@code roofline finetune} and the editor's Review > Improve the model:
 * which review tiles are finished and which still hold only pending footprints ({@link ReviewedTiles}), the finished
 * tiles as training patches ({@link ReviewLabels}), fine-tuning on them ({@link ReviewFineTuning}, over
 * {@code inference.training.FineTuner}) and re-extracting the pending-only tiles with the result
 * ({@link TileReExtraction}, which gives one undoable {@code ReExtractTiles} command).
 */
package org.roofline.app.finetune;
