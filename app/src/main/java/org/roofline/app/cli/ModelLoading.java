package org.roofline.app.cli;

import java.nio.file.Path;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelFiles;
import org.roofline.inference.model.SegmentationModel;

/**
 * Finds and loads the model a command names: a TorchScript file or a directory holding one, a directory holding
 * Roofline's own model ({@code roofline-unet.params} and {@code .json}), or with no name the bundled model.
 */
final class ModelLoading {

    private ModelLoading() {
    }

    static ComputeDevice device(String text) {
        try {
            return ComputeDevice.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("--device " + text, e.getMessage());
        }
    }

    /**
     * The model a command names (see {@link ModelFiles}); a failure is a one-line {@link CliException} naming the
     * file.
     *
     * @param tile    tile size to use instead of the metadata's, or 0
     * @param overlap overlap to use instead of the metadata's, or -1
     */
    static SegmentationModel load(Path model, ComputeDevice device, int tile, int overlap) {
        try {
            return ModelFiles.load(model, device, tile, overlap);
        } catch (ModelFiles.Failure e) {
            throw new CliException(e.file(), e.problem(), e);
        }
    }
}
