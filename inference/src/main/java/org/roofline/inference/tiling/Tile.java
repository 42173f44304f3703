package org.roofline.inference.tiling;

import java.awt.Rectangle;
import java.util.Objects;

/**
 * One tile of a {@link TileGrid}.
 *
 * <p>Two pixel spaces are involved: the <b>image</b> (the file's pixels) and the <b>working grid</b> (the image read
 * at the grid's subsampling, one working pixel per model pixel; identical to the image at subsampling 1). Working
 * pixel (x, y) is image pixel (x * s, y * s).
 *
 * @param index       position in the grid's raster order (row by row), from 0
 * @param row         tile row, from 0
 * @param column      tile column, from 0
 * @param imageWindow the image pixels to read (with the grid's subsampling), inside the image
 * @param window      the same pixels in the working grid: at most tileSize x tileSize, smaller only where the image is
 *                    smaller than a tile (the rest of the model input is padding)
 * @param core        the working pixels this tile is responsible for, inside {@link #window}: the cores of a grid
 *                    partition the working grid
 */
public record Tile(int index, int row, int column, Rectangle imageWindow, Rectangle window, Rectangle core) {

    public Tile {
        imageWindow = new Rectangle(Objects.requireNonNull(imageWindow, "imageWindow"));
        window = new Rectangle(Objects.requireNonNull(window, "window"));
        core = new Rectangle(Objects.requireNonNull(core, "core"));
        if (!window.contains(core)) {
            throw new IllegalArgumentException("core " + core + " not inside window " + window);
        }
    }

    @Override
    public Rectangle imageWindow() {
        return new Rectangle(imageWindow);
    }

    @Override
    public Rectangle window() {
        return new Rectangle(window);
    }

    @Override
    public Rectangle core() {
        return new Rectangle(core);
    }

    @Override
    public String toString() {
        return "tile " + index + " (row " + row + ", column " + column + ", image pixels " + imageWindow.x + ","
                + imageWindow.y + " " + imageWindow.width + "x" + imageWindow.height + ")";
    }
}
