package org.roofline.inference.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.inference.model.UNet;
import org.roofline.inference.model.BundledModel;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.TorchEngine;

class SegmentationTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void trainsOnTwoChipsLowersTheLossAndWritesALoadableModel() throws Exception {
        Path k = TrainingTestData.kampala();
        List<Path> images = List.of(k.resolve("chips/OAM-309612-261632-19.tif"),
                k.resolve("chips/OAM-309613-261633-19.tif"), k.resolve("chips/OAM-619228-523265-20.tif"));
        Path out = tmp.resolve("out");
        TrainingConfig config = new TrainingConfig(images, List.of(k.resolve("labels")), out, 3, 64, 7L,
                List.of("OAM-619228-523265-20"), 0.3, 4, 3e-3, 128);
        List<String> log = new ArrayList<>();
        TrainingReport report = SegmentationTrainer.train(config, log::add);
        assertEquals(3, report.epochs());
        assertEquals(3, report.trainLoss().size());
        assertTrue(report.trainLoss().get(2) < report.trainLoss().get(0), "loss " + report.trainLoss());
        assertEquals(List.of("OAM-309612-261632-19.tif", "OAM-309613-261633-19.tif"), report.trainImages());
        assertEquals(List.of("OAM-619228-523265-20.tif"), report.heldOutImages());
        assertTrue(report.heldOutIou() >= 0 && report.heldOutIou() <= 1, "IoU " + report.heldOutIou());
        assertTrue(report.parameterCount() > 0);
        assertTrue(Files.size(out.resolve("roofline-unet.params")) < 5_000_000);
        try (BundledModel model = BundledModel.load(out, ComputeDevice.CPU)) {
            ModelMetadata md = model.metadata();
            assertEquals(128, md.tileSize());
            assertEquals(ModelMetadata.Output.LOGITS, md.output());
            assertEquals(ModelMetadata.Normalization.Kind.MEAN_STD, md.normalization().kind());
            float[] tile = new float[3 * 128 * 128];
            Random r = new Random(1);
            for (int i = 0; i < tile.length; i++) {
                tile[i] = (float) r.nextGaussian();
            }
            List<float[]> p = model.predict(List.of(tile, tile));
            assertEquals(2, p.size());
            assertEquals(128 * 128, p.get(0).length);
            for (float v : p.get(0)) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
    }

    @Test
    void learnsFootprintBoundaryAndContactWithCheckpointsAndResumes() throws Exception {
        Path k = TrainingTestData.kampala();
        List<Path> images = List.of(k.resolve("chips/OAM-309612-261632-19.tif"),
                k.resolve("chips/OAM-619228-523265-20.tif"));
        Path out = tmp.resolve("three");
        TrainingConfig config = new TrainingConfig(images, List.of(k.resolve("labels")), out, 2, 64, 7L,
                List.of("OAM-619228-523265-20"), 0.3, 4, 3e-3, 128, true, 1, null);
        List<String> log = new ArrayList<>();
        SegmentationTrainer.train(config, log::add);
        Path first = out.resolve("checkpoints/roofline-unet-e0001.ckpt");
        assertTrue(Files.isRegularFile(first), log.toString());
        assertTrue(Files.isRegularFile(out.resolve("checkpoints/e0002/roofline-unet.params")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("checkpoint epoch 1: held-out loss")), log.toString());
        try (BundledModel model = BundledModel.load(out, ComputeDevice.CPU)) {
            assertEquals(List.of("footprint", "boundary", "contact"), model.metadata().channels());
            List<float[]> p = model.predict(List.of(new float[3 * 128 * 128]));
            assertEquals(3 * 128 * 128, p.get(0).length);
        }

        // resuming from the last checkpoint with nothing left to train gives that checkpoint's network back
        List<String> resumed = new ArrayList<>();
        Path last = out.resolve("checkpoints/roofline-unet-e0002.ckpt");
        Path again = tmp.resolve("again");
        TrainingReport r = SegmentationTrainer.train(new TrainingConfig(images, List.of(k.resolve("labels")), again,
                2, 64, 7L, List.of("OAM-619228-523265-20"), 0.3, 4, 3e-3, 128, true, 0, last), resumed::add);
        assertTrue(resumed.stream().anyMatch(l -> l.contains("resumed from") && l.contains("at epoch 3")),
                resumed.toString());
        assertEquals(0, r.trainLoss().size(), "no epoch is left to train");
        Random rnd = new Random(3);
        float[] input = new float[3 * 128 * 128];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rnd.nextGaussian();
        }
        try (BundledModel a = BundledModel.load(out.resolve("checkpoints/e0002"), ComputeDevice.CPU);
             BundledModel b = BundledModel.load(again, ComputeDevice.CPU);
             BundledModel fresh = BundledModel.load(out.resolve("checkpoints/e0001"), ComputeDevice.CPU)) {
            float[] pa = a.predict(List.of(input)).get(0);
            assertArrayEquals(pa, b.predict(List.of(input)).get(0), 1e-6f);
            assertFalse(java.util.Arrays.equals(pa, fresh.predict(List.of(input)).get(0)), "epochs 1 and 2 differ");
        }
        assertEquals(2, SegmentationTrainer.checkpointEpoch(out.resolve("checkpoints/roofline-unet-e0002.ckpt")));
        assertThrows(java.io.IOException.class, () -> SegmentationTrainer.checkpointEpoch(tmp.resolve("x.params")));
    }

    @Test
    void aChipsOwnLabelFileLabelsThatChipAlone() throws Exception {
        Path k = TrainingTestData.kampala();
        Path chip = k.resolve("chips/OAM-309612-261632-19.tif");
        Path other = k.resolve("chips/OAM-619228-523265-20.tif");
        LabelSets sets = LabelSets.read(List.of(k.resolve("labels/OAM-309612-261632-19.geojson"),
                k.resolve("labels/OAM-619228-523265-20.geojson")), List.of(chip, other));
        int own = LabelledImage.readPolygons(List.of(k.resolve("labels/OAM-309612-261632-19.geojson"))).size();
        assertEquals(own, sets.forImage(chip).size());
        assertEquals(sets.count() - own, sets.forImage(other).size());
        // a file named like no image is shared by all
        LabelSets shared = LabelSets.read(List.of(k.resolve("labels/OAM-619228-523265-20.geojson")), List.of(chip));
        assertEquals(shared.count(), shared.forImage(chip).size());
    }

    @Test
    void missingOrBrokenFilesAreModelExceptions() throws Exception {
        ModelException missing = assertThrows(ModelException.class,
                () -> BundledModel.load(tmp.resolve("nothing"), ComputeDevice.CPU));
        assertTrue(missing.getMessage().contains("roofline-unet.params"), missing.getMessage());
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("roofline-unet.params"), "not a model");
        Files.writeString(dir.resolve("roofline-unet.json"), "{\"tileSize\": 64, \"metresPerPixel\": 0.3, "
                + "\"bandOrder\": [1, 2, 3], \"normalization\": {\"kind\": \"mean_std\", \"mean\": [0, 0, 0], "
                + "\"std\": [1, 1, 1]}, \"output\": \"logits\"}");
        ModelException broken = assertThrows(ModelException.class, () -> BundledModel.load(dir, ComputeDevice.CPU));
        assertTrue(broken.getMessage().contains("not a Roofline U-Net"), broken.getMessage());

        // a DJL parameter file of another network (a U-Net with other channels)
        Path other = tmp.resolve("other");
        ModelMetadata md = new ModelMetadata("other", 64, 8, 0.3, List.of(1, 2, 3),
                ModelMetadata.Normalization.meanStd(List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)),
                ModelMetadata.Output.LOGITS, 0, 0.5);
        TorchEngine.start();
        try (Model model = Model.newInstance("x", Device.cpu(), TorchEngine.ENGINE_NAME)) {
            Block block = UNet.build(new int[] {8, 16});
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
            SegmentationTrainer.save(model, other, md, 1);
        }
        ModelException wrong = assertThrows(ModelException.class, () -> BundledModel.load(other, ComputeDevice.CPU));
        assertTrue(wrong.getMessage().contains("not a Roofline U-Net"), wrong.getMessage());
    }

    @Test
    void heldOutNamesMatchFileOrBaseName() {
        assertTrue(SegmentationTrainer.isHeldOut("OAM-1-2-19.tif", List.of("OAM-1-2-19")));
        assertTrue(SegmentationTrainer.isHeldOut("OAM-1-2-19.tif", List.of("OAM-1-2-19.tif")));
        assertFalse(SegmentationTrainer.isHeldOut("OAM-1-2-19.tif", List.of("OAM-1-2")));
    }
}
