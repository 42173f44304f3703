package org.roofline.inference.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SegmentationTrainer#train} trains on and how.
 *
 * @param images         image files or directories of images ({@code .tif}, {@code .tiff}, {@code .jpg}, {@code .png};
 *                       not recursive; {@code *.mask.tif} skipped), georeferenced in the labels' CRS
 * @param labels         building polygon files (GeoJSON, ...) or directories of them; all are merged
 * @param outDir         where {@code roofline-unet.params} and {@code roofline-unet.json} are written
 * @param epochs         passes over the training images (each pass takes about {@code area / tile^2} random crops per
 *                       image)
 * @param tile           training crop size in pixels, a multiple of 8
 * @param seed           seed of every random choice (crops, augmentation, initialization, order)
 * @param holdOut        image file names (or base names without extension) never trained on; validated on
 * @param metresPerPixel resolution images are subsampled to (nearest integer factor)
 * @param batchSize      crops per optimizer step
 * @param learningRate   Adam's initial learning rate (cosine decay to 1/20 of it)
 * @param inferenceTile  tile size written to the metadata for inference (a multiple of 8, at least {@code tile})
 * @param instances      whether the model learns the boundary and contact channels besides the footprint
 *                       ({@link InstanceTargets}), so that touching buildings can be separated
 * @param checkpointEvery every how many epochs the held-out loss is measured and a checkpoint written
 *                       ({@code checkpoints/} under {@code outDir}); 0 for never
 * @param resumeFrom     a checkpoint ({@code .ckpt}) to start from, continuing its epoch count and learning-rate
 *                       schedule (the optimizer's moments start afresh), or {@code null}
 */
public record TrainingConfig(List<Path> images, List<Path> labels, Path outDir, int epochs, int tile, long seed,
                             List<String> holdOut, double metresPerPixel, int batchSize, double learningRate,
                             int inferenceTile, boolean instances, int checkpointEvery, Path resumeFrom) {

    public TrainingConfig {
        images = List.copyOf(images);
        labels = List.copyOf(labels);
        Objects.requireNonNull(outDir, "outDir");
        holdOut = List.copyOf(holdOut);
        if (images.isEmpty() || labels.isEmpty()) {
            throw new IllegalArgumentException("no images or no labels given");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
        if (tile < 16 || tile % 8 != 0) {
            throw new IllegalArgumentException("tile must be a multiple of 8, at least 16, was " + tile);
        }
        if (inferenceTile < tile || inferenceTile % 8 != 0) {
            throw new IllegalArgumentException("inference tile must be a multiple of 8, at least the tile "
                    + tile + ", was " + inferenceTile);
        }
        if (!(metresPerPixel > 0)) {
            throw new IllegalArgumentException("metres per pixel must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive");
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint interval must not be negative, was " + checkpointEvery);
        }
    }

    /** A footprint-only configuration without checkpoints. */
    public TrainingConfig(List<Path> images, List<Path> labels, Path outDir, int epochs, int tile, long seed,
                          List<String> holdOut, double metresPerPixel, int batchSize, double learningRate,
                          int inferenceTile) {
        this(images, labels, outDir, epochs, tile, seed, holdOut, metresPerPixel, batchSize, learningRate,
                inferenceTile, false, 0, null);
    }

    /** The defaults: 0.3 m, batch 4, learning rate 1e-3, inference tile 256 (or the tile if larger). */
    public TrainingConfig(Path images, Path labels, Path outDir, int epochs, int tile, long seed,
                          List<String> holdOut) {
        this(List.of(images), List.of(labels), outDir, epochs, tile, seed, holdOut, 0.3, 4, 1e-3,
                Math.max(256, tile));
    }

    /** @return a copy with other images and labels */
    public TrainingConfig withData(List<Path> newImages, List<Path> newLabels) {
        return new TrainingConfig(newImages, newLabels, outDir, epochs, tile, seed, holdOut, metresPerPixel,
                batchSize, learningRate, inferenceTile, instances, checkpointEvery, resumeFrom);
    }

    /** @return a copy with another batch size and learning rate */
    public TrainingConfig withOptimizer(int newBatchSize, double newLearningRate) {
        return new TrainingConfig(images, labels, outDir, epochs, tile, seed, holdOut, metresPerPixel,
                newBatchSize, newLearningRate, inferenceTile, instances, checkpointEvery, resumeFrom);
    }

    /** @return a copy that learns the instance channels (or not), with checkpoints every so many epochs */
    public TrainingConfig withInstances(boolean newInstances, int newCheckpointEvery, Path newResumeFrom) {
        return new TrainingConfig(images, labels, outDir, epochs, tile, seed, holdOut, metresPerPixel,
                batchSize, learningRate, inferenceTile, newInstances, newCheckpointEvery, newResumeFrom);
    }

    /** @return the number of output channels the model learns */
    public int outputs() {
        return instances ? InstanceTargets.CHANNELS.size() : 1;
    }
}
