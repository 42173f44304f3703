package org.roofline.inference.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.mask.PolygonRasterizer;
import org.roofline.geometry.metrics.PolygonMetrics;
import org.roofline.geometry.metrics.WindowedComplexityAwareIoU;
import org.roofline.geometry.postprocess.MaskJob;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.synthetic.EdgeNoise;
import org.roofline.geometry.synthetic.InstanceEdgeNoise;
import org.roofline.geometry.instance.InstanceLabels;
import org.roofline.geometry.postprocess.LabelJob;
import org.roofline.geometry.postprocess.TracedFootprint;
import org.roofline.inference.imagery.GeoTransformReader;
import org.roofline.inference.imagery.MaskImageReader;
import org.roofline.inference.imagery.PixelToMap;
import org.roofline.inference.imagery.RooflineInputException;

/**
 * The regularizer's quality on real building masks, as a network would hand them over: human-made masks and labels at
 * several ground resolutions, with {@linkplain EdgeNoise network-like edge noise} of several strengths, scored against
 * the human polygons.
 *
 * <p><b>Data</b> (all in {@code resources/samples}): the 13 fAIr Kampala chips with their 0/1 masks and labels, grouped
 * by ground resolution (z21 about 0.075 m, z20 about 0.15 m, z19 about 0.3 m a pixel); the six fAIr Banepa tiles with
 * their OpenStreetMap buildings clipped to each tile and rasterized on its own grid (0.13 m) and on a 0.3 m grid.
 *
 * <p><b>Scores</b> per group and noise strength, over all its images: mask IoU and C-IoU (means over 300 px windows,
 * {@link WindowedComplexityAwareIoU}), N-ratio (vertices over label vertices), the share of corners within 10° of a
 * right angle for the footprints and for the labels (corners on an image's border are where the image cuts a
 * building, not corners, and are left out), the mean over matched buildings (IoU ≥ 0.5) of the
 * {@linkplain PolygonMetrics#maxTangentAngleError max tangent angle error}, and the buildings the regularizer flagged.
 */
public final class RegularizationBenchmark {

    /** One image: its mask (pixels) and its labels in the same pixel coordinates. */
    public record Sample(String group, String name, Mask mask, List<Polygon> labels) {
        public Sample {
            Objects.requireNonNull(group, "group");
            labels = List.copyOf(labels);
        }
    }

    /**
     * Scores of one group at one noise strength.
     *
     * @param meanMaxTangentError mean over matched buildings of the max tangent angle error, degrees
     */
    public record Score(String group, double noise, int images, int labels, int footprints, int matched,
                        double maskIoU, double complexityAwareIoU, double nRatio, double rightCorners,
                        double labelRightCorners, double meanMaxTangentError, int flagged) {
    }

    /** The Banepa grid coarser than the tiles' own: 0.3 m, the bundled model's resolution. */
    public static final double COARSE_METRES = 0.3;

    private RegularizationBenchmark() {
    }

    /** Loads every sample of {@code resources/samples} described in the class comment. */
    public static List<Sample> load(Path samples) throws IOException, RooflineInputException {
        List<Sample> out = new ArrayList<>();
        MaskImageReader reader = new MaskImageReader();
        Path kampala = samples.resolve("fair-kampala");
        try (Stream<Path> masks = Files.list(kampala.resolve("binarymasks"))) {
            for (Path maskFile : masks.sorted().toList()) {
                String chip = maskFile.getFileName().toString().replace(".mask.tif", "");
                PixelToMap transform = GeoTransformReader.read(maskFile).orElseThrow(
                        () -> new RooflineInputException(maskFile, "no georeferencing"));
                String group = chip.endsWith("-21") ? "Kampala 0.075 m" : chip.endsWith("-20") ? "Kampala 0.15 m"
                        : "Kampala 0.3 m";
                Mask mask = reader.read(maskFile);
                out.add(new Sample(group, chip, mask, clipped(
                        pixelLabels(VectorIo.read(kampala.resolve("labels").resolve(chip + ".geojson")).features(),
                                transform), mask.width(), mask.height())));
            }
        }
        Path banepa = samples.resolve("fair-banepa");
        List<VectorFeature> osm;
        try (Stream<Path> files = Files.list(banepa.resolve("osm"))) {
            Path file = files.filter(p -> p.toString().endsWith(".geojson")).findFirst().orElseThrow(
                    () -> new IOException(banepa.resolve("osm") + ": no OpenStreetMap GeoJSON"));
            osm = VectorIo.read(file).features();
        }
        try (Stream<Path> tiles = Files.list(banepa.resolve("oam"))) {
            for (Path tile : tiles.filter(p -> p.toString().endsWith(".tif")).sorted().toList()) {
                int[] size = {MaskImageReader.size(tile).width(), MaskImageReader.size(tile).height()};
                PixelToMap transform = GeoTransformReader.read(tile).orElseThrow(
                        () -> new RooflineInputException(tile, "no georeferencing"));
                String name = tile.getFileName().toString().replace(".tif", "");
                List<Polygon> labels = clipped(pixelLabels(osm, transform), size[0], size[1]);
                double metres = groundMetresPerPixel(transform);
                out.add(rasterized(String.format(java.util.Locale.ROOT, "Banepa %.2f m", metres), name, labels,
                        size[0], size[1]));
                double f = metres / COARSE_METRES;
                int w = (int) Math.round(size[0] * f);
                int h = (int) Math.round(size[1] * f);
                AffineTransformation scale = AffineTransformation.scaleInstance(f, f);
                List<Polygon> coarse = new ArrayList<>();
                for (Polygon p : labels) {
                    coarse.add((Polygon) scale.transform(p));
                }
                out.add(rasterized("Banepa 0.3 m", name, clipped(coarse, w, h), w, h));
            }
        }
        return out;
    }

    private static Sample rasterized(String group, String name, List<Polygon> labels, int w, int h) {
        BitMask mask = new BitMask(w, h);
        for (Polygon p : labels) {
            PolygonRasterizer.rasterize(p, mask, 0, 0);
        }
        return new Sample(group, name, mask, labels);
    }

    /** Ground size of a pixel in metres: the CRS unit is a degree here (EPSG:4326 tiles), a metre otherwise. */
    private static double groundMetresPerPixel(PixelToMap t) {
        double size = Math.abs(t.pixelWidth());
        if (size > 0.01) {
            return size;
        }
        double lat = Math.toRadians(t.originY());
        return size * 111_320 * Math.cos(lat);
    }

    private static List<Polygon> pixelLabels(List<VectorFeature> features, PixelToMap transform) {
        List<Polygon> out = new ArrayList<>();
        for (VectorFeature f : features) {
            if (f.geometry() == null) {
                continue;
            }
            Geometry pixel = transform.toPixel(f.geometry());
            for (int i = 0; i < pixel.getNumGeometries(); i++) {
                if (pixel.getGeometryN(i) instanceof Polygon p) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Labels clipped to the image, pieces under one pixel dropped (the masks are clipped the same way). */
    private static List<Polygon> clipped(List<Polygon> labels, int w, int h) {
        GeometryFactory gf = new GeometryFactory();
        Geometry frame = gf.toGeometry(new Envelope(0, w, 0, h));
        List<Polygon> out = new ArrayList<>();
        for (Polygon p : labels) {
            if (!p.getEnvelopeInternal().intersects(frame.getEnvelopeInternal())) {
                continue;
            }
            Geometry g = p.isValid() ? p : p.buffer(0);
            Geometry c = frame.getEnvelopeInternal().contains(g.getEnvelopeInternal()) ? g : g.intersection(frame);
            for (int i = 0; i < c.getNumGeometries(); i++) {
                if (c.getGeometryN(i) instanceof Polygon piece && piece.getArea() >= 1) {
                    out.add(piece);
                }
            }
        }
        return out;
    }

    /**
     * Regularizes every sample of a group with the noise applied and scores the result.
     *
     * @param noise       edge noise amplitude in pixels (0 for the masks as they are)
     * @param correlation length of the noise's bumps in pixels
     * @param seed        seed of the noise (each image gets {@code seed + its index})
     */
    public static Score score(String group, List<Sample> samples, RegularizationParameters parameters, double noise,
                              double correlation, long seed, int threads) {
        return score(group, samples, parameters, noise, correlation, seed, threads, false);
    }

    /**
     * As {@link #score(String, List, RegularizationParameters, double, double, long, int)}; with {@code instances},
     * each sample is handed over as building instances (each mask pixel numbered after the nearest label polygon, the
     * noise moving only the outer edges: {@link InstanceEdgeNoise}), as the instance segmenter hands the bundled
     * model's output to the post-processor, so that touching buildings are regularized as neighbours sharing a wall
     * instead of as one blob.
     */
    public static Score score(String group, List<Sample> samples, RegularizationParameters parameters, double noise,
                              double correlation, long seed, int threads, boolean instances) {
        PostProcessorConfig config = PostProcessorConfig.defaults().withParallelism(threads)
                .withRegularization(parameters);
        double iouSum = 0;
        double ciouSum = 0;
        int windows = 0;
        long n = 0;
        long nGt = 0;
        int corners = 0;
        int rightCorners = 0;
        int labelCorners = 0;
        int labelRightCorners = 0;
        double tangentSum = 0;
        int matched = 0;
        int labels = 0;
        int footprintCount = 0;
        int flagged = 0;
        int images = 0;
        try (PostProcessor processor = new PostProcessor(config)) {
            int index = 0;
            for (Sample s : samples) {
                index++;
                if (!s.group().equals(group)) {
                    continue;
                }
                images++;
                List<Footprint> footprints;
                if (instances) {
                    InstanceLabels clean = instancesOf(s);
                    InstanceLabels noisy = noise > 0
                            ? InstanceEdgeNoise.apply(clean, noise, correlation, seed + index) : clean;
                    footprints = processor.processTraced(LabelJob.of(s.name(), noisy)).stream()
                            .map(TracedFootprint::footprint).toList();
                } else {
                    Mask mask = noise > 0 ? EdgeNoise.apply(s.mask(), noise, correlation, seed + index) : s.mask();
                    footprints = processor.process(MaskJob.of(s.name(), mask));
                }
                List<Polygon> predicted = new ArrayList<>();
                STRtree tree = new STRtree();
                for (Footprint f : footprints) {
                    predicted.add(f.polygon());
                    tree.insert(f.polygon().getEnvelopeInternal(), f.polygon());
                    if (!f.regularized()) {
                        flagged++;
                    }
                    for (double d : cornerDeviations(f.polygon(), s.mask().width(), s.mask().height())) {
                        corners++;
                        rightCorners += d <= 10 ? 1 : 0;
                    }
                }
                footprintCount += footprints.size();
                WindowedComplexityAwareIoU.Result r = WindowedComplexityAwareIoU.evaluate(predicted, s.labels(),
                        s.mask().width(), s.mask().height());
                for (WindowedComplexityAwareIoU.Window win : r.windows()) {
                    iouSum += win.iou();
                    ciouSum += win.complexityAwareIoU();
                    windows++;
                }
                n += r.vertexCount();
                nGt += r.groundTruthVertexCount();
                for (Polygon label : s.labels()) {
                    labels++;
                    for (double d : cornerDeviations(label, s.mask().width(), s.mask().height())) {
                        labelCorners++;
                        labelRightCorners += d <= 10 ? 1 : 0;
                    }
                    Polygon best = null;
                    double bestIoU = 0;
                    for (Object o : tree.query(label.getEnvelopeInternal())) {
                        double iou = PolygonMetrics.iou((Polygon) o, label);
                        if (iou > bestIoU) {
                            bestIoU = iou;
                            best = (Polygon) o;
                        }
                    }
                    if (best != null && bestIoU >= 0.5) {
                        matched++;
                        tangentSum += PolygonMetrics.maxTangentAngleError(best, label);
                    }
                }
            }
        }
        return new Score(group, noise, images, labels, footprintCount, matched, iouSum / windows, ciouSum / windows,
                nGt == 0 ? Double.NaN : (double) n / nGt, (double) rightCorners / corners,
                (double) labelRightCorners / labelCorners, tangentSum / matched, flagged);
    }

    /** The sample's mask as instances: each foreground pixel numbered after the nearest label polygon. */
    static InstanceLabels instancesOf(Sample s) {
        int w = s.mask().width();
        int h = s.mask().height();
        int[] seeds = new int[w * h];
        int id = 0;
        for (Polygon p : s.labels()) {
            id++;
            Envelope e = p.getEnvelopeInternal();
            int x0 = Math.max(0, (int) Math.floor(e.getMinX()));
            int y0 = Math.max(0, (int) Math.floor(e.getMinY()));
            int x1 = Math.min(w, (int) Math.ceil(e.getMaxX()) + 1);
            int y1 = Math.min(h, (int) Math.ceil(e.getMaxY()) + 1);
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            BitMask window = new BitMask(x1 - x0, y1 - y0);
            PolygonRasterizer.rasterize(p, window, x0, y0);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if (seeds[y * w + x] == 0 && window.get(x - x0, y - y0)) {
                        seeds[y * w + x] = id;
                    }
                }
            }
        }
        return InstanceLabels.grownFrom(s.mask(), seeds);
    }

    /** Deviation from a right angle of every corner of a polygon that does not lie on the image's border. */
    static List<Double> cornerDeviations(Polygon p, int width, int height) {
        List<Double> out = new ArrayList<>();
        double[] angles = PolygonMetrics.interiorAngles(p);
        int k = 0;
        for (int r = 0; r <= p.getNumInteriorRing(); r++) {
            Coordinate[] c = (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinates();
            for (int i = 0; i < c.length - 1 && k < angles.length; i++, k++) {
                boolean onBorder = Math.abs(c[i].x) < 1e-6 || Math.abs(c[i].y) < 1e-6
                        || Math.abs(c[i].x - width) < 1e-6 || Math.abs(c[i].y - height) < 1e-6;
                if (!onBorder) {
                    out.add(Math.min(Math.abs(angles[k] - 90), Math.abs(angles[k] - 270)));
                }
            }
        }
        return out;
    }

    /** @return the groups of the samples, in the order first met */
    public static List<String> groups(List<Sample> samples) {
        List<String> out = new ArrayList<>();
        for (Sample s : samples) {
            if (!out.contains(s.group())) {
                out.add(s.group());
            }
        }
        return out;
    }
}
