package org.roofline.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorIo;

/**
 * The session keeps the footprints' outlines before regularization: written at creation and by
 * {@code originalsAdded}, read back on reopening, in a feature table GDAL opens as a layer; sessions made before the
 * table existed get it when opened. And a session is told from other GeoPackages.
 */
class SessionOriginalsTest {

    private static final Crs UTM = Crs.epsg(32616);

    @TempDir
    Path dir;

    /** "Originals": each footprint grown by 10 % about its centre, so they differ from the footprints. */
    private static Map<Long, Polygon> originals(List<Footprint> fps) {
        Map<Long, Polygon> m = new HashMap<>();
        for (Footprint f : fps) {
            var c = f.polygon().getCentroid().getCoordinate();
            m.put(f.id(), (Polygon) AffineTransformation.scaleInstance(1.1, 1.1, c.x, c.y).transform(f.polygon()));
        }
        return m;
    }

    private static void assertSameOutlines(Map<Long, Polygon> expected, Map<Long, Polygon> got) {
        assertEquals(expected.keySet(), got.keySet());
        for (Map.Entry<Long, Polygon> e : expected.entrySet()) {
            assertTrue(e.getValue().equalsExact(got.get(e.getKey()), 1e-9), "outline " + e.getKey());
        }
    }

    @Test
    void originalsAreWrittenAtCreationAndByOriginalsAdded() throws Exception {
        List<Footprint> fps = SessionStoreTest.footprints(40, 3);
        List<Footprint> first = fps.subList(0, 30);
        Map<Long, Polygon> firstOriginals = originals(first);
        Path f = dir.resolve("s.gpkg");
        try (SessionStore s = SessionStore.create(f, null, UTM, first, firstOriginals, 4)) {
            assertSameOutlines(firstOriginals, s.load().originals());
        }
        ogrinfoCount(f, SessionSchema.FOOTPRINTS, 30);
        ogrinfoCount(f, OriginalOutlines.TABLE, 30);

        // a live review adds extracted footprints with their outlines: persisted before the model changes
        Map<Long, Polygon> later = originals(fps.subList(30, 40));
        try (SessionStore s = SessionStore.open(f)) {
            SessionStore.Contents c = s.load();
            ReviewModel model = new ReviewModel(c.footprints(), c.originals(),
                    ReviewTiles.covering(ReviewModel.extentOf(fps), 500), s, Clock.systemUTC());
            model.addExtracted(fps.subList(30, 40), later);
            assertTrue(model.regularizationChange(fps.get(35)) > 0.1);
        }
        Map<Long, Polygon> all = new HashMap<>(firstOriginals);
        all.putAll(later);
        try (SessionStore s = SessionStore.open(f)) {
            SessionStore.Contents c = s.load();
            assertEquals(40, c.footprints().size());
            assertSameOutlines(all, c.originals());
            // an outline stored again for the same id replaces the old one
            Polygon replaced = fps.get(0).polygon();
            s.originalsAdded(Map.of(fps.get(0).id(), replaced));
            all.put(fps.get(0).id(), replaced);
        }
        try (SessionStore s = SessionStore.open(f)) {
            assertSameOutlines(all, s.load().originals());
        }
        ogrinfoCount(f, OriginalOutlines.TABLE, 40);
    }

    @Test
    void aSessionFromBeforeTheTableGetsIt() throws Exception {
        List<Footprint> fps = SessionStoreTest.footprints(10, 4);
        Path f = dir.resolve("old.gpkg");
        SessionStore.create(f, null, UTM, fps, 2).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + OriginalOutlines.TABLE);
            s.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = '" + OriginalOutlines.TABLE + "'");
            s.execute("DELETE FROM gpkg_contents WHERE table_name = '" + OriginalOutlines.TABLE + "'");
        }
        try (SessionStore s = SessionStore.open(f)) {
            assertEquals(Map.of(), s.load().originals());
            s.originalsAdded(originals(fps.subList(0, 3)));
        }
        try (SessionStore s = SessionStore.open(f)) {
            assertSameOutlines(originals(fps.subList(0, 3)), s.load().originals());
        }
        ogrinfoCount(f, OriginalOutlines.TABLE, 3);
    }

    @Test
    void sessionsAreToldFromOtherFiles() throws Exception {
        List<Footprint> fps = SessionStoreTest.footprints(5, 5);
        Path session = dir.resolve("s.gpkg");
        SessionStore.create(session, null, UTM, fps, 1).close();
        assertTrue(SessionStore.isSession(session));

        Path plain = dir.resolve("plain.gpkg");
        VectorIo.write(FootprintLayers.toLayer("plain", fps, UTM), plain);
        assertFalse(SessionStore.isSession(plain));
        assertFalse(SessionStore.isSession(Files.writeString(dir.resolve("text.gpkg"), "hello",
                StandardCharsets.UTF_8)));
        assertFalse(SessionStore.isSession(dir.resolve("missing.gpkg")));
        assertFalse(SessionStore.isSession(dir));
        assertTrue(Files.exists(plain) && !Files.exists(Path.of(plain + "-wal")), "reading changes nothing");
    }

    /** GDAL opens the table as a layer with this many features. */
    private static void ogrinfoCount(Path f, String table, int count) throws Exception {
        String ogr = SessionStoreTest.findOgrinfo();
        if (ogr == null) {
            return;
        }
        Process p = new ProcessBuilder(ogr, "-ro", "-so", f.toString(), table).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("Feature Count: " + count), out);
        assertTrue(out.contains("Geometry: Polygon"), out);
        assertTrue(out.contains("32616"), "the footprints' CRS: " + out);
    }
}
