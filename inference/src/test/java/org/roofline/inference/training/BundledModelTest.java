package org.roofline.inference.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RasterWindow;
import org.roofline.inference.model.BundledModel;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelMetadata;

/** The shipped model (resources/models) on a real Kampala chip that was held out of its training. */
class BundledModelTest {

    /** A Kampala z19 chip (~0.3 m, 256 x 256) held out of the bundled model's training (no z20/z21 chip lies in it). */
    static final String CHIP = "OAM-309614-261633-19";
    /**
     * Floor of the building IoU against the chip's binary mask: measured 0.7026 with the shipped weights
     * (see resources/models/MODEL_CARD.md), less 0.1.
     */
    static final double MEASURED = 0.70;
    static final double FLOOR = MEASURED - 0.1;

    /** @return the building IoU of the bundled model on the chip */
    static double chipIou(BundledModel model) throws Exception {
        Path k = TrainingTestData.kampala();
        ModelMetadata md = model.metadata();
        int size = md.tileSize();
        float[] tile = new float[3 * size * size];
        boolean[] truth = new boolean[size * size];
        try (GeoImage image = GeoImage.open(k.resolve("chips/" + CHIP + ".tif"));
             GeoImage mask = GeoImage.open(k.resolve("binarymasks/" + CHIP + ".mask.tif"))) {
            RasterWindow w = image.readAll(1);
            RasterWindow mw = mask.readAll(1);
            assertEquals(size, w.width());
            assertEquals(size, mw.width());
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int b = 0; b < 3; b++) {
                        tile[b * size * size + y * size + x] = md.normalization().apply(b, w.sampleDouble(x, y, b));
                    }
                    truth[y * size + x] = mw.sample(x, y, 0) > 0;
                }
            }
        }
        float[] p = model.predict(List.of(tile)).get(0);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < truth.length; i++) { // the footprint plane comes first
            boolean pred = p[md.channelIndex(ModelMetadata.FOOTPRINT) * truth.length + i] >= md.threshold();
            if (pred && truth[i]) {
                tp++;
            } else if (pred) {
                fp++;
            } else if (truth[i]) {
                fn++;
            }
        }
        return (double) tp / Math.max(1, tp + fp + fn);
    }

    @Test
    void shippedModelFindsTheBuildingsOfAHeldOutKampalaChip() throws Exception {
        Path dir = TrainingTestData.resources().resolve("models");
        assumeTrue(Files.isRegularFile(dir.resolve("roofline-unet.params")), "no bundled model in " + dir);
        try (BundledModel model = BundledModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(256, model.metadata().tileSize());
            assertEquals(0.3, model.metadata().metresPerPixel(), 1e-9);
            double iou = chipIou(model);
            System.out.println(String.format(Locale.ROOT, "bundled model, %s: building IoU %.4f", CHIP, iou));
            assertTrue(iou >= FLOOR, "IoU " + iou + " below the floor " + FLOOR);
        }
    }
}
