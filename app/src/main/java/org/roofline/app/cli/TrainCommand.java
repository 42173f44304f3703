package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.training.SegmentationTrainer;
import org.roofline.inference.training.TrainingConfig;
import org.roofline.inference.training.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roofline train}: trains Roofline's own U-Net on georeferenced images and building polygons. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        header = "Trains Roofline's segmentation network on images and building labels.",
        description = "Images (GeoTIFF, or JPEG/PNG with sidecar georeferencing) and labels (GeoJSON, Shapefile, "
                + "GeoPackage) in any CRS; labels are rasterized on each image's grid. Held-out images are never "
                + "trained on and give the validation figures. Writes roofline-unet.params and roofline-unet.json "
                + "to --out; use them with 'extract --model DIR'.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR|FILE", split = ",",
            description = "Image files or directories (comma-separated).")
    List<Path> images;

    @Option(names = "--labels", required = true, paramLabel = "FILE|DIR", split = ",",
            description = "Label files or directories (comma-separated).")
    List<Path> labels;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Where the model is written.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--tile", paramLabel = "PX", defaultValue = "128",
            description = "Training crop size, a multiple of 8 (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--hold-out", paramLabel = "NAME", split = ",",
            description = "Image names (or base names) kept out of training and used for validation.")
    List<String> holdOut = List.of();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Crops per optimizer step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.002",
            description = "Adam's initial learning rate, cosine decay to 1/20 of it (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--footprint-only",
            description = "Learn the footprint alone, without the boundary and contact channels that separate "
                    + "touching buildings (the model of Roofline 0.1).")
    boolean footprintOnly;

    @Option(names = "--checkpoint-every", paramLabel = "EPOCHS", defaultValue = "10",
            description = "Measure the held-out loss and write a checkpoint to MODEL_DIR/checkpoints every so many "
                    + "epochs; 0 for never (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue from a checkpoint (MODEL_DIR/checkpoints/roofline-unet-eNNNN.ckpt) with the "
                    + "same options: its epoch count and learning-rate schedule go on.")
    Path resume;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingConfig config;
        try {
            config = new TrainingConfig(images, labels, this.out, epochs, tile, seed, holdOut, 0.3, batch,
                    learningRate, Math.max(256, tile), !footprintOnly, checkpointEvery, resume);
        } catch (IllegalArgumentException e) {
            throw InvalidOption.of(spec, "--epochs/--tile/--batch/--lr/--checkpoint-every", e.getMessage());
        }
        TrainingReport report;
        try {
            report = SegmentationTrainer.train(config, line -> {
                spec.commandLine().getErr().println(line);
                spec.commandLine().getErr().flush();
            });
        } catch (IOException e) {
            throw new CliException(this.out.toString(), e.getMessage(), e);
        } catch (ModelException e) {
            throw new CliException(this.out.toString(), e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "train: %d epoch%s in %.0f s, %,d parameters -> %s%n", report.epochs(),
                report.epochs() == 1 ? "" : "s", report.seconds(), report.parameterCount(), report.paramsFile());
        if (!report.heldOutImages().isEmpty()) {
            out.printf(Locale.ROOT, "  held out: pixel IoU %.3f, pixel F1 %.3f over %d image%s%n", report.heldOutIou(),
                    report.heldOutF1(), report.heldOutImages().size(), report.heldOutImages().size() == 1 ? "" : "s");
        } else {
            out.println("  no held-out images (--hold-out): nothing measured on unseen data");
        }
        for (Map.Entry<String, Double> e : report.perImageIou().entrySet()) {
            out.printf(Locale.ROOT, "  held out %-40s IoU %.3f%n", e.getKey(), e.getValue());
        }
        out.flush();
        return 0;
    }
}
