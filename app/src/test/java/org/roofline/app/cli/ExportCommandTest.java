package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.export.ExportFixtures;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** {@code roofline export} on a real session: the summary line, GDAL's view of the file, one-line errors. */
class ExportCommandTest {

    @TempDir
    static Path dir;
    static Path session;
    static List<Footprint> decided;

    @BeforeAll
    static void session() throws Exception {
        session = dir.resolve("review.gpkg");
        decided = ExportFixtures.createSession(session);
    }

    @Test
    void defaultIsWhatTheReviewerKept() throws Exception {
        Path out = dir.resolve("kept.shp");
        ConvertCommandTest.Run r = ConvertCommandTest.run("export", session.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        long a = ExportFixtures.count(decided, ReviewStatus.ACCEPTED);
        long e = ExportFixtures.count(decided, ReviewStatus.EDITED);
        assertEquals("Wrote " + (a + e) + " footprints (accepted " + a + ", edited " + e + ") to " + out
                + " (read back: " + (a + e) + ")", r.out().strip());
        assertEquals("", r.err());
        assertEquals(a + e, ExportFixtures.ogrCount(out));
        assertEquals(4326, ExportFixtures.gdalEpsg(out));
    }

    @Test
    void statusesAndCrs() throws Exception {
        Path out = dir.resolve("pending-utm.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("export", session.toString(), "--out", out.toString(),
                "--status", "pending,rejected", "--crs", "EPSG:32645");
        assertEquals(0, r.exit(), r.err());
        long p = ExportFixtures.count(decided, ReviewStatus.PENDING);
        long j = ExportFixtures.count(decided, ReviewStatus.REJECTED);
        assertEquals("Wrote " + (p + j) + " footprints (pending " + p + ", rejected " + j + ") to " + out
                + " (read back: " + (p + j) + ")", r.out().strip());
        assertEquals(p + j, ExportFixtures.ogrCount(out));
        assertEquals(32645, ExportFixtures.gdalEpsg(out));

        Path all = dir.resolve("all.geojson");
        r = ConvertCommandTest.run("export", session.toString(), "-o", all.toString(), "--status", "all");
        assertEquals(0, r.exit(), r.err());
        assertEquals(decided.size(), ExportFixtures.ogrCount(all));
    }

    @Test
    void errorsAreOneLineNamingTheFile() throws Exception {
        Path out = dir.resolve("x.gpkg");
        Path missing = dir.resolve("missing.gpkg");
        assertError("roofline: " + missing + ": no such file", "export", missing.toString(), "-o", out.toString());

        Path text = dir.resolve("notes.gpkg");
        Files.writeString(text, "not a geopackage");
        ConvertCommandTest.Run r = ConvertCommandTest.run("export", text.toString(), "-o", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("roofline: " + text + ": not a GeoPackage"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        Path noDir = dir.resolve("nowhere/x.shp");
        assertError("roofline: " + noDir + ": cannot write: directory " + noDir.getParent() + " does not exist",
                "export", session.toString(), "-o", noDir.toString());
        Path kml = dir.resolve("x.kml");
        assertError("roofline: " + kml + ": unknown vector format: use .shp, .geojson or .gpkg",
                "export", session.toString(), "-o", kml.toString());
        assertError("roofline: --crs EPSG:999999: unknown EPSG code 999999: not a geographic or projected 2D CRS in "
                + "the EPSG registry that Roofline has", "export", session.toString(), "-o", out.toString(),
                "--crs", "EPSG:999999");
        assertError("roofline: --status kept: unknown status 'kept': expected all, or a list of pending, accepted, "
                + "rejected, edited", "export", session.toString(), "-o", out.toString(), "--status", "kept");
        long before = Files.size(session);
        assertError("roofline: " + session + ": is the session itself; export to another file",
                "export", session.toString(), "-o", session.toString());
        assertEquals(before, Files.size(session));
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(kml));
    }

    private static void assertError(String line, String... args) {
        ConvertCommandTest.Run r = ConvertCommandTest.run(args);
        assertEquals(1, r.exit(), r.out());
        assertEquals(line, r.err().strip());
        assertEquals("", r.out());
    }
}
