package org.roofline.app.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.roofline.app.review.ReExtractTiles;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelFiles;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.ExtractionPipeline;
import org.roofline.inference.pipeline.ExtractionResult;
import org.roofline.inference.pipeline.PipelineConfig;
import org.roofline.inference.tiling.TileGrid;
import org.roofline.inference.training.FineTuner;

/**
 * Re-extracts the untouched tiles of a review with a (fine-tuned) model: runs the extraction pipeline over the image,
 * as {@code roofline extract --model} does, keeps the footprints whose centroid lies in one of the tiles, and gives
 * them as one {@link ReExtractTiles} command, which the caller runs on the review's undo stack (it checks again, when
 * applied, that the tiles hold no decided footprint). The whole image is segmented: simple and seamless, at the cost
 * of extracting tiles that are then dropped.
 */
public final class TileReExtraction {

    private TileReExtraction() {
    }

    /**
     * @param tiles the tiles to re-extract ({@link ReviewedTiles#untouched()}); empty: nothing is run
     * @return the command, or empty when there is no tile
     * @throws CancellationException when the listener cancels
     * @throws IOException           naming the image or the model that cannot be read, or the extraction's failure
     */
    public static Optional<ReExtractTiles> run(Path image, Path model, ReviewTiles grid, List<Integer> tiles,
                                               FineTuner.Listener listener) throws IOException {
        if (tiles.isEmpty()) {
            return Optional.empty();
        }
        listener.progress("re-extracting " + tiles.size() + " tiles", 0);
        List<Footprint> found = extractAll(image, model, listener);
        Map<Integer, List<Footprint>> all = ReExtractTiles.byTile(grid, found);
        Map<Integer, List<Footprint>> wanted = new TreeMap<>();
        for (int t : tiles) {
            wanted.put(t, all.getOrDefault(t, List.of()));
        }
        return Optional.of(new ReExtractTiles(wanted));
    }

    /**
     * Extracts footprints from the whole image with a model ({@code roofline extract --model}'s pipeline and
     * post-processing defaults), in the image's CRS.
     *
     * @param model a model folder or file, or null for the bundled model
     * @throws CancellationException when the listener cancels
     * @throws IOException           naming the image or the model that cannot be read, or the extraction's failure
     */
    public static List<Footprint> extractAll(Path image, Path model, FineTuner.Listener listener) throws IOException {
        ExtractionResult result;
        try (GeoImage img = GeoImage.open(image);
             SegmentationModel m = ModelFiles.load(model, ComputeDevice.AUTO);
             PostProcessor post = new PostProcessor(PostProcessorConfig.defaults())) {
            ExtractionPipeline pipeline = new ExtractionPipeline(m, post, PipelineConfig.defaults());
            CompletableFuture<ExtractionResult> run = pipeline.start(img, TileGrid.of(img.info(), m.metadata()),
                    p -> listener.progress(p.tilesDone() + "/" + p.tilesTotal() + " tiles re-extracted", p.fraction()));
            try {
                while (true) {
                    if (listener.isCancelled()) {
                        pipeline.cancel();
                        throw new CancellationException("re-extraction cancelled");
                    }
                    try {
                        result = run.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        // check for cancellation again
                    }
                }
            } catch (InterruptedException e) {
                pipeline.cancel();
                Thread.currentThread().interrupt();
                throw new CancellationException("re-extraction interrupted");
            } catch (ExecutionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                throw new IOException(image + ": re-extraction failed: " + c.getMessage(), c);
            } finally {
                try {
                    pipeline.awaitStopped(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (RooflineInputException e) {
            throw new IOException(e.file() + ": " + e.problem(), e);
        } catch (ModelException e) {
            throw new IOException(e.getMessage(), e);
        }
        return result.footprints();
    }
}
