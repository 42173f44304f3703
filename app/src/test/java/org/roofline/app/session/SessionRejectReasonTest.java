package org.roofline.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/** The {@code reject_reason} column: kept with every decision, and added to sessions made before it existed. */
class SessionRejectReasonTest {

    @TempDir
    Path dir;

    private static final Instant WHEN = Instant.parse("2026-12-01T08:00:00.123Z");

    @Test
    void reasonsRoundTripThroughTheFile() throws Exception {
        Path f = dir.resolve("r.gpkg");
        List<Footprint> fps = SessionStoreTest.footprints(40, 3).stream()
                .map(fp -> fp.withStatus(ReviewStatus.PENDING, null)).toList();
        try (SessionStore s = SessionStore.create(f, dir.resolve("i.tif"), Crs.epsg(32616), fps, 4)) {
            s.footprintsChanged(List.of(fps.get(0).withRejection(RejectReason.OFFSET, WHEN),
                    fps.get(1).withRejection(null, WHEN), fps.get(2).withRejection(RejectReason.MERGED, WHEN)));
        }
        try (SessionStore s = SessionStore.openReadOnly(f)) {
            List<Footprint> back = s.load().footprints();
            assertEquals(RejectReason.OFFSET, back.get(0).rejectReason());
            assertEquals(ReviewStatus.REJECTED, back.get(1).status());
            assertNull(back.get(1).rejectReason());
            assertEquals(RejectReason.MERGED, back.get(2).rejectReason());
            assertNull(back.get(3).rejectReason());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
             Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT reject_reason FROM footprints WHERE id = " + fps.get(0).id())) {
            assertTrue(rs.next());
            assertEquals("offset", rs.getString(1), "the code, readable by any SQLite or GIS tool");
        }
        SessionStoreTest.ogrinfo(f, 40);
    }

    @Test
    void anOlderSessionOpensAndGetsTheColumn() throws Exception {
        Path f = dir.resolve("old.gpkg");
        List<Footprint> fps = SessionStoreTest.footprints(12, 5);
        try (SessionStore s = SessionStore.create(f, dir.resolve("i.tif"), Crs.epsg(32616), fps, 4)) {
            assertEquals(12, s.load().footprints().size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE footprints DROP COLUMN reject_reason"); // as Roofline 0.1 made it
            assertFalse(SessionSchema.hasColumn(c, "footprints", "reject_reason"));
        }
        try (SessionStore s = SessionStore.openReadOnly(f)) {
            List<Footprint> back = s.load().footprints();
            assertEquals(12, back.size(), "read-only: read without the column, the file untouched");
            back.forEach(b -> assertNull(b.rejectReason()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
            assertFalse(SessionSchema.hasColumn(c, "footprints", "reject_reason"), "read-only changed nothing");
        }
        Footprint first = fps.get(0);
        try (SessionStore s = SessionStore.open(f)) {
            for (int i = 0; i < fps.size(); i++) {
                SessionStoreTest.assertSame(fps.get(i), s.load().footprints().get(i));
            }
            s.footprintsChanged(List.of(first.withRejection(RejectReason.NOT_A_BUILDING, WHEN)));
        }
        try (SessionStore s = SessionStore.openReadOnly(f)) {
            assertEquals(RejectReason.NOT_A_BUILDING, s.load().footprints().get(0).rejectReason());
        }
        SessionStoreTest.ogrinfo(f, 12);
    }
}
