package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.app.cli.ConvertCommandTest.Run;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;

/**
 * {@code roofline evaluate} on the real Kampala labels and chips, and on the SpaceNet Atlanta pair, through
 * {@link Main} as a user runs it. Expected counts follow from how the inputs are built, read off the files themselves.
 */
class EvaluateCommandTest {

    private static final Path RESOURCES = Path.of(System.getProperty("roofline.resources", "../resources"));
    private static final Path KAMPALA = RESOURCES.resolve("samples/fair-kampala");
    private static final String CHIP = "OAM-309614-261632-19";

    @TempDir
    Path tmp;

    private static Run run(String... args) {
        return ConvertCommandTest.run(args);
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static Path labels(String chip) {
        return KAMPALA.resolve("labels/" + chip + ".geojson");
    }

    private static Path chipImage(String chip) {
        return KAMPALA.resolve("chips/" + chip + ".tif");
    }

    private static List<Path> allLabels() throws IOException {
        try (Stream<Path> files = Files.list(KAMPALA.resolve("labels"))) {
            return files.filter(p -> p.toString().endsWith(".geojson")).sorted().toList();
        }
    }

    @Test
    void labelsAgainstThemselvesScoreOneEverywhere() throws IOException {
        List<Path> labels = allLabels();
        List<String> images = new ArrayList<>();
        long buildings = 0;
        for (Path l : labels) {
            String chip = l.getFileName().toString().replace(".geojson", "");
            images.add(chipImage(chip).toString());
            buildings += VectorIo.read(l).features().size();
        }
        String list = String.join(",", labels.stream().map(Path::toString).toList());
        Path out = tmp.resolve("self.json");
        Run r = run("evaluate", list, "--truth", list, "--image", String.join(",", images), "--json", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().anyMatch(line -> line.startsWith("total") && line.contains("1.000")), r.out());
        JsonNode j = json(out);
        assertEquals(labels.size(), j.get("files").size());
        JsonNode total = j.get("total");
        // every label is its own prediction: all matched, nothing clipped away (labels are clipped at chip edges)
        assertEquals(buildings, total.get("truePositives").asLong());
        assertEquals(0, total.get("falsePositives").asLong());
        assertEquals(0, total.get("falseNegatives").asLong());
        assertEquals(0, total.get("predictionInput").get("outside").asLong());
        for (String f : new String[] {"precision", "recall", "f1", "meanIoU", "pixelIoU", "complexityAwareIoU",
                "nRatio"}) {
            assertEquals(1.0, total.get(f).asDouble(), 1e-9, f);
        }
        // the empty label file has no figures at all: null, never NaN
        JsonNode empty = j.get("files").get(0);
        assertEquals(0, empty.get("truths").asLong());
        assertTrue(empty.get("f1").isNull());
        assertTrue(empty.get("precision").isNull());
        // geographic labels are evaluated in the UTM zone of Kampala
        assertEquals("EPSG:32636 (WGS 84 / UTM zone 36N)", j.get("files").get(1).get("crs").asText());
    }

    /** The chip's labels less its first three buildings, with the fourth moved 0.01° (about 1.1 km) east. */
    private Path edited(String name) throws IOException {
        VectorLayer layer = VectorIo.read(labels(CHIP));
        List<VectorFeature> features = new ArrayList<>(layer.features().subList(3, layer.features().size()));
        VectorFeature moved = features.get(0);
        Geometry far = AffineTransformation.translationInstance(0.01, 0).transform(moved.geometry());
        features.set(0, new VectorFeature(far, moved.attributes()));
        Path file = tmp.resolve(name);
        VectorIo.write(layer.withFeatures(features), file);
        return file;
    }

    @Test
    void removedAndMovedBuildingsAreCountedAsBuilt() throws IOException {
        int n = VectorIo.read(labels(CHIP)).features().size();
        Path pred = edited("edited.geojson");
        Path out = tmp.resolve("edited.json");
        Run r = run("evaluate", pred.toString(), "--truth", labels(CHIP).toString(), "--json", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode e = json(out).get("total");
        // n - 3 predictions; the moved one matches nothing; its label and the three removed ones are missed
        assertEquals(n - 3, e.get("predictions").asLong());
        assertEquals(n - 4, e.get("truePositives").asLong());
        assertEquals(1, e.get("falsePositives").asLong());
        assertEquals(4, e.get("falseNegatives").asLong());
        assertEquals((double) (n - 4) / (n - 3), e.get("precision").asDouble(), 1e-12);
        assertEquals((double) (n - 4) / n, e.get("recall").asDouble(), 1e-12);
        assertEquals(2.0 * (n - 4) / (2 * n - 3), e.get("f1").asDouble(), 1e-12);
        assertEquals(1.0, e.get("meanIoU").asDouble(), 1e-9); // the kept buildings are the labels themselves

        // Within the chip, the moved building lies outside the image: dropped, not a false positive.
        Path clipped = tmp.resolve("clipped.json");
        Run c = run("evaluate", pred.toString(), "--truth", labels(CHIP).toString(), "--image",
                chipImage(CHIP).toString(), "--json", clipped.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("note: edited.geojson: 1 prediction outside the image"), c.out());
        JsonNode ce = json(clipped).get("total");
        assertEquals(n - 4, ce.get("truePositives").asLong());
        assertEquals(0, ce.get("falsePositives").asLong());
        assertEquals(4, ce.get("falseNegatives").asLong());
        assertEquals(1, ce.get("predictionInput").get("outside").asLong());
    }

    @Test
    void aShapefileInUtmScoresLikeTheSameFileInWgs84() throws IOException {
        // real predictions: the chip's mask polygonized; then the same footprints as a Shapefile in UTM 36N
        Path mask = KAMPALA.resolve("binarymasks/" + CHIP + ".mask.tif");
        Path geojson = tmp.resolve("pred.geojson");
        Path shp = tmp.resolve("pred.shp");
        assertEquals(0, run("polygonize", mask.toString(), "--out", geojson.toString(), "-j", "1").exit());
        Run conv = run("convert", geojson.toString(), shp.toString(), "--crs", "EPSG:32636");
        assertEquals(0, conv.exit(), conv.err());
        assertTrue(VectorIo.read(shp).crs().epsgCode().getAsInt() == 32636);

        Path a = tmp.resolve("wgs84.json");
        Path b = tmp.resolve("utm.json");
        String truth = labels(CHIP).toString();
        assertEquals(0, run("evaluate", geojson.toString(), "--truth", truth, "--image", chipImage(CHIP).toString(),
                "--json", a.toString()).exit());
        Run r = run("evaluate", shp.toString(), "--truth", truth, "--image", chipImage(CHIP).toString(), "--json",
                b.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode ea = json(a).get("total");
        JsonNode eb = json(b).get("total");
        assertTrue(ea.get("truePositives").asLong() > 0, ea.toString());
        for (String count : new String[] {"truths", "predictions", "truePositives", "falsePositives",
                "falseNegatives", "predictedVertices", "truthVertices"}) {
            assertEquals(ea.get(count).asLong(), eb.get(count).asLong(), count);
        }
        for (String ratio : new String[] {"precision", "recall", "f1", "meanIoU", "pixelIoU", "complexityAwareIoU",
                "nRatio"}) {
            assertEquals(ea.get(ratio).asDouble(), eb.get(ratio).asDouble(), 1e-3, ratio);
        }
    }

    @Test
    void spaceNetSampleAgreesWithTheReferenceEvaluator() {
        // Solaris (CosmiQ's SpaceNet evaluator) scores this very pair TruePos 8, FalsePos 20, FalseNeg 20 at IoU 0.5
        // in its test suite (tests/test_eval/evaluator_test.py, test_score_proposals): 8/28 = 0.286 for P, R, F1.
        Path dir = RESOURCES.resolve("samples/spacenet-atlanta");
        Run r = run("evaluate", dir.resolve("pred.geojson").toString(), "--truth", dir.resolve("gt.geojson").toString());
        assertEquals(0, r.exit(), r.err());
        String total = r.out().lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
        assertTrue(total.matches("total\\s+28\\s+28\\s+8\\s+20\\s+20\\s+0\\.286\\s+0\\.286\\s+0\\.286\\s.*"), total);
    }

    @Test
    void invalidAndMissingGeometriesAreRepairedOrSkippedAndSaidSo() throws IOException {
        // A bow-tie (two triangles, half of the square it spans) and a feature without geometry, against that square.
        Path pred = tmp.resolve("bowtie.geojson");
        Files.writeString(pred, "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[32.5,0.3],[32.5002,0.3002],[32.5002,0.3],[32.5,0.3002],[32.5,0.3]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}]}");
        Path truth = tmp.resolve("square.geojson");
        Files.writeString(truth, "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[32.5,0.3],[32.5002,0.3],[32.5002,0.3002],[32.5,0.3002],[32.5,0.3]]]}}]}");
        Path out = tmp.resolve("bowtie.json");
        // IoU 1/2 in degrees, a hair from it in UTM metres: matched at 0.4
        Run r = run("evaluate", pred.toString(), "--truth", truth.toString(), "--iou", "0.4", "--json",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("note: bowtie.geojson: 1 prediction repaired, 1 prediction without geometry, "
                + "skipped"), r.out());
        JsonNode e = json(out).get("total");
        assertEquals(1, e.get("truePositives").asLong());
        assertEquals(1, e.get("predictionInput").get("repaired").asLong());
        assertEquals(1, e.get("predictionInput").get("skipped").asLong());
        assertEquals(0.5, e.get("pixelIoU").asDouble(), 1e-3);
        assertEquals(1.5, e.get("nRatio").asDouble(), 1e-12); // 3 + 3 vertices against 4
    }

    @Test
    void errorsAreOneLineWithTheRightExitCode() throws IOException {
        Path missing = tmp.resolve("missing.geojson");
        Run r = run("evaluate", missing.toString(), "--truth", labels(CHIP).toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("roofline: " + missing + ": "), r.err());

        Run none = run("evaluate");
        assertEquals(2, none.exit(), none.toString());

        Run pairing = run("evaluate", labels(CHIP).toString(), labels(CHIP).toString(), "--truth",
                labels(CHIP) + "," + labels(CHIP) + "," + labels(CHIP));
        assertEquals(2, pairing.exit(), pairing.toString());
        assertTrue(pairing.err().startsWith("roofline: Invalid value for option '--truth'"), pairing.err());

        Run threshold = run("evaluate", labels(CHIP).toString(), "--truth", labels(CHIP).toString(), "--iou", "0");
        assertEquals(2, threshold.exit(), threshold.toString());

        Path points = tmp.resolve("points.geojson");
        Files.writeString(points, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[32.58,0.31]}}]}");
        Run p = run("evaluate", points.toString(), "--truth", labels(CHIP).toString());
        assertEquals(1, p.exit(), p.toString());
        assertEquals("roofline: " + points + ": feature 1 is a Point; evaluate compares building polygons",
                p.err().strip());

        Path out = tmp.resolve("nodir/out.json");
        Run j = run("evaluate", labels(CHIP).toString(), "--truth", labels(CHIP).toString(), "--json", out.toString());
        assertEquals(1, j.exit(), j.toString());
        assertFalse(Files.exists(out));
    }
}
