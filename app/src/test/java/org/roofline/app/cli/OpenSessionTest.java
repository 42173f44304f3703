package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.RecentFiles;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.app.session.OriginalOutlines;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * What {@code roofline open} does before the window opens, without a display: an image's session created beside it
 * (or where --session says) and reopened with every decision, a session file opened on its own (its image found where
 * it was, or beside it when both moved, or a clear message when it is gone), the outlines before regularization read
 * from {@code extract --keep-originals} output and kept in the session.
 */
class OpenSessionTest {

    @TempDir
    Path tmp;

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @BeforeEach
    void isolateRecentFiles() {
        System.setProperty(RecentFiles.CONFIG_DIR_PROPERTY, tmp.resolve("config").toString());
    }

    private Path polygonizedKampala() {
        Path found = tmp.resolve("found.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("polygonize",
                ExtractCommandTest.root().resolve("resources/samples/fair-kampala/binarymasks/OAM-309612-261632-19.mask.tif")
                        .toString(), "-o", found.toString());
        assertEquals(0, r.exit(), r.err());
        return found;
    }

    private Path imageCopy(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path image = ExtractCommandTest.kampalaChip();
        return Files.copy(image, folder.resolve(image.getFileName()));
    }

    @Test
    void decisionsSurviveClosingAndReopeningTheSession() throws Exception {
        Path image = ExtractCommandTest.kampalaChip();
        Path found = polygonizedKampala();
        Path session = tmp.resolve("review.gpkg");

        long accepted;
        long rejected;
        try (ReviewSession review = OpenCommand.review(image, found, session, false, err)) {
            assertTrue(Files.exists(session));
            List<Footprint> all = List.copyOf(review.model().footprints());
            assertTrue(all.size() > 5);
            UndoStack undo = new UndoStack(review.model(), 100);
            accepted = all.get(0).id();
            rejected = all.get(1).id();
            undo.execute(SetStatus.accept(accepted));
            undo.execute(SetStatus.reject(rejected));
            undo.execute(SetStatus.accept(all.get(2).id()));
            undo.undo();
            review.model().goToTile(review.model().tileOf(accepted));
        }
        try (ReviewSession again = OpenCommand.review(image, null, session, false, err)) {
            assertEquals(ReviewStatus.ACCEPTED, again.model().footprint(accepted).status());
            assertEquals(ReviewStatus.REJECTED, again.model().footprint(rejected).status());
            assertEquals(2, again.model().count(ReviewStatus.ACCEPTED) + again.model().count(ReviewStatus.REJECTED),
                    "the undone third decision is not there");
        }
        // the session file alone reopens the same review, on the image it recorded
        try (ReviewSession bySession = OpenCommand.review(session, null, null, false, err)) {
            assertEquals(image.toAbsolutePath(), bySession.image().toAbsolutePath());
            assertEquals(ReviewStatus.ACCEPTED, bySession.model().footprint(accepted).status());
        }
    }

    @Test
    void anImageWithoutSessionGetsOneBesideIt() throws Exception {
        Path image = imageCopy(tmp.resolve("imagery"));
        Path found = polygonizedKampala();
        Path expected = tmp.resolve("imagery").resolve(
                image.getFileName().toString().replaceFirst("\\.tif$", "") + ReviewSession.SUFFIX);
        long id;
        int count;
        try (ReviewSession review = OpenCommand.review(image, found, null, false, err)) {
            assertEquals(expected.toAbsolutePath(), review.store().file().toAbsolutePath());
            count = review.model().size();
            id = review.model().footprints().iterator().next().id();
            new UndoStack(review.model(), 10).execute(SetStatus.reject(id));
        }
        assertTrue(Files.isRegularFile(expected));
        // opened again with --footprints: the session wins, with its decision, and a note says so
        try (ReviewSession again = OpenCommand.review(image, found, null, false, err)) {
            assertEquals(count, again.model().size());
            assertEquals(ReviewStatus.REJECTED, again.model().footprint(id).status());
        }
        assertTrue(errText.toString().contains("reopening this session"), errText.toString());
        assertEquals(1, errText.toString().lines().count(), "one line: " + errText);
    }

    @Test
    void aMovedSessionFindsItsImageBesideIt() throws Exception {
        Path image = imageCopy(tmp.resolve("a"));
        Path found = polygonizedKampala();
        Path session;
        long id;
        try (ReviewSession review = OpenCommand.review(image, found, null, false, err)) {
            session = review.store().file();
            id = review.model().footprints().iterator().next().id();
            new UndoStack(review.model(), 10).execute(SetStatus.accept(id));
        }
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path movedImage = Files.move(image, b.resolve(image.getFileName()));
        Path movedSession = Files.move(session, b.resolve(session.getFileName()));
        try (ReviewSession review = OpenCommand.review(movedSession, null, null, false, err)) {
            assertEquals(movedImage.toAbsolutePath(), review.image().toAbsolutePath());
            assertEquals(ReviewStatus.ACCEPTED, review.model().footprint(id).status());
        }
        Files.delete(movedImage);
        IOException gone = assertThrows(IOException.class, () -> OpenCommand.review(movedSession, null, null, false, err));
        String line = Main.describe(gone);
        assertTrue(line.startsWith(movedSession + ": its image " + image.toAbsolutePath() + " is gone"), line);
        assertFalse(line.contains("\n"), line);
    }

    @Test
    void wrongFilesGiveOneClearLine() throws Exception {
        Path found = polygonizedKampala();
        CliException notSession = assertThrows(CliException.class, () -> OpenCommand.review(found, null, null, false, err));
        assertEquals(found.toString(), notSession.subject());
        assertTrue(notSession.problem().contains("not a Roofline review session"), notSession.problem());

        Path missing = tmp.resolve("nothing.tif");
        CliException none = assertThrows(CliException.class, () -> OpenCommand.review(missing, null, null, false, err));
        assertEquals(missing + ": no such file", none.getMessage());

        Path image = imageCopy(tmp.resolve("c"));
        Path garbage = Files.writeString(tmp.resolve("garbage.gpkg"), "not a database at all");
        IOException bad = assertThrows(IOException.class, () -> OpenCommand.review(image, null, garbage, false, err));
        assertTrue(Main.describe(bad).startsWith(garbage.toString() + ": not a GeoPackage"), Main.describe(bad));

        Path session = tmp.resolve("s.gpkg");
        OpenCommand.review(image, found, session, false, err).close();
        CliException both = assertThrows(CliException.class, () -> OpenCommand.review(session, found, null, false, err));
        assertTrue(both.problem().contains("without --footprints"), both.problem());
    }

    @Test
    void outlinesBeforeRegularizationComeFromTheFootprintsFileAndStayInTheSession() throws Exception {
        Path sample = ExtractCommandTest.root().resolve("resources/samples/banepa-2x2");
        Path image = Files.copy(sample.resolve("banepa-2x2.tif"), tmp.resolve("banepa-2x2.tif"));
        Path footprints = sample.resolve("banepa-2x2.footprints.gpkg");
        Map<Long, Polygon> inFile = OriginalOutlines.readFrom(footprints).outlines();
        assertTrue(inFile.size() > 20, "outlines in the sample: " + inFile.size());
        double changed;
        try (ReviewSession review = OpenCommand.review(image, footprints, null, false, err)) {
            ReviewModel m = review.model();
            assertEquals(inFile.keySet(), m.footprints().stream().map(Footprint::id)
                    .collect(java.util.stream.Collectors.toSet()));
            changed = m.footprints().stream().mapToDouble(m::regularizationChange).sum();
            assertTrue(changed > 0, "regularization changed the outlines");
        }
        try (ReviewSession again = OpenCommand.review(image, null, null, false, err)) {
            ReviewModel m = again.model();
            for (Map.Entry<Long, Polygon> e : inFile.entrySet()) {
                Polygon kept = m.original(e.getKey());
                assertNotNull(kept, "original of " + e.getKey());
                assertTrue(kept.equalsExact(e.getValue(), 1e-12), "original of " + e.getKey());
            }
            assertEquals(changed, m.footprints().stream().mapToDouble(m::regularizationChange).sum(), 1e-9);
        }
    }

    @Test
    void theSampleSessionIsCreatedOnceAndReopenedWithItsDecisions() throws Exception {
        System.setProperty(BundledSample.DATA_DIR_PROPERTY, tmp.resolve("data").toString());
        try {
            long id;
            int size;
            Path session;
            try (ReviewSession first = OpenCommand.sample()) {
                session = first.store().file();
                assertEquals(tmp.resolve("data/sample/banepa-2x2.roofline.gpkg").toAbsolutePath(),
                        session.toAbsolutePath());
                size = first.model().size();
                assertTrue(size > 20, "sample footprints: " + size);
                assertTrue(first.model().footprints().stream().allMatch(f -> first.model().original(f.id()) != null),
                        "every sample footprint has its outline before regularization");
                id = first.model().footprints().iterator().next().id();
                new UndoStack(first.model(), 10).execute(SetStatus.reject(id));
            }
            try (ReviewSession again = OpenCommand.sample()) {
                assertEquals(session, again.store().file());
                assertEquals(size, again.model().size());
                assertEquals(ReviewStatus.REJECTED, again.model().footprint(id).status());
                assertEquals(size - 1, again.model().count(ReviewStatus.PENDING));
            }
            assertEquals("", errText.toString(), "no note when the sample is reopened");
        } finally {
            System.clearProperty(BundledSample.DATA_DIR_PROPERTY);
        }
    }

    @Test
    void openingRecordsTheSessionAsRecent() throws Exception {
        Path image = imageCopy(tmp.resolve("d"));
        Path found = polygonizedKampala();
        try (ReviewSession review = OpenCommand.review(image, found, null, false, err)) {
            OpenCommand.remember(review.store().file(), err);
            assertEquals(List.of(review.store().file().toAbsolutePath().normalize()), RecentFiles.standard().list());
        }
    }
}
