package org.roofline.geometry.instance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.instance.InstanceSegmenter.Parameters;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.synthetic.SyntheticMaskGenerator;
import org.roofline.geometry.synthetic.SyntheticMaskSpec;
import org.roofline.geometry.vectorize.Connectivity;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;
import org.locationtech.jts.geom.GeometryFactory;

class InstanceSegmenterTest {

    private static InstanceLabels segment(SyntheticChannels c, Parameters p) {
        return new InstanceSegmenter(p).apply(c.footprint(), c.boundary(), c.contact(), c.width(), c.height());
    }

    /** The ids renumbered in raster order of each building's first pixel. */
    private static int[] inRasterOrder(int[] ids) {
        int[] map = new int[ids.length + 1];
        int next = 0;
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) {
                if (map[ids[i]] == 0) {
                    map[ids[i]] = ++next;
                }
                out[i] = map[ids[i]];
            }
        }
        return out;
    }

    @Test
    void twoRoofsSharingAWallAreTwoInstancesSplitAtTheWall() {
        int[] ids = SyntheticChannels.rectangles(80, 40, new int[] {10, 10, 40, 30}, new int[] {40, 10, 70, 30});
        SyntheticChannels c = SyntheticChannels.of(ids, 80, 40, 2, 2);
        InstanceLabels out = segment(c, Parameters.defaults());
        assertEquals(2, out.count());
        assertArrayEquals(ids, java.util.Arrays.copyOf(out.labels(), ids.length), "every pixel of each roof, no more");
        assertEquals(0.9, out.confidence(1), 1e-6);
        assertEquals(0.9, out.confidence(2), 1e-6);
        assertEquals(600, out.pixelCount(1));
        // the same footprint without the other channels: one blob, as connected components
        assertEquals(1, new InstanceSegmenter(Parameters.defaults()).apply(c.footprint(), 80, 40).count());
    }

    @Test
    void aRowOfFiveTerracedHousesIsFiveInstances() {
        int[][] houses = new int[5][];
        for (int k = 0; k < 5; k++) {
            houses[k] = new int[] {5 + 12 * k, 6, 17 + 12 * k, 26};
        }
        int[] ids = SyntheticChannels.rectangles(70, 32, houses);
        SyntheticChannels c = SyntheticChannels.of(ids, 70, 32, 2, 2);
        InstanceLabels out = segment(c, Parameters.defaults());
        assertEquals(5, out.count());
        assertArrayEquals(ids, out.labels());
        // boundary alone (no contact channel) separates them too: the flood meets halfway between the seeds
        InstanceLabels boundaryOnly = new InstanceSegmenter(Parameters.defaults())
                .apply(c.footprint(), c.boundary(), null, 70, 32);
        assertEquals(5, boundaryOnly.count());
        assertArrayEquals(ids, boundaryOnly.labels());
    }

    @Test
    void withoutAssigningContactPixelsTheRecipeLeavesTheWallStripBackground() {
        int[] ids = SyntheticChannels.rectangles(80, 40, new int[] {10, 10, 40, 30}, new int[] {40, 10, 70, 30});
        SyntheticChannels c = SyntheticChannels.of(ids, 80, 40, 2, 2);
        InstanceLabels out = segment(c, Parameters.defaults().withAssignContactPixels(false));
        assertEquals(2, out.count());
        for (int y = 10; y < 30; y++) {
            for (int x = 10; x < 70; x++) {
                int expected = x >= 38 && x < 42 ? 0 : ids[y * 80 + x];
                assertEquals(expected, out.label(x, y), "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void contactPixelsAreSharedOnTheContactCrest() {
        // flat footprint; a contact strip over pixels 2..5 whose crest is at 5, next to the right-hand building
        float[] footprint = new float[10];
        java.util.Arrays.fill(footprint, 0.9f);
        float[] contact = {0, 0, 0.6f, 0.65f, 0.7f, 0.95f, 0, 0, 0, 0};
        InstanceLabels out = new InstanceSegmenter(Parameters.defaults()).apply(footprint, null, contact, 10, 1);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, out.labels());
        // a more confident neighbour does not take the strip: the footprint probability does not decide it
        float[] uneven = {0.95f, 0.95f, 0.95f, 0.95f, 0.95f, 0.75f, 0.75f, 0.75f, 0.75f, 0.75f};
        float[] flat = {0, 0, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0, 0};
        InstanceLabels halves = new InstanceSegmenter(Parameters.defaults().withSeedThreshold(0.5))
                .apply(uneven, null, flat, 10, 1);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, halves.labels());
    }

    @Test
    void seedsBelowTheMinimumSizeAreDropped() {
        // A 6 x 6 hut: its seed is the 2 x 2 inside its 2-pixel boundary ring. A 20 x 20 house stands apart.
        int[] ids = SyntheticChannels.rectangles(50, 30, new int[] {3, 3, 9, 9}, new int[] {20, 5, 40, 25});
        SyntheticChannels c = SyntheticChannels.of(ids, 50, 30, 2, 2);
        InstanceLabels kept = segment(c, Parameters.defaults().withMinSeedPixels(4));
        assertEquals(2, kept.count());
        assertEquals(36, kept.pixelCount(1));
        InstanceLabels dropped = segment(c, Parameters.defaults().withMinSeedPixels(5));
        assertEquals(1, dropped.count(), "the hut has no seed left, and its pixels stay background");
        assertEquals(400, dropped.pixelCount(1));
        assertEquals(0, dropped.label(5, 5));
    }

    @Test
    void aNeighbourWithoutSeedIsNotTakenOver() {
        // A 6 x 20 shed against a 30 x 20 house: the shed's seed (a 2 x 16 strip, minus contact) is dropped. The
        // house may take the contact pixels along the wall, never the shed's own.
        int[] ids = SyntheticChannels.rectangles(60, 30, new int[] {10, 5, 40, 25}, new int[] {40, 5, 46, 25});
        SyntheticChannels c = SyntheticChannels.of(ids, 60, 30, 2, 2);
        InstanceLabels out = segment(c, Parameters.defaults().withMinSeedPixels(100));
        assertEquals(1, out.count());
        for (int y = 5; y < 25; y++) {
            for (int x = 42; x < 46; x++) {
                assertEquals(0, out.label(x, y), "(" + x + ", " + y + ")");
            }
        }
        assertEquals(600 + 2 * 20, out.pixelCount(1), "the house and the shed's two contact columns");
    }

    @Test
    void instancesBelowTheMinimumSizeAreDroppedAndTheRestRenumbered() {
        int[] ids = SyntheticChannels.rectangles(60, 30, new int[] {2, 2, 10, 10}, new int[] {20, 2, 40, 22},
                new int[] {45, 2, 55, 12});
        SyntheticChannels c = SyntheticChannels.of(ids, 60, 30, 2, 2);
        InstanceLabels all = segment(c, Parameters.defaults());
        assertEquals(3, all.count());
        InstanceLabels big = segment(c, Parameters.defaults().withMinInstancePixels(65));
        assertEquals(2, big.count());
        assertEquals(0, big.label(5, 5));
        assertEquals(1, big.label(25, 5));
        assertEquals(2, big.label(50, 5));
        assertEquals(100, big.pixelCount(2));
    }

    @Test
    void confidenceIsTheMeanFootprintProbability() {
        // Footprint only, no split: two components, {0.6, 0.8, 1.0} and {0.5, 0.7}; 0.4 and NaN are background.
        float[] footprint = {
            0.6f, 0.8f, 0.4f, 0.5f,
            0.0f, 1.0f, Float.NaN, 0.7f};
        InstanceLabels out = new InstanceSegmenter(Parameters.defaults()).apply(footprint, 4, 2);
        assertEquals(2, out.count());
        assertArrayEquals(new int[] {1, 1, 0, 2, 0, 1, 0, 2}, out.labels());
        assertEquals((0.6f + 0.8f + 1.0f) / 3.0, out.confidence(1), 1e-7);
        assertEquals((0.5f + 0.7f) / 2.0, out.confidence(2), 1e-7);
        // with channels: the contact pixel given to an instance counts too
        float[] fp = {0.95f, 0.9f, 0.6f, 0.9f, 0.95f};
        float[] contact = {0, 0, 0.8f, 0, 0};
        InstanceLabels split = new InstanceSegmenter(Parameters.defaults()).apply(fp, null, contact, 5, 1);
        assertArrayEquals(new int[] {1, 1, 1, 2, 2}, split.labels());
        assertEquals((0.95f + 0.9f + 0.6f) / 3.0, split.confidence(1), 1e-7);
        assertEquals((0.9f + 0.95f) / 2.0, split.confidence(2), 1e-7);
    }

    @Test
    void footprintOnlyWithoutSplitIsExactlyTheConnectedComponents() {
        for (Connectivity connectivity : Connectivity.values()) {
            BitMask mask = SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(300, 300, 60, 5)).mask();
            float[] footprint = new float[300 * 300];
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 300; x++) {
                    footprint[y * 300 + x] = mask.get(x, y) ? 0.8f : 0.2f;
                }
            }
            InstanceLabels out = new InstanceSegmenter(Parameters.defaults().withConnectivity(connectivity))
                    .apply(footprint, 300, 300);
            List<VectorizedShape> components = new MaskVectorizer(connectivity, 0, new GeometryFactory())
                    .apply(mask, 0, 0);
            assertEquals(components.size(), out.count(), connectivity.toString());
            assertTrue(out.count() > 30, "the scene has touching and separate buildings: " + out.count());
            for (VectorizedShape s : components) {
                assertEquals(s.pixelArea(), out.pixelCount(s.id() + 1), "component " + s.id());
                var first = s.geometry().getEnvelopeInternal();
                // each component's pixels carry one label: rasterizing the outline gives them back
                BitMask pixels = org.roofline.geometry.mask.PolygonRasterizer.rasterize(s.geometry(), 300, 300);
                for (int y = (int) first.getMinY(); y < first.getMaxY(); y++) {
                    for (int x = (int) first.getMinX(); x < first.getMaxX(); x++) {
                        if (pixels.get(x, y)) {
                            assertEquals(s.id() + 1, out.label(x, y));
                        }
                    }
                }
            }
        }
    }

    @Test
    void footprintOnlySplitCutsANeckAndKeepsThinBuildingsWhole() {
        // two 16 x 16 squares joined by a 3-pixel-wide neck, and a 3 x 20 wall-like building far from them
        int[] ids = SyntheticChannels.rectangles(60, 30, new int[] {2, 2, 18, 18}, new int[] {18, 8, 24, 11},
                new int[] {24, 2, 40, 18}, new int[] {50, 2, 53, 22});
        float[] footprint = new float[60 * 30];
        for (int i = 0; i < ids.length; i++) {
            footprint[i] = ids[i] != 0 ? 0.9f : 0.1f;
        }
        InstanceLabels whole = new InstanceSegmenter(Parameters.defaults()).apply(footprint, 60, 30);
        assertEquals(2, whole.count());
        InstanceLabels split = new InstanceSegmenter(Parameters.defaults().withSplitFootprintOnly(true))
                .apply(footprint, 60, 30);
        assertEquals(3, split.count());
        assertTrue(split.label(5, 5) != split.label(30, 5));
        assertEquals(split.label(5, 5), split.label(17, 9));
        assertEquals(split.label(30, 5), split.label(25, 9));
        assertEquals(60, split.pixelCount(split.label(51, 10)), "the thin building, with no seed, is kept whole");
        long total = 0;
        for (int l = 1; l <= split.count(); l++) {
            total += split.pixelCount(l);
        }
        assertEquals(256 + 18 + 256 + 60, total, "every foreground pixel is in an instance");
    }

    @Test
    void labelsAreDeterministicAndInRasterOrderOfFirstPixel() {
        int[] ids = SyntheticChannels.rectangles(90, 50, new int[] {60, 2, 80, 20}, new int[] {5, 10, 25, 40},
                new int[] {25, 10, 45, 40}, new int[] {60, 20, 80, 45});
        SyntheticChannels c = SyntheticChannels.of(ids, 90, 50, 2, 2);
        InstanceLabels a = segment(c, Parameters.defaults());
        InstanceLabels b = segment(c, Parameters.defaults());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(4, a.count());
        assertArrayEquals(inRasterOrder(ids), a.labels());
    }

    @Test
    void parametersAreCheckedAndConvertedFromSquareMetres() {
        Parameters d = Parameters.defaults();
        assertEquals(0.7, d.seedThreshold());
        assertEquals(0.5, d.footprintThreshold());
        assertEquals(0.5, d.contactThreshold());
        Parameters at30cm = Parameters.forPixelArea(0.3 * 0.3);
        assertEquals(6, at30cm.minSeedPixels(), "0.5 m² is 5.6 pixels of 0.09 m²");
        assertEquals(23, at30cm.minInstancePixels(), "2 m² is 22.2 pixels");
        assertEquals(5, Parameters.forPixelArea(0.1).minSeedPixels(), "exactly 5 pixels, despite rounding");
        assertThrows(IllegalArgumentException.class, () -> Parameters.forPixelArea(0));
        assertThrows(IllegalArgumentException.class, () -> d.withSeedThreshold(1));
        assertThrows(IllegalArgumentException.class, () -> d.withFootprintThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> d.withContactThreshold(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withMinSeedPixels(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withMinInstancePixels(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withSeedDistance(-0.5));
        assertThrows(NullPointerException.class, () -> d.withConnectivity(null));
        InstanceSegmenter s = new InstanceSegmenter(d);
        assertThrows(IllegalArgumentException.class, () -> s.apply(new float[5], 3, 2));
        assertThrows(IllegalArgumentException.class, () -> s.apply(new float[6], new float[5], null, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> s.apply(new float[6], null, new float[5], 3, 2));
        assertEquals(0, s.apply(new float[0], 0, 0).count());
        // probabilities, not logits
        float[] logits = {3f, 4f};
        assertThrows(IllegalArgumentException.class, () -> s.apply(logits, 2, 1));
    }

    @Test
    void instanceLabelsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceLabels(new int[] {0, 2}, 2, 1,
                new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> new InstanceLabels(new int[] {0, 1}, 3, 1,
                new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> new InstanceLabels(new int[] {0, 1}, 2, 1,
                new double[] {1.5}));
        double[] confidence = {0.5, Double.NaN};
        InstanceLabels l = new InstanceLabels(new int[] {2, 1, 0, 2}, 2, 2, confidence);
        confidence[0] = 0.9;
        assertEquals(0.5, l.confidence(1), "copied");
        assertTrue(Double.isNaN(l.confidence(2)));
        assertEquals(2, l.pixelCount(2));
        assertEquals(2, l.label(0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> l.confidence(3));
        assertThrows(IndexOutOfBoundsException.class, () -> l.label(2, 0));
    }
}
