package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import org.apache.sis.coverage.grid.GridCoverage;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.GridCoverageResource;

/**
 * Reads GeoTIFF pixels (classic or BigTIFF; uncompressed, LZW, DEFLATE, PackBits; strips or tiles) with Apache SIS.
 *
 * <p>SIS decodes whole tiles (or strips) and, asked for a subsampled grid, may return a coarser or finer one than
 * asked, on its own phase, leaving the resampling to the caller. So this reads at full resolution, in bands of rows no
 * taller than one tile row (or strip) and no larger than {@link #CHUNK_BYTES}, and keeps every
 * {@code subsampling}-th pixel of the rows it needs. Memory is thus bounded by the output plus one band of rows; time
 * is that of decoding the tiles (strips) the window's needed rows touch, each once.
 */
final class SisTiffPixels implements PixelSource {

    /** The most bytes of full-resolution samples held at once while reading a subsampled window. */
    static final long CHUNK_BYTES = 64L << 20;

    private final Path file;
    private final GridCoverageResource resource;
    private final GridGeometry grid;
    private final SampleType type;
    private final int bands;
    private final int blockHeight;

    /**
     * @param blockHeight rows per tile, or per strip (the image height for a single strip)
     */
    SisTiffPixels(Path file, GridCoverageResource resource, GridGeometry grid, SampleType type, int bands,
                  int blockHeight) {
        this.file = file;
        this.resource = resource;
        this.grid = grid;
        this.type = type;
        this.bands = bands;
        this.blockHeight = Math.max(1, blockHeight);
    }

    @Override
    public Raster read(Rectangle window, int s) throws RooflineInputException {
        int ow = RasterWindow.ceilDiv(window.width, s);
        int oh = RasterWindow.ceilDiv(window.height, s);
        int span = (ow - 1) * s + 1; // source columns from the first to the last one kept
        WritableRaster out = PixelSource.newRaster(type, ow, oh, bands);
        long rowBytes = (long) span * bands * type.bytes();
        int maxRows = (int) Math.max(1, Math.min(Integer.MAX_VALUE, CHUNK_BYTES / Math.max(1, rowBytes)));
        int j = 0;
        while (j < oh) {
            int firstY = window.y + j * s;
            int blockEnd = (firstY / blockHeight + 1) * blockHeight; // exclusive
            int jEnd = j + 1;
            while (jEnd < oh) {
                int y = window.y + jEnd * s;
                if (y >= blockEnd || y - firstY + 1 > maxRows) {
                    break;
                }
                jEnd++;
            }
            int lastY = window.y + (jEnd - 1) * s;
            Raster chunk = fullResolution(window.x, firstY, span, lastY - firstY + 1, window, s);
            PixelSource.copySubsampled(chunk, chunk.getMinX(), chunk.getMinY(), jEnd - j, out, j, s, type);
            j = jEnd;
        }
        return out;
    }

    /** Reads rows [y, y + h) and columns [x, x + w) at full resolution; the raster's origin is (0, 0). */
    private Raster fullResolution(int x, int y, int w, int h, Rectangle window, int s) throws RooflineInputException {
        try {
            // the grid may have more than 2 dimensions (a 1-cell vertical one, from 3-D tie points): keep them whole
            GridExtent full = grid.getExtent();
            long[] low = new long[full.getDimension()];
            long[] high = new long[low.length];
            for (int d = 2; d < low.length; d++) {
                low[d] = full.getLow(d);
                high[d] = full.getLow(d);
            }
            low[0] = x;
            low[1] = y;
            high[0] = x + (long) w - 1;
            high[1] = y + (long) h - 1;
            GridExtent extent = new GridExtent(null, low, high, true);
            GridGeometry domain = grid.derive().subgrid(extent).build();
            GridCoverage coverage = resource.read(domain);
            // SIS: pixel (0, 0) of the rendered image is the low corner of the extent asked for
            RenderedImage image = coverage.render(extent);
            Raster r = image.getData(new Rectangle(0, 0, w, h));
            if (r.getNumBands() != bands) {
                throw new RooflineInputException(file, "decoded " + r.getNumBands() + " bands, but the header says "
                        + bands);
            }
            return r;
        } catch (DataStoreException | RuntimeException e) {
            throw new RooflineInputException(file, "cannot decode the pixels of window " + ImageMessages.window(window)
                    + (s > 1 ? " (subsampling " + s + ")" : "") + ", truncated or corrupt: " + ImageMessages.of(e), e);
        }
    }

    @Override
    public void close() {
        // the store is closed by GeoImage
    }
}
