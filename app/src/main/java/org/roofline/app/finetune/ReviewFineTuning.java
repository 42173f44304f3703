package org.roofline.app.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.training.FineTuner;
import org.roofline.inference.training.LabelledImage;

/**
 * Fine-tunes a model on the finished tiles of a review ({@link ReviewedTiles}, {@link ReviewLabels}) with
 * {@link FineTuner}, recording the provenance: the base model, the session, the image, the tiles, the time. Works on a
 * snapshot of the review (any thread).
 */
public final class ReviewFineTuning {

    /** The session key that names the model last fine-tuned on the review (where the next one starts from). */
    public static final String SESSION_MODEL_KEY = "model";

    private ReviewFineTuning() {
    }

    /**
     * @param image      the reviewed image
     * @param session    the session file (for the provenance, and named in messages)
     * @param grid       the review's tiles
     * @param footprints every footprint of the review (a snapshot)
     * @param baseModel  the model to start from (a {@code roofline train} folder), or null for the bundled one
     * @param outDir     where the fine-tuned model goes
     * @throws IOException naming the session when no tile is finished, or a file that cannot be read or written
     */
    public static FineTuner.Report run(Path image, Path session, ReviewTiles grid, Collection<Footprint> footprints,
                                       Path baseModel, Path outDir, FineTuner.Settings settings,
                                       FineTuner.Listener listener) throws IOException, ModelException {
        ReviewedTiles tiles = ReviewedTiles.of(grid, footprints);
        if (tiles.finished().isEmpty()) {
            throw new IOException(session + ": no finished tile to learn from (decide every footprint of at least one "
                    + "review tile)");
        }
        if (baseModel != null && !Files.isRegularFile(baseModel.resolve("roofline-unet.params"))) {
            throw new IOException(baseModel + ": not a Roofline model folder (no roofline-unet.params; fine-tuning "
                    + "needs a model made by 'roofline train' or the bundled one)");
        }
        listener.progress("reading " + tiles.finished().size() + " finished tiles", 0);
        ModelMetadata md = FineTuner.baseMetadata(baseModel);
        List<LabelledImage> patches = ReviewLabels.patches(image, grid, footprints, tiles.finished(),
                md.metresPerPixel());
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("session", session.toAbsolutePath().toString());
        provenance.put("image", image.toAbsolutePath().toString());
        provenance.put("tiles", tiles.finished().stream().map(String::valueOf).collect(Collectors.joining(",")));
        provenance.put("tileCount", Integer.toString(grid.count()));
        provenance.put("decisions", Long.toString(footprints.stream()
                .filter(f -> f.status() != ReviewStatus.PENDING).count()));
        return FineTuner.fineTune(baseModel, patches, outDir, settings, provenance, listener);
    }

    /**
     * A new folder for a fine-tuned model beside the session: {@code STEM-finetuned-N} for the first N not taken,
     * where {@code STEM} is the session's name without {@code .roofline.gpkg} (or {@code .gpkg}).
     */
    public static Path nextModelDir(Path session) {
        String name = session.getFileName().toString();
        for (String suffix : List.of(".roofline.gpkg", ".gpkg")) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        Path dir = session.toAbsolutePath().getParent();
        for (int n = 1; ; n++) {
            Path p = dir.resolve(name + "-finetuned-" + n);
            if (!Files.exists(p)) {
                return p;
            }
        }
    }
}
