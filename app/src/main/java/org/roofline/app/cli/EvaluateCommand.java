package org.roofline.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.metrics.BuildingMatcher;
import org.roofline.geometry.metrics.DetectionEvaluation;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RooflineInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code roofline evaluate}: building-level accuracy of predicted footprints against labels, with
 * {@link BuildingMatcher}, file by file and pooled.
 *
 * <p><b>Coordinates.</b> Each pair of files is evaluated in one planar frame: the truth's CRS when it is projected;
 * when it is geographic, the WGS 84 UTM zone at the centre of the truth (of the predictions when the truth is empty),
 * so that areas are in square metres; both sides and the image's extent are reprojected to it. Without a CRS on the
 * truth (pixel coordinates), the predictions must have none either and are compared as they are. IoUs, being ratios
 * of areas, hardly depend on the frame; the pooled pixel IoU adds areas over files, which the metric frame keeps
 * comparable.
 *
 * <p><b>Image.</b> With {@code --image}, both sides are clipped to the image's footprint (its four corners on the
 * map): a polygon at least half inside is kept and clipped, others are dropped, as {@link BuildingMatcher#withExtent}
 * does.
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        header = "Scores predicted building footprints against labels: precision, recall, F1, IoU, C-IoU, N-ratio.",
        description = {
                "Matches predictions with labels one to one: a pair counts when its IoU is at least --iou; pairs are "
                        + "taken by descending IoU (ties to the earlier feature), each polygon at most once.",
                "Files are GeoJSON, Shapefile or GeoPackage, in any CRS: both sides are reprojected to the labels' "
                        + "CRS when it is projected, else to the UTM zone at their centre. One --truth file serves "
                        + "every prediction file; otherwise give one per prediction file, paired in order. --image "
                        + "likewise: both sides are then clipped to the image, a polygon being kept when at least "
                        + "half of it lies inside.",
                "Invalid polygons are repaired (JTS GeometryFixer) and counted; features without geometry are "
                        + "skipped and counted.",
                "Prints a table, one line per prediction file and a total over all of them (counts and areas "
                        + "added); --json writes the same figures, undefined ones (such as precision without "
                        + "predictions) as null."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PREDICTIONS", arity = "1..*", split = ",",
            description = "Predicted footprints: .geojson, .shp or .gpkg files (comma-separated or several).")
    List<Path> predictions;

    @Option(names = "--truth", required = true, arity = "1..*", split = ",", paramLabel = "LABELS",
            description = "Ground-truth footprints: one file for all predictions, or one per prediction file.")
    List<Path> truths;

    @Option(names = "--iou", paramLabel = "T", defaultValue = "0.5",
            description = "IoU at or above which a prediction and a label match, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double iou;

    @Option(names = "--image", arity = "1..*", split = ",", paramLabel = "IMAGE",
            description = "Evaluate only within this image's extent: one image for all, or one per prediction file.")
    List<Path> images = List.of();

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures to this JSON file.")
    Path json;

    /** One evaluated pair of files. */
    record FileResult(Path predictions, Path truth, Path image, Crs crs, DetectionEvaluation evaluation) {
    }

    @Override
    public Integer call() {
        if (!(iou > 0 && iou <= 1)) {
            throw InvalidOption.of(spec, "--iou", iou + " is not in (0, 1]");
        }
        int n = predictions.size();
        checkPairing("--truth", truths.size(), n, false);
        checkPairing("--image", images.size(), n, true);
        for (Path p : predictions) {
            VectorFiles.format(p);
        }
        for (Path t : truths) {
            VectorFiles.format(t);
        }
        if (json != null) {
            VectorFiles.checkWritable(json);
        }

        BuildingMatcher matcher = new BuildingMatcher(iou);
        Map<Path, VectorLayer> read = new HashMap<>();
        List<FileResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Path predFile = predictions.get(i);
            Path truthFile = truths.get(truths.size() == 1 ? 0 : i);
            Path imageFile = images.isEmpty() ? null : images.get(images.size() == 1 ? 0 : i);
            results.add(evaluate(matcher, predFile, truthFile, imageFile, read));
        }
        DetectionEvaluation total = DetectionEvaluation.pool(results.stream().map(FileResult::evaluation).toList());

        PrintWriter out = spec.commandLine().getOut();
        printTable(out, results, total);
        out.flush();
        if (json != null) {
            writeJson(results, total);
        }
        return 0;
    }

    private void checkPairing(String option, int given, int n, boolean optional) {
        if (given == 1 || given == n || (optional && given == 0)) {
            return;
        }
        throw InvalidOption.of(spec, option, given + " files for " + n + " prediction files: give one for all, "
                + "or one per prediction file");
    }

    private FileResult evaluate(BuildingMatcher matcher, Path predFile, Path truthFile, Path imageFile,
                                Map<Path, VectorLayer> read) {
        VectorLayer truth = read.computeIfAbsent(truthFile, EvaluateCommand::readPolygons);
        VectorLayer pred = read.computeIfAbsent(predFile, EvaluateCommand::readPolygons);
        if (truth.crs() == null && pred.crs() != null) {
            throw new CliException(predFile.toString(), "is in " + pred.crs() + " but the truth " + truthFile
                    + " has no coordinate system: both must be in the same one");
        }
        if (truth.crs() != null && pred.crs() == null) {
            throw new CliException(predFile.toString(), "has no coordinate system, so it cannot be compared with "
                    + truthFile + " (" + truth.crs() + ")");
        }
        Crs frame = frame(truth, pred);
        List<Geometry> t = geometries(truth, frame, truthFile);
        List<Geometry> p = geometries(pred, frame, predFile);
        BuildingMatcher m = imageFile == null ? matcher : matcher.withExtent(imageExtent(imageFile, frame, truth));
        DetectionEvaluation e = m.apply(p, t).evaluation();
        return new FileResult(predFile, truthFile, imageFile, frame, e);
    }

    /**
     * Reads a layer and checks that it holds polygons: a feature with another kind of geometry is an error naming the
     * file and the feature (counted from 1); features without geometry are left to the matcher, which skips them.
     */
    static VectorLayer readPolygons(Path file) {
        VectorLayer layer = VectorFiles.read(file);
        List<VectorFeature> features = layer.features();
        for (int i = 0; i < features.size(); i++) {
            Geometry g = features.get(i).geometry();
            if (!g.isEmpty() && !(g instanceof Polygonal)) {
                throw new CliException(file.toString(), "feature " + (i + 1) + " is a " + g.getGeometryType()
                        + "; evaluate compares building polygons");
            }
        }
        return layer;
    }

    /**
     * The planar frame of an evaluation: the truth's CRS when projected (or when it cannot be reprojected, or there is
     * none); for a geographic truth, the WGS 84 UTM zone at the centre of the truth, or of the predictions when the
     * truth is empty.
     */
    static Crs frame(VectorLayer truth, VectorLayer pred) {
        Crs crs = truth.crs();
        if (crs == null || !crs.isGeographic() || !crs.canReproject()) {
            return crs;
        }
        Envelope extent = extent(truth);
        if (extent.isNull() && pred.crs() != null && pred.crs().canReproject()) {
            Envelope predExtent = extent(pred);
            if (!predExtent.isNull()) {
                Coordinate c = CrsTransform.of(pred.crs(), crs).transform(predExtent.centre());
                extent = new Envelope(c);
            }
        }
        if (extent.isNull()) {
            return crs; // nothing on either side: no area to measure
        }
        return utmZone(extent.centre());
    }

    /** The WGS 84 UTM zone (EPSG:326zz north, 327zz south) of a longitude and latitude. */
    static Crs utmZone(Coordinate lonLat) {
        double lon = ((lonLat.x + 180) % 360 + 360) % 360 - 180;
        int zone = Math.min(60, Math.max(1, (int) Math.floor((lon + 180) / 6) + 1));
        return Crs.epsg((lonLat.y >= 0 ? 32600 : 32700) + zone);
    }

    private static Envelope extent(VectorLayer layer) {
        Envelope e = new Envelope();
        for (VectorFeature f : layer.features()) {
            e.expandToInclude(f.geometry().getEnvelopeInternal());
        }
        return e;
    }

    /** The layer's geometries in the frame. */
    private static List<Geometry> geometries(VectorLayer layer, Crs frame, Path file) {
        CrsTransform transform = null;
        if (layer.crs() != null && frame != null && !layer.crs().equals(frame)) {
            try {
                transform = CrsTransform.of(layer.crs(), frame);
            } catch (IllegalArgumentException e) {
                throw new CliException(file.toString(), "cannot reproject from " + layer.crs() + " to " + frame
                        + ": " + e.getMessage(), e);
            }
        }
        List<Geometry> out = new ArrayList<>(layer.features().size());
        for (VectorFeature f : layer.features()) {
            Geometry g = f.geometry();
            if (transform != null && !g.isEmpty()) {
                try {
                    g = transform.transform(g);
                } catch (IllegalArgumentException e) {
                    throw new CliException(file.toString(), "cannot reproject to " + frame + ": " + e.getMessage(),
                            e);
                }
            }
            out.add(g);
        }
        return out;
    }

    /**
     * The image's footprint in the frame: its four corners on the map, each side densified (so that it stays true
     * when reprojected). An image without a CRS is taken to be in the truth's CRS; one without georeferencing can only
     * be used with a truth in plain (pixel) coordinates.
     */
    private Geometry imageExtent(Path imageFile, Crs frame, VectorLayer truth) {
        Georeferencing georef;
        int width;
        int height;
        try (GeoImage image = GeoImage.open(imageFile)) {
            georef = image.georef();
            width = image.info().width();
            height = image.info().height();
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
        GeometryFactory gf = new GeometryFactory();
        Geometry pixels = gf.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(width, 0),
                new Coordinate(width, height), new Coordinate(0, height), new Coordinate(0, 0)});
        pixels = Densifier.densify(pixels, Math.max(width, height) / 16.0);
        if (frame == null) {
            return georef.toMap(pixels);
        }
        if (!georef.isGeoreferenced()) {
            throw new CliException(imageFile.toString(), "has no georeferencing (GeoTIFF keys, .aux.xml or world "
                    + "file), so its extent cannot be placed in " + frame);
        }
        Crs imageCrs = georef.crs();
        if (imageCrs == null) {
            imageCrs = truth.crs();
            spec.commandLine().getErr().println("roofline: " + imageFile + ": no coordinate system; taken to be the "
                    + "labels' (" + imageCrs + ")");
            spec.commandLine().getErr().flush();
        }
        try {
            Geometry extent = CrsTransform.of(imageCrs, frame).transform(georef.toMap(pixels));
            return extent.isValid() ? extent : GeometryFixer.fix(extent);
        } catch (IllegalArgumentException e) {
            throw new CliException(imageFile.toString(), "cannot reproject its extent from " + imageCrs + " to "
                    + frame + ": " + e.getMessage(), e);
        }
    }

    // --- output

    private static final String[] HEADINGS = {"truth", "pred", "TP", "FP", "FN", "precision", "recall", "F1",
            "mean IoU", "pixel IoU", "C-IoU", "N-ratio"};

    private void printTable(PrintWriter out, List<FileResult> results, DetectionEvaluation total) {
        List<String> labels = labels(results);
        int width = "total".length();
        for (String l : labels) {
            width = Math.max(width, l.length());
        }
        out.printf(Locale.ROOT, "evaluate: %d prediction file%s, one-to-one matching at IoU >= %s%n", results.size(),
                results.size() == 1 ? "" : "s", number(iou));
        StringBuilder head = new StringBuilder(pad("file", width));
        for (String h : HEADINGS) {
            head.append("  ").append(String.format(Locale.ROOT, "%" + Math.max(h.length(), 5) + "s", h));
        }
        out.println(head.toString().stripTrailing());
        for (int i = 0; i < results.size(); i++) {
            out.println(row(labels.get(i), width, results.get(i).evaluation()));
        }
        out.println(row("total", width, total));
        for (int i = 0; i < results.size(); i++) {
            String note = notes(results.get(i).evaluation());
            if (!note.isEmpty()) {
                out.println("note: " + labels.get(i) + ": " + note);
            }
        }
    }

    private static String row(String label, int width, DetectionEvaluation e) {
        Object[] cells = {e.truths(), e.predictions(), e.truePositives(), e.falsePositives(), e.falseNegatives(),
                ratio(e.precision()), ratio(e.recall()), ratio(e.f1()), ratio(e.meanIoU()), ratio(e.pixelIoU()),
                ratio(e.complexityAwareIoU()), ratio(e.nRatio())};
        StringBuilder b = new StringBuilder(pad(label, width));
        for (int i = 0; i < cells.length; i++) {
            b.append("  ").append(String.format(Locale.ROOT, "%" + Math.max(HEADINGS[i].length(), 5) + "s", cells[i]));
        }
        return b.toString();
    }

    /** What was repaired, skipped or left outside the image, as one phrase; empty when nothing was. */
    private static String notes(DetectionEvaluation e) {
        List<String> parts = new ArrayList<>();
        for (String side : new String[] {"prediction", "label"}) {
            DetectionEvaluation.Input in = side.equals("label") ? e.truth() : e.predicted();
            count(parts, in.repaired(), side, "repaired");
            count(parts, in.skipped(), side, "without geometry, skipped");
            count(parts, in.outside(), side, "outside the image");
        }
        return String.join(", ", parts);
    }

    private static void count(List<String> parts, long n, String side, String what) {
        if (n > 0) {
            parts.add(n + " " + side + (n == 1 ? "" : "s") + " " + what);
        }
    }

    /** The prediction files' names, or their paths as given where two names are the same. */
    private static List<String> labels(List<FileResult> results) {
        Set<String> names = new HashSet<>();
        boolean clash = false;
        for (FileResult r : results) {
            clash |= !names.add(name(r.predictions()));
        }
        List<String> out = new ArrayList<>();
        for (FileResult r : results) {
            out.add(clash ? r.predictions().toString() : name(r.predictions()));
        }
        return out;
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    /** A ratio with three decimals, or {@code -} when undefined. */
    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v).replaceAll("\\.0$", "");
    }

    private void writeJson(List<FileResult> results, DetectionEvaluation total) {
        JsonFactory factory = JsonFactory.builder().build();
        try {
            AtomicFiles.write(json, stream -> {
                JsonGenerator g = factory.createGenerator(stream);
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.setPrettyPrinter(new DefaultPrettyPrinter());
                g.writeStartObject();
                g.writeNumberField("iouThreshold", iou);
                g.writeArrayFieldStart("files");
                for (FileResult r : results) {
                    g.writeStartObject();
                    g.writeStringField("predictionFile", r.predictions().toString());
                    g.writeStringField("truthFile", r.truth().toString());
                    if (r.image() == null) {
                        g.writeNullField("imageFile");
                    } else {
                        g.writeStringField("imageFile", r.image().toString());
                    }
                    if (r.crs() == null) {
                        g.writeNullField("crs");
                    } else {
                        g.writeStringField("crs", r.crs().toString());
                    }
                    figures(g, r.evaluation());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeObjectFieldStart("total");
                figures(g, total);
                g.writeEndObject();
                g.writeEndObject();
                g.writeRaw('\n');
                g.flush();
            });
        } catch (IOException e) {
            throw new CliException(json.toString(), "cannot write: " + VectorFiles.stripSubject(e.getMessage(),
                    json), e);
        }
    }

    private static void figures(JsonGenerator g, DetectionEvaluation e) throws IOException {
        g.writeNumberField("truths", e.truths());
        g.writeNumberField("predictions", e.predictions());
        g.writeNumberField("truePositives", e.truePositives());
        g.writeNumberField("falsePositives", e.falsePositives());
        g.writeNumberField("falseNegatives", e.falseNegatives());
        ratioField(g, "precision", e.precision());
        ratioField(g, "recall", e.recall());
        ratioField(g, "f1", e.f1());
        ratioField(g, "meanIoU", e.meanIoU());
        ratioField(g, "pixelIoU", e.pixelIoU());
        ratioField(g, "complexityAwareIoU", e.complexityAwareIoU());
        ratioField(g, "nRatio", e.nRatio());
        g.writeNumberField("predictedArea", e.predictedArea());
        g.writeNumberField("truthArea", e.truthArea());
        g.writeNumberField("intersectionArea", e.intersectionArea());
        g.writeNumberField("predictedVertices", e.predictedVertices());
        g.writeNumberField("truthVertices", e.truthVertices());
        input(g, "predictionInput", e.predicted());
        input(g, "truthInput", e.truth());
    }

    private static void input(JsonGenerator g, String name, DetectionEvaluation.Input in) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("given", in.given());
        g.writeNumberField("repaired", in.repaired());
        g.writeNumberField("skipped", in.skipped());
        g.writeNumberField("outside", in.outside());
        g.writeEndObject();
    }

    /** JSON has no NaN: an undefined figure is null. */
    private static void ratioField(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
