package org.roofline.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptModelTest {

    private static final int SIZE = 64;
    private static final int AREA = SIZE * SIZE;

    private static float sigmoid(double x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** The ramp tile of make_fixture.py: arange(3 * 64 * 64) / (3 * 64 * 64). */
    private static float[] ramp() {
        float[] t = new float[3 * AREA];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) i / t.length;
        }
        return t;
    }

    private static float[] filled(int size, float... perBand) {
        float[] t = new float[perBand.length * size * size];
        for (int b = 0; b < perBand.length; b++) {
            Arrays.fill(t, b * size * size, (b + 1) * size * size, perBand[b]);
        }
        return t;
    }

    private static void assertOneLineNaming(ModelException e, String fileName) {
        String m = e.getMessage();
        assertTrue(m.contains(fileName), "message should name " + fileName + ": " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), "message should be one line: " + m);
    }

    @Test
    void tinySegLoadsAndPredictsKnownLogits() throws ModelException {
        try (TorchScriptModel model = TorchScriptModel.load(ModelFixtures.resource("tiny-seg.pt"), ComputeDevice.CPU)) {
            ModelMetadata m = model.metadata();
            assertEquals("Tiny segmentation fixture", m.name());
            assertEquals(64, m.tileSize());
            assertEquals(3, m.bands());
            assertEquals(ModelMetadata.Output.LOGITS, m.output());
            assertEquals("cpu()", model.device());

            List<float[]> out = model.predict(List.of(new float[3 * AREA], ramp(), new float[3 * AREA]));
            assertEquals(3, out.size());
            for (float[] p : out) {
                assertEquals(AREA, p.length);
                for (float v : p) {
                    assertTrue(v > 0 && v < 1, "probability out of range: " + v);
                }
            }
            // Reference logits printed by make_fixture.py (torch 1.13).
            assertEquals(sigmoid(0.04466209), out.get(0)[0], 1e-6);
            assertEquals(sigmoid(0.06461080), out.get(0)[31 * SIZE + 17], 1e-6);
            assertEquals(sigmoid(0.05175810), out.get(1)[0], 1e-6);
            assertEquals(sigmoid(-0.01456940), out.get(1)[31 * SIZE + 17], 1e-6);
            assertEquals(sigmoid(0.03841273), out.get(1)[63 * SIZE + 63], 1e-6);
            assertArrayEquals(out.get(0), out.get(2));
            // A batch gives the same as tiles one by one.
            assertArrayEquals(out.get(1), model.predict(List.of(ramp())).get(0), 1e-6f);
            assertEquals(List.of(), model.predict(List.of()));
            assertThrows(IllegalArgumentException.class, () -> model.predict(List.of(new float[AREA])));
        }
    }

    @Test
    void meanModelGivesExactSigmoidOfBuildingChannel(@TempDir Path dir) throws Exception {
        // mean-2ch: output [-mean, mean] of the input channels; metadata: building channel 1, logits, tile 32.
        try (TorchScriptModel model = TorchScriptModel.load(ModelFixtures.resource("mean-2ch.pt"), ComputeDevice.AUTO)) {
            assertEquals(32, model.metadata().tileSize());
            List<float[]> out = model.predict(List.of(filled(32, 1f, 2f, 3f), filled(32, -3f, -3f, 0f)));
            for (float v : out.get(0)) {
                assertEquals(sigmoid(2), v, 1e-7);
            }
            for (float v : out.get(1)) {
                assertEquals(sigmoid(-2), v, 1e-7);
            }
        }
        ModelMetadata base = ModelFixtures.read("mean-2ch.json");
        Path channel0 = ModelFixtures.withMetadata(Files.createDirectory(dir.resolve("c0")), "mean-2ch.pt",
                ModelFixtures.with(base, 32, 3, 0, ModelMetadata.Output.LOGITS));
        try (TorchScriptModel model = TorchScriptModel.load(channel0, ComputeDevice.CPU)) {
            assertEquals(sigmoid(-2), model.predict(List.of(filled(32, 1f, 2f, 3f))).get(0)[5], 1e-7);
        }
        // Output "sigmoid": values are taken as probabilities (clipped to [0, 1]), 4 bands and tile 16 work too.
        Path probs = ModelFixtures.withMetadata(Files.createDirectory(dir.resolve("p")), "mean-2ch.pt",
                ModelFixtures.with(base, 16, 4, 1, ModelMetadata.Output.SIGMOID));
        try (TorchScriptModel model = TorchScriptModel.load(probs, ComputeDevice.CPU)) {
            List<float[]> out = model.predict(List.of(filled(16, 0.1f, 0.2f, 0.3f, 0.6f), filled(16, 3, 3, 3, 3)));
            assertEquals(256, out.get(0).length);
            assertEquals(0.3f, out.get(0)[100], 1e-7);
            assertEquals(1f, out.get(1)[0]);
        }
    }

    @Test
    void sharedModelJsonIsFound(@TempDir Path dir) throws Exception {
        Path model = Files.copy(ModelFixtures.resource("mean-2ch.pt"), dir.resolve("weights.pt"));
        Files.copy(ModelFixtures.resource("mean-2ch.json"), dir.resolve("model.json"));
        assertEquals(dir.resolve("model.json"), ModelMetadataJson.locate(model));
        try (TorchScriptModel m = TorchScriptModel.load(model, ComputeDevice.CPU)) {
            assertEquals(1, m.metadata().buildingChannel());
        }
    }

    @Test
    void wrongTileSizeIsRejected(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.withMetadata(dir, "tiny-seg.pt",
                ModelFixtures.with(ModelFixtures.read("tiny-seg.json"), 128, 3, 0, ModelMetadata.Output.LOGITS));
        ModelException e = assertThrows(ModelException.class, () -> TorchScriptModel.load(model, ComputeDevice.CPU));
        assertOneLineNaming(e, "tiny-seg.pt");
        assertTrue(e.getMessage().contains("1 x 1 x 64 x 64") && e.getMessage().contains("tile size 128"),
                e.getMessage());
    }

    @Test
    void fourBandMetadataForThreeChannelModelIsRejected(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.withMetadata(dir, "tiny-seg.pt",
                ModelFixtures.with(ModelFixtures.read("tiny-seg.json"), 64, 4, 0, ModelMetadata.Output.LOGITS));
        ModelException e = assertThrows(ModelException.class, () -> TorchScriptModel.load(model, ComputeDevice.CPU));
        assertOneLineNaming(e, "tiny-seg.pt");
        assertTrue(e.getMessage().contains("rejects a 1 x 4 x 64 x 64 input (metadata: 4 bands"), e.getMessage());
        System.out.println("4 bands: " + e.getMessage());
    }

    @Test
    void buildingChannelBeyondOutputChannelsIsRejected(@TempDir Path dir) throws Exception {
        Path model = ModelFixtures.withMetadata(dir, "tiny-seg.pt",
                ModelFixtures.with(ModelFixtures.read("tiny-seg.json"), 64, 3, 1, ModelMetadata.Output.LOGITS));
        ModelException e = assertThrows(ModelException.class, () -> TorchScriptModel.load(model, ComputeDevice.CPU));
        assertOneLineNaming(e, "tiny-seg.pt");
        assertTrue(e.getMessage().contains("gives 1 output channel") && e.getMessage().contains("building channel is 1"),
                e.getMessage());
    }

    @Test
    void nonModelFilesAreRejected(@TempDir Path dir) throws Exception {
        String json = Files.readString(ModelFixtures.resource("tiny-seg.json"));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path random = dir.resolve("noise.pt");
        Files.write(random, noise);
        Files.writeString(dir.resolve("noise.json"), json);
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a model\n");
        Files.writeString(dir.resolve("notes.json"), json);
        for (Path file : List.of(random, text)) {
            ModelException e = assertThrows(ModelException.class, () -> TorchScriptModel.load(file, ComputeDevice.CPU));
            assertOneLineNaming(e, file.getFileName().toString());
            assertTrue(e.getMessage().contains("is not a TorchScript model"), e.getMessage());
            System.out.println("non-model: " + e.getMessage());
        }
    }

    @Test
    void missingOrGarbledMetadataIsRejected(@TempDir Path dir) throws IOException {
        Path model = Files.copy(ModelFixtures.resource("tiny-seg.pt"), dir.resolve("tiny-seg.pt"));
        ModelException missing = assertThrows(ModelException.class,
                () -> TorchScriptModel.load(model, ComputeDevice.CPU));
        assertOneLineNaming(missing, "tiny-seg.pt");
        assertTrue(missing.getMessage().startsWith("No metadata for model"), missing.getMessage());

        Files.writeString(dir.resolve("tiny-seg.json"), "{\"name\": \"x\", \"tileSize\": 64,, }");
        ModelException garbled = assertThrows(ModelException.class,
                () -> TorchScriptModel.load(model, ComputeDevice.CPU));
        assertOneLineNaming(garbled, "tiny-seg.json");
        assertTrue(garbled.getMessage().contains("not valid JSON"), garbled.getMessage());

        Files.writeString(dir.resolve("tiny-seg.json"), "{\"name\": \"x\", \"tilesize\": 64}");
        ModelException typo = assertThrows(ModelException.class,
                () -> TorchScriptModel.load(model, ComputeDevice.CPU));
        assertOneLineNaming(typo, "tiny-seg.json");
        assertTrue(typo.getMessage().contains("unknown key \"tilesize\""), typo.getMessage());

        Path absent = dir.resolve("absent.pt");
        ModelException noFile = assertThrows(ModelException.class,
                () -> TorchScriptModel.load(absent, ModelFixtures.read("tiny-seg.json"), ComputeDevice.CPU));
        assertOneLineNaming(noFile, "absent.pt");
    }
}
