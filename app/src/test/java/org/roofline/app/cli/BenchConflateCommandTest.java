package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roofline bench conflate} on a small town: every stage reports, the classes match the synthetic truth (every
 * 20th building new, not found and grown), the known shift is found, and the review's stages (layer added, stored,
 * edits against re-matching) report. Timing figures are printed, not asserted.
 */
class BenchConflateCommandTest {

    @TempDir
    Path dir;

    @Test
    void smallTownReportsEveryStageAndTheTruth() {
        ConvertCommandTest.Run r = ConvertCommandTest.run("bench", "conflate", "--count", "400", "--warmup", "0",
                "--repeat", "1", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        System.out.print(r.out());
        for (String stage : new String[] {"read .osm", "match", "estimate offset", "review: add layer",
                "review: store layer", "review: 200 edits", "re-match everything"}) {
            assertTrue(r.out().contains("  " + stage), stage + " in:\n" + r.out());
        }
        Matcher classes = Pattern.compile("classes: (\\d+) new, (\\d+) unchanged, (\\d+) changed, (\\d+) not_found")
                .matcher(r.out());
        assertTrue(classes.find(), r.out());
        // every 20th building is missing on each side (one more on one side when the count is not a multiple of 20)
        assertTrue(Math.abs(Integer.parseInt(classes.group(1)) - Integer.parseInt(classes.group(4))) <= 1, r.out());
        assertTrue(Integer.parseInt(classes.group(1)) >= 400 / 20, r.out());
        assertTrue(Integer.parseInt(classes.group(2)) > 300, r.out());
        Matcher error = Pattern.compile("error (\\d+\\.\\d+) m").matcher(r.out());
        assertTrue(error.find(), r.out());
        assertTrue(Double.parseDouble(error.group(1)) < 0.3, r.out());
        assertTrue(r.out().contains("classes after one edit: "), r.out());
    }
}
