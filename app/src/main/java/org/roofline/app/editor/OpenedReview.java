package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.Objects;
import org.roofline.app.review.ReviewModel;
import org.roofline.geometry.crs.Crs;

/**
 * A review ready for the editor: the image, the model (whose persistence is the session), the image's CRS (null
 * when it has none) and the session file (null for a review that is not saved). Closing it closes the session.
 */
public record OpenedReview(Path image, ReviewModel model, Crs crs, Path sessionFile, AutoCloseable resources)
        implements AutoCloseable {

    public OpenedReview {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(model, "model");
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
    }
}
