package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.Objects;
import org.roofline.app.review.ReviewModel;
import org.roofline.geometry.crs.Crs;

/**
 * A review ready for the editor: the image, the model (whose persistence is the session), the image's CRS (null
 * when it has none), the session file (null for a review that is not saved) and whether the session was opened
 * read-only (no decision can be made). Closing it closes the session.
 */
public record OpenedReview(Path image, ReviewModel model, Crs crs, Path sessionFile, AutoCloseable resources,
                           boolean readOnly) implements AutoCloseable {

    public OpenedReview {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(model, "model");
    }

    /** A review whose decisions can be made. */
    public OpenedReview(Path image, ReviewModel model, Crs crs, Path sessionFile, AutoCloseable resources) {
        this(image, model, crs, sessionFile, resources, false);
    }

    @Override
    public void close() throws Exception {
        if (resources != null) {
            resources.close();
        }
    }

    /** Opens a review from an image or a session file; runs off the FX thread. */
    @FunctionalInterface
    public interface Opener {
        OpenedReview open(Path imageOrSession) throws Exception;

        /** Opens a session (or an image's session) read-only, when another editor holds it; none by default. */
        default OpenedReview openReadOnly(Path imageOrSession) throws Exception {
            throw new UnsupportedOperationException("this editor cannot open sessions read-only");
        }
    }
}
