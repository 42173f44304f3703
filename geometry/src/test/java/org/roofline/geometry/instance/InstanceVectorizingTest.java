package org.roofline.geometry.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.PolygonRasterizer;
import org.roofline.geometry.synthetic.SyntheticMaskGenerator;
import org.roofline.geometry.synthetic.SyntheticMaskSpec;
import org.roofline.geometry.vectorize.Connectivity;
import org.roofline.geometry.vectorize.LabelVectorizer;
import org.roofline.geometry.vectorize.LabeledShape;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/** Instances to polygons: {@link InstanceSegmenter} followed by {@link LabelVectorizer}. */
class InstanceVectorizingTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static List<LabeledShape> instancePolygons(int[] ids, int width, int height) {
        SyntheticChannels c = SyntheticChannels.of(ids, width, height, 2, 2);
        InstanceLabels instances = InstanceSegmenter.segment(c.footprint(), c.boundary(), c.contact(), width, height);
        return LabelVectorizer.vectorize(instances.labels(), width, height);
    }

    /** Valid polygons, one per instance, pairwise without overlap; returns the length of wall each pair shares. */
    private static double[][] checkPartition(List<LabeledShape> shapes, int expected) {
        assertEquals(expected, shapes.size());
        double[][] shared = new double[expected][expected];
        for (int i = 0; i < expected; i++) {
            LabeledShape a = shapes.get(i);
            assertEquals(i + 1, a.label());
            assertInstanceOf(Polygon.class, a.geometry());
            assertTrue(a.geometry().isValid(), "instance " + (i + 1));
            for (int j = i + 1; j < expected; j++) {
                Geometry b = shapes.get(j).geometry();
                assertEquals(0.0, a.geometry().intersection(b).getArea(), 0.0,
                        "overlap of " + (i + 1) + ", " + (j + 1));
                shared[i][j] = a.geometry().getBoundary().intersection(b.getBoundary()).getLength();
                shared[j][i] = shared[i][j];
            }
        }
        return shared;
    }

    @Test
    void twoTouchingRoofsGiveTwoPolygonsSharingTheirWall() {
        int[] ids = SyntheticChannels.rectangles(80, 40, new int[] {10, 10, 40, 30}, new int[] {40, 10, 70, 30});
        List<LabeledShape> shapes = instancePolygons(ids, 80, 40);
        double[][] shared = checkPartition(shapes, 2);
        assertEquals(20.0, shared[0][1], 0.0, "the whole 20-pixel wall x = 40 is in both outlines");
        assertTrue(shapes.get(0).geometry().touches(shapes.get(1).geometry()));
        assertTrue(shapes.get(0).geometry().equalsTopo(GF.toGeometry(
                new org.locationtech.jts.geom.Envelope(10, 40, 10, 30))));
        assertTrue(shapes.get(1).geometry().equalsTopo(GF.toGeometry(
                new org.locationtech.jts.geom.Envelope(40, 70, 10, 30))));
    }

    @Test
    void aRowOfFiveTerracedHousesGivesFivePolygonsSharingFourWalls() {
        int[][] houses = new int[5][];
        for (int k = 0; k < 5; k++) {
            houses[k] = new int[] {5 + 12 * k, 6, 17 + 12 * k, 26};
        }
        List<LabeledShape> shapes = instancePolygons(SyntheticChannels.rectangles(70, 32, houses), 70, 32);
        double[][] shared = checkPartition(shapes, 5);
        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                assertEquals(j == i + 1 ? 20.0 : 0.0, shared[i][j], 0.0, "wall between " + (i + 1) + " and " + (j + 1));
            }
            assertEquals(240.0, shapes.get(i).geometry().getArea(), 0.0);
        }
        Geometry union = GF.buildGeometry(shapes.stream().map(LabeledShape::geometry).toList()).union();
        assertTrue(union.equalsTopo(GF.toGeometry(new org.locationtech.jts.geom.Envelope(5, 65, 6, 26))),
                "together they cover the terrace, no gap: " + union);
    }

    @Test
    void aBuildingInACourtyardSharesTheHolesOutline() {
        int w = 30;
        int[] labels = new int[w * w];
        for (int y = 5; y < 25; y++) {
            for (int x = 5; x < 25; x++) {
                labels[y * w + x] = x >= 10 && x < 20 && y >= 10 && y < 20 ? 2 : 1;
            }
        }
        List<LabeledShape> shapes = new LabelVectorizer(Connectivity.FOUR, 10, GF).apply(labels, w, w, 100, 200);
        assertEquals(2, shapes.size());
        Polygon ring = (Polygon) shapes.get(0).geometry();
        Polygon inner = (Polygon) shapes.get(1).geometry();
        assertEquals(1, ring.getNumInteriorRing());
        assertTrue(ring.getInteriorRingN(0).getEnvelopeInternal().equals(inner.getEnvelopeInternal()));
        assertEquals(110, inner.getEnvelopeInternal().getMinX(), 0.0, "offset by the origin");
        assertEquals(210, inner.getEnvelopeInternal().getMinY(), 0.0);
        assertEquals(0.0, ring.intersection(inner).getArea(), 0.0);
        assertEquals(300, shapes.get(0).pixelArea());
        assertEquals(100, shapes.get(1).pixelArea());
    }

    @Test
    void aLabelInTwoPiecesGivesTwoShapes() {
        int[] labels = {
            1, 1, 0, 2, 0, 1,
            0, 0, 0, 2, 0, 1};
        List<LabeledShape> shapes = LabelVectorizer.vectorize(labels, 6, 2);
        assertEquals(List.of(1, 1, 2), shapes.stream().map(LabeledShape::label).toList());
        assertEquals(2, shapes.get(0).pixelArea());
        assertEquals(2, shapes.get(1).pixelArea());
        assertEquals(5, shapes.get(1).geometry().getEnvelopeInternal().getMinX(), 0.0);
    }

    /** A footprint alone, not split: exactly the shapes (and order) MaskVectorizer makes of the thresholded mask. */
    @Test
    void footprintOnlyInstancesVectorizeExactlyAsTheMask() {
        BitMask mask = SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(400, 300, 90, 8)).mask();
        float[] footprint = new float[400 * 300];
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                footprint[y * 400 + x] = mask.get(x, y) ? 0.75f : 0.25f;
            }
        }
        for (Connectivity connectivity : Connectivity.values()) {
            for (long minArea : new long[] {0, 10}) {
                InstanceLabels instances = new InstanceSegmenter(InstanceSegmenter.Parameters.defaults()
                        .withConnectivity(connectivity)).apply(footprint, 400, 300);
                List<VectorizedShape> expected = new MaskVectorizer(connectivity, minArea, GF).apply(mask, 7, 9);
                List<LabeledShape> actual = new LabelVectorizer(connectivity, minArea, GF)
                        .apply(instances.labels(), 400, 300, 7, 9);
                assertEquals(expected.size(), actual.size(), connectivity + " " + minArea);
                for (int i = 0; i < expected.size(); i++) {
                    assertTrue(expected.get(i).geometry().equalsExact(actual.get(i).geometry()),
                            connectivity + " " + minArea + " shape " + i);
                    assertEquals(expected.get(i).pixelArea(), actual.get(i).pixelArea());
                }
            }
        }
    }

    @Test
    void rasterizingTheShapesGivesBackTheLabels() {
        int[] ids = SyntheticChannels.rectangles(90, 50, new int[] {60, 2, 80, 20}, new int[] {5, 10, 25, 40},
                new int[] {25, 10, 45, 40}, new int[] {60, 20, 80, 45}, new int[] {30, 20, 35, 30});
        for (LabeledShape s : LabelVectorizer.vectorize(ids, 90, 50)) {
            BitMask back = PolygonRasterizer.rasterize(s.geometry(), 90, 50);
            for (int i = 0; i < ids.length; i++) {
                assertEquals(ids[i] == s.label(), back.get(i % 90, i / 90), "label " + s.label() + " pixel " + i);
            }
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> LabelVectorizer.vectorize(new int[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> LabelVectorizer.vectorize(new int[] {0, -1}, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelVectorizer.vectorize(new int[0], -1, 0));
        assertTrue(LabelVectorizer.vectorize(new int[0], 0, 0).isEmpty());
        assertTrue(LabelVectorizer.vectorize(new int[12], 4, 3).isEmpty());
    }
}
