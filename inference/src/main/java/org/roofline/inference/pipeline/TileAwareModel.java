package org.roofline.inference.pipeline;

import java.util.List;
import org.roofline.inference.tiling.Tile;
import org.roofline.inference.tiling.TileGrid;

/**
 * A model that wants to know where the tiles it is given lie: the pipeline calls {@link #nextTiles} on the segmentation
 * thread just before each {@code predict}, with the tiles of that batch in order. For stand-ins such as
 * {@link FixedLatencyModel}; real models ignore positions.
 */
public interface TileAwareModel {

    /** The tiles of the next {@code predict} call, in the order of its inputs. */
    void nextTiles(TileGrid grid, List<Tile> tiles);
}
