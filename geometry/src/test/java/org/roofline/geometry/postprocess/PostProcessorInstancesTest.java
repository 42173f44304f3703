package org.roofline.geometry.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.instance.InstanceLabels;
import org.roofline.geometry.instance.InstanceSegmenter;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.metrics.PolygonMetrics;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.synthetic.SyntheticMaskGenerator;
import org.roofline.geometry.synthetic.SyntheticMaskSpec;
import org.roofline.geometry.vectorize.MaskVectorizer;
import org.roofline.geometry.vectorize.VectorizedShape;

/** Label rasters of building instances through the post-processor, and the traced outlines it returns. */
class PostProcessorInstancesTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static PostProcessorConfig config(RegularizationMethod method) {
        return PostProcessorConfig.defaults().withParallelism(2).withBatchSize(2)
                .withRegularization(RegularizationParameters.defaults(method));
    }

    /**
     * A terrace of five 12 x 20 houses sharing walls, as a three-channel model would see it: footprint 0.9 inside,
     * boundary on each house's inner 2-pixel ring, contact within 2 pixels of a party wall; the footprint is a little
     * lower (0.8) in the last house, so that confidences differ.
     */
    private static InstanceLabels terrace() {
        int w = 70;
        int h = 32;
        int[] ids = new int[w * h];
        for (int y = 6; y < 26; y++) {
            for (int x = 5; x < 65; x++) {
                ids[y * w + x] = 1 + (x - 5) / 12;
            }
        }
        float[] footprint = new float[w * h];
        float[] boundary = new float[w * h];
        float[] contact = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int id = ids[i];
                footprint[i] = id == 0 ? 0.05f : id == 5 ? 0.8f : 0.9f;
                if (id != 0 && (y < 8 || y >= 24 || (x - 5) % 12 < 2 || (x - 5) % 12 >= 10)) {
                    boundary[i] = 0.9f;
                }
                int wall = Math.round((x - 5) / 12f) * 12 + 5;
                if (y >= 4 && y < 28 && wall > 5 && wall < 65 && Math.abs(x + 0.5 - wall) < 2.5) {
                    contact[i] = 0.9f;
                }
            }
        }
        return InstanceSegmenter.segment(footprint, boundary, contact, w, h);
    }

    @Test
    void eachInstanceIsAFootprintWithItsConfidenceAndTracedOutline() {
        InstanceLabels instances = terrace();
        assertEquals(5, instances.count());
        List<TracedFootprint> out;
        try (PostProcessor p = new PostProcessor(config(RegularizationMethod.NONE))) {
            out = p.processTraced(new LabelJob("terrace", instances, 100, 50));
        }
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            Footprint f = out.get(i).footprint();
            assertEquals(i + 1, f.id());
            assertEquals("terrace", f.source());
            assertEquals(i == 4 ? 0.8 : 0.9, f.confidence(), 1e-6);
            assertSame(f.polygon(), out.get(i).traced(), "method none: the footprint is the traced outline");
            assertTrue(f.polygon().equalsTopo(GF.toGeometry(new Envelope(105 + 12 * i, 117 + 12 * i, 56, 76))),
                    "house " + (i + 1) + ": " + f.polygon());
            for (int j = i + 1; j < 5; j++) {
                Polygon g = out.get(j).footprint().polygon();
                assertEquals(0.0, f.polygon().intersection(g).getArea(), 0.0);
                assertEquals(j == i + 1 ? 20.0 : 0.0,
                        f.polygon().getBoundary().intersection(g.getBoundary()).getLength(), 0.0);
            }
        }
    }

    @Test
    void regularizedFootprintsComeWithTheOutlineTheyWereMadeFrom() {
        InstanceLabels instances = terrace();
        try (PostProcessor p = new PostProcessor(config(RegularizationMethod.RIGHT_ANGLES))) {
            List<TracedFootprint> out = p.processTraced(LabelJob.of("terrace", instances));
            assertEquals(5, out.size());
            for (int i = 0; i < 5; i++) {
                TracedFootprint t = out.get(i);
                assertInstanceOf(Polygon.class, t.traced());
                assertTrue(t.traced().isValid());
                assertEquals(240.0, t.traced().getArea(), 0.0, "the traced house, pixel for pixel");
                assertTrue(t.footprint().polygon().isValid());
                assertTrue(PolygonMetrics.iou(t.footprint().polygon(), t.traced()) > 0.9);
                assertEquals(RegularizationMethod.RIGHT_ANGLES.code(), t.footprint().method());
                assertEquals(i == 4 ? 0.8 : 0.9, t.footprint().confidence(), 1e-6);
            }
            // submit() of the same raster as a mask: one blob, as before instance separation
            BitMask blob = new BitMask(70, 32);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 70; x++) {
                    blob.set(x, y, instances.label(x, y) != 0);
                }
            }
            assertEquals(1, p.process(MaskJob.of("blob", blob)).size());
        }
    }

    @Test
    void masksGiveTheSameFootprintsAsSubmitWithTheirTracedOutlines() {
        BitMask mask = SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(400, 400, 120, 17)).mask();
        PostProcessorConfig config = config(RegularizationMethod.RIGHT_ANGLES).withBatchSize(16);
        try (PostProcessor p = new PostProcessor(config)) {
            List<Footprint> plain = p.submit(List.of(MaskJob.of("a", mask), new MaskJob("b", mask, 400, 0)),
                    x -> { }).join();
            List<TracedFootprint> traced = p.submitTraced(List.of(MaskJob.of("a", mask),
                    new MaskJob("b", mask, 400, 0)), x -> { }).join();
            List<VectorizedShape> shapes = new MaskVectorizer(config.connectivity(), config.minArea(), GF)
                    .apply(mask, 0, 0);
            assertEquals(2 * shapes.size(), plain.size());
            assertEquals(plain.size(), traced.size());
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(plain.get(i), traced.get(i).footprint(), "footprint " + (i + 1));
                assertTrue(Double.isNaN(traced.get(i).footprint().confidence()));
                Geometry expected = shapes.get(i % shapes.size()).geometry();
                Geometry outline = traced.get(i).traced();
                if (i >= shapes.size()) {
                    outline = org.locationtech.jts.geom.util.AffineTransformation.translationInstance(-400, 0)
                            .transform(outline);
                }
                assertTrue(expected.equalsExact(outline), "outline " + (i + 1));
            }
        }
    }

    /** A footprint-only model, not split: a label job gives exactly the footprints of the thresholded mask. */
    @Test
    void footprintOnlyInstancesGiveTodaysFootprints() {
        BitMask mask = SyntheticMaskGenerator.generate(SyntheticMaskSpec.of(500, 400, 150, 23)).mask();
        float[] footprint = new float[500 * 400];
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 500; x++) {
                footprint[y * 500 + x] = mask.get(x, y) ? 1f : 0f;
            }
        }
        InstanceLabels instances = new InstanceSegmenter(InstanceSegmenter.Parameters.defaults())
                .apply(footprint, 500, 400);
        try (PostProcessor p = new PostProcessor(config(RegularizationMethod.RIGHT_ANGLES).withBatchSize(16))) {
            List<Footprint> before = p.process(new MaskJob("t", mask, 30, 40));
            List<TracedFootprint> now = p.processTraced(new LabelJob("t", instances, 30, 40));
            assertTrue(before.size() > 100, "found " + before.size());
            assertEquals(before.size(), now.size());
            for (int i = 0; i < before.size(); i++) {
                Footprint a = before.get(i);
                Footprint b = now.get(i).footprint();
                assertTrue(a.polygon().equalsExact(b.polygon()), "footprint " + (i + 1));
                assertEquals(a.method(), b.method());
                assertEquals(a.regularized(), b.regularized());
                assertEquals(1.0, b.confidence(), 0.0);
            }
        }
    }

    @Test
    void mixedJobsAreNumberedInJobOrderAndCanBeCancelled() {
        InstanceLabels instances = terrace();
        BitMask square = new BitMask(10, 10);
        for (int y = 2; y < 8; y++) {
            square.fillRow(y, 2, 8);
        }
        try (PostProcessor p = new PostProcessor(config(RegularizationMethod.RIGHT_ANGLES))) {
            List<TracedFootprint> out = p.submitTraced(List.of(MaskJob.of("mask", square),
                    new LabelJob("labels", instances, 0, 100)), x -> { }).join();
            assertEquals(6, out.size());
            assertEquals("mask", out.get(0).footprint().source());
            for (int i = 0; i < 6; i++) {
                assertEquals(i + 1, out.get(i).footprint().id());
            }
            assertEquals(106, out.get(1).traced().getEnvelopeInternal().getMinY(), 0.0);

            List<PostProcessingJob> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(new LabelJob("t" + i, instances, 0, i * 40));
            }
            CompletableFuture<List<TracedFootprint>> f = p.submitTraced(many, x -> { });
            f.cancel(true);
            assertThrows(CancellationException.class, f::join);
            assertEquals(1, p.processTraced(MaskJob.of("again", square)).size());
        }
    }
}
