package org.roofline.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.roofline.inference.model.BundledModel;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.ModelMetadataJson;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.model.TorchScriptModel;

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
     * @param model     a TorchScript file (with its JSON metadata beside it), or a directory holding one
     * @param tile      tile size to use instead of the metadata's, or 0
     * @param overlap   overlap to use instead of the metadata's, or -1
     */
    static SegmentationModel load(Path model, ComputeDevice device, int tile, int overlap) {
        if (model == null || (Files.isDirectory(model)
                && Files.exists(model.resolve(BundledModel.NAME + ".params")))) {
            if (tile > 0 || overlap >= 0) {
                throw new CliException("--tile/--overlap", "apply to TorchScript models; the bundled model keeps its own");
            }
            try {
                return model == null ? BundledModel.load(device) : BundledModel.load(model, device);
            } catch (ModelException e) {
                throw new CliException(model == null ? "bundled model" : model.toString(), e.getMessage(), e);
            }
        }
        Path file = model;
        try {
            if (Files.isDirectory(model)) {
                file = torchScriptIn(model);
            }
            if (!Files.exists(file)) {
                throw new CliException(file.toString(), "no such file");
            }
            ModelMetadata md = ModelMetadataJson.read(ModelMetadataJson.locate(file));
            if (tile > 0 || overlap >= 0) {
                md = new ModelMetadata(md.name(), tile > 0 ? tile : md.tileSize(), overlap >= 0 ? overlap : md.overlap(),
                        md.metresPerPixel(), md.bandOrder(), md.normalization(), md.output(), md.buildingChannel(),
                        md.threshold());
            }
            return TorchScriptModel.load(file, md, device);
        } catch (ModelException e) {
            throw new CliException(file.toString(), e.getMessage().startsWith(file.toString())
                    ? e.getMessage().substring(file.toString().length()).replaceFirst("^:\\s*", "")
                    : e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(file.toString(), e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new CliException(file.toString(), ConvertCommand.stripSubject(e.getMessage(), file), e);
        }
    }

    private static Path torchScriptIn(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> models = files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ts") || n.endsWith(".torchscript");
            }).sorted().toList();
            if (models.size() != 1) {
                throw new CliException(dir.toString(), models.isEmpty() ? "holds no TorchScript model (.pt)"
                        : "holds " + models.size() + " TorchScript models; name one");
            }
            return models.get(0);
        }
    }
}
