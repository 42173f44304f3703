package org.roofline.inference.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The TorchScript fixtures of src/test/resources/models (made by make_fixture.py) and variants of their metadata. */
final class ModelFixtures {

    private ModelFixtures() {
    }

    /** @return a fixture file, e.g. {@code tiny-seg.pt} */
    static Path resource(String name) {
        try {
            return Path.of(ModelFixtures.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource models/" + name, e);
        }
    }

    /** Copies fixture {@code model} into {@code dir} with the given metadata JSON beside it. */
    static Path withMetadata(Path dir, String model, String json) throws IOException {
        Path copy = Files.copy(resource(model), dir.resolve(model));
        Files.writeString(dir.resolve(model.replaceFirst("\\.pt$", ".json")), json);
        return copy;
    }

    /** Copies fixture {@code model} into {@code dir} with the given metadata beside it. */
    static Path withMetadata(Path dir, String model, ModelMetadata metadata) throws IOException {
        return withMetadata(dir, model, ModelMetadataJson.toJson(metadata));
    }

    static ModelMetadata read(String json) throws ModelException {
        return ModelMetadataJson.read(resource(json));
    }

    static ModelMetadata with(ModelMetadata m, int tileSize, int bands, int buildingChannel,
                              ModelMetadata.Output output) {
        java.util.List<Integer> order = new java.util.ArrayList<>();
        java.util.List<Double> a = new java.util.ArrayList<>();
        java.util.List<Double> b = new java.util.ArrayList<>();
        for (int i = 0; i < bands; i++) {
            order.add(i + 1);
            a.add(m.normalization().a().get(Math.min(i, m.bands() - 1)));
            b.add(m.normalization().b().get(Math.min(i, m.bands() - 1)));
        }
        return new ModelMetadata(m.name(), tileSize, Math.min(m.overlap(), tileSize / 2 - 1), m.metresPerPixel(),
                order, new ModelMetadata.Normalization(m.normalization().kind(), a, b), output, buildingChannel,
                m.threshold());
    }
}
