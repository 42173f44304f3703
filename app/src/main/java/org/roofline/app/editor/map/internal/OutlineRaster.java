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
    /** Pixels as the JavaFX image holds them (premultiplied BGRA bytes), so uploading them is a plain copy. */
    private byte[] bgra = new byte[0];
    private WritableImage image;
    // the box of pixels written since begin (only that is cleared, uploaded and drawn)
    private int x0;
    private int y0;
    private int x1;
    private int y1;

    /** Clears the buffer to transparent, resized to the screen. */
    public void begin(int w, int h) {
        if (w != width || h != height) {
            width = Math.max(1, w);
            height = Math.max(1, h);
            bgra = new byte[width * height * 4];
            image = new WritableImage(width, height);
        } else if (x1 > x0) {
            for (int y = y0; y < y1; y++) {
                Arrays.fill(bgra, (y * width + x0) * 4, (y * width + x1) * 4, (byte) 0);
            }
        }
        x0 = width;
        y0 = height;
        x1 = 0;
        y1 = 0;
    }

    private void touch(int xa, int ya, int xb, int yb) {
        x0 = Math.min(x0, Math.max(0, xa));
        y0 = Math.min(y0, Math.max(0, ya));
        x1 = Math.max(x1, Math.min(width, xb));
        y1 = Math.max(y1, Math.min(height, yb));
    }

    /** A filled square dot of {@code size} pixels centred on a screen point; colours are opaque ARGB. */
    public void dot(double cx, double cy, int size, int colour) {
        int x0 = (int) Math.floor(cx - size / 2.0);
        int y0 = (int) Math.floor(cy - size / 2.0);
        int xe = Math.min(width, x0 + size);
        int ye = Math.min(height, y0 + size);
        if (xe <= 0 || ye <= 0 || x0 >= width || y0 >= height) {
            return;
        }
        touch(x0, y0, xe, ye);
        for (int y = Math.max(0, y0); y < ye; y++) {
            int row = y * width;
            for (int x = Math.max(0, x0); x < xe; x++) {
                put(row + x, colour);
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
        touch(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1) + 1, Math.max(y0, y1) + 1);
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            if (x0 >= 0 && x0 < width && y0 >= 0 && y0 < height) {
                put(y0 * width + x0, colour);
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

    private void put(int pixel, int argb) {
        int o = pixel * 4;
        bgra[o] = (byte) argb;
        bgra[o + 1] = (byte) (argb >> 8);
        bgra[o + 2] = (byte) (argb >> 16);
        bgra[o + 3] = (byte) (argb >>> 24);
    }

    private static double clamp(double v, int size) {
        return Math.max(-size, Math.min(2.0 * size, v));
    }

    /** Puts what was drawn on the canvas, at its place on the screen. */
    public void drawTo(GraphicsContext g) {
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        int w = x1 - x0;
        int h = y1 - y0;
        image.getPixelWriter().setPixels(x0, y0, w, h, PixelFormat.getByteBgraPreInstance(), bgra,
                (y0 * width + x0) * 4, width * 4);
        g.setImageSmoothing(false);
        g.drawImage(image, x0, y0, w, h, x0, y0, w, h);
    }

    /** The colour of a pixel as ARGB (tests). */
    public int pixel(int x, int y) {
        int o = (y * width + x) * 4;
        return (bgra[o + 3] & 0xFF) << 24 | (bgra[o + 2] & 0xFF) << 16 | (bgra[o + 1] & 0xFF) << 8 | bgra[o] & 0xFF;
    }
}
