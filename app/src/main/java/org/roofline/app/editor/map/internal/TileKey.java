package org.roofline.app.editor.map.internal;

/**
 * One imagery tile: at {@code level} the image is subsampled by 2<sup>level</sup>, and tile ({@code column},
 * {@code row}) covers image pixels {@code [column * size * 2^level, (column + 1) * size * 2^level)} across (rows
 * alike), clipped to the image.
 */
public record TileKey(int level, int column, int row) {

    public TileKey {
        if (level < 0 || column < 0 || row < 0) {
            throw new IllegalArgumentException("tile key parts must be >= 0: " + level + "/" + column + "/" + row);
        }
    }

    /** The subsampling of this level (2^level). */
    public int subsampling() {
        return 1 << level;
    }

    /** The tile of a coarser level that covers this one. */
    public TileKey ancestor(int levelsUp) {
        return new TileKey(level + levelsUp, column >> levelsUp, row >> levelsUp);
    }
}
