package org.roofline.inference.pipeline;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.PolygonRasterizer;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.tiling.Tile;
import org.roofline.inference.tiling.TileGrid;
import org.roofline.inference.tiling.TileReader;

/**
 * The model's mean building probability over polygons of an image: how strongly the model sees a building where a
 * map has one. Used to tell a reference building that no footprint matched because it is gone (low) from one the
 * extraction missed (high).
 *
 * <p>The image is tiled as an extraction run tiles it ({@link TileGrid#of}, {@link TileReader}: same subsampling,
 * overlap and normalization), but only the tiles whose cores hold a pixel of some polygon are read and predicted,
 * in batches. Each working pixel is taken from the one tile whose core holds it, as {@link
 * org.roofline.inference.tiling.ProbabilityStitcher} does, and a polygon's pixels are the working pixels whose
 * centres it contains ({@link PolygonRasterizer}). The probability is the model's footprint plane.
 *
 * <p>A polygon partly off the image gets the mean over its part on the image. A polygon gets NaN when no pixel centre of the image is inside it (outside the image, or thinner than a
 * working pixel), or when all its pixels lie in tiles that are all no-data. A batch the model fails on is an error
 * ({@link ModelException}): unlike an extraction, nothing is skipped silently.
 *
 * <p>Not thread-safe: the model is used by the calling thread only (see {@link SegmentationModel}).
 */
public final class RegionProbability {

    /** Tells how many of the tiles to predict are done; called on the calling thread. */
    @FunctionalInterface
    public interface Progress {
        void tiles(int done, int total);
    }

    private final SegmentationModel model;
    private final int batchSize;

    /**
     * @param model     the model, used on the calling thread; not closed here
     * @param batchSize tiles per {@code predict} call, at least 1
     */
    public RegionProbability(SegmentationModel model, int batchSize) {
        this.model = Objects.requireNonNull(model, "model");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The mean probability over polygons in the image's map coordinates (its CRS; the caller reprojects).
     *
     * @see #inPixels
     */
    public double[] inMap(GeoImage image, List<? extends Geometry> mapPolygons, BooleanSupplier cancelled,
                          Progress progress) throws ModelException, RooflineInputException, InterruptedException {
        List<Geometry> pixels = new ArrayList<>(mapPolygons.size());
        for (Geometry g : mapPolygons) {
            pixels.add(image.georef().toPixel(g));
        }
        return inPixels(image, pixels, cancelled, progress);
    }

    /**
     * The mean probability over polygons in the image's pixel coordinates (pixel (x, y) is the unit square at (x, y)).
     *
     * @param polygons  Polygons or MultiPolygons; anything else gets NaN
     * @param cancelled checked before each batch
     * @param progress  told after each batch (may be null)
     * @return one mean in [0, 1] per polygon, in order, or NaN (see the class description); empty for no polygons
     * @throws ModelException         if the model fails on a batch or returns outputs of the wrong size
     * @throws RooflineInputException if a tile's pixels cannot be decoded
     * @throws InterruptedException   if cancelled or interrupted
     */
    public double[] inPixels(GeoImage image, List<? extends Geometry> polygons, BooleanSupplier cancelled,
                             Progress progress) throws ModelException, RooflineInputException, InterruptedException {
        Objects.requireNonNull(image, "image");
        double[] mean = new double[polygons.size()];
        Arrays.fill(mean, Double.NaN);
        if (polygons.isEmpty()) {
            return mean;
        }
        ModelMetadata md = model.metadata();
        TileGrid grid = TileGrid.of(image.info(), md);
        TileReader reader = new TileReader(image, md, grid);
        double s = grid.subsampling();
        AffineTransformation toWorking = AffineTransformation.scaleInstance(1 / s, 1 / s);
        Envelope bounds = new Envelope(0, grid.width(), 0, grid.height());
        int[] xBorders = borders(grid.row(0), true);
        List<Tile> firstColumn = new ArrayList<>();
        for (int r = 0; r < grid.rows(); r++) {
            firstColumn.add(grid.tiles().get(r * grid.columns()));
        }
        int[] yBorders = borders(firstColumn, false);

        // each polygon's pixels, and per tile the polygons whose pixels its core holds
        Footprint[] pixels = new Footprint[polygons.size()];
        List<List<Integer>> perTile = new ArrayList<>();
        for (int t = 0; t < grid.tiles().size(); t++) {
            perTile.add(null);
        }
        for (int i = 0; i < polygons.size(); i++) {
            Geometry g = polygons.get(i);
            if (!(g instanceof Polygonal) || g.isEmpty()) {
                continue;
            }
            Geometry w = toWorking.transform(g);
            Envelope e = w.getEnvelopeInternal().intersection(bounds);
            if (e.isNull()) {
                continue;
            }
            int x0 = (int) Math.floor(e.getMinX());
            int y0 = (int) Math.floor(e.getMinY());
            int x1 = Math.min(grid.width(), (int) Math.ceil(e.getMaxX()));
            int y1 = Math.min(grid.height(), (int) Math.ceil(e.getMaxY()));
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            BitMask m = new BitMask(x1 - x0, y1 - y0);
            PolygonRasterizer.rasterize(w, m, x0, y0);
            if (m.countForeground() == 0) {
                continue;
            }
            pixels[i] = new Footprint(m, x0, y0);
            for (int r = index(yBorders, y0); r <= index(yBorders, y1 - 1); r++) {
                for (int c = index(xBorders, x0); c <= index(xBorders, x1 - 1); c++) {
                    int t = r * grid.columns() + c;
                    if (perTile.get(t) == null) {
                        perTile.set(t, new ArrayList<>());
                    }
                    perTile.get(t).add(i);
                }
            }
        }

        List<Tile> needed = new ArrayList<>();
        for (Tile t : grid.tiles()) {
            if (perTile.get(t.index()) != null) {
                needed.add(t);
            }
        }
        int plane = md.planes() == 1 ? 0 : md.channelIndex(ModelMetadata.FOOTPRINT);
        int area = md.tileSize() * md.tileSize();
        double[] sum = new double[polygons.size()];
        long[] count = new long[polygons.size()];
        int done = 0;
        for (int from = 0; from < needed.size(); from += batchSize) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("cancelled");
            }
            List<Tile> batch = new ArrayList<>();
            List<float[]> inputs = new ArrayList<>();
            for (Tile t : needed.subList(from, Math.min(needed.size(), from + batchSize))) {
                float[] input = reader.read(t);
                if (input != null) { // all no-data: no evidence either way
                    batch.add(t);
                    inputs.add(input);
                }
            }
            List<float[]> outputs = batch.isEmpty() ? List.of() : model.predict(inputs);
            if (outputs == null || outputs.size() != batch.size()) {
                throw new ModelException("the model returned " + (outputs == null ? "nothing" : outputs.size()
                        + " outputs") + " for " + batch.size() + " tiles");
            }
            for (int k = 0; k < batch.size(); k++) {
                float[] o = outputs.get(k);
                if (o == null || o.length != area * md.planes()) {
                    throw new ModelException("the model returned an output of " + (o == null ? 0 : o.length)
                            + " values, expected " + area * md.planes());
                }
                Tile t = batch.get(k);
                for (int i : perTile.get(t.index())) {
                    pixels[i].accumulate(t, o, plane * area, md.tileSize(), sum, count, i);
                }
            }
            done += Math.min(batchSize, needed.size() - from);
            if (progress != null) {
                progress.tiles(done, needed.size());
            }
        }
        for (int i = 0; i < mean.length; i++) {
            if (count[i] > 0) {
                mean[i] = sum[i] / count[i];
            }
        }
        return mean;
    }

    /** A polygon's pixel centres in the working grid: mask pixel (x, y) is working pixel (x0 + x, y0 + y). */
    private record Footprint(BitMask mask, int x0, int y0) {

        /** Adds the probabilities of the pixels of this footprint that the tile's core holds. */
        void accumulate(Tile tile, float[] output, int offset, int tileSize, double[] sum, long[] count, int i) {
            Rectangle core = tile.core().intersection(new Rectangle(x0, y0, mask.width(), mask.height()));
            Rectangle w = tile.window();
            double s = 0;
            long n = 0;
            for (int y = core.y; y < core.y + core.height; y++) {
                for (int x = core.x; x < core.x + core.width; x++) {
                    if (mask.get(x - x0, y - y0)) {
                        s += output[offset + (y - w.y) * tileSize + (x - w.x)];
                        n++;
                    }
                }
            }
            sum[i] += s;
            count[i] += n;
        }
    }

    /** The cores' borders along one axis: core k spans [b[k], b[k + 1]). */
    private static int[] borders(List<Tile> line, boolean alongX) {
        int[] b = new int[line.size() + 1];
        for (int k = 0; k < line.size(); k++) {
            Rectangle core = line.get(k).core();
            b[k] = alongX ? core.x : core.y;
            b[k + 1] = alongX ? core.x + core.width : core.y + core.height;
        }
        return b;
    }

    /** @return the core holding working coordinate v */
    private static int index(int[] borders, int v) {
        int k = Arrays.binarySearch(borders, v);
        int i = k >= 0 ? k : -k - 2;
        return Math.max(0, Math.min(borders.length - 2, i));
    }
}
