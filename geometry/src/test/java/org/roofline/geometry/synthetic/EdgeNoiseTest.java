package org.roofline.geometry.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.roofline.geometry.mask.BitMask;

/** The benchmark's edge-noise model: edges move, area is kept, nothing changes far from an edge. */
class EdgeNoiseTest {

    /** Two rectangles, one cut by the image's left border. */
    private static BitMask scene() {
        BitMask m = new BitMask(200, 160);
        for (int y = 30; y < 130; y++) {
            m.fillRow(y, 60, 180);
            m.fillRow(y, 0, 30);
        }
        return m;
    }

    @Test
    void zeroAmplitudeGivesTheMaskBack() {
        assertEquals(0, EdgeNoise.apply(scene(), 0, 3, 1).countDifferences(scene()));
    }

    @Test
    void edgesMoveByAboutTheAmplitudeAndTheAreaIsKept() {
        BitMask clean = scene();
        BitMask noisy = EdgeNoise.apply(clean, 1.5, 3, 7);
        long changed = noisy.countDifferences(clean);
        long perimeter = 2 * (120 + 100) + 2 * 100 + 30; // the border edge of the cut rectangle is not an edge
        // about 0.8 * amplitude pixels of displacement along each edge pixel on average (mean |N(0, s)|)
        assertTrue(changed > 0.5 * perimeter && changed < 2.0 * perimeter, "changed " + changed);
        double areaChange = Math.abs(noisy.countForeground() - clean.countForeground())
                / (double) clean.countForeground();
        assertTrue(areaChange < 0.03, "area change " + areaChange);
        // far from every edge: unchanged (interior, background, and the image border where the building is cut)
        for (int y = 45; y < 115; y++) {
            assertTrue(noisy.get(120, y) && noisy.get(0, y) && !noisy.get(45, y) && !noisy.get(195, y), "row " + y);
        }
        for (int x = 0; x < 200; x++) {
            assertTrue(!noisy.get(x, 2) && !noisy.get(x, 157), "column " + x);
        }
    }

    @Test
    void aSeedGivesOneResult() {
        assertEquals(0, EdgeNoise.apply(scene(), 1, 3, 5).countDifferences(EdgeNoise.apply(scene(), 1, 3, 5)));
        assertNotEquals(0, EdgeNoise.apply(scene(), 1, 3, 5).countDifferences(EdgeNoise.apply(scene(), 1, 3, 6)));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EdgeNoise(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> new EdgeNoise(1, 0));
    }
}
