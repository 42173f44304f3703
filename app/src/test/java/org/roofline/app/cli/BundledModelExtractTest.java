package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.metrics.BuildingMatcher;
import org.roofline.geometry.metrics.DetectionEvaluation;
import org.roofline.inference.imagery.GeoImage;

/**
 * {@code roofline extract} with the bundled model (no --model) on the six real Banepa drone tiles and the two Kampala
 * chips that the model card lists as held out from training, scored building by building (one-to-one matching at IoU
 * 0.5, {@link BuildingMatcher}, each tile's labels and footprints clipped to it) against their human labels. The
 * floors sit below the figures the model card states (measured: see the printed lines).
 */
class BundledModelExtractTest {

    static final double MIN_F1_BANEPA = 0.50;
    static final double MIN_F1_KAMPALA = 0.50;
    static final double MIN_MEAN_IOU = 0.70;

    @TempDir
    Path tmp;

    @Test
    void findsTheBuildingsOfHeldOutTilesOneByOne() throws Exception {
        Path samples = ExtractCommandTest.root().resolve("resources/samples");
        List<Geometry> osm = polygons(samples.resolve("fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson"));
        List<DetectionEvaluation> banepa = new ArrayList<>();
        for (String tile : List.of("OAM-386690-220241-19", "OAM-386690-220242-19", "OAM-386691-220241-19",
                "OAM-386691-220242-19", "OAM-386693-220243-19", "OAM-386695-220245-19")) {
            banepa.add(score(samples.resolve("fair-banepa/oam/" + tile + ".tif"), osm));
        }
        List<DetectionEvaluation> kampala = new ArrayList<>();
        for (String chip : List.of("OAM-309613-261633-19", "OAM-309614-261633-19")) {
            kampala.add(score(samples.resolve("fair-kampala/chips/" + chip + ".tif"),
                    polygons(samples.resolve("fair-kampala/labels/" + chip + ".geojson"))));
        }
        DetectionEvaluation b = DetectionEvaluation.pool(banepa);
        DetectionEvaluation k = DetectionEvaluation.pool(kampala);
        for (var e : List.of(java.util.Map.entry("Banepa (6 tiles)", b), java.util.Map.entry("Kampala (2 chips)", k))) {
            DetectionEvaluation d = e.getValue();
            System.out.printf(Locale.ROOT, "bundled model, held-out %s: %d labels, %d footprints, %d matched: "
                            + "precision %.3f recall %.3f F1 %.3f, mean IoU %.3f%n", e.getKey(), d.truths(),
                    d.predictions(), d.truePositives(), d.precision(), d.recall(), d.f1(), d.meanIoU());
        }
        assertTrue(b.f1() >= MIN_F1_BANEPA, "Banepa F1 " + b.f1());
        assertTrue(k.f1() >= MIN_F1_KAMPALA, "Kampala F1 " + k.f1());
        assertTrue(b.meanIoU() >= MIN_MEAN_IOU, "Banepa mean IoU " + b.meanIoU());
        // touching roofs are separated: the tile where the footprint-only model found 6 blobs for 83 buildings
        DetectionEvaluation dense = banepa.get(4);
        assertTrue(dense.predictions() >= 0.8 * dense.truths(),
                dense.predictions() + " footprints for " + dense.truths() + " buildings");
    }

    private DetectionEvaluation score(Path image, List<Geometry> truth) throws Exception {
        String name = image.getFileName().toString().replace(".tif", "");
        Path out = tmp.resolve(name + ".gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", image.toString(), "-o", out.toString(),
                "--device", "cpu");
        assertEquals(0, r.exit(), r.err());
        VectorLayer result = VectorIo.read(out);
        assertEquals(Crs.WGS84, result.crs());
        Geometry extent;
        try (GeoImage img = GeoImage.open(image)) {
            extent = new GeometryFactory().toGeometry(img.info().extent());
        }
        List<Geometry> found = result.features().stream().map(VectorFeature::geometry).toList();
        // IoU is a ratio: longitude/latitude serve as well as metres over one small tile
        return new BuildingMatcher().withExtent(extent).apply(found, truth).evaluation();
    }

    private static List<Geometry> polygons(Path file) throws Exception {
        return VectorIo.read(file).features().stream().map(VectorFeature::geometry).toList();
    }
}
