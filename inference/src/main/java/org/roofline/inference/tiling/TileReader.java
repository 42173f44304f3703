package org.roofline.inference.tiling;

import java.util.List;
import java.util.Objects;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RasterInfo;
import org.roofline.inference.imagery.RasterWindow;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelMetadata;

/**
 * Reads tiles of a {@link TileGrid} from an image as the model's input: {@code bands x tileSize x tileSize} floats,
 * channels first, row-major, bands in {@link ModelMetadata#bandOrder()} order, each normalized with
 * {@link ModelMetadata.Normalization#apply}.
 *
 * <p>Pixels outside the image (padding of a tile larger than the image) and no-data pixels (a pixel whose used bands
 * all equal the image's no-data value) are 0 after normalization (the band mean for mean/std normalization). A tile
 * whose pixels are all no-data is not read into an array: {@link #read} returns null and the caller skips it.
 *
 * <p>Not thread-safe beyond what {@link GeoImage#read} guarantees (reads are serialized).
 */
public final class TileReader {

    private final GeoImage image;
    private final ModelMetadata metadata;
    private final TileGrid grid;
    private final int[] bands;

    /** @throws IllegalArgumentException if the metadata names a band the image does not have */
    public TileReader(GeoImage image, ModelMetadata metadata, TileGrid grid) {
        this.image = Objects.requireNonNull(image, "image");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.grid = Objects.requireNonNull(grid, "grid");
        List<Integer> order = metadata.bandOrder();
        int available = image.info().bands();
        bands = new int[order.size()];
        for (int i = 0; i < bands.length; i++) {
            int b = order.get(i);
            if (b < 1 || b > available) {
                throw new IllegalArgumentException("model " + metadata.name() + " reads band " + b + " but "
                        + image.file().getFileName() + " has " + available + " band" + (available == 1 ? "" : "s"));
            }
            bands[i] = b - 1;
        }
        if (metadata.normalization().a().size() < bands.length) {
            throw new IllegalArgumentException("model " + metadata.name() + " normalizes "
                    + metadata.normalization().a().size() + " bands but reads " + bands.length);
        }
    }

    public TileGrid grid() {
        return grid;
    }

    /**
     * Reads and normalizes one tile.
     *
     * @return the model input, or null when every pixel of the tile is no-data
     * @throws RooflineInputException if the pixels cannot be decoded
     */
    public float[] read(Tile tile) throws RooflineInputException {
        RasterWindow w = image.read(tile.imageWindow(), grid.subsampling());
        return normalize(w, image.info(), metadata, bands, grid.tileSize());
    }

    /** Normalizes a window read at the grid's subsampling; see {@link #read}. Package-private for tests. */
    static float[] normalize(RasterWindow w, RasterInfo info, ModelMetadata metadata, int[] bands, int size) {
        int ww = w.width();
        int wh = w.height();
        int n = ww * wh;
        double[][] values = new double[bands.length][];
        for (int i = 0; i < bands.length; i++) {
            values[i] = w.samplesDouble(bands[i], null);
        }
        boolean[] nodata = null;
        if (info.nodata().isPresent()) {
            nodata = new boolean[n];
            int count = 0;
            for (int p = 0; p < n; p++) {
                boolean all = true;
                for (double[] v : values) {
                    if (!info.isNoData(v[p])) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    nodata[p] = true;
                    count++;
                }
            }
            if (count == n) {
                return null;
            }
        }
        float[] out = new float[bands.length * size * size];
        ModelMetadata.Normalization norm = metadata.normalization();
        for (int i = 0; i < bands.length; i++) {
            double[] v = values[i];
            int base = i * size * size;
            for (int y = 0; y < wh; y++) {
                int src = y * ww;
                int dst = base + y * size;
                for (int x = 0; x < ww; x++, src++, dst++) {
                    out[dst] = nodata != null && nodata[src] ? 0f : norm.apply(i, v[src]);
                }
            }
        }
        return out;
    }
}
