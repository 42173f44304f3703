package org.roofline.app.editor.finetune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.roofline.app.finetune.ReviewFineTuning;
import org.roofline.app.finetune.ReviewedTiles;
import org.roofline.app.finetune.TileReExtraction;
import org.roofline.app.review.ReExtractTiles;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.training.FineTuner;

/**
 * Improves the model from the review in the background: fine-tunes it on the finished tiles
 * ({@link ReviewFineTuning}, into a new folder beside the session), then extracts the untouched tiles again with the
 * result ({@link TileReExtraction}). The UI never waits: the task works on a snapshot of the footprints taken when it
 * starts (on the JavaFX thread), reports progress (fine-tuning the first 70 %, re-extracting the rest) and a one-line
 * message, and stops promptly on {@link #cancel()} (checked before every training step and while the extraction
 * runs), leaving the review as it was. Its value is the {@link Outcome}: the caller runs the command on the undo stack
 * (one Ctrl+Z undoes the whole re-extraction) — the service itself never changes the review.
 *
 * <p>Create and use it on the JavaFX thread, like any {@link Service}.
 */
public final class FineTuneService extends Service<FineTuneService.Outcome> {

    /**
     * Threads of its own: JavaFX's shared service pool runs two tasks at a time and queues the rest, so a run would
     * wait behind other services' long work (and a cancelled run still finishing its step).
     */
    private static final ExecutorService TRAINING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "roofline-finetune");
        t.setDaemon(true);
        return t;
    });

    /** Share of the progress bar given to fine-tuning; re-extraction takes the rest. */
    static final double TRAINING_SHARE = 0.7;

    /**
     * What a run did.
     *
     * @param report  the fine-tuning's report (the model folder, steps, losses)
     * @param command the re-extraction to run on the undo stack, or null when no tile was untouched
     */
    public record Outcome(FineTuner.Report report, ReExtractTiles command) {
        /** One line for the status bar. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "Model fine-tuned on %d finished tiles (%d steps, loss %.3f "
                            + "-> %.3f), saved in %s", report.patches().size(), report.steps(), report.firstLoss(),
                    report.lastLoss(), report.modelDir().getFileName());
        }
    }

    private final ReviewModel model;
    private final Path image;
    private final Path session;
    private final Supplier<Path> baseModel;
    private FineTuner.Settings settings = FineTuner.Settings.of(Duration.ofMinutes(5));

    /**
     * @param image     the reviewed image
     * @param session   the session file (the model goes beside it)
     * @param baseModel gives, when a run starts, the model to start from (null: the bundled one)
     */
    public FineTuneService(ReviewModel model, Path image, Path session, Supplier<Path> baseModel) {
        this.model = Objects.requireNonNull(model, "model");
        this.image = Objects.requireNonNull(image, "image");
        this.session = Objects.requireNonNull(session, "session");
        this.baseModel = Objects.requireNonNull(baseModel, "baseModel");
        setExecutor(TRAINING);
    }

    /** How the next run fine-tunes (default: 5 minutes, {@link FineTuner.Settings#of}). */
    public void setSettings(FineTuner.Settings s) {
        settings = Objects.requireNonNull(s, "settings");
    }

    public FineTuner.Settings getSettings() {
        return settings;
    }

    /** @return the review's tiles as they are now: finished (taught from) and untouched (re-extracted) */
    public ReviewedTiles reviewedTiles() {
        return ReviewedTiles.of(model.tiles(), model.footprints());
    }

    @Override
    protected Task<Outcome> createTask() {
        List<Footprint> snapshot = List.copyOf(model.footprints());
        ReviewTiles grid = model.tiles();
        ReviewedTiles tiles = ReviewedTiles.of(grid, snapshot);
        Path base = baseModel.get();
        Path out = ReviewFineTuning.nextModelDir(session);
        FineTuner.Settings s = settings;
        return new Task<>() {
            @Override
            protected Outcome call() throws Exception {
                FineTuner.Listener training = listener(0, TRAINING_SHARE);
                FineTuner.Report report = ReviewFineTuning.run(image, session, grid, snapshot, base, out, s,
                        training);
                if (isCancelled()) {
                    throw new CancellationException();
                }
                Optional<ReExtractTiles> c = TileReExtraction.run(image, out, grid, tiles.untouched(),
                        listener(TRAINING_SHARE, 1 - TRAINING_SHARE));
                return new Outcome(report, c.orElse(null));
            }

            private FineTuner.Listener listener(double from, double share) {
                return new FineTuner.Listener() {
                    @Override
                    public void progress(String message, double fraction) {
                        updateProgress(from + share * fraction, 1);
                        updateMessage(message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return isCancelledTask();
                    }
                };
            }

            private boolean isCancelledTask() {
                return isCancelled();
            }
        };
    }
}
