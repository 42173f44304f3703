package org.roofline.inference.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.inference.quality.RegularizationBenchmark.Sample;
import org.roofline.inference.quality.RegularizationBenchmark.Score;

/**
 * The real-mask benchmark ({@code roofline bench quality}): its data as documented, and the adaptive tolerance against
 * the fixed default on the masks with and without network-like edge noise.
 */
class RegularizationBenchmarkTest {

    static List<Sample> samples;

    @BeforeAll
    static void load() throws Exception {
        samples = RegularizationBenchmark.load(
                Path.of(System.getProperty("roofline.resources", "../resources")).resolve("samples"));
    }

    private static final RegularizationParameters FIXED =
            RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES);
    private static final RegularizationParameters AUTO = FIXED.withAdaptiveTolerance();

    @Test
    void fiveGroupsAtTheirResolutionsWithTheirLabels() {
        assertEquals(List.of("Kampala 0.075 m", "Kampala 0.3 m", "Kampala 0.15 m", "Banepa 0.13 m", "Banepa 0.3 m"),
                RegularizationBenchmark.groups(samples));
        assertEquals(3 + 6 + 4 + 6 + 6, samples.size());
        for (Sample s : samples) {
            assertTrue(s.mask().width() > 0, s.name());
            if (s.group().startsWith("Banepa")) {
                assertTrue(!s.labels().isEmpty(), s.name());
                // the OSM buildings were rasterized into the mask: every label's centre is a building pixel
                org.roofline.geometry.mask.BitMask mask = org.roofline.geometry.mask.BitMask.copyOf(s.mask());
                long inside = s.labels().stream().filter(p -> {
                    var c = p.getInteriorPoint().getCoordinate();
                    return mask.get((int) c.x, (int) c.y);
                }).count();
                assertTrue(inside >= 0.95 * s.labels().size(), s.name() + ": " + inside + " of " + s.labels().size());
            }
        }
    }

    @Test
    void theAdaptiveToleranceSquaresNoisyMasksTheFixedDefaultLeavesRagged() {
        for (String group : List.of("Kampala 0.075 m", "Kampala 0.15 m", "Kampala 0.3 m")) {
            Score fixed = RegularizationBenchmark.score(group, samples, FIXED, 1.0, 3, 42, 2);
            Score auto = RegularizationBenchmark.score(group, samples, AUTO, 1.0, 3, 42, 2);
            System.out.println("noise 1 px, fixed 3 px: " + fixed);
            System.out.println("noise 1 px, adaptive:   " + auto);
            assertTrue(auto.complexityAwareIoU() >= fixed.complexityAwareIoU() + 0.05,
                    group + ": C-IoU adaptive " + auto.complexityAwareIoU() + " vs fixed " + fixed.complexityAwareIoU());
            assertTrue(auto.complexityAwareIoU() >= 0.84, group + ": C-IoU " + auto.complexityAwareIoU());
            assertTrue(auto.nRatio() >= 0.8 && auto.nRatio() <= 1.2, group + ": N-ratio " + auto.nRatio());
            assertTrue(auto.maskIoU() >= 0.9, group + ": mask IoU " + auto.maskIoU());
        }
    }

    @Test
    void onCleanMasksTheAdaptiveToleranceStaysCloseToTheHumanPolygons() {
        for (String group : List.of("Kampala 0.075 m", "Kampala 0.15 m", "Kampala 0.3 m")) {
            Score auto = RegularizationBenchmark.score(group, samples, AUTO, 0, 3, 42, 2);
            System.out.println("clean, adaptive: " + auto);
            assertTrue(auto.complexityAwareIoU() >= 0.87, group + ": C-IoU " + auto.complexityAwareIoU());
            assertTrue(auto.maskIoU() >= 0.95, group + ": mask IoU " + auto.maskIoU());
            assertTrue(auto.rightCorners() >= auto.labelRightCorners() - 0.03,
                    group + ": right corners " + auto.rightCorners() + " vs labels " + auto.labelRightCorners());
        }
    }
}
