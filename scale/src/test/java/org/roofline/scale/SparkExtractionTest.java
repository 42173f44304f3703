package org.roofline.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.engine.EngineRequest;

/** The Spark engine in local mode against the local engine, on real Banepa tiles. One session for the class. */
class SparkExtractionTest {

    private static SparkSession session;

    @BeforeAll
    static void start() {
        session = SparkSessions.local2();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    /** Two tiles apart from each other: per image, Spark gives the local engine's footprints, ids in image order. */
    @Test
    void perImageTheLocalEnginesFootprints() throws Exception {
        var images = List.of(SparkSessions.OAM.resolve("OAM-386693-220243-19.tif"),
                SparkSessions.OAM.resolve("OAM-386695-220245-19.tif"));
        EngineRequest request = SparkSessions.request(images);
        List<Footprint> expected = new ArrayList<>();
        for (var image : images) {
            for (Footprint f : SparkSessions.local(image, request)) {
                expected.add(f.withId(expected.size() + 1));
            }
        }
        List<Footprint> spark;
        try (SparkRun run = SparkSessions.run(session, request)) {
            spark = SparkSessions.footprints(run);
            assertEquals(expected.size(), run.count());
        }
        assertTrue(expected.size() > 20, "the tiles hold buildings: " + expected.size());
        assertEquals(expected.size(), spark.size());
        for (int i = 0; i < expected.size(); i++) {
            Footprint e = expected.get(i);
            Footprint s = spark.get(i);
            assertEquals(e.id(), s.id());
            assertTrue(e.polygon().equalsExact(s.polygon()), "footprint " + e.id());
            assertEquals(e.confidence(), s.confidence(), 0, "confidence of " + e.id());
            assertEquals(e.method(), s.method());
            assertEquals(e.source(), s.source());
        }
    }
}
