package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.roofline.app.finetune.ReviewFineTuning;
import org.roofline.app.finetune.TileReExtraction;
import org.roofline.app.review.AddFootprint;
import org.roofline.app.review.RejectWithReason;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewTiles;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.metrics.BuildingMatcher;
import org.roofline.geometry.metrics.DetectionEvaluation;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.training.FineTuner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roofline bench finetune}: what teaching the model from a review gains, on real imagery with real labels.
 *
 * <p>The image is extracted with the base model and made a review session; a reviewer is simulated on some of its
 * review tiles with the labels as the truth (footprints matching a label at IoU 0.5 accepted, the others rejected as
 * "not a building", labels nobody found drawn); the model is fine-tuned on those tiles, and the whole image extracted
 * again. Building-level F1 ({@link BuildingMatcher}, IoU 0.5, one to one) is measured before and after on evaluation
 * tiles never reviewed (a footprint or label belongs to the tile of its centroid), and on held-out chips of another
 * town (the model must not forget them). Fine-tuning is measured cumulatively: the model after the first budget is
 * evaluated, then trained on for the next, so one run gives the curve of gain against minutes.
 */
@Command(name = "finetune",
        mixinStandardHelpOptions = true,
        header = "Measures the F1 gained by fine-tuning on a simulated review.",
        description = {
                "Extracts IMAGE with the bundled model, simulates a review of --reviewed of its review tiles with "
                        + "--truth as the decisions, fine-tunes on them for each of --minutes (cumulative), and "
                        + "prints building F1 before and after on review tiles never reviewed, and on the --chips "
                        + "(held-out images of another area, each with its labels NAME.geojson in --chip-labels)."})
final class BenchFinetuneCommand implements Callable<Integer> {

    private static final GeometryFactory GF = new GeometryFactory();

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = "resources/samples/banepa-2x2/banepa-2x2.tif",
            description = "The image to review (default: ${DEFAULT-VALUE}, held out from the bundled model's "
                    + "training).")
    Path image;

    /** The default of {@code --truth}. */
    static final Path BANEPA_OSM = Path.of("resources/samples/fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson");
    /** The default of {@code --chips}. */
    static final List<Path> KAMPALA_CHIPS = List.of(
            Path.of("resources/samples/fair-kampala/chips/OAM-309613-261633-19.tif"),
            Path.of("resources/samples/fair-kampala/chips/OAM-309614-261633-19.tif"));

    @Option(names = "--truth", paramLabel = "LABELS",
            description = "The buildings the simulated reviewer knows (default: the Banepa OpenStreetMap buildings "
                    + "in resources/samples/fair-banepa/osm).")
    Path truth;

    @Option(names = "--reviewed", paramLabel = "N[,N...]", split = ",", defaultValue = "4",
            description = "Review tiles the simulated reviewer finishes, one run per value (default: ${DEFAULT-VALUE}"
                    + " of 16, a quarter).")
    List<Integer> reviewed;

    @Option(names = "--evaluate", paramLabel = "N", defaultValue = "8",
            description = "Review tiles kept for evaluation, never reviewed in any run (default: ${DEFAULT-VALUE}).")
    int evaluate;

    @Option(names = "--minutes", paramLabel = "M[,M...]", split = ",", defaultValue = "1,2,5",
            description = "Cumulative fine-tuning budgets evaluated (default: ${DEFAULT-VALUE}).")
    List<Double> minutes;

    @Option(names = "--chips", paramLabel = "IMAGE[,...]", split = ",",
            description = "Held-out images of another area, checked for forgetting (default: the two held-out "
                    + "Kampala chips).")
    List<Path> chips;

    @Option(names = "--chip-labels", paramLabel = "DIR", defaultValue = "resources/samples/fair-kampala/labels",
            description = "Folder of the chips' labels, NAME.geojson (default: ${DEFAULT-VALUE}).")
    Path chipLabels;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the order in which tiles are reviewed or kept for evaluation (default: "
                    + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "5e-5",
            description = "Adam's learning rate, constant (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench-finetune",
            description = "Where the sessions and models go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (truth == null) {
            truth = BANEPA_OSM;
        }
        if (chips == null || chips.isEmpty()) {
            chips = KAMPALA_CHIPS;
        }
        Files.createDirectories(out);
        List<Geometry> labels = polygons(truth);
        Envelope extent;
        try (GeoImage img = GeoImage.open(image)) {
            extent = img.info().extent();
        }
        long t0 = System.nanoTime();
        List<Footprint> base = TileReExtraction.extractAll(image, null, FineTuner.Listener.NONE);
        double extractSeconds = (System.nanoTime() - t0) / 1e9;
        ReviewTiles grid;
        try (ReviewSession probe = session("probe", base)) {
            grid = probe.model().tiles();
        }
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < grid.count(); t++) {
            order.add(t);
        }
        Collections.shuffle(order, new Random(seed));
        int maxReviewed = reviewed.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (maxReviewed + evaluate > grid.count() || maxReviewed < 1 || evaluate < 1) {
            throw new CliException("--reviewed/--evaluate", "need 1..N reviewed and 1..N evaluation tiles, N + N <= "
                    + grid.count() + " review tiles");
        }
        Set<Integer> evalTiles = new HashSet<>(order.subList(grid.count() - evaluate, grid.count()));
        DetectionEvaluation before = onTiles(base, labels, grid, extent, evalTiles);
        DetectionEvaluation chipsBefore = chips(null);
        o.printf(Locale.ROOT, "bench finetune: %s, %d review tiles; evaluation tiles %s: %d labels; learning rate "
                + "%s%n", image.getFileName(), grid.count(), new java.util.TreeSet<>(evalTiles), before.truths(),
                learningRate);
        o.printf(Locale.ROOT, "base model: %d footprints (extraction %.0f s); evaluation tiles F1 %.3f (P %.3f R %.3f);"
                + " chips F1 %.3f%n", base.size(), extractSeconds, before.f1(), before.precision(), before.recall(),
                chipsBefore.f1());
        o.flush();
        for (int n : reviewed) {
            List<Integer> mine = order.subList(0, n);
            Path sessionFile;
            int[] counts;
            try (ReviewSession s = session("reviewed-" + n, base)) {
                counts = simulateReview(s.model(), labels, extent, mine);
                sessionFile = s.store().file();
            }
            o.printf(Locale.ROOT, "reviewed %d tiles %s: %d accepted, %d rejected, %d drawn%n", n, mine, counts[0],
                    counts[1], counts[2]);
            Path model = null;
            double done = 0;
            for (double m : minutes) {
                Path next = out.resolve("model-" + n + "-" + m + "min");
                FineTuner.Report r;
                try (ReviewSession s = ReviewSession.openReadOnly(sessionFile)) {
                    r = ReviewFineTuning.run(image, sessionFile, s.model().tiles(), List.copyOf(s.model().footprints()),
                            model, next, settings(Duration.ofMillis(Math.round((m - done) * 60_000))),
                            FineTuner.Listener.NONE);
                } catch (ModelException e) {
                    throw new CliException("model", e.getMessage(), e);
                }
                done = m;
                model = next;
                DetectionEvaluation after = onTiles(TileReExtraction.extractAll(image, model, FineTuner.Listener.NONE),
                        labels, grid, extent, evalTiles);
                DetectionEvaluation chipsAfter = chips(model);
                o.printf(Locale.ROOT, "  %.1f min (%d steps, loss %.3f -> %.3f): evaluation tiles F1 %.3f (%+.3f; P %.3f"
                                + " R %.3f), chips F1 %.3f (%+.3f)%n", m, r.steps(), r.firstLoss(), r.lastLoss(),
                        after.f1(), after.f1() - before.f1(), after.precision(), after.recall(), chipsAfter.f1(),
                        chipsAfter.f1() - chipsBefore.f1());
                o.flush();
            }
        }
        return 0;
    }

    private FineTuner.Settings settings(Duration budget) {
        FineTuner.Settings d = FineTuner.Settings.of(budget);
        return new FineTuner.Settings(budget, 0, d.tile(), d.batchSize(), learningRate, seed);
    }

    private ReviewSession session(String name, List<Footprint> footprints) throws IOException {
        Path file = out.resolve(name + ".roofline.gpkg");
        Files.deleteIfExists(file);
        return ReviewSession.create(file, image, footprints, Map.of());
    }

    /**
     * Decides every footprint of the tiles as a reviewer who knows the labels would, and draws the labels nobody found.
     *
     * @return {accepted, rejected, drawn}
     */
    static int[] simulateReview(ReviewModel m, List<Geometry> labels, Envelope extent, List<Integer> tiles) {
        UndoStack undo = new UndoStack(m);
        int[] counts = new int[3];
        for (int t : tiles) {
            List<Footprint> fs = m.footprintsInTile(t);
            List<Geometry> truths = new ArrayList<>();
            for (Geometry g : labels) {
                if (tileOf(g, m.tiles(), extent) == t) {
                    truths.add(g);
                }
            }
            BuildingMatcher.Result r = new BuildingMatcher().apply(fs.stream().map(f -> (Geometry) f.polygon())
                    .toList(), truths);
            Set<Integer> matchedPred = new HashSet<>();
            Set<Integer> matchedTruth = new HashSet<>();
            for (BuildingMatcher.Match match : r.matches()) {
                matchedPred.add(match.predicted());
                matchedTruth.add(match.truth());
            }
            List<Long> accept = new ArrayList<>();
            List<Long> reject = new ArrayList<>();
            for (int i = 0; i < fs.size(); i++) {
                (matchedPred.contains(i) ? accept : reject).add(fs.get(i).id());
            }
            if (!accept.isEmpty()) {
                undo.execute(new SetStatus(accept, ReviewStatus.ACCEPTED)).join();
            }
            if (!reject.isEmpty()) {
                undo.execute(new RejectWithReason(reject, RejectReason.NOT_A_BUILDING)).join();
            }
            counts[0] += accept.size();
            counts[1] += reject.size();
            for (int i = 0; i < truths.size(); i++) {
                if (matchedTruth.contains(i)) {
                    continue;
                }
                Geometry g = GeometryFixer.fix(truths.get(i));
                for (int k = 0; k < g.getNumGeometries(); k++) {
                    if (g.getGeometryN(k) instanceof Polygon p && !p.isEmpty() && p.isValid()) {
                        undo.execute(new AddFootprint(p, "drawn")).join();
                        counts[2]++;
                    }
                }
            }
        }
        return counts;
    }

    /** The review tile of a polygon's centroid, or -1 when the centroid lies outside the image. */
    static int tileOf(Geometry g, ReviewTiles grid, Envelope extent) {
        Point c = g.getCentroid();
        if (c.isEmpty() || !extent.contains(c.getCoordinate())) {
            return -1;
        }
        return grid.indexOf(c.getX(), c.getY());
    }

    private static DetectionEvaluation onTiles(List<Footprint> found, List<Geometry> labels, ReviewTiles grid,
                                               Envelope extent, Set<Integer> tiles) {
        List<Geometry> pred = new ArrayList<>();
        for (Footprint f : found) {
            if (tiles.contains(tileOf(f.polygon(), grid, extent))) {
                pred.add(f.polygon());
            }
        }
        List<Geometry> truths = new ArrayList<>();
        for (Geometry g : labels) {
            if (tiles.contains(tileOf(g, grid, extent))) {
                truths.add(g);
            }
        }
        return BuildingMatcher.evaluate(pred, truths);
    }

    /** F1 over the chips pooled, each clipped to its image ({@code evaluate --image}). */
    private DetectionEvaluation chips(Path model) throws Exception {
        List<DetectionEvaluation> all = new ArrayList<>();
        for (Path chip : chips) {
            String name = chip.getFileName().toString().replaceFirst("\\.tiff?$", "");
            Geometry extent;
            try (GeoImage img = GeoImage.open(chip)) {
                extent = GF.toGeometry(img.info().extent());
            }
            List<Geometry> found = TileReExtraction.extractAll(chip, model, FineTuner.Listener.NONE).stream()
                    .map(f -> (Geometry) f.polygon()).toList();
            all.add(new BuildingMatcher().withExtent(extent).apply(found,
                    polygons(chipLabels.resolve(name + ".geojson"))).evaluation());
        }
        return DetectionEvaluation.pool(all);
    }

    private static List<Geometry> polygons(Path file) throws IOException {
        List<Geometry> out = new ArrayList<>();
        for (VectorFeature f : VectorIo.read(file).features()) {
            if (f.geometry() != null && !f.geometry().isEmpty()) {
                out.add(f.geometry());
            }
        }
        return out;
    }
}
