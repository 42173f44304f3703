package org.roofline.app.editor;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.stage.Stage;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.footprint.Footprint;

/**
 * The review editor window: one review at a time (an image and its footprints, saved to a session as decisions are
 * made). Start it with {@link #launch(OpenedReview, OpenedReview.Opener, Supplier)}, which blocks until the window
 * is closed; JavaFX stays on the classpath, so this class is not the jar's main class. File &gt; Open and
 * File &gt; Recent open other reviews in the same window, off the FX thread.
 */
public final class RooflineEditor extends Application implements EditorHost {

    /** Default review tile size in map units, for {@link #launch(Path, List)}. */
    public static final double DEFAULT_TILE_SIZE = 100;

    private static volatile OpenedReview launchReview;
    private static volatile OpenedReview.Opener launchOpener;
    private static volatile Supplier<List<Path>> launchRecent;

    private Stage stage;
    private OpenedReview current;
    private EditorPane pane;

    /** Opens the editor on an image with footprints (map coordinates), no persistence; blocks until it closes. */
    public static void launch(Path image, List<Footprint> footprints) {
        launch(image, ReviewModel.of(footprints, DEFAULT_TILE_SIZE, ReviewPersistence.NONE, Clock.systemUTC()));
    }

    /**
     * Opens the editor on an image and a model whose persistence the caller closes after this returns; File &gt; Open
     * is not available. Blocks until the window closes.
     */
    public static void launch(Path image, ReviewModel model) {
        launch(new OpenedReview(image, model, null, null, null), p -> {
            throw new UnsupportedOperationException("opening other files needs the command line's opener");
        }, List::of);
    }

    /**
     * Opens the editor on a review; blocks until the window closes, then closes the review shown last. Only once per
     * JVM (JavaFX).
     *
     * @param review the review to show first
     * @param opener opens another image or session (File &gt; Open, Recent), called off the FX thread
     * @param recent recently opened files, most recent first
     */
    public static void launch(OpenedReview review, OpenedReview.Opener opener, Supplier<List<Path>> recent) {
        prepare(review, opener, recent);
        Application.launch(RooflineEditor.class);
    }

    /** Sets what {@link #start} shows (tests start the application on their own stage). */
    static void prepare(OpenedReview review, OpenedReview.Opener opener, Supplier<List<Path>> recent) {
        launchReview = Objects.requireNonNull(review, "review");
        launchOpener = Objects.requireNonNull(opener, "opener");
        launchRecent = Objects.requireNonNull(recent, "recent");
    }

    /** The pane showing the current review (FX thread). */
    EditorPane pane() {
        return pane;
    }

    /** The editor's root node for an image and a model (for tests and embedding); FX thread. */
    static EditorPane createRoot(Path image, ReviewModel model) {
        return new EditorPane(image, model, keyFile());
    }

    /** The user's key remappings: {@code keys.properties} in the configuration directory (see {@link RecentFiles}). */
    static Path keyFile() {
        return RecentFiles.configDirectory().resolve("keys.properties");
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        show(launchReview);
        stage.show();
    }

    private void show(OpenedReview review) {
        current = review;
        pane = new EditorPane(review, keyFile(), this);
        stage.setTitle("Roofline - " + (review.sessionFile() != null
                ? review.sessionFile().getFileName() + " (" + review.image().getFileName() + ")"
                : review.image().getFileName().toString()) + (review.readOnly() ? " - read-only" : ""));
        if (stage.getScene() == null) {
            stage.setScene(EditorPane.scene(pane));
        } else {
            stage.getScene().setRoot(pane);
        }
        pane.map().requestFocus();
        if (review.readOnly()) {
            pane.showMessage(ReadOnlyOffer.NOTE);
        }
    }

    @Override
    public void open(Path imageOrSession) {
        open(imageOrSession, false);
    }

    /** Opens another review; one that another editor holds gets the {@link ReadOnlyOffer}. */
    private void open(Path imageOrSession, boolean readOnly) {
        OpenedReview.Opener opener = launchOpener;
        pane.showMessage("Opening " + imageOrSession.getFileName() + (readOnly ? " read-only" : "") + "\u2026");
        Task<OpenedReview> task = new Task<>() {
            @Override
            protected OpenedReview call() throws Exception {
                return readOnly ? opener.openReadOnly(imageOrSession) : opener.open(imageOrSession);
            }
        };
        task.setOnSucceeded(e -> {
            pane.dispose();
            closeQuietly(current);
            show(task.getValue());
        });
        task.setOnFailed(e -> {
            var held = ReadOnlyOffer.heldIn(task.getException());
            pane.showMessage("Cannot open " + imageOrSession + ": " + (held.isPresent() ? held.get().problem()
                    : StatusLine.describe(task.getException())));
            held.ifPresent(h -> ReadOnlyOffer.show(stage, h, () -> open(imageOrSession, true)));
        });
        EditorPane.IO.execute(task);
    }

    @Override
    public List<Path> recent() {
        try {
            return launchRecent.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public void quit() {
        Platform.exit();
    }

    @Override
    public void stop() {
        if (pane != null) {
            pane.dispose();
        }
        closeQuietly(current);
    }

    private void closeQuietly(OpenedReview review) {
        if (review == null) {
            return;
        }
        try {
            review.close();
        } catch (Exception e) {
            System.err.println("roofline: " + (review.sessionFile() != null ? review.sessionFile() + ": " : "")
                    + "cannot close the session: " + e.getMessage());
        }
    }
}
