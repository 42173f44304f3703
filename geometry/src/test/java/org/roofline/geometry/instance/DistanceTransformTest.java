package org.roofline.geometry.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.mask.BitMask;

class DistanceTransformTest {

    @Test
    void matchesBruteForceOnRandomMasks() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            int w = 1 + random.nextInt(30);
            int h = 1 + random.nextInt(30);
            BitMask m = new BitMask(w, h);
            double density = 0.5 + 0.5 * random.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    m.set(x, y, random.nextDouble() < density);
                }
            }
            float[] d = DistanceTransform.euclidean(m);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(bruteForce(m, x, y), d[y * w + x], 1e-5, "round " + round + " (" + x + ", " + y + ")");
                }
            }
        }
    }

    /** Distance to the nearest background pixel centre, the outside (a one-pixel frame is enough) included. */
    private static double bruteForce(BitMask m, int x, int y) {
        if (!m.get(x, y)) {
            return 0;
        }
        double best = Double.MAX_VALUE;
        for (int by = -1; by <= m.height(); by++) {
            for (int bx = -1; bx <= m.width(); bx++) {
                if (!m.get(bx, by)) {
                    best = Math.min(best, Math.hypot(bx - x, by - y));
                }
            }
        }
        return best;
    }

    @Test
    void aSquareHasItsCentreFarthest() {
        BitMask m = new BitMask(7, 7);
        for (int y = 0; y < 7; y++) {
            m.fillRow(y, 0, 7);
        }
        float[] d = DistanceTransform.euclidean(m);
        assertEquals(1, d[0], 0);
        assertEquals(4, d[3 * 7 + 3], 0, "the raster's outside is background");
        assertEquals(0, DistanceTransform.euclidean(new BitMask(0, 0)).length);
    }
}
