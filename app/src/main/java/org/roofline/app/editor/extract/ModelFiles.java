package org.roofline.app.editor.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.roofline.inference.model.BundledModel;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.model.TorchScriptModel;

/**
 * Loads the model the user chose, as {@code roofline extract --model} does: nothing (the bundled model), a directory
 * holding a model trained by {@code roofline train}, a TorchScript file with its JSON metadata beside it, or a
 * directory holding exactly one TorchScript file.
 */
final class ModelFiles {

    private ModelFiles() {
    }

    /** @throws ExtractionFailure naming the model file and the problem */
    static SegmentationModel load(Path model, ComputeDevice device) throws ExtractionFailure {
        if (model == null) {
            try {
                return BundledModel.load(device);
            } catch (ModelException e) {
                throw new ExtractionFailure("bundled model", ExtractionFailure.problem(e, "bundled model"), e);
            }
        }
        if (Files.isDirectory(model) && Files.exists(model.resolve(BundledModel.NAME + ".params"))) {
            try {
                return BundledModel.load(model, device);
            } catch (ModelException e) {
                throw new ExtractionFailure(model.toString(), ExtractionFailure.problem(e, model.toString()), e);
            }
        }
        Path file = Files.isDirectory(model) ? torchScriptIn(model) : model;
        if (!Files.isRegularFile(file)) {
            throw new ExtractionFailure(file.toString(), "no such file");
        }
        try {
            return TorchScriptModel.load(file, device);
        } catch (ModelException | RuntimeException e) {
            String problem = ExtractionFailure.problem(e, file.toString());
            String named = "Model file " + file + " "; // the engine's messages name the file again
            if (problem.startsWith(named)) {
                problem = problem.substring(named.length());
            }
            throw new ExtractionFailure(file.toString(), problem, e);
        }
    }

    private static Path torchScriptIn(Path dir) throws ExtractionFailure {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> models = files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ts") || n.endsWith(".torchscript");
            }).sorted().toList();
            if (models.size() != 1) {
                throw new ExtractionFailure(dir.toString(), models.isEmpty() ? "holds no TorchScript model (.pt)"
                        : "holds " + models.size() + " TorchScript models; choose one");
            }
            return models.get(0);
        } catch (IOException e) {
            throw new ExtractionFailure(dir.toString(), "cannot be listed: " + e.getMessage(), e);
        }
    }
}
