package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.session.OriginalOutlines;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.regularize.BuildingRegularizer;
import org.roofline.geometry.regularize.RegularizedBuilding;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.ExtractedBlock;
import org.roofline.inference.pipeline.ExtractionPipeline;
import org.roofline.inference.pipeline.ExtractionResult;
import org.roofline.inference.pipeline.PipelineConfig;
import org.roofline.inference.pipeline.PipelineProgress;
import org.roofline.inference.pipeline.TileError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code roofline extract}: an image to building footprints, through the segmentation model and the post-processor. */
@Command(name = "extract",
        mixinStandardHelpOptions = true,
        header = "Extracts building footprints from an image with a segmentation model.",
        description = {
                "Runs the model over the image in overlapping tiles on a background thread (the device), hands the "
                        + "probabilities row by row to the post-processor's pool (vectorize, regularize), merges "
                        + "buildings across tile seams, and writes footprints with their confidence (mean probability "
                        + "inside) in the image's CRS (GeoJSON: RFC 7946 WGS 84 unless --keep-crs).",
                "Progress goes to stderr, counting the buildings that will be written (merged across seams). A tile "
                        + "that cannot be read or segmented is reported; then nothing is written and the exit status "
                        + "is 1, unless --allow-failed-tiles (the failed tiles are treated as background). The output "
                        + "file is written only when the run completes."})
final class ExtractCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: GeoTIFF, or PNG/JPEG with a world file.")
    Path image;

    @Parameters(index = "1..*", paramLabel = "MORE", arity = "0..*",
            description = "With --engine spark: more images (or one LIST.txt of images, one a line, in IMAGE).")
    List<Path> moreImages = new ArrayList<>();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT",
            description = "The file to write: .geojson, .shp or .gpkg (with --engine spark also a directory or a "
                    + ".parquet name: GeoParquet).")
    Path out;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where it runs: this process (default), or Apache Spark (needs roofline-scale on the class "
                    + "path: see the README, 'When one machine is not enough').")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master (default local[*]: embedded, every core).")
    String master;

    @Option(names = "--model", paramLabel = "FILE|DIR",
            description = "A TorchScript model (.pt) with its JSON metadata beside it, a directory holding one, or a "
                    + "directory holding a model trained by 'roofline train' (default: the bundled model).")
    Path model;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where the model runs (default: ${DEFAULT-VALUE}: the GPU when one is visible).")
    String device;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + PipelineConfig.DEFAULT_BATCH_SIZE,
            description = "Tiles per model call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--tile", paramLabel = "PX",
            description = "Tile size instead of the model's (fully convolutional models only).")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "PX",
            description = "Tile overlap instead of the model's.")
    Integer overlap;

    @Mixin
    RegularizationMethodOption method;

    @Option(names = "--tolerance", paramLabel = "auto|PX", defaultValue = PostProcessorSettings.AUTO,
            description = "Regularization tolerance in model pixels, or auto: chosen for each building from its own "
                    + "outline (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Post-processing threads (default: all cores, ${DEFAULT-VALUE} here).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--keep-crs", description = "For GeoJSON output: keep the image's CRS instead of RFC 7946 WGS 84.")
    boolean keepCrs;

    @Option(names = "--keep-originals",
            description = "GeoPackage output only: also write each footprint's outline before regularization (the "
                    + "traced mask outline) to a second table, " + OriginalOutlines.TABLE + " (id, geometry), for "
                    + "the editor's doubt-first order. The outlines are traced and merged across tiles first, then "
                    + "each is regularized, so the ids match.")
    boolean keepOriginals;

    @Mixin
    OverwriteOption overwrite;

    @Option(names = "--allow-failed-tiles",
            description = "Write the footprints of the other tiles when some tiles (not all) cannot be read or "
                    + "segmented, treating those as background; without it such a run writes nothing, exit status 1.")
    boolean allowFailedTiles;

    /** Tile errors listed one per line before the run's verdict; more are counted. */
    static final int TILE_ERRORS_LISTED = 10;

    @Override
    public Integer call() {
        if (!"local".equals(engine) || master != null || !moreImages.isEmpty()) {
            return new EngineExtraction(this).run();
        }
        long start = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        VectorFiles.format(out);
        VectorFiles.checkWritable(out);
        OutputGuard.notTheInput(image, out, "is the image itself; write to another file");
        overwrite.guard(out);
        if (keepOriginals && VectorFormat.forPath(out) != VectorFormat.GEOPACKAGE) {
            throw InvalidOption.of(spec, "--keep-originals", "needs a GeoPackage output (.gpkg), not " + out);
        }
        if (batch < 1) {
            throw InvalidOption.of(spec, "--batch", batch + " is not positive");
        }
        if (tile != null && tile < 1) {
            throw InvalidOption.of(spec, "--tile", tile + " is not positive");
        }
        if (overlap != null && overlap < 0) {
            throw InvalidOption.of(spec, "--overlap", overlap + " is negative");
        }
        if (tile != null && overlap != null && 2 * overlap >= tile) {
            throw InvalidOption.of(spec, "--overlap", overlap + " leaves no tile interior: it must be less "
                    + "than half the tile size (" + tile + ")");
        }
        PostProcessorConfig config = PostProcessorSettings.of(spec, method.method(), tolerance, threads);
        ExtractionResult result;
        try (GeoImage img = GeoImage.open(image);
             SegmentationModel m = ModelLoading.load(model, ModelLoading.device(device),
                     tile == null ? 0 : tile, overlap == null ? -1 : overlap);
             PostProcessor post = new PostProcessor(config)) {
            checkBands(img, m);
            ExtractionPipeline pipeline = new ExtractionPipeline(m, post,
                    PipelineConfig.defaults().withBatchSize(batch));
            Progress progress = new Progress(err);
            CompletableFuture<ExtractionResult> run;
            try {
                run = pipeline.start(img, progress::report, progress::delivered);
            } catch (IllegalArgumentException e) {
                throw new CliException(image.toString(), e.getMessage(), e);
            }
            Thread hook = new Thread(pipeline::cancel, "roofline-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                result = run.get();
                progress.finish(result);
            } finally {
                removeHook(hook);
                progress.done();
            }
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(image.toString(), "interrupted; nothing written", e);
        } catch (CancellationException e) {
            throw new CliException(image.toString(), "cancelled; nothing written", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CliException c) {
                throw c;
            }
            throw new CliException(image.toString(), "extraction failed: " + cause.getMessage(), cause);
        }
        int withData = result.stats().tilesPredicted() + result.errors().size();
        if (result.stats().tiles() > 0 && withData == 0) {
            throw new CliException(image.toString(), "has no data to extract from: all " + result.stats().tiles()
                    + " tiles are nodata; nothing written");
        }
        checkTileErrors(result, err);
        List<Footprint> footprints = result.footprints();
        if (keepOriginals) {
            writeWithOriginals(footprints, result.originals(), result.crs());
        } else {
            VectorFiles.write(FootprintLayers.toLayer(VectorFiles.layerName(out), footprints, result.crs()), out,
                    keepCrs);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
                "extract: %s from %d tiles (%d skipped as nodata, %d failed), device busy %.0f%%, %.2f s -> "
                        + "%s (%s)%n",
                buildings(footprints.size()), result.stats().tiles(), result.stats().tiles() - result.stats().tilesPredicted()
                        - result.errors().size(), result.errors().size(), 100 * result.stats().deviceBusyShare(),
                seconds, out, coordinates(result.crs()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Reports the tiles that failed: every tile with data failed is one error; some failed lists them (the first
     * {@value #TILE_ERRORS_LISTED}) and is an error unless {@code --allow-failed-tiles}, its last line saying how
     * many failed.
     */
    private void checkTileErrors(ExtractionResult result, PrintWriter err) {
        List<TileError> errors = result.errors();
        if (errors.isEmpty()) {
            return;
        }
        int withData = result.stats().tilesPredicted() + errors.size();
        if (result.stats().tilesPredicted() == 0) {
            throw new CliException(image.toString(), (withData == 1 ? "the only tile with data failed ("
                    : "all " + withData + " tiles with data failed (the first: ") + errors.get(0)
                    + "); nothing written");
        }
        String tag = allowFailedTiles ? " (treated as background)" : "";
        for (int i = 0; i < Math.min(TILE_ERRORS_LISTED, errors.size()); i++) {
            err.println("roofline: " + image + ": " + errors.get(i) + tag);
        }
        if (errors.size() > TILE_ERRORS_LISTED) {
            err.println("roofline: " + image + ": ... and " + (errors.size() - TILE_ERRORS_LISTED) + " more tiles failed");
        }
        err.flush();
        if (!allowFailedTiles) {
            throw new CliException(image.toString(), errors.size() + " of " + withData + " tiles with data failed; "
                    + "nothing written (--allow-failed-tiles writes the footprints of the others)");
        }
    }

    /** Writes the footprints and the original outlines into one GeoPackage, atomically (temporary file, rename). */
    private void writeWithOriginals(List<Footprint> footprints, Map<Long, Polygon> originals, Crs crs) {
        String layer = VectorFiles.layerName(out);
        try {
            AtomicFiles.writeByPath(out.toAbsolutePath(), temp -> { // removed if the run is interrupted
                VectorFiles.write(FootprintLayers.toLayer(layer, footprints, crs), temp, false);
                OriginalOutlines.addTo(temp, layer, originals);
            });
        } catch (IOException e) {
            throw new CliException(out.toString(), "cannot write: " + VectorFiles.writeFailure(e, out), e);
        }
    }

    private String coordinates(Crs crs) {
        if (crs == null) {
            return "pixel coordinates";
        }
        return VectorFiles.crsWritten(crs, out, keepCrs).toString();
    }

    private void checkBands(GeoImage img, SegmentationModel m) {
        Optional<String> missing = m.metadata().missingBand(img.info().bands());
        if (missing.isPresent()) {
            throw new CliException(image.toString(), missing.get());
        }
    }

    /** {@code 1 building}, {@code 62 buildings}. */
    static String buildings(long n) {
        return n + (n == 1 ? " building" : " buildings");
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }

    /**
     * Progress on stderr, at most a few times a second; one updating line. It counts buildings as they will be
     * written: those the pipeline has finished, merged across seams (delivered blocks), never the candidates before
     * the merge; its last state, after the run, is the result's count.
     */
    private static final class Progress {
        private final PrintWriter err;
        private long last;
        private boolean shown;
        private long buildings;

        Progress(PrintWriter err) {
            this.err = err;
        }

        synchronized void report(PipelineProgress p) {
            long now = System.nanoTime();
            if (now - last < 250_000_000L && p.tilesDone() < p.tilesTotal()) {
                return;
            }
            last = now;
            show(p.tilesDone(), p.tilesTotal(), 100 * p.fraction());
        }

        synchronized void delivered(ExtractedBlock block) {
            buildings += block.footprints().size();
        }

        /** The final state: every tile, the buildings the result holds. */
        synchronized void finish(ExtractionResult result) {
            buildings = result.footprints().size();
            int tiles = result.stats().tiles();
            show(tiles, tiles, 100);
        }

        private void show(int tilesDone, int tilesTotal, double percent) {
            shown = true;
            err.printf(Locale.ROOT, "\rextract: %d/%d tiles, %s, %3.0f%%", tilesDone, tilesTotal,
                    buildings(buildings), percent);
            err.flush();
        }

        synchronized void done() {
            if (shown) {
                err.println();
                err.flush();
            }
        }
    }
}
