package org.roofline.inference.pipeline;

import java.util.Objects;
import org.roofline.inference.tiling.Tile;

/**
 * A tile the pipeline could not segment (its pixels could not be read, or the model failed on it); its pixels count
 * as background and the run goes on.
 *
 * @param tile    the tile
 * @param message what went wrong, one line
 */
public record TileError(Tile tile, String message) {
    public TileError {
        Objects.requireNonNull(tile, "tile");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return tile + ": " + message;
    }
}
