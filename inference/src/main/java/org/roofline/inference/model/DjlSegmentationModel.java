package org.roofline.inference.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;

/**
 * What the models run by DJL's PyTorch engine share: the batch packed into one tensor on the model's device, the
 * probabilities unpacked per tile and checked against the metadata, an engine failure as a {@link ModelException}
 * naming the model, and closing the DJL model once. Subclasses say how a batch becomes probabilities.
 *
 * <p>Not thread-safe: one thread at a time (see {@link SegmentationModel}).
 */
abstract class DjlSegmentationModel implements SegmentationModel {

    final ModelMetadata metadata;
    final Model model;
    final Device device;
    private final Path source;
    private final String name;
    private boolean closed;

    /**
     * @param source where the model was loaded from, for the message after {@link #close()}
     * @param name   the model's name in messages about a failed batch
     */
    DjlSegmentationModel(Path source, String name, ModelMetadata metadata, Model model, Device device) {
        this.source = source;
        this.name = name;
        this.metadata = metadata;
        this.model = model;
        this.device = device;
    }

    /**
     * The building probabilities (or the metadata's planes) of a batch, attached to {@code manager}.
     *
     * @param batch {@code n} tiles of {@code bands x size x size} values, one after the other
     */
    abstract NDArray probabilities(NDManager manager, float[] batch, int n);

    @Override
    public final ModelMetadata metadata() {
        return metadata;
    }

    /** @return the device the model runs on, e.g. {@code cpu()} or {@code gpu(0)} */
    public final String device() {
        return device.toString();
    }

    @Override
    public final List<float[]> predict(List<float[]> tiles) throws ModelException {
        if (closed) {
            throw new IllegalStateException("model " + source + " is closed");
        }
        int n = tiles.size();
        if (n == 0) {
            return List.of();
        }
        float[] batch = TileBatches.pack(tiles, metadata);
        float[] flat;
        try (NDManager manager = model.getNDManager().newSubManager(device)) {
            flat = probabilities(manager, batch, n).toType(DataType.FLOAT32, false).toFloatArray();
        } catch (RuntimeException e) {
            throw new ModelException("Model " + name + " failed on a batch of " + n + " tiles: "
                    + Messages.reason(e), e);
        }
        return TileBatches.unpack(flat, n, metadata, name);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
