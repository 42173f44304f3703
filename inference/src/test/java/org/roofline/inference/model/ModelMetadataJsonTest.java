package org.roofline.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelMetadataJsonTest {

    private static final String MINIMAL = "{\"tileSize\": 256, \"metresPerPixel\": 0.3, \"bandOrder\": [3, 2, 1],"
            + " \"normalization\": {\"kind\": \"min_max\", \"min\": [0, 0, 0], \"max\": [255, 255, 255]},"
            + " \"output\": \"SIGMOID\"}";

    @Test
    void readsFixtureAndDefaults() throws ModelException {
        ModelMetadata m = ModelFixtures.read("tiny-seg.json");
        assertEquals(new ModelMetadata("Tiny segmentation fixture", 64, 8, 0.5, List.of(1, 2, 3),
                ModelMetadata.Normalization.meanStd(List.of(128.0, 128.0, 128.0), List.of(64.0, 64.0, 64.0)),
                ModelMetadata.Output.LOGITS, 0, 0.5), m);

        ModelMetadata d = ModelMetadataJson.parse(MINIMAL, "roofs");
        assertEquals("roofs", d.name());
        assertEquals(0, d.overlap());
        assertEquals(0, d.buildingChannel());
        assertEquals(0.5, d.threshold());
        assertEquals(List.of(3, 2, 1), d.bandOrder());
        assertEquals(ModelMetadata.Normalization.Kind.MIN_MAX, d.normalization().kind());
        assertEquals(ModelMetadata.Output.SIGMOID, d.output());
    }

    @Test
    void roundTrips() throws ModelException {
        ModelMetadata m = ModelFixtures.read("mean-2ch.json");
        assertEquals(m, ModelMetadataJson.parse(ModelMetadataJson.toJson(m), "other"));
        ModelMetadata d = ModelMetadataJson.parse(MINIMAL, "roofs");
        assertEquals(d, ModelMetadataJson.parse(ModelMetadataJson.toJson(d), "other"));
    }

    @Test
    void explainsInvalidMetadata() {
        assertProblem(MINIMAL.replace("[0, 0, 0]", "[0, 0]"), "one min and one max per band");
        assertProblem(MINIMAL.replace("\"SIGMOID\"", "\"softmax\""), "output must be \"logits\" or \"sigmoid\"");
        assertProblem(MINIMAL.replace("\"tileSize\": 256, ", ""), "missing integer \"tileSize\"");
        assertProblem(MINIMAL.replace("256", "8"), "tile size must be at least 16");
        assertProblem(MINIMAL.replace("256", "\"256\""), "\"tileSize\" must be an integer");
        assertProblem(MINIMAL.replace("[3, 2, 1]", "[3, 0, 1]"), "1-based band numbers");
        assertProblem(MINIMAL.replace("\"max\": [255, 255, 255]", "\"max\": [255, 0, 255]"), "band 2 divides by 0");
        assertProblem(MINIMAL.replace("min_max", "zscore"), "kind must be \"mean_std\" or \"min_max\"");
        assertProblem(MINIMAL.replace("\"min\"", "\"mean\""), "unknown normalization key \"mean\"");
        assertProblem("[1, 2]", "expected a JSON object");
        assertProblem(MINIMAL + " {}", "not valid JSON");
        assertProblem(MINIMAL.replace("{\"tileSize\": 256", "{\"tileSize\": 256, \"tileSize\": 256"), "not valid JSON");
    }

    @Test
    void namesTheChannelsOfAModelThatSeparatesBuildings() {
        ModelMetadata plain = ModelMetadataJson.parse(MINIMAL, "roofs");
        assertEquals(List.of(), plain.channels());
        assertEquals(1, plain.planes());
        assertEquals(0, plain.channelIndex(ModelMetadata.FOOTPRINT));
        assertEquals(-1, plain.channelIndex(ModelMetadata.CONTACT));
        assertFalse(plain.separatesInstances());
        assertFalse(ModelMetadataJson.toJson(plain).contains("channels"), "a plain model's JSON stays as it was");

        String three = MINIMAL.replace("\"output\": \"SIGMOID\"}", "\"output\": \"SIGMOID\", \"channels\": [\"footprint\", "
                        + "\"boundary\", \"contact\"]}");
        ModelMetadata m = ModelMetadataJson.parse(three, "roofs");
        assertEquals(List.of("footprint", "boundary", "contact"), m.channels());
        assertEquals(3, m.planes());
        assertEquals(2, m.channelIndex(ModelMetadata.CONTACT));
        assertTrue(m.separatesInstances());
        assertEquals(m, ModelMetadataJson.parse(ModelMetadataJson.toJson(m), "other"));

        // the footprint need not come first, but must be the building channel
        ModelMetadata later = ModelMetadataJson.parse(MINIMAL.replace("\"output\": \"SIGMOID\"}",
                "\"output\": \"SIGMOID\", \"channels\": [\"contact\", \"footprint\"]}"), "x");
        assertEquals(1, later.buildingChannel());
        assertFalse(later.separatesInstances());
        assertProblem(MINIMAL.replace("\"output\": \"SIGMOID\"}",
                "\"output\": \"SIGMOID\", \"channels\": [\"footprint\", \"roof\"]}"), "unknown channel role \"roof\"");
        assertProblem(MINIMAL.replace("\"output\": \"SIGMOID\"}",
                "\"output\": \"SIGMOID\", \"channels\": [\"boundary\", \"boundary\"]}"), "named twice");
        assertProblem(MINIMAL.replace("\"output\": \"SIGMOID\"}",
                "\"output\": \"SIGMOID\", \"buildingChannel\": 1, \"channels\": [\"footprint\", \"contact\"]}"),
                "must be the building channel 1");
    }

    private static void assertProblem(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelMetadataJson.parse(json, "x"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
