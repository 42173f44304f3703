package org.roofline.geometry.instance;

/**
 * Synthetic probability channels of a three-channel building model, made from a raster of known building ids (0
 * background): footprint 0.9 on every building pixel (0.05 elsewhere), boundary 1 on each building's inner ring of
 * {@code ring} pixels (pixels within that Chebyshev distance of a pixel that is not the same building, the raster's
 * outside included), contact 1 on every pixel within {@code reach} pixels (Chebyshev) of two different buildings.
 */
record SyntheticChannels(float[] footprint, float[] boundary, float[] contact, int width, int height) {

    static final float INSIDE = 0.9f;
    static final float OUTSIDE = 0.05f;

    static SyntheticChannels of(int[] ids, int width, int height, int ring, int reach) {
        int n = width * height;
        float[] footprint = new float[n];
        float[] boundary = new float[n];
        float[] contact = new float[n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int id = ids[i];
                footprint[i] = id != 0 ? INSIDE : OUTSIDE;
                if (id != 0 && nearOther(ids, width, height, x, y, ring, id)) {
                    boundary[i] = 1;
                }
                if (twoBuildingsNear(ids, width, height, x, y, reach)) {
                    contact[i] = 1;
                }
            }
        }
        return new SyntheticChannels(footprint, boundary, contact, width, height);
    }

    /** Rectangles {x0, y0, x1, y1} (end exclusive) as ids 1, 2, ... (a later one over an earlier one). */
    static int[] rectangles(int width, int height, int[]... rects) {
        int[] ids = new int[width * height];
        for (int k = 0; k < rects.length; k++) {
            int[] r = rects[k];
            for (int y = r[1]; y < r[3]; y++) {
                for (int x = r[0]; x < r[2]; x++) {
                    ids[y * width + x] = k + 1;
                }
            }
        }
        return ids;
    }

    private static boolean nearOther(int[] ids, int width, int height, int x, int y, int r, int id) {
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= width || ny >= height || ids[ny * width + nx] != id) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean twoBuildingsNear(int[] ids, int width, int height, int x, int y, int r) {
        int first = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                    continue;
                }
                int id = ids[ny * width + nx];
                if (id != 0) {
                    if (first == 0) {
                        first = id;
                    } else if (id != first) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
