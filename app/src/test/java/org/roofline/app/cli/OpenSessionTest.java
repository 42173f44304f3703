package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * What {@code roofline open --session} does before the window opens, without a display: a session created from
 * extracted footprints records each decision, and reopening it brings every decision back.
 */
class OpenSessionTest {

    @TempDir
    Path tmp;

    @Test
    void decisionsSurviveClosingAndReopeningTheSession() throws Exception {
        Path image = ExtractCommandTest.kampalaChip();
        Path found = tmp.resolve("found.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("polygonize",
                ExtractCommandTest.root().resolve("resources/samples/fair-kampala/binarymasks/OAM-309612-261632-19.mask.tif")
                        .toString(), "-o", found.toString());
        assertEquals(0, r.exit(), r.err());
        Path session = tmp.resolve("review.gpkg");

        long accepted;
        long rejected;
        try (OpenCommand.Review review = OpenCommand.review(image, found, session)) {
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
        try (OpenCommand.Review again = OpenCommand.review(image, null, session)) {
            assertEquals(ReviewStatus.ACCEPTED, again.model().footprint(accepted).status());
            assertEquals(ReviewStatus.REJECTED, again.model().footprint(rejected).status());
            assertEquals(2, again.model().count(ReviewStatus.ACCEPTED) + again.model().count(ReviewStatus.REJECTED),
                    "the undone third decision is not there");
        }
    }
}
