package org.roofline.app.editor;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.stage.Stage;
import org.roofline.app.editor.actions.KeyMap;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.footprint.Footprint;

/**
 * The review editor: one image and its footprints. Start it with {@link #launch(Path, List)} or
 * {@link #launch(Path, ReviewModel)} (which block until the window is closed); JavaFX stays on the classpath, so this
 * class is not the jar's main class.
 */
public final class RooflineEditor extends Application {

    /** Default review tile size in map units, for {@link #launch(Path, List)}. */
    public static final double DEFAULT_TILE_SIZE = 100;

    private static volatile Path launchImage;
    private static volatile ReviewModel launchModel;

    /** Opens the editor on an image with footprints (map coordinates), no persistence; blocks until it closes. */
    public static void launch(Path image, List<Footprint> footprints) {
        launch(image, ReviewModel.of(footprints, DEFAULT_TILE_SIZE, ReviewPersistence.NONE, Clock.systemUTC()));
    }

    /** Opens the editor on an image and a review model; blocks until it closes. Only once per JVM (JavaFX). */
    public static void launch(Path image, ReviewModel model) {
        launchImage = Objects.requireNonNull(image, "image");
        launchModel = Objects.requireNonNull(model, "model");
        Application.launch(RooflineEditor.class);
    }

    /** The editor's root node for an image and a model (for tests and embedding); FX thread. */
    static EditorPane createRoot(Path image, ReviewModel model) {
        return new EditorPane(image, model, KeyMap.defaultFile());
    }

    @Override
    public void start(Stage stage) {
        EditorPane root = createRoot(launchImage, launchModel);
        stage.setTitle("Roofline - " + launchImage.getFileName());
        stage.setScene(EditorPane.scene(root));
        stage.show();
        root.map().requestFocus();
    }
}
