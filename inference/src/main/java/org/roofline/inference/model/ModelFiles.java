package org.roofline.inference.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.roofline.geometry.text.OneLine;

/**
 * Loads the model a user names, the same way everywhere (command line, editor): nothing for the bundled model, a
 * folder holding a model trained by {@code roofline train} ({@code roofline-unet.params} + {@code .json}), a
 * TorchScript file with its JSON metadata beside it, or a folder holding exactly one TorchScript file. Nothing is
 * downloaded. Every failure is a {@link Failure} naming the file and the problem.
 */
public final class ModelFiles {

    /** A model that cannot be found or loaded: {@code file} is what to name to the user, {@code problem} why. */
    public static final class Failure extends ModelException {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final String problem;

        public Failure(String file, String problem, Throwable cause) {
            super(file + ": " + problem, cause);
            this.file = file;
            this.problem = problem;
        }

        public String file() {
            return file;
        }

        public String problem() {
            return problem;
        }
    }

    private ModelFiles() {
    }

    /** Loads a model with its own tile size and overlap; {@code model} null for the bundled one. */
    public static SegmentationModel load(Path model, ComputeDevice device) throws Failure {
        return load(model, device, 0, -1);
    }

    /**
     * @param model   null for the bundled model, a folder or a TorchScript file
     * @param tile    tile size instead of the metadata's (TorchScript only), or 0
     * @param overlap overlap instead of the metadata's (TorchScript only), or -1
     * @throws Failure naming the file: missing, not a model, metadata that does not match, a folder with no or
     *                 several TorchScript files, tile/overlap given for Roofline's own model
     */
    public static SegmentationModel load(Path model, ComputeDevice device, int tile, int overlap) throws Failure {
        Objects.requireNonNull(device, "device");
        if (model == null || (Files.isDirectory(model)
                && Files.exists(model.resolve(BundledModel.NAME + ".params")))) {
            String name = model == null ? "bundled model" : model.toString();
            if (tile > 0 || overlap >= 0) {
                throw new Failure("--tile/--overlap", "apply to TorchScript models; the bundled model keeps its own",
                        null);
            }
            try {
                return model == null ? BundledModel.load(device) : BundledModel.load(model, device);
            } catch (ModelException e) {
                throw new Failure(name, problem(e, name), e);
            }
        }
        Path file = Files.isDirectory(model) ? torchScriptIn(model) : model;
        if (!Files.exists(file)) {
            throw new Failure(file.toString(), "no such file", null);
        }
        try {
            ModelMetadata md = ModelMetadataJson.read(ModelMetadataJson.locate(file));
            if (tile > 0 || overlap >= 0) {
                md = new ModelMetadata(md.name(), tile > 0 ? tile : md.tileSize(),
                        overlap >= 0 ? overlap : md.overlap(), md.metresPerPixel(), md.bandOrder(),
                        md.normalization(), md.output(), md.buildingChannel(), md.threshold(), md.channels());
            }
            return TorchScriptModel.load(file, md, device);
        } catch (ModelException | RuntimeException e) {
            String problem = problem(e, file.toString());
            String named = "Model file " + file + " "; // the engine's messages name the file again
            if (problem.startsWith(named)) {
                problem = problem.substring(named.length());
            }
            throw new Failure(file.toString(), problem, e);
        }
    }

    private static Path torchScriptIn(Path dir) throws Failure {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> models = files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ts") || n.endsWith(".torchscript");
            }).sorted().toList();
            if (models.size() != 1) {
                throw new Failure(dir.toString(), models.isEmpty() ? "holds no TorchScript model (.pt)"
                        : "holds " + models.size() + " TorchScript models; name one", null);
            }
            return models.get(0);
        } catch (IOException e) {
            throw new Failure(dir.toString(), "cannot be listed: " + e.getMessage(), e);
        }
    }

    /** The problem part of a message, without a leading {@code <subject>: } and on one line. */
    private static String problem(Throwable e, String subject) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            e = u.getCause();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = OneLine.of(m);
        if (m.startsWith(subject + ": ")) {
            return m.substring(subject.length() + 2);
        }
        if (m.startsWith(subject)) {
            return m.substring(subject.length()).replaceFirst("^:\\s*", "");
        }
        return m;
    }
}
