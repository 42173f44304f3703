package org.roofline.inference.engine;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.roofline.geometry.regularize.RegularizationMethod;

/**
 * An extraction to run on an engine: the images and the settings of {@code roofline extract}. Serializable, so that
 * an engine can ship it to its workers; paths are kept as strings for that reason.
 *
 * @param images           the images, in order (the output keeps it); at least one
 * @param master           where the engine runs ({@code local[*]}, {@code spark://host:7077}, ...); null for the
 *                         engine's default (local, every core)
 * @param model            a model file or directory, or null for the bundled model
 * @param device           {@code auto}, {@code cpu} or {@code gpu}
 * @param batchSize        tiles per model call
 * @param tile             tile size instead of the model's, or 0
 * @param overlap          overlap instead of the model's, or -1
 * @param method           the regularization method
 * @param tolerance        {@code auto} or a number of pixels
 * @param threads          post-processing threads per unit of work
 * @param allowFailedUnits whether a run in which some units fail for good still delivers the others' footprints
 */
public record EngineRequest(List<String> images, String master, String model, String device, int batchSize, int tile,
                            int overlap, RegularizationMethod method, String tolerance, int threads,
                            boolean allowFailedUnits) implements Serializable {

    private static final long serialVersionUID = 1L;

    public EngineRequest {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tolerance, "tolerance");
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size and threads must be positive");
        }
    }

    /** The images as paths. */
    public List<Path> imagePaths() {
        return images.stream().map(Path::of).toList();
    }

    /** The model as a path, or null for the bundled one. */
    public Path modelPath() {
        return model == null ? null : Path.of(model);
    }
}
