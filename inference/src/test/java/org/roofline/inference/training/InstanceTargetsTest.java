package org.roofline.inference.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InstanceTargetsTest {

    /** Renders a channel as rows of '0'/'1'. */
    private static String[] rows(byte[] channel, int w, int h) {
        String[] out = new String[h];
        for (int y = 0; y < h; y++) {
            StringBuilder b = new StringBuilder();
            for (int x = 0; x < w; x++) {
                b.append(channel[y * w + x]);
            }
            out[y] = b.toString();
        }
        return out;
    }

    private static int[] ids(String... rows) {
        int w = rows[0].length();
        int[] ids = new int[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                ids[y * w + x] = rows[y].charAt(x) - '0';
            }
        }
        return ids;
    }

    @Test
    void twoHousesSharingAWallMeetOnContactPixels() {
        // Two 3 x 3 houses side by side (ids 1 and 2) in a 10 x 7 raster with a background margin.
        int[] ids = ids(
                "0000000000",
                "0000000000",
                "0011122200",
                "0011122200",
                "0011122200",
                "0000000000",
                "0000000000");
        InstanceTargets t = InstanceTargets.of(ids, 10, 7);
        assertArrayEquals(new String[] {
                "0000000000",
                "0000000000",
                "0011111100",
                "0011111100",
                "0011111100",
                "0000000000",
                "0000000000"}, rows(t.footprint(), 10, 7));
        // Every pixel of a 3 x 3 house is within 2 px of background or the other house: all boundary.
        assertArrayEquals(rows(t.footprint(), 10, 7), rows(t.boundary(), 10, 7));
        // Building pixels with the other house in their 3 x 3 window: the two columns at the wall. Background pixels
        // with both houses within 3 px (7 x 7 window): the columns 1..8 seen from rows 0..6 that reach x 2..4 and
        // x 5..7 both, i.e. background x in [2, 7] (|x - 4| <= 3 and |x - 5| <= 3 gives x in 2..7), all rows (every
        // background row is within 3 px of rows 2..4).
        assertArrayEquals(new String[] {
                "0011111100",
                "0011111100",
                "0000110000",
                "0000110000",
                "0000110000",
                "0011111100",
                "0011111100"}, rows(t.contact(), 10, 7));
    }

    @Test
    void aLoneHouseHasARingTwoPixelsWideAndNoContact() {
        int[] ids = new int[12 * 12];
        for (int y = 2; y < 10; y++) {
            for (int x = 2; x < 10; x++) {
                ids[y * 12 + x] = 7;
            }
        }
        InstanceTargets t = InstanceTargets.of(ids, 12, 12);
        int ring = 0;
        for (byte b : t.boundary()) {
            ring += b;
        }
        // An 8 x 8 house: all but its 4 x 4 centre is within 2 px of background.
        assertEquals(64 - 16, ring);
        assertEquals(0, t.boundary()[6 * 12 + 6]);
        for (byte b : t.contact()) {
            assertEquals(0, b);
        }
    }

    @Test
    void theImageEdgeIsNoBoundary() {
        // A house filling the whole raster: cut by the image on every side, so it has no boundary of its own.
        int[] ids = new int[6 * 6];
        java.util.Arrays.fill(ids, 3);
        InstanceTargets t = InstanceTargets.of(ids, 6, 6);
        for (byte b : t.boundary()) {
            assertEquals(0, b);
        }
    }

    @Test
    void channelsComeInTheModelsOrder() {
        InstanceTargets t = InstanceTargets.of(new int[] {1, 2}, 2, 1);
        assertEquals(t.footprint(), t.channel(0));
        assertEquals(t.boundary(), t.channel(1));
        assertEquals(t.contact(), t.channel(2));
        assertEquals(java.util.List.of("footprint", "boundary", "contact"), InstanceTargets.CHANNELS);
        assertThrows(IllegalArgumentException.class, () -> t.channel(3));
        assertThrows(IllegalArgumentException.class, () -> InstanceTargets.of(new int[3], 2, 2));
    }
}
