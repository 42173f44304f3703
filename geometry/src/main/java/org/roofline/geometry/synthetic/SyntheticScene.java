package org.roofline.geometry.synthetic;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.PolygonRasterizer;

/**
 * A generated building mask with its ground truth.
 *
 * @param mask        the noisy mask, {@code width x height} of the spec; a mutable mask that belongs to the caller
 * @param groundTruth the exact building polygons the mask was drawn from, in pixel coordinates (x right, y down, (0,
 *                    0) the top-left corner of the top-left pixel), valid and pairwise non-overlapping (attached
 *                    neighbours share an edge); an unmodifiable list in raster order of the buildings' grid cells
 */
public record SyntheticScene(BitMask mask, List<Polygon> groundTruth) {

    public SyntheticScene {
        Objects.requireNonNull(mask, "mask");
        groundTruth = List.copyOf(groundTruth);
    }

    /**
     * @return the noise-free mask of the ground truth: every pixel whose centre lies inside a ground-truth polygon
     *         (see {@link PolygonRasterizer}), the same size as {@link #mask()}
     */
    public BitMask groundTruthMask() {
        BitMask m = new BitMask(mask.width(), mask.height());
        for (Polygon p : groundTruth) {
            PolygonRasterizer.rasterize(p, m, 0, 0);
        }
        return m;
    }
}
