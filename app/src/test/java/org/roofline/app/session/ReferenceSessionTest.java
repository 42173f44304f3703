package org.roofline.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.review.KeepReference;
import org.roofline.app.review.MarkDemolished;
import org.roofline.app.review.OffsetEstimate;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReferenceState;
import org.roofline.app.review.ReplaceReference;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * A review session with a reference layer, on the bundled Banepa sample and its OpenStreetMap buildings: the layer
 * kept in its own table (ids, OSM identity, tags, nodes, review states), read back on reopening with every decision,
 * opened by GDAL as a layer; sessions without one open as before; the imagery offset of a shifted map estimated.
 */
class ReferenceSessionTest {

    @TempDir
    Path dir;

    private ReviewSession withReference(Path osm) throws IOException {
        return withReference(osm, null);
    }

    private ReviewSession withReference(Path osm, Path sessionFile) throws IOException {
        Path image = BanepaReference.copySample(dir);
        ReviewSession s = ReviewSession.openOrCreate(image, BanepaReference.footprints(dir), sessionFile);
        ReferenceFile ref = s.readReference(osm);
        s.model().addReferences(ref.buildings(), ref.source());
        return s;
    }

    @Test
    void referenceIsKeptWithEveryDecisionAndReopened() throws Exception {
        Path osm = BanepaReference.writeOsm(dir.resolve("banepa.osm"), 0, 0, 0);
        Path sessionFile;
        List<Long> osmIds = BanepaReference.osmIds();
        long replacedRef;
        long replacingFootprint;
        long keptRef;
        long keptFootprint;
        long demolished;
        Map<ChangeClass, Long> counts;
        try (ReviewSession s = withReference(osm)) {
            sessionFile = s.store().file();
            ReviewModel m = s.model();
            ReferenceFile again = s.readReference(osm);
            assertTrue(again.outside() > 0, "the OSM extract reaches beyond the image: " + again);
            assertEquals(again.read(), again.buildings().size() + again.outside() + again.notPolygons());
            counts = m.changeClassCounts();
            System.out.println("Banepa sample against OSM: " + counts + " of " + m.size() + " footprints and "
                    + m.references().size() + " reference buildings");
            assertEquals(144, counts.get(ChangeClass.NEW) + counts.get(ChangeClass.UNCHANGED)
                    + counts.get(ChangeClass.CHANGED));
            assertTrue(counts.get(ChangeClass.UNCHANGED) > 40, counts.toString());
            for (ReferenceBuilding r : m.references()) {
                assertTrue(osmIds.contains(r.osmId()), "an OSM way id: " + r.osmId());
                assertEquals("way", r.osmType());
                assertEquals(3, r.osmVersion());
                assertEquals(Long.toString(r.osmId()), r.sourceId());
                assertTrue(r.tags().contains("\"building\""), r.tags());
                assertFalse(ReferenceNodes.parse(r.osmNodes()).isEmpty());
            }
            List<Footprint> unchanged = new ArrayList<>();
            for (Footprint f : m.footprints()) {
                if (m.changeClass(f.id()) == ChangeClass.UNCHANGED) {
                    unchanged.add(f);
                }
            }
            UndoStack stack = new UndoStack(m);
            replacingFootprint = unchanged.get(0).id();
            replacedRef = m.partnerReference(replacingFootprint);
            stack.execute(ReplaceReference.of(m, replacingFootprint));
            keptFootprint = unchanged.get(1).id();
            keptRef = m.partnerReference(keptFootprint);
            stack.execute(KeepReference.of(m, keptFootprint));
            demolished = m.references().stream().filter(r -> m.referenceClass(r.id()) == ChangeClass.NOT_FOUND)
                    .findFirst().orElseThrow().id();
            stack.execute(new MarkDemolished(List.of(demolished)));
            stack.execute(new MarkDemolished(List.of(replacedRef))); // and undone: not what is stored
            stack.undo();
        }
        try (ReviewSession s = ReviewSession.open(sessionFile)) {
            ReviewModel m = s.model();
            assertEquals("banepa.osm", m.referenceSource());
            assertEquals(ReferenceState.REPLACED, m.reference(replacedRef).state());
            assertEquals(replacingFootprint, m.reference(replacedRef).replacedBy());
            assertEquals(ReviewStatus.ACCEPTED, m.footprint(replacingFootprint).status());
            assertEquals(ReferenceState.KEPT, m.reference(keptRef).state());
            assertNull(m.reference(keptRef).replacedBy());
            assertEquals(ReviewStatus.REJECTED, m.footprint(keptFootprint).status());
            assertEquals(ReferenceState.DEMOLISHED, m.reference(demolished).state());
            assertEquals(counts, m.changeClassCounts());
            long pending = m.references().stream().filter(r -> r.state() == ReferenceState.PENDING).count();
            assertEquals(m.references().size() - 3, pending);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sessionFile);
             ResultSet rs = c.createStatement().executeQuery("SELECT state, count(*) FROM "
                     + ReferenceTable.TABLE + " GROUP BY state ORDER BY state")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getInt(2));
            }
            assertEquals(4, rows.size(), rows.toString());
            assertTrue(rows.containsAll(List.of("demolished 1", "kept 1", "replaced 1")), rows.toString());
        }
        String info = BanepaReference.ogrinfo("-ro", "-so", sessionFile.toString(), ReferenceTable.TABLE);
        assertTrue(info.contains("Geometry: Multi Polygon"), info);
        assertTrue(info.contains("osm_id: Integer"), info);
        assertTrue(info.contains("state: String"), info);
        assertFalse(info.contains("Warning"), info);
    }

    @Test
    void sessionsWithoutAReferenceOpenAsBefore() throws Exception {
        Path image = BanepaReference.copySample(dir);
        Path sessionFile;
        try (ReviewSession s = ReviewSession.openOrCreate(image, BanepaReference.footprints(dir), null)) {
            sessionFile = s.store().file();
            assertFalse(s.model().hasReference());
            assertNull(s.model().changeClass(s.model().footprints().iterator().next().id()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sessionFile)) {
            assertFalse(ReferenceTable.exists(c));
        }
        try (ReviewSession s = ReviewSession.openReadOnly(sessionFile)) {
            assertFalse(s.model().hasReference());
            assertEquals(List.of(), s.store().loadReferences().buildings());
        }
        Path csv = Files.writeString(dir.resolve("map.csv"), "x");
        try (ReviewSession s = ReviewSession.open(sessionFile)) {
            IOException bad = assertThrows(IOException.class, () -> s.readReference(csv));
            assertTrue(bad.getMessage().startsWith(csv + ": unknown format: use .geojson"), bad.getMessage());
            Path broken = Files.writeString(dir.resolve("map.osm"), "<osm><way id='1'>");
            bad = assertThrows(IOException.class, () -> s.readReference(broken));
            assertTrue(bad.getMessage().startsWith(broken.toString()), bad.getMessage());
            assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
        }
    }

    @Test
    void offsetOfAShiftedMapIsEstimatedAndApplied() throws Exception {
        // the map as it is has an offset of its own against this imagery: the known shift is measured from it
        OffsetEstimate own;
        try (ReviewSession s = withReference(BanepaReference.writeOsm(dir.resolve("banepa.osm"), 0, 0, 0),
                dir.resolve("own.roofline.gpkg"))) {
            own = OffsetEstimate.of(s.model(), s.store().crs());
            System.out.println("Banepa sample against OSM as it is: " + own.summary());
        }
        Path osm = BanepaReference.writeOsm(dir.resolve("shifted.osm"), 0, 1.2, -0.8);
        try (ReviewSession s = withReference(osm)) {
            ReviewModel m = s.model();
            long unchangedBefore = m.changeClassCounts().get(ChangeClass.UNCHANGED);
            OffsetEstimate e = OffsetEstimate.of(m, s.store().crs());
            // the reference is shifted by (1.2, -0.8) more: moving it back takes (-1.2, +0.8) more
            double errX = e.offset().dx() - own.offset().dx() + 1.2;
            double errY = e.offset().dy() - own.offset().dy() - 0.8;
            System.out.printf(java.util.Locale.ROOT, "Banepa sample, map shifted 1.2 m east, 0.8 m south: %s; "
                    + "error of the shift against the map's own offset: %.3f m%n", e.summary(), Math.hypot(errX, errY));
            assertEquals(0, errX, 0.3, e.summary());
            assertEquals(0, errY, 0.3, e.summary());
            assertTrue(e.offset().significant(), e.summary());
            UndoStack stack = new UndoStack(m);
            stack.execute(e.toReference());
            long unchangedAfter = m.changeClassCounts().get(ChangeClass.UNCHANGED);
            assertTrue(unchangedAfter >= unchangedBefore, unchangedBefore + " -> " + unchangedAfter);
            OffsetEstimate residual = OffsetEstimate.of(m, s.store().crs());
            assertTrue(residual.offset().length() < 0.3, residual.summary());
            stack.undo();
            assertEquals(unchangedBefore, m.changeClassCounts().get(ChangeClass.UNCHANGED));
        }
    }
}
