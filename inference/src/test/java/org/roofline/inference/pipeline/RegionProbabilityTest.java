package org.roofline.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.model.BundledModel;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.tiling.ProbabilityStitcher;
import org.roofline.inference.tiling.Tile;
import org.roofline.inference.tiling.TileGrid;
import org.roofline.inference.tiling.TileReader;

/**
 * The bundled model on the bundled Banepa sample ({@code resources/samples/banepa-2x2}): the footprints it extracted
 * from the image (the sample's {@code .footprints.gpkg}) are buildings to it, open ground far from any is not.
 */
class RegionProbabilityTest {

    static final GeometryFactory GF = new GeometryFactory();
    static GeoImage image;
    static BundledModel model;
    static List<Geometry> footprints = new ArrayList<>();

    static Path resources() {
        return Path.of(System.getProperty("roofline.resources", "../resources"));
    }

    @BeforeAll
    static void setUp() throws Exception {
        Path dir = resources().resolve("models");
        assumeTrue(Files.isRegularFile(dir.resolve("roofline-unet.params")), "no bundled model in " + dir);
        Path sample = resources().resolve("samples/banepa-2x2");
        image = GeoImage.open(sample.resolve("banepa-2x2.tif"));
        model = BundledModel.load(dir, ComputeDevice.CPU);
        for (VectorFeature f : VectorIo.read(sample.resolve("banepa-2x2.footprints.gpkg")).features()) {
            footprints.add(f.geometry());
        }
    }

    @AfterAll
    static void tearDown() {
        if (model != null) {
            model.close();
        }
        if (image != null) {
            image.close();
        }
    }

    /** Squares of {@code size} image pixels on a grid over the image, none within {@code margin} of a footprint. */
    static List<Geometry> openGround(int size, double margin) {
        Geometry near = GF.buildGeometry(footprints.stream().map(g -> image.georef().toPixel(g)).toList())
                .buffer(margin);
        List<Geometry> squares = new ArrayList<>();
        for (int y = 0; y + size <= image.info().height(); y += size) {
            for (int x = 0; x + size <= image.info().width(); x += size) {
                Polygon sq = square(x, y, size);
                if (!sq.intersects(near)) {
                    squares.add(sq);
                }
            }
        }
        return squares;
    }

    static Polygon square(double x, double y, double size) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + size, y),
                new Coordinate(x + size, y + size), new Coordinate(x, y + size), new Coordinate(x, y)});
    }

    @Test
    void extractedBuildingsAreLikelyOpenGroundIsNot() throws Exception {
        List<Geometry> buildings = footprints.stream()
                .sorted(Comparator.comparingDouble(Geometry::getArea).reversed()).limit(20).toList();
        List<Geometry> ground = openGround(32, 16);
        assertTrue(ground.size() >= 5, "open-ground squares: " + ground.size());
        List<Geometry> all = new ArrayList<>(buildings);
        ground.forEach(g -> all.add(image.georef().toMap(g)));
        CountingModel counting = new CountingModel(model);
        int[] lastProgress = new int[2];
        double[] p = new RegionProbability(counting, 4).inMap(image, all, () -> false,
                (done, total) -> {
                    lastProgress[0] = done;
                    lastProgress[1] = total;
                });
        assertEquals(all.size(), p.length);
        double buildingMean = 0;
        for (int i = 0; i < buildings.size(); i++) {
            assertTrue(p[i] > 0.6, "building " + i + ": " + p[i]);
            buildingMean += p[i] / buildings.size();
        }
        double groundMean = 0;
        for (int i = buildings.size(); i < all.size(); i++) {
            assertTrue(p[i] < 0.3, "open ground " + all.get(i) + ": " + p[i]);
            groundMean += p[i] / ground.size();
        }
        System.out.printf(Locale.ROOT, "[region probability] %d extracted buildings: mean %.3f; %d open-ground "
                + "squares: mean %.3f; %d tiles in %d batches%n", buildings.size(), buildingMean, ground.size(),
                groundMean, counting.tiles, counting.calls);
        assertTrue(buildingMean > 0.8, "buildings " + buildingMean);
        assertTrue(groundMean < 0.1, "ground " + groundMean);
        assertEquals(lastProgress[0], lastProgress[1]);
        assertEquals(counting.tiles, lastProgress[1]);
        assertEquals((counting.tiles + 3) / 4, counting.calls);
    }

    /**
     * The same means as the whole image stitched (every tile predicted, {@link ProbabilityStitcher#forImage}) and
     * averaged per footprint: every pixel taken from the same tile, buildings across tile borders included.
     */
    @Test
    void sameAsTheWholeImageStitched() throws Exception {
        ModelMetadata md = model.metadata();
        TileGrid grid = TileGrid.of(image.info(), md);
        TileReader reader = new TileReader(image, md, grid);
        ProbabilityStitcher whole = ProbabilityStitcher.forImage(grid, md.threshold());
        int area = md.tileSize() * md.tileSize();
        int plane = md.channelIndex(ModelMetadata.FOOTPRINT);
        for (Tile t : grid.tiles()) {
            float[] out = model.predict(List.of(reader.read(t))).get(0);
            whole.add(t, java.util.Arrays.copyOfRange(out, plane * area, (plane + 1) * area));
        }
        double s = grid.subsampling();
        AffineTransformation toWorking = AffineTransformation.scaleInstance(1 / s, 1 / s);
        double[] p = new RegionProbability(model, 3).inMap(image, footprints, () -> false, null);
        int acrossBorders = 0;
        for (int i = 0; i < footprints.size(); i++) {
            Geometry w = toWorking.transform(image.georef().toPixel(footprints.get(i)));
            assertEquals(whole.meanProbability(w), p[i], 1e-6, "footprint " + i);
            long tiles = grid.tiles().stream().filter(t -> {
                java.awt.Rectangle c = t.core();
                return w.getEnvelopeInternal().intersects(new org.locationtech.jts.geom.Envelope(c.x, c.x + c.width,
                        c.y, c.y + c.height));
            }).count();
            acrossBorders += tiles > 1 ? 1 : 0;
        }
        assertTrue(acrossBorders >= 3, "footprints across tile borders: " + acrossBorders);
    }

    @Test
    void onlyTheTilesUnderThePolygonsArePredicted() throws Exception {
        // one small building near the top-left corner: one tile of the grid's nine
        CountingModel counting = new CountingModel(model);
        double[] p = new RegionProbability(counting, 8).inPixels(image, List.of(square(40, 40, 20)), () -> false,
                null);
        assertEquals(1, p.length);
        assertTrue(p[0] >= 0 && p[0] <= 1, "probability " + p[0]);
        assertEquals(1, counting.tiles);
    }

    @Test
    void outsideTheImageIsNaNAndNothingIsEmpty() throws Exception {
        CountingModel counting = new CountingModel(model);
        RegionProbability rp = new RegionProbability(counting, 4);
        assertEquals(0, rp.inPixels(image, List.of(), () -> false, null).length);
        Geometry outside = AffineTransformation.translationInstance(5000, 0).transform(square(0, 0, 50));
        Geometry line = GF.createLineString(new Coordinate[] {new Coordinate(10, 10), new Coordinate(90, 90)});
        double[] p = rp.inPixels(image, List.of(outside, line), () -> false, null);
        assertTrue(Double.isNaN(p[0]) && Double.isNaN(p[1]), p[0] + ", " + p[1]);
        assertEquals(0, counting.calls);
    }

    @Test
    void cancelledBeforeTheFirstBatch() {
        RegionProbability rp = new RegionProbability(model, 4);
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class,
                () -> rp.inPixels(image, List.of(square(0, 0, 100)), () -> true, null));
    }

    /** Counts the calls and tiles a model sees. */
    static final class CountingModel implements SegmentationModel {
        final SegmentationModel model;
        int calls;
        int tiles;

        CountingModel(SegmentationModel model) {
            this.model = model;
        }

        @Override
        public ModelMetadata metadata() {
            return model.metadata();
        }

        @Override
        public List<float[]> predict(List<float[]> batch) throws ModelException {
            calls++;
            tiles += batch.size();
            return model.predict(batch);
        }

        @Override
        public void close() {
        }
    }
}
