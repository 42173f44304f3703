package org.roofline.geometry.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.instance.InstanceLabels;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;

/**
 * Rows of terraced houses as a network's instances hand them over (a label raster whose shared walls wander by a pixel
 * or two): after post-processing, neighbours share their wall — no overlap, no gap.
 */
class SharedWallsTest {

    /**
     * Rows of four houses, each house a rotated rectangle; the wall between two houses wanders (each pixel row moves
     * it by -1, 0 or +1 px at random, as a network's contact channel does).
     */
    static InstanceLabels rows(long seed, double degrees) {
        int w = 420;
        int h = 420;
        int[] labels = new int[w * h];
        Random random = new Random(seed);
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        int label = 0;
        for (int row = 0; row < 2; row++) {
            double cx0 = 60;
            double cy = 60 + row * 160;
            int[] jitter = new int[h * 8];
            for (int i = 0; i < jitter.length; i++) {
                jitter[i] = random.nextInt(3) - 1;
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // house frame: u along the row, v across it
                    double dx = x + 0.5 - cx0;
                    double dy = y + 0.5 - cy;
                    double u = dx * cos + dy * sin;
                    double v = -dx * sin + dy * cos;
                    if (u < 0 || u >= 4 * 75 || Math.abs(v) > 40) {
                        continue;
                    }
                    int house = (int) (u / 75);
                    double within = u - house * 75;
                    if (house < 3 && within > 75 - 1.5 && jitter[y * 4 + house] > 0) {
                        house++;
                    } else if (house > 0 && within < 1.5 && jitter[y * 4 + house - 1] < 0) {
                        house--;
                    }
                    labels[y * w + x] = row * 4 + house + 1;
                }
            }
            label += 4;
        }
        double[] confidence = new double[label];
        Arrays.fill(confidence, 0.9);
        return new InstanceLabels(labels, w, h, confidence);
    }

    record Walls(double overlap, int pairs, int touching) {
    }

    /** Overlap area over all neighbouring pairs, and how many pairs touch along a wall. */
    static Walls walls(List<Footprint> footprints) {
        double overlap = 0;
        int pairs = 0;
        int touching = 0;
        for (int i = 0; i < footprints.size(); i++) {
            for (int j = i + 1; j < footprints.size(); j++) {
                Polygon a = footprints.get(i).polygon();
                Polygon b = footprints.get(j).polygon();
                if (a.distance(b) > 8) {
                    continue;
                }
                pairs++;
                overlap += a.intersection(b).getArea();
                double shared = a.getBoundary().intersection(b.getBoundary().buffer(1e-6)).getLength();
                if (a.distance(b) < 1e-6 && shared > 40) {
                    touching++;
                }
            }
        }
        return new Walls(overlap, pairs, touching);
    }

    @Test
    void neighboursShareTheirWallsAfterRegularization() {
        List<String> report = new ArrayList<>();
        for (double degrees : new double[] {0, 7, 23}) {
            for (long seed = 1; seed <= 3; seed++) {
                InstanceLabels labels = rows(seed, degrees);
                List<Footprint> fps;
                PostProcessorConfig config = PostProcessorConfig.defaults().withParallelism(2)
                        .withRegularization(RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES));
                try (PostProcessor p = new PostProcessor(config)) {
                    fps = p.processTraced(LabelJob.of("rows", labels)).stream().map(TracedFootprint::footprint).toList();
                }
                assertEquals(8, fps.size(), degrees + "° seed " + seed);
                Walls w = walls(fps);
                report.add(degrees + "° seed " + seed + ": " + w);
                assertEquals(6, w.pairs(), degrees + "° seed " + seed + ": " + w);
                assertEquals(0, w.overlap(), 1e-6, degrees + "° seed " + seed + ": " + w);
                assertEquals(6, w.touching(), degrees + "° seed " + seed + ": " + w);
                for (Footprint f : fps) {
                    assertTrue(f.polygon().isValid());
                    assertTrue(f.polygon().getArea() > 0.85 * 75 * 80, "house area " + f.polygon().getArea());
                }
            }
        }
        System.out.println("shared walls: " + report);
    }
}
