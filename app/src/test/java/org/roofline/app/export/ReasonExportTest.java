package org.roofline.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The {@code reason} attribute of an export: the Banepa OSM buildings, some rejected with each reason and some
 * without, exported to each format and read by GDAL's {@code ogrinfo}.
 */
class ReasonExportTest {

    @TempDir
    static Path dir;
    static Path session;
    /** id -> the reason code expected in the file ("" for none). */
    static final Map<Long, String> EXPECTED = new TreeMap<>();

    @BeforeAll
    static void session() throws Exception {
        session = dir.resolve("reasons.gpkg");
        List<Footprint> fps = ExportFixtures.osmFootprints();
        Instant when = Instant.parse("2026-12-01T09:00:00Z");
        List<Footprint> decided = new ArrayList<>();
        RejectReason[] reasons = RejectReason.values();
        for (Footprint f : fps) {
            long id = f.id();
            Footprint d = id % 4 == 0 ? f.withRejection(id % 8 == 0 ? null : reasons[(int) (id / 4) % reasons.length],
                    when) : f.withStatus(ReviewStatus.ACCEPTED, when);
            decided.add(d);
            EXPECTED.put(id, d.rejectReason() == null ? "" : d.rejectReason().code());
        }
        try (SessionStore s = SessionStore.create(session, ExportFixtures.BANEPA_IMAGE, Crs.WGS84, fps, 4)) {
            s.footprintsChanged(decided);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"all.shp", "all.geojson", "all.gpkg"})
    void everyFormatCarriesTheReason(String name) throws Exception {
        Path out = dir.resolve(name);
        ExportReport r = FootprintExporter.export(FootprintSnapshot.fromSession(session),
                new ExportRequest(out, ExportStatuses.ALL, null), FootprintExporter.Listener.NONE);
        assertEquals(EXPECTED.size(), r.written());
        String text = ExportFixtures.run("/usr/bin/ogrinfo", "-ro", "-q", "-al", out.toString());
        Map<Long, String> found = new TreeMap<>();
        Pattern id = Pattern.compile("^\\s*id \\((?:Integer64|Integer|Real)\\) = (\\d+)", Pattern.MULTILINE);
        Pattern reason = Pattern.compile("^\\s*reason \\(String\\) = (.*)$", Pattern.MULTILINE);
        for (String feature : text.split("OGRFeature")) {
            Matcher mi = id.matcher(feature);
            if (!mi.find()) {
                continue;
            }
            Matcher mr = reason.matcher(feature);
            assertTrue(mr.find(), "a reason field in every feature: " + feature);
            String v = mr.group(1).strip();
            found.put(Long.parseLong(mi.group(1)), v.equals("(null)") ? "" : v);
        }
        assertEquals(EXPECTED, found);
        assertTrue(found.containsValue("wrong-shape") && found.containsValue("not-a-building"));
    }
}
