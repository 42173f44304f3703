package org.roofline.geometry.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.instance.InstanceLabels;

class InstanceEdgeNoiseTest {

    /** Two terraced houses, 30 x 40 px each, sharing the wall at x = 40, on a 100 x 80 raster. */
    private static InstanceLabels terrace() {
        int w = 100;
        int h = 80;
        int[] labels = new int[w * h];
        for (int y = 20; y < 60; y++) {
            for (int x = 10; x < 70; x++) {
                labels[y * w + x] = x < 40 ? 1 : 2;
            }
        }
        return new InstanceLabels(labels, w, h, new double[] {0.9, 0.8});
    }

    @Test
    void withoutNoiseTheInstancesAreUnchanged() {
        InstanceLabels clean = terrace();
        InstanceLabels same = InstanceEdgeNoise.apply(clean, 0, 3, 1);
        assertArrayEquals(clean.labels(), same.labels());
        assertEquals(0.9, same.confidence(1));
    }

    @Test
    void theOuterEdgesMoveAndTheSharedWallStaysWhereItWas() {
        InstanceLabels clean = terrace();
        InstanceLabels noisy = InstanceEdgeNoise.apply(clean, 1.5, 3, 7);
        assertNotEquals(Arrays.toString(clean.labels()), Arrays.toString(noisy.labels()), "the noise changed nothing");
        assertEquals(2, noisy.count());
        int w = noisy.width();
        for (int y = 25; y < 55; y++) {
            assertEquals(1, noisy.label(39, y), "row " + y);
            assertEquals(2, noisy.label(40, y), "row " + y);
        }
        for (int label = 1; label <= 2; label++) {
            long before = clean.pixelCount(label);
            long after = noisy.pixelCount(label);
            assertTrue(Math.abs(after - before) < 0.15 * before, "instance " + label + ": " + before + " -> " + after);
        }
        // nothing far from the houses
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(0, noisy.label(x, y));
            }
        }
    }
}
