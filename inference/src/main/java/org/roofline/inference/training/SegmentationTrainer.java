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
import org.locationtech.jts.geom.Geometry;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelException;
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
        List<Geometry> polygons = LabelledImage.readPolygons(labelFiles);
        log.accept("labels: " + polygons.size() + " polygons from " + labelFiles.size() + " file(s)");

        List<LabelledImage> train = new ArrayList<>();
        List<LabelledImage> held = new ArrayList<>();
        for (Path f : imageFiles) {
            LabelledImage image;
            try {
                image = LabelledImage.load(f, polygons, config.metresPerPixel());
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
        ModelMetadata metadata = new ModelMetadata("Roofline U-Net " + config.metresPerPixel() + " m",
                config.inferenceTile(), OVERLAP, config.metresPerPixel(), List.of(1, 2, 3),
                ModelMetadata.Normalization.meanStd(List.of(meanStd[0][0], meanStd[0][1], meanStd[0][2]),
                        List.of(meanStd[1][0], meanStd[1][1], meanStd[1][2])),
                ModelMetadata.Output.LOGITS, 0, 0.5);
        List<float[]> trainNorm = new ArrayList<>();
        for (LabelledImage img : train) {
            trainNorm.add(normalize(img.pixels(), img.width() * img.height(), metadata.normalization()));
        }

        TorchEngine.start();
        Engine engine = Engine.getEngine(TorchEngine.ENGINE_NAME);
        engine.setRandomSeed((int) config.seed());
        Random random = new Random(config.seed());
        int t = config.tile();
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
        Tracker tracker = Tracker.cosine().setBaseValue(lr).optFinalValue(lr / 20).setMaxUpdates(totalSteps).build();
        List<Double> losses = new ArrayList<>();
        Map<String, Double> perImage = new LinkedHashMap<>();
        double iou;
        double f1;
        long params;
        Path paramsFile = config.outDir().resolve(MODEL_NAME + ".params");
        Path jsonFile = config.outDir().resolve(MODEL_NAME + ".json");
        try (Model model = Model.newInstance(MODEL_NAME, Device.cpu(), TorchEngine.ENGINE_NAME)) {
            Block block = UNet.build();
            model.setBlock(block);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(tracker).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(config.batchSize(), LabelledImage.BANDS, t, t));
                params = UNet.parameterCount(block);
                log.accept("U-Net " + java.util.Arrays.toString(UNet.CHANNELS) + ": " + params + " parameters; "
                        + train.size() + " training images, " + cropsPerEpoch + " crops of " + t + " x " + t
                        + " per epoch, batch " + config.batchSize());
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
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
                        float[] y = new float[n * t * t];
                        for (int k = 0; k < n; k++) {
                            int i = order.get(b0 + k);
                            crop(train.get(i), trainNorm.get(i), t, random, x, y, k);
                        }
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray xa = m.create(FloatBuffer.wrap(x), new Shape(n, LabelledImage.BANDS, t, t));
                            NDArray ya = m.create(FloatBuffer.wrap(y), new Shape(n, 1, t, t));
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
            log.accept(String.format(Locale.ROOT, "held-out building IoU %.3f, F1 %.3f (%d images)", iou, f1,
                    held.size()));
            save(model, config.outDir(), metadata, config.epochs());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingReport(config.epochs(), seconds, losses, iou, f1, perImage, params,
                train.stream().map(LabelledImage::name).toList(), held.stream().map(LabelledImage::name).toList(),
                paramsFile, jsonFile);
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

    /** Soft-Dice plus sigmoid binary cross-entropy of logits against 0/1 targets. */
    static NDArray loss(NDArray logits, NDArray target) {
        NDArray bce = Activation.relu(logits).sub(logits.mul(target))
                .add(logits.abs().neg().exp().add(1).log()).mean();
        NDArray p = Activation.sigmoid(logits);
        NDArray inter = p.mul(target).sum();
        NDArray dice = inter.mul(2).add(1).div(p.sum().add(target.sum()).add(1)).neg().add(1);
        return bce.add(dice);
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
        float[] norm = normalize(img.pixels(), img.width() * img.height(), metadata.normalization());
        float[] x = new float[LabelledImage.BANDS * w * h];
        for (int b = 0; b < LabelledImage.BANDS; b++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(norm, b * img.width() * img.height() + r * img.width(), x, b * w * h + r * w, w);
            }
        }
        float[] logits;
        try (NDManager m = parent.newSubManager()) {
            NDArray in = m.create(FloatBuffer.wrap(x), new Shape(1, LabelledImage.BANDS, h, w));
            logits = block.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow()
                    .toFloatArray();
        }
        long[] c = new long[4];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                boolean pred = logits[r * w + col] >= 0; // sigmoid >= 0.5
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

    /**
     * Writes a random {@code t x t} crop (random flip and rotation by a multiple of 90 degrees) of an image into slot
     * {@code k} of a batch; images smaller than the crop are padded with zeros (the mean) and no building.
     */
    static void crop(LabelledImage img, float[] norm, int t, Random random, float[] x, float[] y, int k) {
        int w = img.width();
        int h = img.height();
        int x0 = w >= t ? random.nextInt(w - t + 1) : -random.nextInt(t - w + 1);
        int y0 = h >= t ? random.nextInt(h - t + 1) : -random.nextInt(t - h + 1);
        boolean flip = random.nextBoolean();
        int rot = random.nextInt(4);
        int area = w * h;
        int tt = t * t;
        int bands = LabelledImage.BANDS;
        for (int r = 0; r < t; r++) {
            for (int c = 0; c < t; c++) {
                int u = flip ? t - 1 - c : c;
                int v = r;
                for (int q = 0; q < rot; q++) {
                    int nu = t - 1 - v;
                    v = u;
                    u = nu;
                }
                int sx = x0 + u;
                int sy = y0 + v;
                int dst = r * t + c;
                if (sx >= 0 && sy >= 0 && sx < w && sy < h) {
                    int src = sy * w + sx;
                    for (int b = 0; b < bands; b++) {
                        x[(k * bands + b) * tt + dst] = norm[b * area + src];
                    }
                    y[k * tt + dst] = img.mask()[src];
                } else {
                    for (int b = 0; b < bands; b++) {
                        x[(k * bands + b) * tt + dst] = 0;
                    }
                    y[k * tt + dst] = 0;
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
