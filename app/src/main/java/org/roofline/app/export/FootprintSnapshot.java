package org.roofline.app.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;

/**
 * The footprints to export, frozen: an immutable copy that a background thread may read while the review goes on.
 *
 * @param footprints the footprints (immutable values), in the review's order
 * @param crs        the CRS of their coordinates, or null for pixel coordinates
 * @param source     where they came from, for messages (the session file, or a description of the live review)
 */
public record FootprintSnapshot(List<Footprint> footprints, Crs crs, String source) {

    public FootprintSnapshot {
        footprints = List.copyOf(footprints);
        Objects.requireNonNull(source, "source");
    }

    /**
     * Copies a live review. Call it on the thread that owns the model (the JavaFX thread): the copy is cheap (the
     * footprints are immutable records; only the list is copied).
     *
     * @param crs the CRS of the model's map coordinates (the image's), or null for pixel coordinates
     */
    public static FootprintSnapshot of(ReviewModel model, Crs crs) {
        Objects.requireNonNull(model, "model");
        return new FootprintSnapshot(List.copyOf(model.footprints()), crs, "the review");
    }

    /**
     * Reads a review session file, opened {@link SessionStore#openReadOnly read-only}: the file is not changed, not
     * even its header; a session that cannot be written (mode 444, a read-only folder or medium) or that an editor has
     * open reads as well.
     *
     * @throws ExportException naming the file when it is missing, not a GeoPackage or not a Roofline session
     */
    public static FootprintSnapshot fromSession(Path session) throws ExportException {
        Objects.requireNonNull(session, "session");
        try (SessionStore store = SessionStore.openReadOnly(session)) {
            return new FootprintSnapshot(store.load().footprints(), store.crs(), session.toString());
        } catch (IOException e) {
            throw new ExportException(session.toString(), Messages.withoutSubject(e.getMessage(), session), e);
        } catch (RuntimeException e) {
            throw new ExportException(session.toString(), "not a readable Roofline review session ("
                    + Messages.oneLine(e) + ")", e);
        }
    }
}
