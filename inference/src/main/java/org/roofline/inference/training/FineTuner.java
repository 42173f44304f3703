package org.roofline.inference.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.roofline.inference.model.BundledModel;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.ModelMetadataJson;
import org.roofline.inference.model.TorchEngine;
import org.roofline.inference.model.UNet;

/**
 * Fine-tunes a Roofline U-Net (a folder that {@code roofline train} wrote, or the bundled model) on a few labelled
 * patches — the tiles a reviewer finished — for a bounded time, and saves the result as a model folder that
 * {@code extract --model} loads, with {@value #PROVENANCE} beside it.
 *
 * <p>The recipe is {@link SegmentationTrainer}'s: the same targets ({@link InstanceTargets}, as many channels as the
 * base model has), the same random crops and augmentation ({@link SegmentationTrainer#crop}), the same loss (BCE +
 * soft Dice per channel, {@link SegmentationTrainer#loss}). What differs: training starts from the base model's
 * weights, keeps its normalization and metadata (so the fine-tuned model reads images exactly as the base did), runs
 * at a constant learning rate ({@link Settings#learningRate()}, a fortieth of {@code train}'s default, so a few minutes
 * adjust the model rather than overwrite it), and stops at a time budget or a step limit, whichever comes first.
 *
 * <p>Cancellation ({@link Listener#isCancelled()}, checked before every step) throws {@link CancellationException}
 * and writes nothing.
 */
public final class FineTuner {

    /** The provenance file written beside the weights. */
    public static final String PROVENANCE = "roofline-finetune.json";

    /** Progress and cancellation. */
    public interface Listener {
        /** @param fraction in [0, 1] */
        void progress(String message, double fraction);

        /** @return whether to stop (checked before every step) */
        default boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }

        Listener NONE = (message, fraction) -> { };
    }

    /**
     * How to fine-tune.
     *
     * @param budget       the longest the training steps may take (loading and saving come on top)
     * @param maxSteps     the most optimizer steps, or 0 for no limit but the budget
     * @param tile         crop size, a multiple of 8
     * @param batchSize    crops per step
     * @param learningRate Adam's learning rate, constant
     * @param seed         seed of the crops and the augmentation
     */
    public record Settings(Duration budget, int maxSteps, int tile, int batchSize, double learningRate, long seed) {
        public Settings {
            Objects.requireNonNull(budget, "budget");
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("the time budget must be positive, was " + budget);
            }
            if (maxSteps < 0 || batchSize < 1 || tile < 16 || tile % 8 != 0 || !(learningRate > 0)) {
                throw new IllegalArgumentException("bad fine-tuning settings: steps " + maxSteps + ", batch "
                        + batchSize + ", tile " + tile + ", learning rate " + learningRate);
            }
        }

        /**
         * The defaults for a budget: no step limit, crops of 128, batch 4, learning rate 5e-5 (the least harmful of
         * those measured by {@code roofline bench finetune}), seed 42.
         */
        public static Settings of(Duration budget) {
            return new Settings(budget, 0, 128, 4, 5e-5, 42);
        }

        public Settings withMaxSteps(int steps) {
            return new Settings(budget, steps, tile, batchSize, learningRate, seed);
        }
    }

    /**
     * What a fine-tuning run did.
     *
     * @param steps        optimizer steps taken
     * @param seconds      wall time of the training steps
     * @param firstLoss    mean loss of the first tenth of the steps
     * @param lastLoss     mean loss of the last tenth of the steps
     * @param patches      the names of the patches trained on
     * @param modelDir     the folder written (weights, metadata, provenance)
     * @param baseModel    the base model's folder, or "bundled model"
     */
    public record Report(int steps, double seconds, double firstLoss, double lastLoss, List<String> patches,
                         Path modelDir, String baseModel) {
        public Report {
            patches = List.copyOf(patches);
        }
    }

    private FineTuner() {
    }

    /** @return the metadata of a base model: its folder's {@code roofline-unet.json}, or the bundled model's */
    public static ModelMetadata baseMetadata(Path baseModelDir) throws ModelException, IOException {
        Path dir = baseModelDir == null ? bundledDir() : baseModelDir;
        try {
            return ModelMetadataJson.read(dir.resolve(BundledModel.NAME + ".json"));
        } finally {
            if (baseModelDir == null) {
                deleteTemporary(dir);
            }
        }
    }

    /**
     * Fine-tunes and saves.
     *
     * @param baseModelDir a folder with {@code roofline-unet.params} and {@code .json}, or null for the bundled model
     * @param patches      the labelled patches, read at the base model's resolution ({@link #baseMetadata}); not empty
     * @param outDir       where the model is written (created; files of the same names replaced)
     * @param provenance   extra facts for {@value #PROVENANCE} (the session, its tiles, ...)
     * @throws IOException         if the base model or the output cannot be read or written, or no patch is given
     * @throws ModelException      if the engine cannot start or the base is not a Roofline U-Net
     * @throws CancellationException if the listener cancelled; nothing is written then
     */
    public static Report fineTune(Path baseModelDir, List<LabelledImage> patches, Path outDir, Settings settings,
                                  Map<String, String> provenance, Listener listener)
            throws IOException, ModelException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(settings, "settings");
        if (patches.isEmpty()) {
            throw new IOException("nothing to fine-tune on: no finished tile (every footprint decided)");
        }
        Instant started = Instant.now();
        Path base = baseModelDir == null ? bundledDir() : baseModelDir.toAbsolutePath();
        try {
            return run(base, baseModelDir == null ? "bundled model" : base.toString(), patches, outDir, settings,
                    provenance, listener, started);
        } finally {
            if (baseModelDir == null) {
                deleteTemporary(base);
            }
        }
    }

    private static Report run(Path base, String baseName, List<LabelledImage> patches, Path outDir, Settings s,
                              Map<String, String> provenance, Listener listener, Instant started)
            throws IOException, ModelException {
        Path params = base.resolve(BundledModel.NAME + ".params");
        ModelMetadata md = ModelMetadataJson.read(base.resolve(BundledModel.NAME + ".json"));
        if (!Files.isRegularFile(params)) {
            throw new IOException(params + ": model weights not found");
        }
        int outputs = md.outputChannels();
        List<float[]> norm = new ArrayList<>();
        for (LabelledImage p : patches) {
            norm.add(SegmentationTrainer.normalize(p.pixels(), p.width() * p.height(), md.normalization()));
        }
        listener.progress("loading " + baseName, 0);
        TorchEngine.start();
        Engine.getEngine(TorchEngine.ENGINE_NAME).setRandomSeed((int) s.seed());
        Random random = new Random(s.seed());
        int t = s.tile();
        int mul = UNet.sizeMultiple(UNet.CHANNELS);
        List<Double> losses = new ArrayList<>();
        long t0;
        double seconds;
        try (Model model = Model.newInstance(BundledModel.NAME, Device.cpu(), TorchEngine.ENGINE_NAME)) {
            Block block = UNet.build(UNet.CHANNELS, outputs);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, LabelledImage.BANDS, mul, mul));
            loadWeights(model, params);
            Map<String, float[]> baseStatistics = runningStatistics(block);
            float lr = (float) s.learningRate();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build())
                    .optDevices(new Device[] {Device.cpu()});
            t0 = System.nanoTime();
            long budget = s.budget().toNanos();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(s.batchSize(), LabelledImage.BANDS, t, t));
                while (true) {
                    long elapsed = System.nanoTime() - t0;
                    int step = losses.size();
                    if (elapsed >= budget || (s.maxSteps() > 0 && step >= s.maxSteps())) {
                        break;
                    }
                    if (listener.isCancelled()) {
                        throw new CancellationException("fine-tuning cancelled after " + step + " steps");
                    }
                    float[] x = new float[s.batchSize() * LabelledImage.BANDS * t * t];
                    float[] y = new float[s.batchSize() * outputs * t * t];
                    for (int k = 0; k < s.batchSize(); k++) {
                        int i = random.nextInt(patches.size());
                        SegmentationTrainer.crop(patches.get(i), norm.get(i), t, outputs, random, x, y, k);
                    }
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDArray xa = m.create(FloatBuffer.wrap(x), new Shape(s.batchSize(), LabelledImage.BANDS, t, t));
                        NDArray ya = m.create(FloatBuffer.wrap(y), new Shape(s.batchSize(), outputs, t, t));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(xa)).singletonOrThrow();
                            NDArray loss = SegmentationTrainer.loss(logits, ya);
                            losses.add((double) loss.getFloat());
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                    double byTime = (double) (System.nanoTime() - t0) / budget;
                    double bySteps = s.maxSteps() > 0 ? (double) losses.size() / s.maxSteps() : 0;
                    listener.progress(String.format(Locale.ROOT, "step %d, loss %.4f", losses.size(),
                            losses.get(losses.size() - 1)), Math.min(1, Math.max(byTime, bySteps)));
                }
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            if (listener.isCancelled()) {
                throw new CancellationException("fine-tuning cancelled after " + losses.size() + " steps");
            }
            restoreRunningStatistics(block, baseStatistics);
            listener.progress("saving " + outDir, 1);
            ModelMetadata tuned = new ModelMetadata(md.name() + ", fine-tuned on a review", md.tileSize(),
                    md.overlap(), md.metresPerPixel(), md.bandOrder(), md.normalization(), md.output(),
                    md.buildingChannel(), md.threshold(), md.channels());
            SegmentationTrainer.save(model, outDir, tuned, losses.size());
        }
        Report report = new Report(losses.size(), seconds, meanOf(losses, true), meanOf(losses, false),
                patches.stream().map(LabelledImage::name).toList(), outDir, baseName);
        writeProvenance(report, provenance, started, s);
        return report;
    }

    /**
     * The batch-normalization running means and variances of a block, by parameter name. Fine-tuning keeps the base
     * model's: a few minutes of small batches from a few tiles would otherwise pull them towards those tiles' statistics,
     * and the model, which normalizes with them at inference, would see every other image through them.
     */
    static Map<String, float[]> runningStatistics(Block block) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        collectStatistics("", block, out);
        return out;
    }

    private static void collectStatistics(String prefix, Block block, Map<String, float[]> out) {
        for (var p : block.getDirectParameters()) {
            ai.djl.nn.Parameter.Type type = p.getValue().getType();
            if (type == ai.djl.nn.Parameter.Type.RUNNING_MEAN || type == ai.djl.nn.Parameter.Type.RUNNING_VAR) {
                out.put(prefix + p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        for (var c : block.getChildren()) {
            collectStatistics(prefix + c.getKey() + "/", c.getValue(), out);
        }
    }

    static void restoreRunningStatistics(Block block, Map<String, float[]> statistics) {
        restore("", block, statistics);
    }

    private static void restore(String prefix, Block block, Map<String, float[]> statistics) {
        for (var p : block.getDirectParameters()) {
            float[] v = statistics.get(prefix + p.getKey());
            if (v != null) {
                p.getValue().getArray().set(FloatBuffer.wrap(v));
            }
        }
        for (var c : block.getChildren()) {
            restore(prefix + c.getKey() + "/", c.getValue(), statistics);
        }
    }

    /** Mean loss of the first (or last) tenth of the steps, at least one step; NaN with none. */
    private static double meanOf(List<Double> losses, boolean first) {
        if (losses.isEmpty()) {
            return Double.NaN;
        }
        int n = Math.max(1, losses.size() / 10);
        List<Double> part = first ? losses.subList(0, n) : losses.subList(losses.size() - n, losses.size());
        return part.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static void writeProvenance(Report r, Map<String, String> extra, Instant started, Settings s)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("baseModel", r.baseModel());
        root.put("started", started.toString());
        root.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        root.put("steps", r.steps());
        root.put("batch", s.batchSize());
        root.put("crop", s.tile());
        root.put("learningRate", s.learningRate());
        root.put("firstLoss", r.firstLoss());
        root.put("lastLoss", r.lastLoss());
        ArrayNode patches = root.putArray("patches");
        r.patches().forEach(patches::add);
        extra.forEach(root::put);
        Path tmp = r.modelDir().resolve("." + PROVENANCE + ".tmp");
        Files.writeString(tmp, mapper.writeValueAsString(root));
        Files.move(tmp, r.modelDir().resolve(PROVENANCE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads DJL parameters saved by {@code Model.save} (DJL looks for {@code <name>-<epoch>.params}). */
    private static void loadWeights(Model model, Path params) throws IOException, ModelException {
        Path tmp = Files.createTempDirectory("roofline-finetune");
        Path link = tmp.resolve(BundledModel.NAME + "-0000.params");
        try {
            try {
                Files.createSymbolicLink(link, params.toAbsolutePath());
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(params, link, StandardCopyOption.REPLACE_EXISTING);
            }
            model.load(tmp, BundledModel.NAME);
        } catch (MalformedModelException | RuntimeException e) {
            throw new ModelException(params + " is not a Roofline U-Net: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(tmp);
        }
    }

    /** The bundled model's folder: {@link BundledModel#DEFAULT_DIR} if it has the files, else a temporary copy. */
    private static Path bundledDir() throws IOException {
        if (Files.isRegularFile(BundledModel.DEFAULT_DIR.resolve(BundledModel.NAME + ".params"))) {
            return BundledModel.DEFAULT_DIR.toAbsolutePath();
        }
        Path tmp = Files.createTempDirectory("roofline-base-model");
        for (String suffix : List.of(".params", ".json")) {
            try (InputStream in = BundledModel.class.getResourceAsStream(BundledModel.CLASSPATH_DIR
                    + BundledModel.NAME + suffix)) {
                if (in == null) {
                    throw new IOException("the bundled model is missing (no " + BundledModel.NAME + suffix + ")");
                }
                Files.copy(in, tmp.resolve(BundledModel.NAME + suffix));
            }
        }
        return tmp;
    }

    private static void deleteTemporary(Path dir) throws IOException {
        if (dir.equals(BundledModel.DEFAULT_DIR.toAbsolutePath())) {
            return;
        }
        for (String suffix : List.of(".params", ".json")) {
            Files.deleteIfExists(dir.resolve(BundledModel.NAME + suffix));
        }
        Files.deleteIfExists(dir);
    }
}
