package org.roofline.geometry.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.roofline.geometry.mask.BitMask;

class InstanceLabelsTest {

    @Test
    void aMaskIsNumberedAfterTheNearestSeedAndSeedlessPartsGetTheirOwnNumber() {
        BitMask mask = new BitMask(20, 5);
        for (int x = 0; x < 10; x++) {
            mask.set(x, 2, true);
        }
        for (int x = 14; x < 18; x++) {
            mask.set(x, 2, true);
        }
        int[] seeds = new int[100];
        seeds[2 * 20 + 1] = 1;
        seeds[2 * 20 + 8] = 2;
        seeds[0] = 5; // outside the mask: ignored
        InstanceLabels labels = InstanceLabels.grownFrom(mask, seeds);
        assertEquals(6, labels.count());
        assertEquals(1, labels.label(0, 2));
        assertEquals(1, labels.label(4, 2));
        assertEquals(2, labels.label(5, 2));
        assertEquals(2, labels.label(9, 2));
        assertEquals(6, labels.label(15, 2));
        assertEquals(0, labels.label(0, 0));
        assertThrows(IllegalArgumentException.class, () -> InstanceLabels.grownFrom(mask, new int[10]));
    }
}
