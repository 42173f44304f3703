package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A small run of {@code bench map} in the headless (Monocle) window the tests use: it runs and reports. */
class BenchMapCommandTest {

    @Test
    void reportsFrameTimesForEveryViewAndMode() {
        ConvertCommandTest.Run r = ConvertCommandTest.run("bench", "map", "--footprints", "3000", "--image-size",
                "1024", "--frames", "12", "--warmup", "3", "--size", "640x400");
        assertEquals(0, r.exit(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.matches("^(zoomed-in|mid|whole extent)\\s.*")).toList();
        assertEquals(6, rows.size(), r.out());
        for (String row : rows) {
            String[] f = row.replace("whole extent", "whole").trim().split("\\s+");
            int drawn = Integer.parseInt(f[2]);
            double median = Double.parseDouble(f[4]);
            double fps = Double.parseDouble(f[7]);
            assertTrue(drawn > 0 && drawn <= 3000, row);
            assertTrue(median > 0 && fps > 0, row);
            if (f[1].equals("baseline")) {
                assertEquals(3000, drawn, "the baseline draws every footprint: " + row);
            }
        }
        String zoomed = rows.stream().filter(l -> l.startsWith("zoomed-in") && l.contains("indexed")).findFirst()
                .orElseThrow();
        assertTrue(Integer.parseInt(zoomed.trim().split("\\s+")[2]) < 3000, "zoomed in, fewer are drawn: " + zoomed);
        assertTrue(r.out().contains("baseline / indexed+LOD median frame time: zoomed-in"), r.out());
    }
}
