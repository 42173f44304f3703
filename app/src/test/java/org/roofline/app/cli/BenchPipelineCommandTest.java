package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPipelineCommandTest {

    @Test
    void printsDeviceBusyShareAndThroughputPerThreadCount() {
        ConvertCommandTest.Run r = ConvertCommandTest.run("bench", "pipeline", "--tiles", "4", "--device-latency", "5",
                "--max-threads", "2", "--batch", "2");
        assertEquals(0, r.exit(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.contains("stand-in, 5 ms a tile")).toList();
        assertEquals(2, rows.size(), r.out());
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            // ... threads, tiles/s, busy%, queue wait, "ms", buildings
            double busy = Double.parseDouble(f[f.length - 4].replace("%", ""));
            assertTrue(busy > 0 && busy <= 100, row);
            assertTrue(Integer.parseInt(f[f.length - 1]) > 0, "the stand-in's buildings are found: " + row);
        }
    }
}
