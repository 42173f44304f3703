package org.roofline.inference.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.mask.PolygonRasterizer;
import org.roofline.geometry.metrics.PolygonMetrics;
import org.roofline.geometry.postprocess.MaskJob;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.inference.imagery.GeoTransformReader;
import org.roofline.inference.imagery.MaskImageReader;
import org.roofline.inference.imagery.PixelToMap;

/**
 * The post-processor on real masks against real, human-made labels: fAIr Kampala (13 chips, 0/1 masks, EPSG:4326)
 * and SpaceNet Atlanta (a 900 x 900 0/255 mask, UTM 16N labels). Labels are brought into pixel coordinates with the
 * geotransform read from the GeoTIFF.
 */
class RealMaskQualityTest {

    /** A real mask with its labels in pixel coordinates. */
    record Sample(String name, Mask mask, List<Polygon> labels) {
    }

    static List<Sample> samples = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        Path root = Path.of(System.getProperty("roofline.resources", "../resources")).resolve("samples");
        MaskImageReader reader = new MaskImageReader();
        Path kampala = root.resolve("fair-kampala");
        try (Stream<Path> masks = Files.list(kampala.resolve("binarymasks"))) {
            for (Path maskFile : masks.sorted().toList()) {
                String chip = maskFile.getFileName().toString().replace(".mask.tif", "");
                PixelToMap transform = GeoTransformReader.read(maskFile).orElseThrow();
                samples.add(new Sample(chip, reader.read(maskFile),
                        labels(kampala.resolve("labels").resolve(chip + ".geojson"), transform)));
            }
        }
        Path atlanta = root.resolve("spacenet-atlanta");
        PixelToMap utm = GeoTransformReader.read(atlanta.resolve("sample_geotiff.tif")).orElseThrow();
        samples.add(new Sample("atlanta", reader.read(atlanta.resolve("sample_fp_mask_from_geojson.tif")),
                labels(atlanta.resolve("geotiff_labels.geojson"), utm)));
    }

    private static List<Polygon> labels(Path file, PixelToMap transform)
            throws IOException {
        List<Polygon> out = new ArrayList<>();
        for (VectorFeature f : VectorIo.read(file).features()) {
            Geometry pixel = transform.toPixel(f.geometry());
            for (int i = 0; i < pixel.getNumGeometries(); i++) {
                out.add((Polygon) pixel.getGeometryN(i));
            }
        }
        return out;
    }

    private static List<Footprint> run(Mask mask, RegularizationMethod method, long minArea) {
        PostProcessorConfig config = PostProcessorConfig.defaults().withParallelism(2).withMinArea(minArea)
                .withRegularization(RegularizationParameters.defaults(method));
        try (PostProcessor p = new PostProcessor(config)) {
            return p.process(MaskJob.of("test", mask));
        }
    }

    @Test
    void methodNoneReproducesEveryRealMaskPixelForPixel() {
        for (Sample s : samples) {
            List<Footprint> footprints = run(s.mask(), RegularizationMethod.NONE, 0);
            BitMask expected = BitMask.copyOf(s.mask());
            BitMask drawn = new BitMask(expected.width(), expected.height());
            for (Footprint f : footprints) {
                assertTrue(f.polygon().isValid(), s.name() + ": invalid " + f.polygon());
                PolygonRasterizer.rasterize(f.polygon(), drawn, 0, 0);
            }
            assertEquals(0, drawn.countDifferences(expected), s.name() + ": pixels differ");
            assertTrue(expected.countForeground() == 0 || !footprints.isEmpty(), s.name());
        }
    }

    /** Quality figures of one method over all samples. */
    record Quality(double meanIoU, double nRatio, double rightCorners, int matched, int labels, int flagged) {
    }

    static Quality quality(RegularizationMethod method) {
        double iouSum = 0;
        int matched = 0;
        int labelCount = 0;
        long n = 0;
        long nGt = 0;
        int flagged = 0;
        int corners = 0;
        int rightCorners = 0;
        for (Sample s : samples) {
            List<Footprint> footprints = run(s.mask(), method, PostProcessorConfig.DEFAULT_MIN_AREA);
            STRtree index = new STRtree();
            for (Footprint f : footprints) {
                index.insert(f.polygon().getEnvelopeInternal(), f);
                for (double deviation : buildingCornerDeviations(f.polygon(), s.mask())) {
                    corners++;
                    if (deviation <= 10) {
                        rightCorners++;
                    }
                }
                if (!f.regularized()) {
                    flagged++;
                }
            }
            for (Polygon label : s.labels()) {
                labelCount++;
                Footprint best = null;
                double bestIoU = 0;
                for (Object o : index.query(label.getEnvelopeInternal())) {
                    Footprint f = (Footprint) o;
                    double iou = PolygonMetrics.iou(f.polygon(), label);
                    if (iou > bestIoU) {
                        bestIoU = iou;
                        best = f;
                    }
                }
                if (best != null) {
                    matched++;
                    iouSum += bestIoU;
                    n += PolygonMetrics.vertexCount(best.polygon());
                    nGt += PolygonMetrics.vertexCount(label);
                }
            }
        }
        return new Quality(iouSum / matched, (double) n / nGt, (double) rightCorners / corners,
                matched, labelCount, flagged);
    }

    /**
     * Deviation from 90 degrees (reflex 270 counts as right) of every corner that is a building's own corner: a
     * vertex on the image border is where the chip cuts the building (the labels are clipped there too), not a
     * corner of the roof, so it is left out.
     */
    static List<Double> buildingCornerDeviations(Polygon p, Mask mask) {
        List<Double> out = new ArrayList<>();
        double[] angles = PolygonMetrics.interiorAngles(p);
        int k = 0;
        for (int r = 0; r <= p.getNumInteriorRing(); r++) {
            org.locationtech.jts.geom.Coordinate[] c =
                    (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinates();
            for (int i = 0; i < c.length - 1; i++, k++) {
                boolean onBorder = c[i].x == 0 || c[i].y == 0 || c[i].x == mask.width() || c[i].y == mask.height();
                if (!onBorder) {
                    out.add(Math.min(Math.abs(angles[k] - 90), Math.abs(angles[k] - 270)));
                }
            }
        }
        return out;
    }

    @Test
    void footprintsMatchTheRealLabels() {
        Quality none = quality(RegularizationMethod.NONE);
        Quality square = quality(RegularizationMethod.RIGHT_ANGLES);
        System.out.println("real masks, none:         " + none);
        System.out.println("real masks, right-angles: " + square);
        assertTrue(none.meanIoU() >= 0.85, "none: mean IoU " + none.meanIoU());
        assertTrue(square.meanIoU() >= none.meanIoU() - 0.03,
                "right-angles mean IoU " + square.meanIoU() + " vs none " + none.meanIoU());
        assertTrue(square.rightCorners() >= 0.90, "right corners " + square.rightCorners());
        assertTrue(square.nRatio() >= 0.8 && square.nRatio() <= 1.3, "N-ratio " + square.nRatio());
    }
}
