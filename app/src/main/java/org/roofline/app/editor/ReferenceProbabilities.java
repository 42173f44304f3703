package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.locationtech.jts.geom.Geometry;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelFiles;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.NotFoundVerdict;
import org.roofline.inference.pipeline.PipelineConfig;
import org.roofline.inference.pipeline.RegionProbability;
import org.roofline.geometry.text.OneLine;

/**
 * The bundled model's mean building probability over the map buildings no footprint found ({@link
 * RegionProbability}), computed in the background once a reference layer is added, for the status text of the
 * not-found walk ({@code U}): "probably demolished" (low) or "the model missed it" (high). Kept in memory only: it is
 * derived from the image, not a review decision, and computed again the next time a reference is added.
 *
 * <p>Create and call on the JavaFX thread; the work runs on a thread of its own, the results are published on the
 * JavaFX thread. A failure (an image the model cannot read, no model) leaves no values and a one-line {@link
 * #failure()}.
 */
final class ReferenceProbabilities {

    /** Its own daemon thread: a model run takes seconds and must not hold up the editor's reads and saves. */
    private static final Executor MODEL = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roofline-reference-model");
        t.setDaemon(true);
        return t;
    });

    private final Map<Long, Double> values = new HashMap<>();
    private Task<Map<Long, Double>> task;
    private String failure;

    /**
     * Starts computing the probabilities of these buildings (given in the image's map coordinates), replacing any
     * earlier run.
     *
     * @param whenDone run on the JavaFX thread once the values are in (or the run failed)
     */
    void start(Path image, List<ReferenceBuilding> notFound, Runnable whenDone) {
        if (task != null) {
            task.cancel();
        }
        values.clear();
        failure = null;
        List<Long> ids = notFound.stream().map(ReferenceBuilding::id).toList();
        List<Geometry> geometries = notFound.stream().map(ReferenceBuilding::geometry).toList();
        Task<Map<Long, Double>> t = new Task<>() {
            @Override
            protected Map<Long, Double> call() throws Exception {
                Map<Long, Double> out = new HashMap<>();
                try (GeoImage img = GeoImage.open(image);
                     SegmentationModel model = ModelFiles.load(null, ComputeDevice.AUTO)) {
                    double[] p = new RegionProbability(model, PipelineConfig.DEFAULT_BATCH_SIZE)
                            .inMap(img, geometries, this::isCancelled, (done, total) -> updateProgress(done, total));
                    for (int i = 0; i < p.length; i++) {
                        out.put(ids.get(i), p[i]);
                    }
                }
                return out;
            }
        };
        task = t;
        t.stateProperty().addListener((o, a, state) -> {
            if (t != task) {
                return;
            }
            if (state == Worker.State.SUCCEEDED) {
                values.putAll(t.getValue());
                whenDone.run();
            } else if (state == Worker.State.FAILED) {
                Throwable e = t.getException();
                failure = OneLine.joinLines(e instanceof ModelFiles.Failure f ? f.file() + ": " + f.problem()
                        : String.valueOf(e.getMessage()));
                whenDone.run();
            }
        });
        MODEL.execute(t);
    }

    /** @return whether a run is under way */
    boolean isRunning() {
        return task != null && task.isRunning();
    }

    /** @return why the last run failed, or null */
    String failure() {
        return failure;
    }

    /** @return the building's mean probability (NaN off the image), or empty when not (yet) computed */
    OptionalDouble of(long referenceId) {
        Double p = values.get(referenceId);
        return p == null ? OptionalDouble.empty() : OptionalDouble.of(p);
    }

    /** @return the status text for a building: "model_prob 0.913, likely missed", or what is known so far */
    String describe(long referenceId) {
        OptionalDouble p = of(referenceId);
        if (p.isPresent()) {
            double v = p.getAsDouble();
            NotFoundVerdict verdict = NotFoundVerdict.of(v);
            return verdict == NotFoundVerdict.OFF_IMAGE ? "model_prob: off the image"
                    : String.format(java.util.Locale.ROOT, "model_prob %.3f, %s", v, verdict.label());
        }
        if (isRunning()) {
            return "model_prob being computed";
        }
        return failure != null ? "model_prob not computed: " + failure : null;
    }
}
