package org.roofline.app.editor.extract;

import java.nio.file.Path;
import java.util.Objects;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.pipeline.PipelineConfig;

/**
 * What an {@link ExtractionService} runs.
 *
 * @param image       the image to extract from (GeoTIFF, or PNG/JPEG with a world file); its map coordinates must be
 *                    the review's
 * @param model       a TorchScript file (with its JSON beside it), a directory holding one, a directory holding a model
 *                    trained by {@code roofline train}, or null for the bundled model
 * @param device      where the model runs
 * @param subsampling the image pixels per model pixel, or 0 for the one that approaches the model's resolution (as
 *                    {@code roofline extract} does)
 * @param batchSize   tiles per model call
 */
public record ExtractionSettings(Path image, Path model, ComputeDevice device, int subsampling, int batchSize) {

    public ExtractionSettings {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(device, "device");
        if (subsampling < 0) {
            throw new IllegalArgumentException("subsampling must be 0 (automatic) or positive, was " + subsampling);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
    }

    /** The bundled model on the best device, with the model's resolution and the default batch size. */
    public static ExtractionSettings of(Path image) {
        return new ExtractionSettings(image, null, ComputeDevice.AUTO, 0, PipelineConfig.DEFAULT_BATCH_SIZE);
    }

    public ExtractionSettings withModel(Path m) {
        return new ExtractionSettings(image, m, device, subsampling, batchSize);
    }

    public ExtractionSettings withDevice(ComputeDevice d) {
        return new ExtractionSettings(image, model, d, subsampling, batchSize);
    }

    public ExtractionSettings withSubsampling(int s) {
        return new ExtractionSettings(image, model, device, s, batchSize);
    }

    public ExtractionSettings withBatchSize(int b) {
        return new ExtractionSettings(image, model, device, subsampling, b);
    }
}
