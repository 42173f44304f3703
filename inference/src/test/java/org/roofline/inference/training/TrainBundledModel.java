package org.roofline.inference.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains the bundled model on the real data in {@code shared/data} (not a test; run by hand):
 * {@code java -cp ... org.roofline.inference.training.TrainBundledModel /work/shared/data OUT_DIR EPOCHS [TILE BATCH LR
 * CHECKPOINT_EVERY RESUME.ckpt]}: footprint, boundary and contact channels, all of fair-banepa, fair-kampala and
 * fair-kampala-extra but {@link #HOLD_OUT}.
 */
public final class TrainBundledModel {

    /**
     * Held out, never trained on: 6 Banepa tiles and 2 Kampala z19 chips. The Kampala ones are the two z19 chips that
     * contain none of the z20/z21 chips (those show the same houses at finer pixels and are trained on).
     */
    public static final List<String> HOLD_OUT = List.of(
            "OAM-386690-220241-19", "OAM-386690-220242-19", "OAM-386691-220241-19", "OAM-386691-220242-19",
            "OAM-386693-220243-19", "OAM-386695-220245-19",
            "OAM-309613-261633-19", "OAM-309614-261633-19");

    private TrainBundledModel() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int tile = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        double lr = args.length > 5 ? Double.parseDouble(args[5]) : 1e-3;
        int every = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        Path resume = args.length > 7 ? Path.of(args[7]) : null;
        TrainingConfig config = new TrainingConfig(
                List.of(data.resolve("fair-banepa/oam"), data.resolve("fair-kampala/chips"),
                        data.resolve("fair-kampala-extra/chips")),
                List.of(data.resolve("fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson"),
                        data.resolve("fair-kampala/labels"), data.resolve("fair-kampala-extra/labels")),
                out, epochs, tile, 42L, HOLD_OUT, 0.3, batch, lr, 256, true, every, resume);
        TrainingReport r = SegmentationTrainer.train(config, System.out::println);
        System.out.println(String.format(Locale.ROOT,
                "REPORT epochs %d, %.0f s, params %d, held-out IoU %.4f F1 %.4f, per image %s, losses %s",
                r.epochs(), r.seconds(), r.parameterCount(), r.heldOutIou(), r.heldOutF1(), r.perImageIou(),
                r.trainLoss()));
        System.out.println("TRAIN " + r.trainImages());
        System.out.println("HELD " + r.heldOutImages());
    }
}
