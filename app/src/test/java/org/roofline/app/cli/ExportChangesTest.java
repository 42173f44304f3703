package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.review.MarkDemolished;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReplaceReference;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.app.session.BanepaReference;
import org.roofline.app.session.ReferenceNodes;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.osm.OsmNode;

/**
 * {@code roofline export SESSION --changes OUT --osm-change OUT.osm} on a review of the bundled Banepa sample against
 * its OpenStreetMap buildings (every 7th left out of the map, so footprints over them are new): new buildings
 * accepted, one map building replaced by its footprint, one marked demolished; the files read back by GDAL.
 */
class ExportChangesTest {

    @TempDir
    Path dir;

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void changesOfAReviewAgainstOsmInTheThreeFormatsAndAsAnOsmChangeFile() throws Exception {
        Path image = BanepaReference.copySample(dir);
        Path osm = BanepaReference.writeOsm(dir.resolve("banepa.osm"), 7, 0, 0);
        Path sessionFile;
        int accepted = 0;
        long replaced;
        long replacing;
        long demolishedOsmId;
        List<OsmNode> replacedNodes;
        StringWriter notes = new StringWriter();
        try (ReviewSession s = OpenCommand.review(image, BanepaReference.footprints(dir), null, false,
                new PrintWriter(notes))) {
            OpenCommand.addReference(s, osm, new PrintWriter(notes));
            sessionFile = s.store().file();
            ReviewModel m = s.model();
            UndoStack stack = new UndoStack(m);
            List<Long> fresh = new ArrayList<>();
            Footprint unchanged = null;
            for (Footprint f : m.footprints()) {
                if (m.changeClass(f.id()) == ChangeClass.NEW) {
                    fresh.add(f.id());
                } else if (unchanged == null && m.changeClass(f.id()) == ChangeClass.UNCHANGED) {
                    unchanged = f;
                }
            }
            assertTrue(fresh.size() >= 10, "new footprints: " + fresh.size());
            List<Long> acceptedIds = fresh.subList(0, fresh.size() - 2); // two new ones stay pending
            stack.execute(new SetStatus(acceptedIds, ReviewStatus.ACCEPTED));
            accepted = acceptedIds.size();
            replacing = unchanged.id();
            replaced = m.partnerReference(replacing);
            replacedNodes = ReferenceNodes.parse(m.reference(replaced).osmNodes());
            stack.execute(ReplaceReference.of(m, replacing));
            ReferenceBuilding gone = m.references().stream()
                    .filter(r -> m.referenceClass(r.id()) == ChangeClass.NOT_FOUND).findFirst().orElseThrow();
            demolishedOsmId = gone.osmId();
            stack.execute(new MarkDemolished(List.of(gone.id())));
            // a second --reference is a note, not a second layer
            OpenCommand.addReference(s, osm, new PrintWriter(notes));
            assertTrue(notes.toString().contains("has a reference layer already (banepa.osm"), notes.toString());
        }
        long replacedOsmId;
        try (ReviewSession s = ReviewSession.openReadOnly(sessionFile)) {
            replacedOsmId = s.model().reference(replaced).osmId();
        }

        for (String ext : new String[] {"gpkg", "geojson", "shp"}) {
            Path out = dir.resolve("changes." + ext);
            ConvertCommandTest.Run r = ConvertCommandTest.run("export", sessionFile.toString(), "--changes",
                    out.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals("Wrote " + (accepted + 2) + " changes (create " + accepted + ", modify 1, delete 1) to "
                    + out.getFileName() + " (read back: " + (accepted + 2) + ")", r.out().strip());
            String gdal = BanepaReference.ogrinfo("-ro", "-al", "-q", out.toString());
            assertEquals(accepted, count(gdal, "change \\(String\\) = create"), gdal);
            assertEquals(1, count(gdal, "change \\(String\\) = modify"), gdal);
            assertEquals(1, count(gdal, "change \\(String\\) = delete"), gdal);
            assertEquals(1, count(gdal, "osm_id \\(Integer(64)?\\) = " + replacedOsmId + "\\b"), gdal);
            assertEquals(1, count(gdal, "osm_id \\(Integer(64)?\\) = " + demolishedOsmId + "\\b"), gdal);
            assertEquals(1, count(gdal, "fp_id \\(Integer(64)?\\) = " + replacing + "\\b"), gdal);
        }

        Path change = dir.resolve("changes.osm");
        ConvertCommandTest.Run r = ConvertCommandTest.run("export", sessionFile.toString(), "--osm-change",
                change.toString(), "--source", "Banepa drone 2019");
        assertEquals(0, r.exit(), r.err());
        String xml = Files.readString(change);
        // new ways: negative ids, building=yes and the source
        assertEquals(accepted, count(xml, "<way id=\"-\\d+\""), xml);
        assertEquals(accepted, count(xml, "<tag k=\"source\" v=\"Banepa drone 2019\"/>"), xml);
        // the modified way keeps its id and version, its nodes moved (modify) with their ids and versions
        Matcher way = Pattern.compile("<way id=\"" + replacedOsmId + "\" action=\"modify\" version=\"3\"")
                .matcher(xml);
        assertTrue(way.find(), xml);
        assertTrue(xml.contains("<node id=\"" + replacedNodes.get(0).id() + "\" action=\"modify\" version=\"2\""),
                xml);
        assertTrue(xml.contains("<way id=\"" + demolishedOsmId + "\" action=\"delete\" version=\"3\""), xml);
        // nothing else touched: only the changed ways and their nodes
        assertEquals(accepted + 2, count(xml, "<way "), xml);
        String gdal = BanepaReference.ogrinfo("--config", "OSM_USE_CUSTOM_INDEXING", "NO", "-ro", "-q",
                change.toString(), "multipolygons");
        System.out.println("export --osm-change: " + r.out().strip() + "; GDAL reads "
                + count(gdal, "OGRFeature\\(multipolygons\\)") + " buildings");
        assertTrue(count(gdal, "OGRFeature\\(multipolygons\\)") >= accepted + 1, gdal);
        assertTrue(gdal.contains("osm_way_id (String) = " + replacedOsmId), gdal);
    }

    @Test
    void badChangeRequestsAreOneLine() throws Exception {
        Path image = BanepaReference.copySample(dir);
        Path sessionFile;
        try (ReviewSession s = ReviewSession.openOrCreate(image, BanepaReference.footprints(dir), null)) {
            sessionFile = s.store().file();
        }
        ConvertCommandTest.Run r = ConvertCommandTest.run("export", sessionFile.toString(), "--changes",
                dir.resolve("c.gpkg").toString());
        assertEquals(1, r.exit());
        assertEquals("roofline: " + sessionFile + ": has no reference layer, so there are no changes to a map (open "
                + "the image with --reference FILE, or File > Add reference layer)", r.err().strip());
        r = ConvertCommandTest.run("export", sessionFile.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().strip().startsWith("roofline: export: name a file to write"), r.err());
        Path geojsonRef = dir.resolve("map.geojson");
        Files.copy(BanepaReference.OSM, geojsonRef);
        try (ReviewSession s = ReviewSession.open(sessionFile)) {
            OpenCommand.addReference(s, geojsonRef, new PrintWriter(new StringWriter()));
        }
        r = ConvertCommandTest.run("export", sessionFile.toString(), "--osm-change", dir.resolve("c.osm").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("was not read from OSM XML"), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
        assertFalse(Files.exists(dir.resolve("c.osm")));
        Path bad = Files.writeString(dir.resolve("bad.osm"), "not xml");
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class, () -> {
            try (ReviewSession s = ReviewSession.openOrCreate(image, null, dir.resolve("other.roofline.gpkg"))) {
                OpenCommand.addReference(s, bad, new PrintWriter(new StringWriter()));
            }
        });
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }
}
