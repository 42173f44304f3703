package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.metrics.PolygonMetrics;

/**
 * {@code roofline polygonize} on the georeferenced Kampala masks (EPSG:4326 in their GeoTIFF keys), written as
 * GeoPackage, and compared in map coordinates with the real OpenStreetMap labels of each chip.
 */
class GeoreferencedPolygonizeTest {

    @TempDir
    Path tmp;

    @Test
    void footprintsMatchTheLabelsInMapCoordinates() throws Exception {
        Path kampala = Path.of(System.getProperty("roofline.resources", "../resources")).resolve("samples/fair-kampala");
        double iouSum = 0;
        int matched = 0;
        int labels = 0;
        try (Stream<Path> masks = Files.list(kampala.resolve("binarymasks"))) {
            for (Path mask : masks.sorted().toList()) {
                String chip = mask.getFileName().toString().replace(".mask.tif", "");
                Path out = tmp.resolve(chip + ".gpkg");
                ConvertCommandTest.Run r = ConvertCommandTest.run("polygonize", mask.toString(), "-o", out.toString());
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().contains("(EPSG:4326 (WGS 84))"), r.out());
                VectorLayer found = VectorIo.read(out);
                assertEquals(Crs.WGS84, found.crs());
                VectorLayer truth = VectorIo.read(kampala.resolve("labels").resolve(chip + ".geojson"));
                STRtree index = new STRtree();
                for (VectorFeature f : found.features()) {
                    index.insert(f.geometry().getEnvelopeInternal(), f.geometry());
                }
                for (VectorFeature label : truth.features()) {
                    labels++;
                    double best = 0;
                    for (Object o : index.query(label.geometry().getEnvelopeInternal())) {
                        best = Math.max(best, PolygonMetrics.iou((Geometry) o, label.geometry()));
                    }
                    if (best > 0) {
                        matched++;
                        iouSum += best;
                    }
                }
            }
        }
        double meanIoU = iouSum / matched;
        System.out.printf("Kampala in map coordinates: %d of %d labels matched, mean IoU %.3f%n", matched, labels,
                meanIoU);
        assertTrue(matched >= 0.95 * labels, matched + " of " + labels + " labels found");
        assertTrue(meanIoU >= 0.85, "mean IoU " + meanIoU);
    }

    @Test
    void everyFormatKeepsTheCrsAndGdalReadsIt() throws Exception {
        Path mask = Path.of(System.getProperty("roofline.resources", "../resources"))
                .resolve("samples/fair-kampala/binarymasks/OAM-309614-261632-19.mask.tif");
        for (String ext : List.of("gpkg", "shp", "geojson")) {
            Path out = tmp.resolve("k." + ext);
            ConvertCommandTest.Run r = ConvertCommandTest.run("polygonize", mask.toString(), "-o", out.toString());
            assertEquals(0, r.exit(), r.err());
            int count = Integer.parseInt(r.out().replaceAll("^polygonize: (\\d+) .*\\s*$", "$1"));
            if (!Files.isExecutable(Path.of("/usr/bin/python3")) && System.getenv("CI") == null) {
                continue;
            }
            String[] gdal = ConvertCommandTest.gdal(String.join("\n",
                    "import sys",
                    "from osgeo import ogr",
                    "ds = ogr.Open(sys.argv[1]); lyr = ds.GetLayer(0); srs = lyr.GetSpatialRef(); srs.AutoIdentifyEPSG()",
                    "print(lyr.GetFeatureCount(), srs.GetAuthorityCode(None), lyr.GetLayerDefn().GetFieldIndex('area_m2') >= 0)"),
                    out).split(" ");
            assertEquals(String.valueOf(count), gdal[0], ext);
            assertEquals("4326", gdal[1], ext);
            assertEquals("True", gdal[2], ext);
        }
    }
}
