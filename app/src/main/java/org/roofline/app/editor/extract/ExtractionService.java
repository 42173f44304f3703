package org.roofline.app.editor.extract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.ReviewModel;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.ExtractedBlock;
import org.roofline.inference.pipeline.ExtractionPipeline;
import org.roofline.inference.pipeline.ExtractionResult;
import org.roofline.inference.pipeline.PipelineConfig;
import org.roofline.inference.pipeline.PipelineProgress;
import org.roofline.inference.tiling.TileGrid;

/**
 * Runs the extraction pipeline over an image from the editor, adding footprints to the live review as rows of tiles
 * finish, while the user goes on reviewing.
 *
 * <h2>Threads</h2>
 * The service's task (a background thread) opens the image, loads the model (the bundled one unless
 * {@link ExtractionSettings#model()} names another) and runs an {@link ExtractionPipeline}, whose own threads do the
 * work. Each time the pipeline finishes footprints ({@link ExtractedBlock}) they are handed to the JavaFX thread with
 * {@link Platform#runLater} — the model's and the pipeline's threads never wait for the UI — where they get fresh ids
 * ({@link ReviewModel#nextFreeId()}) and go into the review with {@link ReviewModel#addExtracted} (which persists them
 * first, to the session when there is one), with their outlines before regularization for the doubt-first order.
 * Progress (tiles done / total) is the task's {@code progress} and {@code message}; {@link #footprintsAddedProperty()}
 * counts the footprints added by the current run, on the JavaFX thread.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>On success every footprint of the run is in the review before the state becomes SUCCEEDED, and the footprints
 *       added equal those a plain {@link ExtractionPipeline} run gives (see {@link ExtractedBlock}).</li>
 *   <li>{@link #cancel()} stops the pipeline promptly; footprints already in the review stay (they are persisted),
 *       and none are added after it; the model and the image are closed only once the pipeline's threads have stopped using them.</li>
 *   <li>Errors (an unreadable image, a file that is not a model, a model reading more bands than the image has, a
 *       session that cannot be written) end the run as FAILED with an {@link ExtractionFailure}: one line naming the
 *       file, for {@link #getException()}'s message.</li>
 *   <li>When the run ends, in any state, the review's tile order is re-computed
 *       ({@link ReviewModel#refreshTileOrder()}), so the new footprints' tiles take their place in it.</li>
 * </ul>
 *
 * <p>Create and use it on the JavaFX thread, like any {@link Service}. The settings are read when the run starts.
 */
public final class ExtractionService extends Service<ExtractionSummary> {

    private static final long STOP_WAIT_SECONDS = 60;

    /** Loads the model a run uses (a seam for tests, which slow a real model down to cancel it mid-run). */
    interface ModelLoader {
        SegmentationModel load(ExtractionSettings settings) throws ExtractionFailure;
    }

    private final ReviewModel model;
    private final ModelLoader loader;
    private final ObjectProperty<ExtractionSettings> settings = new SimpleObjectProperty<>(this, "settings");
    private final ReadOnlyIntegerWrapper footprintsAdded = new ReadOnlyIntegerWrapper(this, "footprintsAdded");
    private final ReadOnlyIntegerWrapper deliveries = new ReadOnlyIntegerWrapper(this, "deliveries");

    /** @param model the review the footprints go into (its coordinates are the image's map coordinates) */
    public ExtractionService(ReviewModel model) {
        this(model, ExtractionService::loadModel);
    }

    ExtractionService(ReviewModel model, ModelLoader loader) {
        this.model = Objects.requireNonNull(model, "model");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** What the next run extracts; must be set before {@link #start()}. */
    /** The model the settings name (the bundled one when none), as {@code roofline extract --model} loads it. */
    static SegmentationModel loadModel(ExtractionSettings s) throws ExtractionFailure {
        try {
            return org.roofline.inference.model.ModelFiles.load(s.model(), s.device());
        } catch (org.roofline.inference.model.ModelFiles.Failure e) {
            throw new ExtractionFailure(e.file(), e.problem(), e);
        }
    }

    public ObjectProperty<ExtractionSettings> settingsProperty() {
        return settings;
    }

    public ExtractionSettings getSettings() {
        return settings.get();
    }

    public void setSettings(ExtractionSettings s) {
        settings.set(s);
    }

    /**
     * Extracts with these settings: the action the lead wires to "Extract buildings…" (it restarts a run already
     * going). Call on the JavaFX thread.
     */
    public void extract(ExtractionSettings s) {
        setSettings(Objects.requireNonNull(s, "settings"));
        restart();
    }

    /** Footprints the current (or last) run has added to the review so far; changes on the JavaFX thread. */
    public ReadOnlyIntegerProperty footprintsAddedProperty() {
        return footprintsAdded.getReadOnlyProperty();
    }

    /** Deliveries of footprints to the review by the current (or last) run (one per group of finished rows). */
    public ReadOnlyIntegerProperty deliveriesProperty() {
        return deliveries.getReadOnlyProperty();
    }

    public ReviewModel model() {
        return model;
    }

    @Override
    protected Task<ExtractionSummary> createTask() {
        ExtractionSettings s = settings.get();
        if (s == null) {
            throw new IllegalStateException("no extraction settings: call setSettings or extract first");
        }
        footprintsAdded.set(0);
        deliveries.set(0);
        return new ExtractionTask(s);
    }

    @Override
    protected void succeeded() {
        model.refreshTileOrder();
    }

    @Override
    protected void cancelled() {
        model.refreshTileOrder();
    }

    @Override
    protected void failed() {
        model.refreshTileOrder();
    }

    /** One run: on a background thread; deliveries on the JavaFX thread. */
    private final class ExtractionTask extends Task<ExtractionSummary> {
        private final ExtractionSettings s;
        private volatile ExtractionPipeline pipeline;
        private volatile RuntimeException deliveryFailure;

        ExtractionTask(ExtractionSettings s) {
            this.s = s;
        }

        @Override
        protected ExtractionSummary call() throws Exception {
            long t0 = System.nanoTime();
            String imageName = s.image().getFileName().toString();
            updateMessage("opening " + imageName);
            updateProgress(-1, 1);
            try (GeoImage img = open();
                 SegmentationModel m = loadModel();
                 PostProcessor post = new PostProcessor(PostProcessorConfig.defaults())) {
                checkBands(img, m);
                ModelMetadata md = m.metadata();
                TileGrid grid = s.subsampling() == 0 ? TileGrid.of(img.info(), md)
                        : new TileGrid(img.info().width(), img.info().height(), md.tileSize(), md.overlap(),
                        s.subsampling());
                ExtractionPipeline p = new ExtractionPipeline(m, post,
                        PipelineConfig.defaults().withBatchSize(s.batchSize()));
                pipeline = p;
                if (isCancelled()) {
                    return null;
                }
                updateMessage("0/" + grid.tiles().size() + " tiles");
                CompletableFuture<ExtractionResult> run;
                try {
                    run = p.start(img, grid, this::progress, block -> Platform.runLater(() -> deliver(block)));
                } catch (IllegalArgumentException e) {
                    throw new ExtractionFailure(s.image().toString(), e.getMessage(), e);
                }
                try {
                    ExtractionResult r = run.get();
                    int failed = r.errors().size();
                    return new ExtractionSummary(imageName, r.footprints().size(), r.stats().tiles(),
                            r.stats().tiles() - r.stats().tilesPredicted() - failed, failed,
                            Duration.ofNanos(System.nanoTime() - t0));
                } catch (InterruptedException | CancellationException e) {
                    if (deliveryFailure != null) {
                        throw new ExtractionFailure(sessionName(), "cannot store the extracted footprints: "
                                + ExtractionFailure.problem(deliveryFailure, sessionName()), deliveryFailure);
                    }
                    if (isCancelled()) {
                        return null;
                    }
                    throw new ExtractionFailure(s.image().toString(), "extraction stopped", e);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new ExtractionFailure(s.image().toString(), "extraction failed: "
                            + ExtractionFailure.problem(cause, s.image().toString()), cause);
                } finally {
                    p.cancel(); // no-op when complete
                    awaitStopped(p); // before the model and the image close
                }
            }
        }

        private GeoImage open() throws ExtractionFailure {
            try {
                return GeoImage.open(s.image());
            } catch (RooflineInputException e) {
                throw new ExtractionFailure(e.file().toString(), e.problem(), e);
            } catch (RuntimeException e) {
                throw new ExtractionFailure(s.image().toString(), "cannot be read: "
                        + ExtractionFailure.problem(e, s.image().toString()), e);
            }
        }

        private SegmentationModel loadModel() throws ExtractionFailure {
            updateMessage("loading the model");
            return loader.load(s);
        }

        private void checkBands(GeoImage img, SegmentationModel m) throws ExtractionFailure {
            Optional<String> missing = m.metadata().missingBand(img.info().bands());
            if (missing.isPresent()) {
                throw new ExtractionFailure(s.image().toString(), missing.get());
            }
        }

        private void progress(PipelineProgress p) {
            updateProgress(p.fraction(), 1);
            updateMessage(String.format(Locale.ROOT, "%d/%d tiles", p.tilesDone(), p.tilesTotal()));
        }

        /** On the JavaFX thread. */
        private void deliver(ExtractedBlock block) {
            // after Cancel nothing more appears, even what the pipeline finished just before it
            if (block.footprints().isEmpty() || deliveryFailure != null || isCancelled()) {
                return;
            }
            long id = model.nextFreeId();
            List<Footprint> found = new ArrayList<>(block.footprints().size());
            Map<Long, Polygon> originals = new HashMap<>();
            for (Footprint f : block.footprints()) {
                Footprint g = f.withId(id++);
                found.add(g);
                Polygon o = block.originals().get(f.id());
                if (o != null) {
                    originals.put(g.id(), o);
                }
            }
            try {
                model.addExtracted(found, originals);
            } catch (RuntimeException e) {
                deliveryFailure = e;
                ExtractionPipeline p = pipeline;
                if (p != null) {
                    p.cancel();
                }
                return;
            }
            footprintsAdded.set(footprintsAdded.get() + found.size());
            deliveries.set(deliveries.get() + 1);
        }

        private String sessionName() {
            return "the review session";
        }

        private void awaitStopped(ExtractionPipeline p) {
            boolean interrupted = Thread.interrupted();
            try {
                p.awaitStopped(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
