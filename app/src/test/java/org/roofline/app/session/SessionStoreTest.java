package org.roofline.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.geopackage.GeoPackageWriter;

class SessionStoreTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final Crs UTM = Crs.epsg(32616);

    @TempDir
    Path dir;

    static Polygon square(double x, double y, double s, boolean hole) {
        Coordinate[] shell = {new Coordinate(x, y), new Coordinate(x + s, y), new Coordinate(x + s, y + s),
                new Coordinate(x, y + s), new Coordinate(x, y)};
        LinearRing[] holes = new LinearRing[0];
        if (hole) {
            double a = s / 4;
            holes = new LinearRing[] {GF.createLinearRing(new Coordinate[] {new Coordinate(x + a, y + a),
                    new Coordinate(x + a, y + 2 * a), new Coordinate(x + 2 * a, y + 2 * a),
                    new Coordinate(x + 2 * a, y + a), new Coordinate(x + a, y + a)})};
        }
        return GF.createPolygon(GF.createLinearRing(shell), holes);
    }

    static List<Footprint> footprints(int n, long seed) {
        Random r = new Random(seed);
        List<Footprint> out = new ArrayList<>();
        ReviewStatus[] statuses = ReviewStatus.values();
        for (int i = 0; i < n; i++) {
            double x = 500_000 + r.nextDouble() * 1000 + 1e-7 * r.nextDouble();
            double y = 4_600_000 + r.nextDouble() * 1000;
            Polygon p = square(x, y, 5 + r.nextDouble() * 20, i % 7 == 0);
            double conf = i % 5 == 0 ? Double.NaN : r.nextDouble();
            Instant at = i % 3 == 0 ? null : Instant.ofEpochMilli(1_700_000_000_000L + r.nextInt(1_000_000_000));
            out.add(new Footprint(1000 + i * 3L, p, statuses[i % statuses.length], conf,
                    i % 2 == 0 ? "right-angle" : "simplify", i % 2 == 0, i % 4 == 0 ? null : "tile_" + i + ".tif",
                    at));
        }
        return out;
    }

    static void assertSame(Footprint e, Footprint a) {
        assertEquals(e.id(), a.id());
        assertTrue(e.polygon().equalsExact(a.polygon()), () -> "polygon of " + e.id());
        assertEquals(e.status(), a.status());
        assertEquals(Double.doubleToLongBits(e.confidence()), Double.doubleToLongBits(a.confidence()));
        assertEquals(e.method(), a.method());
        assertEquals(e.regularized(), a.regularized());
        assertEquals(e.source(), a.source());
        assertEquals(e.reviewedAt(), a.reviewedAt());
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        Path f = dir.resolve("s.gpkg");
        List<Footprint> fps = footprints(300, 1);
        Path image = dir.resolve("scene.tif");
        try (SessionStore s = SessionStore.create(f, image, UTM, fps, 12)) {
            assertEquals(300, s.load().footprints().size());
        }
        assertFalse(Files.exists(dir.resolve("s.gpkg-wal")), "closed session is one file");
        try (SessionStore s = SessionStore.open(f)) {
            assertEquals(UTM, s.crs());
            assertEquals(image.toAbsolutePath(), s.image());
            assertEquals(12, s.tileCount());
            SessionStore.Contents c = s.load();
            assertEquals(fps.size(), c.footprints().size());
            for (int i = 0; i < fps.size(); i++) {
                assertSame(fps.get(i), c.footprints().get(i));
            }
            assertTrue(c.visitedTiles().isEmpty());
        }
        ogrinfo(f, 300);
    }

    @Test
    void createRefusesExistingFile() throws IOException {
        Path f = dir.resolve("s.gpkg");
        SessionStore.create(f, null, UTM, footprints(3, 2), 1).close();
        IOException e = assertThrows(IOException.class, () -> SessionStore.create(f, null, UTM, List.of(), 1));
        assertTrue(e.getMessage().contains(f.toString()));
    }

    @Test
    void changesRemovalsAndTilesPersist() throws IOException {
        Path f = dir.resolve("s.gpkg");
        List<Footprint> fps = footprints(50, 3);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Footprint changed = fps.get(4).withStatus(ReviewStatus.REJECTED, now).withPolygon(square(1, 2, 3, true));
        Footprint added = Footprint.pending(99_999, square(10, 20, 30, false), "manual", false, null);
        try (SessionStore s = SessionStore.create(f, null, UTM, fps, 20)) {
            s.footprintsChanged(List.of(changed, added));
            s.footprintsRemoved(List.of(fps.get(0).id(), fps.get(1).id(), 123_456_789L));
            s.tileVisited(3, true);
            s.tileVisited(19, true);
            s.tileVisited(7, true);
            s.tileVisited(7, false);
            assertThrows(IndexOutOfBoundsException.class, () -> s.tileVisited(20, true));
        }
        try (SessionStore s = SessionStore.open(f)) {
            SessionStore.Contents c = s.load();
            assertEquals(49, c.footprints().size());
            Set<Long> ids = new HashSet<>();
            for (Footprint x : c.footprints()) {
                ids.add(x.id());
            }
            assertFalse(ids.contains(fps.get(0).id()));
            assertFalse(ids.contains(fps.get(1).id()));
            assertSame(changed, c.footprints().stream().filter(x -> x.id() == changed.id()).findFirst().get());
            assertSame(added, c.footprints().get(c.footprints().size() - 1));
            BitSet expected = new BitSet();
            expected.set(3);
            expected.set(19);
            assertEquals(expected, c.visitedTiles());
        }
    }

    @Test
    void pixelSessionWithoutCrs() throws IOException {
        Path f = dir.resolve("px.gpkg");
        List<Footprint> fps = footprints(5, 4);
        try (SessionStore s = SessionStore.create(f, null, null, fps, 0)) {
            assertNull(s.crs());
        }
        try (SessionStore s = SessionStore.open(f)) {
            assertNull(s.crs());
            assertNull(s.image());
            assertSame(fps.get(2), s.load().footprints().get(2));
        }
    }

    @Test
    void notASessionIsAOneLineIOException() throws IOException {
        Path plain = dir.resolve("plain.gpkg");
        new GeoPackageWriter().write(FootprintLayers.toLayer("footprints", footprints(3, 5), UTM), plain);
        Path random = dir.resolve("random.gpkg");
        byte[] junk = new byte[8192];
        new Random(6).nextBytes(junk);
        Files.write(random, junk);
        Path missing = dir.resolve("missing.gpkg");
        for (Path p : List.of(plain, random, missing, dir)) {
            IOException e = assertThrows(IOException.class, () -> SessionStore.open(p).close(), p::toString);
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            System.out.println("open " + p.getFileName() + ": " + e.getMessage());
        }
        assertFalse(Files.exists(missing), "opening a missing file must not create it");
    }

    /**
     * 500 decisions and 500 visited flags, each its own transaction, all committed: a second connection opened while
     * the writer is still open sees every one of them. (How many a second: {@code roofline bench}-style figures do not
     * belong in a unit test.)
     */
    @Test
    void manySingleDecisionsAreEachCommitted() throws IOException {
        Path f = dir.resolve("many.gpkg");
        List<Footprint> fps = footprints(2000, 7);
        try (SessionStore s = SessionStore.create(f, null, UTM, fps, 10)) {
            int n = 500;
            for (int i = 0; i < n; i++) {
                s.footprintsChanged(List.of(fps.get(i).withStatus(ReviewStatus.ACCEPTED, Instant.now())));
            }
            for (int i = 0; i < 10; i++) {
                s.tileVisited(i, i % 2 == 0);
            }
            try (SessionStore reader = SessionStore.open(f)) {
                SessionStore.Contents c = reader.load();
                java.util.Map<Long, ReviewStatus> status = new java.util.HashMap<>();
                c.footprints().forEach(x -> status.put(x.id(), x.status()));
                for (int i = 0; i < n; i++) {
                    assertEquals(ReviewStatus.ACCEPTED, status.get(fps.get(i).id()), "decision " + i);
                }
                java.util.BitSet expected = new java.util.BitSet();
                for (int i = 0; i < 10; i += 2) {
                    expected.set(i);
                }
                assertEquals(expected, c.visitedTiles());
            }
        }
    }

    @Test
    void killedWriterLosesNothingCommitted() throws Exception {
        Path f = dir.resolve("crash.gpkg");
        int n = 2000;
        List<Footprint> fps = new ArrayList<>();
        for (Footprint x : footprints(n, 8)) {
            fps.add(x.withStatus(ReviewStatus.PENDING, null));
        }
        SessionStore.create(f, null, UTM, fps, 4).close();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SessionCrashChild.class.getName(), f.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        Set<Long> done = new HashSet<>();
        int minLines = 300;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("done ")) {
                    done.add(Long.parseLong(line.substring(5).trim()));
                    if (done.size() >= minLines) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL on Unix; also closes our end of its stdout
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(done.size() >= minLines, "child printed " + done.size() + " lines");
        assertTrue(done.size() < n, "the child was to be killed mid-way, but it finished all " + n);
        System.out.println("killed child after " + done.size() + " reported decisions; -wal left: "
                + Files.exists(Path.of(f + "-wal")));

        ogrinfo(f, n); // GDAL opens the crashed session as it is, log and all
        try (SessionStore s = SessionStore.open(f)) {
            List<Footprint> got = s.load().footprints();
            assertEquals(n, got.size());
            // the child accepts in load order: the accepted ones must be a prefix (no holes, nothing torn)
            int accepted = 0;
            while (accepted < got.size() && got.get(accepted).status() == ReviewStatus.ACCEPTED) {
                accepted++;
            }
            for (int i = 0; i < got.size(); i++) {
                Footprint x = got.get(i);
                if (done.contains(x.id())) {
                    assertEquals(ReviewStatus.ACCEPTED, x.status(), "footprint " + x.id() + " was reported done");
                    assertTrue(x.reviewedAt() != null);
                }
                if (i >= accepted) {
                    assertEquals(ReviewStatus.PENDING, x.status(), "footprint " + x.id());
                }
            }
            assertTrue(accepted >= done.size(), "accepted " + accepted);
            System.out.println("reopened: " + accepted + " accepted (" + done.size() + " reported before the kill)");
        }
        ogrinfo(f, n);
    }

    /** Checks GDAL opens the session's footprints as a layer with the expected feature count. */
    static void ogrinfo(Path f, int count) throws IOException {
        String ogr = findOgrinfo();
        if (ogr == null) {
            Assumptions.assumeTrue(System.getenv("CI") != null, "ogrinfo not installed");
            throw new AssertionError("ogrinfo not installed, and CI is set");
        }
        Process p = new ProcessBuilder(ogr, "-ro", "-so", f.toString(), "footprints").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("ERROR"), out);
        assertFalse(out.contains("Warning"), out);
        assertTrue(out.contains("Geometry: Polygon"), out);
        assertTrue(out.contains("Feature Count: " + count), out);
        assertTrue(out.contains("32616"), out);
    }

    static String findOgrinfo() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "ogrinfo");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
