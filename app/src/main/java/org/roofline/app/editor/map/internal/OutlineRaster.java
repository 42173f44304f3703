package org.roofline.app.editor.map.internal;

import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A screen-sized ARGB buffer that very many footprints are drawn into directly (1-pixel outlines, dots for the tiny
 * ones) and then put on the canvas as one image: at whole-extent views a hundred thousand canvas calls would cost
 * far more than the pixels they draw. No anti-aliasing and no fill, by design. FX thread only (one instance per
 * layer, its image reused while the screen keeps its size).
 */
public final class OutlineRaster {

    private int width;
    private int height;
    private int[] argb = new int[0];
    private WritableImage image;

    /** Clears the buffer to transparent, resized to the screen. */
    public void begin(int w, int h) {
        if (w != width || h != height) {
            width = Math.max(1, w);
            height = Math.max(1, h);
            argb = new int[width * height];
            image = new WritableImage(width, height);
        } else {
            Arrays.fill(argb, 0);
        }
    }

    /** A filled square dot of {@code size} pixels centred on a screen point. */
    public void dot(double cx, double cy, int size, int colour) {
        int x0 = (int) Math.floor(cx - size / 2.0);
        int y0 = (int) Math.floor(cy - size / 2.0);
        int x1 = Math.min(width, x0 + size);
        int y1 = Math.min(height, y0 + size);
        for (int y = Math.max(0, y0); y < y1; y++) {
            int row = y * width;
            for (int x = Math.max(0, x0); x < x1; x++) {
                argb[row + x] = colour;
            }
        }
    }

    /** A closed polyline through screen points (n points, the last joined to the first). */
    public void outline(double[] xs, double[] ys, int n, int colour) {
        for (int k = 0; k < n; k++) {
            int j = k + 1 == n ? 0 : k + 1;
            line(xs[k], ys[k], xs[j], ys[j], colour);
        }
    }

    /** A 1-pixel line (Bresenham), clipped to the buffer. */
    public void line(double ax, double ay, double bx, double by, int colour) {
        if (Math.max(ax, bx) < 0 || Math.min(ax, bx) >= width || Math.max(ay, by) < 0 || Math.min(ay, by) >= height) {
            return;
        }
        // clamp far-off end points so the loop stays bounded; lines are short at the scales this is used at
        int x0 = (int) Math.floor(clamp(ax, width));
        int y0 = (int) Math.floor(clamp(ay, height));
        int x1 = (int) Math.floor(clamp(bx, width));
        int y1 = (int) Math.floor(clamp(by, height));
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            if (x0 >= 0 && x0 < width && y0 >= 0 && y0 < height) {
                argb[y0 * width + x0] = colour;
            }
            if (x0 == x1 && y0 == y1) {
                break;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    private static double clamp(double v, int size) {
        return Math.max(-size, Math.min(2.0 * size, v));
    }

    /** Puts the buffer on the canvas at (0, 0). */
    public void drawTo(GraphicsContext g) {
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(), argb, 0, width);
        g.setImageSmoothing(false);
        g.drawImage(image, 0, 0);
    }

    /** The colour of a pixel (tests). */
    public int pixel(int x, int y) {
        return argb[y * width + x];
    }
}
