package org.roofline.inference.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Roofline's own building model: the small U-Net of {@link UNet} with the weights trained by
 * {@link org.roofline.inference.training.SegmentationTrainer}, {@code roofline-unet.params} (DJL parameters) and its
 * metadata {@code roofline-unet.json} in one directory (shipped in {@code resources/models/}, see its
 * {@code MODEL_CARD.md}), run by DJL's PyTorch engine.
 *
 * <p>Not thread-safe: one thread at a time (see {@link SegmentationModel}).
 */
public final class BundledModel extends DjlSegmentationModel {

    /** Base name of the files. */
    public static final String NAME = "roofline-unet";
    /** Where the weights are looked for by {@link #load(ComputeDevice)}, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("resources", "models");
    /** Classpath folder searched when {@link #DEFAULT_DIR} has no model. */
    public static final String CLASSPATH_DIR = "/models/";

    private final Path dir;

    private BundledModel(Path dir, ModelMetadata metadata, Model model, Device device) {
        super(dir, NAME, metadata, model, device);
        this.dir = dir;
    }

    /**
     * Loads the bundled model from {@link #DEFAULT_DIR} (relative to the working directory), else from the class
     * path ({@code /models/roofline-unet.params} and {@code .json}).
     *
     * @throws ModelException if neither has the files, or they are not a Roofline U-Net
     */
    public static BundledModel load(ComputeDevice device) throws ModelException {
        if (Files.isRegularFile(DEFAULT_DIR.resolve(NAME + ".params"))) {
            return load(DEFAULT_DIR, device);
        }
        try (InputStream params = BundledModel.class.getResourceAsStream(CLASSPATH_DIR + NAME + ".params");
             InputStream json = BundledModel.class.getResourceAsStream(CLASSPATH_DIR + NAME + ".json")) {
            if (params == null || json == null) {
                throw new ModelException("The bundled model is missing: no " + NAME + ".params and " + NAME
                        + ".json in " + DEFAULT_DIR.toAbsolutePath() + " nor on the class path under " + CLASSPATH_DIR);
            }
            Path tmp = Files.createTempDirectory("roofline-model");
            try {
                Files.copy(params, tmp.resolve(NAME + ".params"));
                Files.copy(json, tmp.resolve(NAME + ".json"));
                return load(tmp, device);
            } finally {
                deleteQuietly(tmp.resolve(NAME + ".params"));
                deleteQuietly(tmp.resolve(NAME + ".json"));
                deleteQuietly(tmp);
            }
        } catch (IOException e) {
            throw new ModelException("Cannot read the bundled model from the class path: " + Messages.reason(e), e);
        }
    }

    /**
     * Loads {@code roofline-unet.params} and {@code roofline-unet.json} from a directory.
     *
     * @throws ModelException naming the files if one is missing, the JSON is invalid, or the parameters are not
     *                        those of a Roofline U-Net
     */
    public static BundledModel load(Path directory, ComputeDevice device) throws ModelException {
        Path dir = directory.toAbsolutePath();
        Path params = dir.resolve(NAME + ".params");
        Path json = dir.resolve(NAME + ".json");
        if (!Files.isRegularFile(params)) {
            throw new ModelException("Model weights " + params + " not found");
        }
        if (!Files.isRegularFile(json)) {
            throw new ModelException("Model metadata " + json + " not found");
        }
        checkMagic(params);
        ModelMetadata metadata = ModelMetadataJson.read(json);
        if (metadata.bands() != 3) {
            throw new ModelException("Model metadata " + json + " names " + metadata.bands()
                    + " bands; the Roofline U-Net takes 3");
        }
        int mul = UNet.sizeMultiple(UNet.CHANNELS);
        if (metadata.tileSize() % mul != 0) {
            throw new ModelException("Model metadata " + json + " has tile size " + metadata.tileSize()
                    + "; the Roofline U-Net needs a multiple of " + mul);
        }
        TorchEngine engine = TorchEngine.start();
        Device dev = engine.device(device);
        Model model = Model.newInstance(NAME, dev, TorchEngine.ENGINE_NAME);
        Path tmp = null;
        try {
            Block block = UNet.build(UNet.CHANNELS, metadata.outputChannels());
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, mul, mul));
            // DJL looks for <name>-<epoch>.params: link (or copy) the file under that name in a scratch directory.
            tmp = Files.createTempDirectory("roofline-unet");
            Path link = tmp.resolve(NAME + "-0000.params");
            try {
                Files.createSymbolicLink(link, params);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(params, link, StandardCopyOption.REPLACE_EXISTING);
            }
            model.load(tmp, NAME);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelException("Model weights " + params + " are not a Roofline U-Net ("
                    + Arrays.toString(UNet.CHANNELS) + "): " + Messages.reason(e), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp.resolve(NAME + "-0000.params"));
                deleteQuietly(tmp);
            }
        }
        return new BundledModel(dir, metadata, model, dev);
    }

    /** DJL's parameter files start with "DJL@" (DJL itself skips other files without complaint). */
    private static void checkMagic(Path params) throws ModelException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(params)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new ModelException("Cannot read model weights " + params + ": " + Messages.reason(e), e);
        }
        if (n < 4 || head[0] != 'D' || head[1] != 'J' || head[2] != 'L' || head[3] != '@') {
            throw new ModelException("Model weights " + params + " are not a Roofline U-Net ("
                    + Arrays.toString(UNet.CHANNELS) + "): not a DJL parameter file");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a scratch file left in the temp directory
        }
    }

    /** @return the directory the model was loaded from */
    public Path directory() {
        return dir;
    }

    @Override
    NDArray probabilities(NDManager manager, float[] batch, int n) {
        int size = metadata.tileSize();
        NDArray input = manager.create(FloatBuffer.wrap(batch), new Shape(n, metadata.bands(), size, size));
        NDArray out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false)
                .singletonOrThrow();
        return Activation.sigmoid(out);
    }

    @Override
    public String toString() {
        return "BundledModel[" + dir + ", " + metadata.name() + ", " + device + "]";
    }
}
