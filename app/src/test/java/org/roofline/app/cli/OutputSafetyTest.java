package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.export.ExportException;
import org.roofline.app.export.ExportFixtures;
import org.roofline.app.export.ExportRequest;
import org.roofline.app.export.FootprintExporter;
import org.roofline.app.export.FootprintSnapshot;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.TempFiles;

/**
 * Commands that write files keep what they must not replace: export reads its session read-only (unchanged to the
 * byte, even from a read-only folder) and replaces its output only with a verified file; convert never writes over
 * its input; convert and extract do not replace a review session without --overwrite.
 */
class OutputSafetyTest {

    @TempDir
    Path tmp;

    private List<String> hidden() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void exportReadsAReadOnlySessionAndLeavesItByteForByte() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("media"));
        Path session = folder.resolve("review.gpkg");
        ExportFixtures.createSession(session);
        byte[] before = Files.readAllBytes(session);
        Files.setPosixFilePermissions(session, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path out = tmp.resolve("kept.gpkg");
            ConvertCommandTest.Run r = ConvertCommandTest.run("export", session.toString(), "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals("", r.err());
            assertTrue(r.out().startsWith("Wrote "), r.out());
            assertArrayEquals(before, Files.readAllBytes(session), "export changed the session");
            try (Stream<Path> s = Files.list(folder)) {
                assertEquals(List.of("review.gpkg"), s.map(p -> p.getFileName().toString()).toList());
            }
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(session, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aFailedExportLeavesTheOldFile() throws Exception {
        Path session = tmp.resolve("review.gpkg");
        List<Footprint> decided = ExportFixtures.createSession(session);
        for (String name : new String[] {"old.gpkg", "old.geojson", "old.shp"}) {
            Path out = tmp.resolve(name);
            FootprintExporter.export(FootprintSnapshot.fromSession(session), ExportRequest.kept(out),
                    FootprintExporter.Listener.NONE);
            byte[] before = Files.readAllBytes(out);
            // two footprints with one id: the file is written, but what is read back cannot match
            List<Footprint> clash = new ArrayList<>();
            Footprint a = decided.stream().filter(f -> f.status() == ReviewStatus.ACCEPTED).findFirst().orElseThrow();
            Footprint b = decided.stream().filter(f -> f.status() == ReviewStatus.ACCEPTED && f.id() != a.id())
                    .findFirst().orElseThrow();
            clash.add(a);
            clash.add(new Footprint(a.id(), (Polygon) b.polygon(), a.status(), a.confidence(), a.method(),
                    a.regularized(), a.source(), a.reviewedAt()));
            FootprintSnapshot bad = new FootprintSnapshot(clash, Crs.WGS84, "clash");
            ExportException e = assertThrows(ExportException.class, () -> FootprintExporter.export(bad,
                    ExportRequest.kept(out), FootprintExporter.Listener.NONE));
            assertTrue(e.getMessage().startsWith(out + ": footprint " + a.id() + " read back"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(out), name + " was replaced by an unverified file");
            assertEquals(List.of(), hidden(), "temporary files left");
        }
    }

    @Test
    void convertNeverWritesOverItsInput() throws Exception {
        Path in = Files.copy(ConvertCommandTest.boulder().resolveSibling("boulder_buildings.shp"),
                tmp.resolve("b.shp"));
        for (String ext : new String[] {"shx", "dbf", "prj", "cpg"}) {
            Files.copy(ConvertCommandTest.boulder().resolveSibling("boulder_buildings." + ext),
                    tmp.resolve("b." + ext));
        }
        Path gj = tmp.resolve("b.geojson");
        assertEquals(0, ConvertCommandTest.run("convert", in.toString(), gj.toString()).exit());
        byte[] before = Files.readAllBytes(gj);
        Files.createDirectories(tmp.resolve("sub"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.geojson"), gj);
        for (Path out : new Path[] {gj, tmp.resolve("sub/../b.geojson"), link}) {
            ConvertCommandTest.Run r = ConvertCommandTest.run("convert", gj.toString(), out.toString());
            assertNotEquals(0, r.exit());
            assertEquals("roofline: " + out + ": is the input itself (" + gj + "); write to another file",
                    r.err().strip());
            assertArrayEquals(before, Files.readAllBytes(gj));
        }
        ConvertCommandTest.Run shp = ConvertCommandTest.run("convert", in.toString(), tmp.resolve("./b.shp").toString());
        assertNotEquals(0, shp.exit());
        assertTrue(shp.err().contains("is the input itself"), shp.err());
    }

    @Test
    void convertAndExtractDoNotReplaceASessionUnlessAsked() throws Exception {
        Path session = tmp.resolve("review.gpkg");
        ExportFixtures.createSession(session);
        byte[] before = Files.readAllBytes(session);
        String refusal = "roofline: " + session + ": is a Roofline review session, with the reviewer's decisions; it "
                + "is not replaced (write to another file, or add --overwrite to replace it)";

        ConvertCommandTest.Run r = ConvertCommandTest.run("convert", ConvertCommandTest.boulder().toString(),
                session.toString());
        assertNotEquals(0, r.exit());
        assertEquals(refusal, r.err().strip());
        r = ConvertCommandTest.run("extract", ExtractCommandTest.kampalaChip().toString(), "--out",
                session.toString(), "--model", ExtractCommandTest.fixture().toString());
        assertNotEquals(0, r.exit());
        assertEquals(refusal, r.err().strip());
        assertArrayEquals(before, Files.readAllBytes(session));
        assertTrue(SessionStore.isSession(session));

        r = ConvertCommandTest.run("convert", ConvertCommandTest.boulder().toString(), session.toString(),
                "--overwrite");
        assertEquals(0, r.exit(), r.err());
        assertFalse(SessionStore.isSession(session));

        // a plain GeoPackage is replaced as before
        r = ConvertCommandTest.run("convert", ConvertCommandTest.boulder().toString(), session.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(), hidden().stream().filter(n -> n.startsWith(TempFiles.PREFIX)).toList());
    }
}
