package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.metrics.PolygonMetrics;
import org.roofline.inference.imagery.GeoImage;

/**
 * {@code roofline extract} with the bundled model (no --model) on the four real Banepa drone tiles in
 * resources/samples, which the model card lists as held out from training, against the OpenStreetMap buildings of
 * those tiles. The floors are the ones resources/models/MODEL_CARD.md states.
 */
class BundledModelExtractTest {

    /** Building-level floors, stated in the model card (measured: see the printed line). */
    static final double MIN_RECALL = 0.18;
    static final double MIN_PRECISION = 0.30;
    static final double MIN_MEAN_IOU = 0.65;

    @TempDir
    Path tmp;

    @Test
    void findsTheOpenStreetMapBuildingsOfHeldOutTiles() throws Exception {
        Path samples = ExtractCommandTest.root().resolve("resources/samples/fair-banepa");
        VectorLayer osm = VectorIo.read(samples.resolve("osm/osm_features_ac7e343eb1faacd2.geojson"));
        GeometryFactory gf = new GeometryFactory();
        int labels = 0;
        int found = 0;
        int predicted = 0;
        int correct = 0;
        double iouSum = 0;
        for (String tile : List.of("OAM-386690-220241-19", "OAM-386690-220242-19", "OAM-386691-220241-19",
                "OAM-386691-220242-19")) {
            Path image = samples.resolve("oam/" + tile + ".tif");
            Path out = tmp.resolve(tile + ".gpkg");
            ConvertCommandTest.Run r = ConvertCommandTest.run("extract", image.toString(), "-o", out.toString(),
                    "--device", "cpu");
            assertEquals(0, r.exit(), r.err());
            VectorLayer result = VectorIo.read(out);
            assertEquals(Crs.WGS84, result.crs());
            Geometry extent;
            try (GeoImage img = GeoImage.open(image)) {
                extent = gf.toGeometry(img.info().extent());
            }
            // the labels of this tile, clipped to it; slivers of buildings mostly outside the tile are left out
            List<Geometry> truth = new ArrayList<>();
            for (VectorFeature f : osm.features()) {
                if (f.geometry().intersects(extent)) {
                    Geometry clipped = f.geometry().intersection(extent);
                    if (clipped.getArea() >= 0.5 * f.geometry().getArea()) {
                        truth.add(clipped);
                    }
                }
            }
            STRtree index = new STRtree();
            for (VectorFeature f : result.features()) {
                index.insert(f.geometry().getEnvelopeInternal(), f.geometry());
            }
            for (Geometry label : truth) {
                labels++;
                double best = 0;
                for (Object o : index.query(label.getEnvelopeInternal())) {
                    best = Math.max(best, PolygonMetrics.iou((Geometry) o, label));
                }
                if (best >= 0.5) {
                    found++;
                    iouSum += best;
                }
            }
            for (VectorFeature f : result.features()) {
                predicted++;
                for (Geometry label : truth) {
                    if (label.getEnvelopeInternal().intersects(f.geometry().getEnvelopeInternal())
                            && PolygonMetrics.iou(f.geometry(), label) >= 0.5) {
                        correct++;
                        break;
                    }
                }
            }
        }
        double recall = (double) found / labels;
        double precision = (double) correct / predicted;
        double meanIoU = iouSum / Math.max(1, found);
        System.out.printf("bundled model on 4 held-out Banepa tiles: %d OSM buildings, %d found at IoU >= 0.5 "
                + "(recall %.2f), %d predicted (precision %.2f), mean IoU of those found %.3f%n", labels, found, recall,
                predicted, precision, meanIoU);
        assertTrue(recall >= MIN_RECALL, "recall " + recall);
        assertTrue(precision >= MIN_PRECISION, "precision " + precision);
        assertTrue(meanIoU >= MIN_MEAN_IOU, "mean IoU " + meanIoU);
    }
}
