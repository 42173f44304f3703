package org.roofline.inference.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A user's segmentation network: a TorchScript file (saved by {@code torch.jit.trace(...).save(...)} or
 * {@code torch.jit.script(...).save(...)}) run by DJL's PyTorch engine ({@link TorchEngine}, offline), with its
 * {@link ModelMetadata} in a JSON file beside it.
 *
 * <h2>Files</h2>
 * The metadata of {@code roofs.pt} is {@code roofs.json} in the same directory, else {@code model.json} there.
 * The network takes a float tensor {@code N x bands x tileSize x tileSize} (bands normalized as the metadata says)
 * and returns {@code N x C x tileSize x tileSize} (or {@code N x tileSize x tileSize}, one channel); when it returns
 * a tuple or list the first tensor is used.
 *
 * <h2>Metadata JSON</h2>
 * <pre>{@code
 * {
 *   "name": "Roofs 30 cm",                    // optional; default: the JSON file's base name
 *   "tileSize": 512,                          // input width and height in pixels, at least 16
 *   "overlap": 64,                            // optional, default 0; less than tileSize / 2
 *   "metresPerPixel": 0.3,                    // ground resolution the model was trained at
 *   "bandOrder": [1, 2, 3],                   // 1-based image bands fed to the model, in order
 *   "normalization": {                        // one value per band of bandOrder:
 *     "kind": "mean_std",                     //   (v - mean) / std, or
 *     "mean": [123.7, 116.3, 103.5],
 *     "std": [58.4, 57.1, 57.4]
 *   },                                        //   {"kind": "min_max", "min": [..], "max": [..]}: (v - min) / (max - min)
 *   "output": "logits",                       // "logits" (sigmoid applied here) or "sigmoid" (already probabilities)
 *   "buildingChannel": 0,                     // optional, default 0: the output channel of the building class
 *   "threshold": 0.5                          // optional, default 0.5: probability at or above which a pixel is a building
 * }
 * }</pre>
 * (JSON has no comments: they only explain the keys here.) Other keys than these and {@code "description"} are
 * rejected, so that a misspelt key does not go unnoticed.
 *
 * <h2>Checks on loading</h2>
 * {@link #load} runs one tile of zeros ({@code 1 x bands x tileSize x tileSize}) and fails with a
 * {@link ModelException} naming the file when the file is not a TorchScript model, when the network rejects that
 * input (a band count other than the model's), or when the output is not {@code 1 x C x tileSize x tileSize} with
 * {@code C > buildingChannel}.
 *
 * <p>Not thread-safe: one thread at a time (see {@link SegmentationModel}).
 */
public final class TorchScriptModel extends DjlSegmentationModel {

    private final Path file;

    private TorchScriptModel(Path file, ModelMetadata metadata, ZooModel<NDList, NDList> model, Device device) {
        super(file, file.getFileName().toString(), metadata, model, device);
        this.file = file;
    }

    /**
     * Loads a model with the metadata JSON beside it ({@link ModelMetadataJson#locate}).
     *
     * @param modelFile the TorchScript file
     * @param device    where to run it
     * @return the loaded and checked model
     * @throws ModelException naming the file if the metadata is missing or invalid, the file is not a TorchScript
     *                        model, or the model does not match its metadata
     */
    public static TorchScriptModel load(Path modelFile, ComputeDevice device) throws ModelException {
        Path json = ModelMetadataJson.locate(modelFile);
        return load(modelFile, ModelMetadataJson.read(json), device);
    }

    /**
     * Loads a model with the given metadata.
     *
     * @param modelFile the TorchScript file
     * @param metadata  what the model expects and produces
     * @param device    where to run it
     * @return the loaded and checked model
     * @throws ModelException naming the file if it is not a TorchScript model or does not match the metadata
     */
    public static TorchScriptModel load(Path modelFile, ModelMetadata metadata, ComputeDevice device)
            throws ModelException {
        Objects.requireNonNull(metadata, "metadata");
        Path file = modelFile.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new ModelException("Model file " + file + " not found");
        }
        TorchEngine engine = TorchEngine.start();
        Device dev = engine.device(device);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine(TorchEngine.ENGINE_NAME)
                .optModelPath(file)
                .optDevice(dev)
                .optTranslator(new NoopTranslator())
                .optOption("mapLocation", "true")
                .build();
        ZooModel<NDList, NDList> zoo;
        try {
            zoo = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelException("Model file " + file + " is not a TorchScript model: " + Messages.reason(e), e);
        }
        TorchScriptModel loaded = new TorchScriptModel(file, metadata, zoo, dev);
        try {
            loaded.check();
        } catch (ModelException | RuntimeException e) {
            loaded.close();
            if (e instanceof ModelException) {
                throw (ModelException) e;
            }
            throw new ModelException("Model file " + file + " failed its check: " + Messages.reason(e), e);
        }
        return loaded;
    }

    /** Runs one tile of zeros and checks the output's shape against the metadata. */
    private void check() throws ModelException {
        int bands = metadata.bands();
        int size = metadata.tileSize();
        try (NDManager manager = model.getNDManager().newSubManager(device)) {
            NDArray out;
            try {
                out = run(manager, new float[bands * size * size], 1);
            } catch (RuntimeException e) {
                throw new ModelException("Model file " + file + " rejects a 1 x " + bands + " x " + size + " x " + size
                        + " input (metadata: " + bands + " bands, tile size " + size + "): " + Messages.reason(e), e);
            }
            Shape shape = out.getShape();
            long[] s = shape.getShape();
            boolean sizeOk = (s.length == 4 || s.length == 3) && s[0] == 1 && s[s.length - 2] == size
                    && s[s.length - 1] == size;
            if (!sizeOk) {
                throw new ModelException("Model file " + file + " gives an output of shape " + dims(s) + " for a 1 x "
                        + bands + " x " + size + " x " + size + " input; the metadata (tile size " + size
                        + ") needs 1 x C x " + size + " x " + size);
            }
            long channels = s.length == 4 ? s[1] : 1;
            if (metadata.planes() > 1 && metadata.planes() > channels) {
                throw new ModelException("Model file " + file + " gives " + channels + " output channel"
                        + (channels == 1 ? "" : "s") + " (shape " + dims(s) + ") but the metadata names "
                        + metadata.channels().size() + ": " + metadata.channels());
            }
            if (metadata.buildingChannel() >= channels) {
                throw new ModelException("Model file " + file + " gives " + channels + " output channel"
                        + (channels == 1 ? "" : "s") + " (shape " + dims(s) + ") but the metadata's building channel is "
                        + metadata.buildingChannel());
            }
            if (!out.getDataType().isFloating()) {
                throw new ModelException("Model file " + file + " gives " + out.getDataType()
                        + " output, not floating point");
            }
        }
    }

    private static String dims(long[] s) {
        StringBuilder b = new StringBuilder();
        for (long d : s) {
            b.append(b.length() == 0 ? "" : " x ").append(d);
        }
        return b.length() == 0 ? "(scalar)" : b.toString();
    }

    /** Runs the network on {@code n} tiles; the output is attached to {@code manager}. */
    private NDArray run(NDManager manager, float[] data, int n) {
        int size = metadata.tileSize();
        NDArray input = manager.create(FloatBuffer.wrap(data), new Shape(n, metadata.bands(), size, size));
        NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
        out.attach(manager);
        if (out.isEmpty()) {
            throw new IllegalStateException("the model returned no tensor");
        }
        return out.get(0);
    }

    /** @return the model file */
    public Path file() {
        return file;
    }

    @Override
    NDArray probabilities(NDManager manager, float[] batch, int n) {
        NDArray out = run(manager, batch, n);
        NDArray building = out.getShape().dimension() != 4 ? out
                : metadata.planes() > 1 ? out.get(new NDIndex(":, 0:{}, :, :", metadata.planes()))
                : out.get(new NDIndex(":, {}, :, :", metadata.buildingChannel()));
        return metadata.output() == ModelMetadata.Output.LOGITS ? Activation.sigmoid(building) : building.clip(0f, 1f);
    }

    @Override
    public String toString() {
        return "TorchScriptModel[" + file + ", " + metadata.name() + ", " + device + "]";
    }
}
