package org.roofline.inference.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.UNet;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.ModelMetadataJson;
import org.roofline.inference.model.TorchEngine;

/**
 * Trains Roofline's small U-Net ({@link UNet}) on georeferenced RGB images and building polygons with DJL's
 * {@link Trainer} (PyTorch engine, CPU): random crops with flips and 90 degree rotations, per-band mean/std
 * normalization computed from the training images, loss = sigmoid binary cross-entropy + soft Dice, Adam with cosine
 * decay. Held-out images are never trained on; the building IoU and F1 on them are reported. Writes
 * {@code roofline-unet.params} (DJL parameters, {@link Model#save}) and {@code roofline-unet.json}
 * ({@link ModelMetadata}).
 */
public final class SegmentationTrainer {

    /** Base name of the written files. */
    public static final String MODEL_NAME = "roofline-unet";
    /** Overlap written to the metadata. */
    public static final int OVERLAP = 32;

    private SegmentationTrainer() {
    }

    /**
     * Trains, validates and saves.
     *
     * @param config what to train on and how
     * @param log    receives progress lines
     * @return what was done and how good it is on the held-out images
     * @throws IOException    if images or labels cannot be read or the output cannot be written
     * @throws ModelException if the engine cannot start
     */
    public static TrainingReport train(TrainingConfig config, Consumer<String> log) throws IOException, ModelException {
        long start = System.nanoTime();
        List<Path> imageFiles = listFiles(config.images(), List.of(".tif", ".tiff", ".jpg", ".jpeg", ".png"));
        imageFiles.removeIf(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mask.tif"));
        List<Path> labelFiles = listFiles(config.labels(), List.of(".geojson", ".json", ".gpkg", ".shp"));
        if (imageFiles.isEmpty()) {
            throw new IOException("no images in " + config.images());
        }
        if (labelFiles.isEmpty()) {
            throw new IOException("no label files in " + config.labels());
        }
        LabelSets labelSets = LabelSets.read(labelFiles, imageFiles);
        log.accept("labels: " + labelSets.count() + " polygons from " + plural(labelFiles.size(), "file"));

        List<LabelledImage> train = new ArrayList<>();
        List<LabelledImage> held = new ArrayList<>();
        for (Path f : imageFiles) {
            LabelledImage image;
            try {
                image = LabelledImage.load(f, labelSets.forImage(f), config.metresPerPixel());
            } catch (RooflineInputException e) {
                log.accept("skipped " + f.getFileName() + ": " + e.getMessage());
                continue;
            }
            boolean isHeld = isHeldOut(image.name(), config.holdOut());
            (isHeld ? held : train).add(image);
            log.accept(String.format(Locale.ROOT, "%s %s: %d x %d (subsampled %d), buildings %.1f%%",
                    isHeld ? "held-out" : "train", image.name(), image.width(), image.height(), image.subsampling(),
                    100 * image.buildingFraction()));
        }
        if (train.isEmpty()) {
            throw new IOException("no training images left (all held out or unreadable)");
        }
        double[][] meanStd = meanStd(train);
        log.accept(String.format(Locale.ROOT, "normalization mean %.2f %.2f %.2f, std %.2f %.2f %.2f",
                meanStd[0][0], meanStd[0][1], meanStd[0][2], meanStd[1][0], meanStd[1][1], meanStd[1][2]));
        ModelMetadata metadata = new ModelMetadata("Roofline U-Net " + config.metresPerPixel() + " m"
                + (config.instances() ? ", footprint + boundary + contact" : ""),
                config.inferenceTile(), OVERLAP, config.metresPerPixel(), List.of(1, 2, 3),
                ModelMetadata.Normalization.meanStd(List.of(meanStd[0][0], meanStd[0][1], meanStd[0][2]),
                        List.of(meanStd[1][0], meanStd[1][1], meanStd[1][2])),
                ModelMetadata.Output.LOGITS, 0, 0.5,
                config.instances() ? InstanceTargets.CHANNELS : List.of());
        List<float[]> trainNorm = new ArrayList<>();
        for (LabelledImage img : train) {
            trainNorm.add(normalize(img.pixels(), img.width() * img.height(), metadata.normalization()));
        }

        TorchEngine.start();
        Engine engine = Engine.getEngine(TorchEngine.ENGINE_NAME);
        engine.setRandomSeed((int) config.seed());
        int firstEpoch = config.resumeFrom() == null ? 1 : checkpointEpoch(config.resumeFrom()) + 1;
        Random random = new Random(config.seed() + 7919L * (firstEpoch - 1));
        int t = config.tile();
        int outputs = config.outputs();
        int cropsPerEpoch = 0;
        int[] cropsOf = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            LabelledImage img = train.get(i);
            cropsOf[i] = Math.max(1, (int) Math.round((double) img.width() * img.height() / ((double) t * t)));
            cropsPerEpoch += cropsOf[i];
        }
        int stepsPerEpoch = (cropsPerEpoch + config.batchSize() - 1) / config.batchSize();
        int totalSteps = stepsPerEpoch * config.epochs();
        float lr = (float) config.learningRate();
        Tracker cosine = Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 20).setMaxUpdates(totalSteps).build();
        int stepOffset = (firstEpoch - 1) * stepsPerEpoch;
        Tracker tracker = numUpdate -> cosine.getNewValue(numUpdate + stepOffset);
        List<Double> losses = new ArrayList<>();
        List<String> curve = new ArrayList<>();
        Map<String, Double> perImage = new LinkedHashMap<>();
        double iou;
        double f1;
        long params;
        Path paramsFile = config.outDir().resolve(MODEL_NAME + ".params");
        Path jsonFile = config.outDir().resolve(MODEL_NAME + ".json");
        try (Model model = Model.newInstance(MODEL_NAME, Device.cpu(), TorchEngine.ENGINE_NAME)) {
            Block block = UNet.build(UNet.CHANNELS, outputs);
            model.setBlock(block);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(tracker).build())
                    .optDevices(new Device[] {Device.cpu()});
            Shape inputShape = new Shape(config.batchSize(), LabelledImage.BANDS, t, t);
            if (config.resumeFrom() != null) {
                // before the trainer sets up its parameter store, which keeps the arrays it finds then
                block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, inputShape);
                loadCheckpoint(block, model.getNDManager(), config.resumeFrom());
                log.accept("resumed from " + config.resumeFrom() + " at epoch " + firstEpoch);
            }
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(inputShape);
                params = UNet.parameterCount(block);
                log.accept("U-Net " + java.util.Arrays.toString(UNet.CHANNELS) + " -> " + outputs + " output "
                        + (outputs == 1 ? "channel" : "channels " + metadata.channels()) + ": " + params
                        + " parameters; " + plural(train.size(), "training image") + ", " + cropsPerEpoch
                        + " crops of " + t + " x " + t + " per epoch, batch " + config.batchSize() + ", "
                        + totalSteps + " steps");
                for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                    long e0 = System.nanoTime();
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < train.size(); i++) {
                        for (int k = 0; k < cropsOf[i]; k++) {
                            order.add(i);
                        }
                    }
                    java.util.Collections.shuffle(order, random);
                    double sum = 0;
                    int steps = 0;
                    for (int b0 = 0; b0 < order.size(); b0 += config.batchSize()) {
                        int n = Math.min(config.batchSize(), order.size() - b0);
                        float[] x = new float[n * LabelledImage.BANDS * t * t];
                        float[] y = new float[n * outputs * t * t];
                        for (int k = 0; k < n; k++) {
                            int i = order.get(b0 + k);
                            crop(train.get(i), trainNorm.get(i), t, outputs, random, x, y, k);
                        }
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray xa = m.create(FloatBuffer.wrap(x), new Shape(n, LabelledImage.BANDS, t, t));
                            NDArray ya = m.create(FloatBuffer.wrap(y), new Shape(n, outputs, t, t));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(xa)).singletonOrThrow();
                                NDArray loss = loss(logits, ya);
                                sum += loss.getFloat();
                                gc.backward(loss);
                            }
                            trainer.step();
                        }
                        steps++;
                    }
                    double mean = sum / steps;
                    losses.add(mean);
                    log.accept(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f (%.1f s)", epoch, config.epochs(),
                            mean, (System.nanoTime() - e0) / 1e9));
                    if (config.checkpointEvery() > 0 && (epoch % config.checkpointEvery() == 0
                            || epoch == config.epochs())) {
                        String line = checkpoint(model, block, config, metadata, held, epoch);
                        curve.add(line);
                        log.accept(line);
                    }
                }
            }
            // validation
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (LabelledImage img : held) {
                long[] c = confusion(block, model.getNDManager(), img, metadata);
                tp += c[0];
                fp += c[1];
                fn += c[2];
                double imgIou = c[0] + c[1] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1] + c[2]);
                perImage.put(img.name(), imgIou);
                log.accept(String.format(Locale.ROOT, "held-out %s: IoU %.3f", img.name(), imgIou));
            }
            iou = held.isEmpty() ? Double.NaN : (double) tp / Math.max(1, tp + fp + fn);
            f1 = held.isEmpty() ? Double.NaN : 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
            if (held.isEmpty()) {
                log.accept("no held-out images: nothing to validate on (name some with --hold-out)");
            } else {
                log.accept(String.format(Locale.ROOT, "held-out pixel IoU %.3f, pixel F1 %.3f (%s)", iou, f1,
                        plural(held.size(), "image")));
            }
            save(model, config.outDir(), metadata, config.epochs());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingReport(config.epochs(), seconds, losses, iou, f1, perImage, params,
                train.stream().map(LabelledImage::name).toList(), held.stream().map(LabelledImage::name).toList(),
                paramsFile, jsonFile);
    }

    /** "1 file", "3 files". */
    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Measures the held-out loss and footprint IoU, and writes {@code checkpoints/roofline-unet-eNNNN.ckpt} (raw block
     * parameters, for {@link TrainingConfig#resumeFrom()}) and {@code checkpoints/eNNNN/} (a loadable model).
     *
     * @return the line for the learning curve
     */
    private static String checkpoint(Model model, Block block, TrainingConfig config, ModelMetadata metadata,
                                     List<LabelledImage> held, int epoch) throws IOException {
        double heldLoss = 0;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (LabelledImage img : held) {
            heldLoss += heldOutLoss(block, model.getNDManager(), img, metadata, config.outputs());
            long[] c = confusion(block, model.getNDManager(), img, metadata);
            tp += c[0];
            fp += c[1];
            fn += c[2];
        }
        Path dir = config.outDir().resolve("checkpoints");
        Files.createDirectories(dir);
        String tag = String.format(Locale.ROOT, "e%04d", epoch);
        Path ckpt = dir.resolve(MODEL_NAME + "-" + tag + ".ckpt");
        Path tmp = dir.resolve("." + ckpt.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            block.saveParameters(out);
        }
        AtomicFiles.replace(tmp, ckpt);
        save(model, dir.resolve(tag), metadata, epoch);
        return String.format(Locale.ROOT, "checkpoint epoch %d: held-out loss %.4f, held-out pixel IoU %.3f -> %s",
                epoch, held.isEmpty() ? Double.NaN : heldLoss / held.size(),
                (double) tp / Math.max(1, tp + fp + fn), ckpt.getFileName());
    }

    /** @return the epoch in a checkpoint's name ({@code ...-eNNNN.ckpt}) */
    static int checkpointEpoch(Path checkpoint) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-e(\\d+)\\.ckpt$")
                .matcher(checkpoint.getFileName().toString());
        if (!m.find()) {
            throw new IOException(checkpoint + " is not a training checkpoint (expected a name ending in -eNNNN.ckpt)");
        }
        return Integer.parseInt(m.group(1));
    }

    private static void loadCheckpoint(Block block, NDManager manager, Path checkpoint) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint)))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            throw new IOException(checkpoint + " does not fit this network: " + e.getMessage(), e);
        }
    }

    /** Loss on a whole held-out image (cropped to a multiple of 8). */
    private static double heldOutLoss(Block block, NDManager parent, LabelledImage img, ModelMetadata metadata,
                                      int outputs) {
        int mul = UNet.sizeMultiple(UNet.CHANNELS);
        int w = img.width() / mul * mul;
        int h = img.height() / mul * mul;
        float[] x = cropped(img, metadata, w, h);
        float[] y = new float[outputs * w * h];
        for (int c = 0; c < outputs; c++) {
            byte[] target = img.targets().channel(c);
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    y[c * w * h + r * w + col] = target[r * img.width() + col];
                }
            }
        }
        try (NDManager m = parent.newSubManager()) {
            NDArray in = m.create(FloatBuffer.wrap(x), new Shape(1, LabelledImage.BANDS, h, w));
            NDArray logits = block.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow();
            return loss(logits, m.create(FloatBuffer.wrap(y), new Shape(1, outputs, h, w))).getFloat();
        }
    }

    /** Writes {@code roofline-unet.params} (via {@link Model#save}) and {@code roofline-unet.json}. */
    static void save(Model model, Path outDir, ModelMetadata metadata, int epochs) throws IOException {
        Files.createDirectories(outDir);
        Path tmp = Files.createTempDirectory(outDir, ".roofline-save");
        try {
            model.setProperty("Epoch", String.valueOf(epochs));
            model.save(tmp, MODEL_NAME);
            Path written;
            try (var files = Files.list(tmp)) {
                written = files.filter(p -> p.getFileName().toString().endsWith(".params")).findFirst()
                        .orElseThrow(() -> new IOException("DJL wrote no .params file"));
            }
            Files.move(written, outDir.resolve(MODEL_NAME + ".params"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
        Files.writeString(outDir.resolve(MODEL_NAME + ".json"), ModelMetadataJson.toJson(metadata));
    }

    /** Weight of each output channel's loss: footprint, boundary, contact. */
    static final float[] CHANNEL_WEIGHTS = {1f, 0.5f, 0.5f};

    /**
     * Soft-Dice plus sigmoid binary cross-entropy of logits against 0/1 targets, per channel ({@code N x C x H x W}),
     * weighted by {@link #CHANNEL_WEIGHTS}: the Dice term makes the rare contact pixels count as much as the many
     * footprint pixels.
     */
    static NDArray loss(NDArray logits, NDArray target) {
        long channels = logits.getShape().get(1);
        NDArray total = null;
        for (int c = 0; c < channels; c++) {
            NDArray l = logits.get(":, " + c + ":" + (c + 1));
            NDArray y = target.get(":, " + c + ":" + (c + 1));
            NDArray term = channelLoss(l, y).mul(CHANNEL_WEIGHTS[Math.min(c, CHANNEL_WEIGHTS.length - 1)]);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static NDArray channelLoss(NDArray logits, NDArray target) {
        NDArray bce = Activation.relu(logits).sub(logits.mul(target))
                .add(logits.abs().neg().exp().add(1).log()).mean();
        NDArray p = Activation.sigmoid(logits);
        NDArray inter = p.mul(target).sum();
        NDArray dice = inter.mul(2).add(1).div(p.sum().add(target.sum()).add(1)).neg().add(1);
        return bce.add(dice);
    }

    /** The normalized bands of an image cropped to {@code w x h} at its top-left corner. */
    private static float[] cropped(LabelledImage img, ModelMetadata metadata, int w, int h) {
        float[] norm = normalize(img.pixels(), img.width() * img.height(), metadata.normalization());
        float[] x = new float[LabelledImage.BANDS * w * h];
        for (int b = 0; b < LabelledImage.BANDS; b++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(norm, b * img.width() * img.height() + r * img.width(), x, b * w * h + r * w, w);
            }
        }
        return x;
    }

    /**
     * Runs the network on a whole image (cropped to a multiple of 8) and counts building pixels.
     *
     * @return {true positives, false positives, false negatives, true negatives}
     */
    static long[] confusion(Block block, NDManager parent, LabelledImage img, ModelMetadata metadata) {
        int mul = UNet.sizeMultiple(UNet.CHANNELS);
        int w = img.width() / mul * mul;
        int h = img.height() / mul * mul;
        float[] x = cropped(img, metadata, w, h);
        float[] logits;
        try (NDManager m = parent.newSubManager()) {
            NDArray in = m.create(FloatBuffer.wrap(x), new Shape(1, LabelledImage.BANDS, h, w));
            logits = block.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow()
                    .toFloatArray();
        }
        long[] c = new long[4];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                boolean pred = logits[r * w + col] >= 0; // footprint channel (the first): sigmoid >= 0.5
                boolean truth = img.mask()[r * img.width() + col] != 0;
                c[pred ? (truth ? 0 : 1) : (truth ? 2 : 3)]++;
            }
        }
        return c;
    }

    /** @return {means, stds} per band over all pixels of the images */
    static double[][] meanStd(List<LabelledImage> images) {
        int bands = LabelledImage.BANDS;
        double[] s = new double[bands];
        double[] s2 = new double[bands];
        long n = 0;
        for (LabelledImage img : images) {
            int area = img.width() * img.height();
            for (int b = 0; b < bands; b++) {
                for (int i = 0; i < area; i++) {
                    double v = img.pixels()[b * area + i];
                    s[b] += v;
                    s2[b] += v * v;
                }
            }
            n += area;
        }
        double[][] out = new double[2][bands];
        for (int b = 0; b < bands; b++) {
            out[0][b] = s[b] / n;
            out[1][b] = Math.max(1e-6, Math.sqrt(Math.max(0, s2[b] / n - out[0][b] * out[0][b])));
        }
        return out;
    }

    /** @return the pixels ({@code bands x area}) normalized band by band */
    static float[] normalize(float[] pixels, int area, ModelMetadata.Normalization normalization) {
        float[] out = new float[pixels.length];
        for (int b = 0; b < pixels.length / area; b++) {
            for (int i = 0; i < area; i++) {
                out[b * area + i] = normalization.apply(b, pixels[b * area + i]);
            }
        }
        return out;
    }

    /** Largest factor by which a crop is zoomed in or out ({@code 1/MAX_SCALE .. MAX_SCALE}, log-uniform). */
    static final double MAX_SCALE = 1.25;

    /**
     * Writes a random {@code t x t} crop of an image and its first {@code outputs} targets into slot {@code k} of a
     * batch, augmented: a random flip, a rotation by a multiple of 90 degrees, a zoom by up to {@link #MAX_SCALE}
     * either way (nearest neighbour), and brightness and contrast jitter per band. Images smaller than the crop are
     * padded with zeros (the mean) and no building.
     */
    static void crop(LabelledImage img, float[] norm, int t, int outputs, Random random, float[] x, float[] y, int k) {
        int w = img.width();
        int h = img.height();
        double scale = Math.exp((random.nextDouble() * 2 - 1) * Math.log(MAX_SCALE));
        int span = (int) Math.ceil(t * scale);
        int x0 = w >= span ? random.nextInt(w - span + 1) : -random.nextInt(span - w + 1);
        int y0 = h >= span ? random.nextInt(h - span + 1) : -random.nextInt(span - h + 1);
        boolean flip = random.nextBoolean();
        int rot = random.nextInt(4);
        int bands = LabelledImage.BANDS;
        float contrast = (float) (0.85 + 0.3 * random.nextDouble());
        float[] gain = new float[bands];
        float[] offset = new float[bands];
        for (int b = 0; b < bands; b++) {
            gain[b] = contrast * (float) (0.95 + 0.1 * random.nextDouble());
            offset[b] = (float) (0.3 * random.nextDouble() - 0.15);
        }
        int area = w * h;
        int tt = t * t;
        for (int r = 0; r < t; r++) {
            for (int c = 0; c < t; c++) {
                int u = flip ? t - 1 - c : c;
                int v = r;
                for (int q = 0; q < rot; q++) {
                    int nu = t - 1 - v;
                    v = u;
                    u = nu;
                }
                int sx = x0 + (int) ((u + 0.5) * scale);
                int sy = y0 + (int) ((v + 0.5) * scale);
                int dst = r * t + c;
                boolean inside = sx >= 0 && sy >= 0 && sx < w && sy < h;
                int src = inside ? sy * w + sx : 0;
                for (int b = 0; b < bands; b++) {
                    x[(k * bands + b) * tt + dst] = inside ? norm[b * area + src] * gain[b] + offset[b] : 0;
                }
                for (int o = 0; o < outputs; o++) {
                    y[(k * outputs + o) * tt + dst] = inside ? img.targets().channel(o)[src] : 0;
                }
            }
        }
    }

    static boolean isHeldOut(String fileName, List<String> holdOut) {
        String base = fileName.contains(".") ? fileName.substring(0, fileName.indexOf('.')) : fileName;
        for (String h : holdOut) {
            if (h.equals(fileName) || h.equals(base)) {
                return true;
            }
        }
        return false;
    }

    /** Files given, and the files with one of the suffixes in directories given (not recursive), sorted by name. */
    static List<Path> listFiles(List<Path> paths, List<String> suffixes) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(p)) {
                    for (Path f : dir) {
                        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        if (Files.isRegularFile(f) && suffixes.stream().anyMatch(n::endsWith)) {
                            found.add(f);
                        }
                    }
                }
                found.sort(Comparator.comparing(f -> f.getFileName().toString()));
                out.addAll(found);
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException(p + " not found");
            }
        }
        return out;
    }
}
