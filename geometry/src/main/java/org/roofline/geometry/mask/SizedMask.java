package org.roofline.geometry.mask;

/**
 * The size every mask of this package has and checks alike: width and height, neither negative. Package-private: the
 * masks are used through {@link Mask} and their own public classes.
 */
abstract class SizedMask implements Mask {

    final int width;
    final int height;

    /** @throws IllegalArgumentException if a dimension is negative */
    SizedMask(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("mask size must not be negative: " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
    }

    @Override
    public final int width() {
        return width;
    }

    @Override
    public final int height() {
        return height;
    }
}
