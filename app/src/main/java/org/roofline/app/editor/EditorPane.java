package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.roofline.app.editor.actions.EditorAction;
import org.roofline.app.editor.actions.KeyMap;
import org.roofline.app.editor.actions.KeyboardReference;
import org.roofline.app.editor.extract.ExtractionPanel;
import org.roofline.app.editor.extract.ExtractionService;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.tools.EditingTools;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.Selection;
import org.roofline.app.review.UndoStack;

/**
 * The editor's root, wiring its parts: the menus ({@link EditorMenus}), the map, the status line
 * ({@link StatusLine}), and the actions ({@link EditorActions}: file, review, edit and view) with their remappable
 * keys. Keys are caught by a filter on the scene, so they work whatever has the focus, before focus traversal takes
 * Tab. Large changes are saved in the background ({@link #BACKGROUND_SAVE_THRESHOLD}), for the tools' commands too.
 */
final class EditorPane extends BorderPane {

    /** One daemon thread for image reading, shared by every editor. */
    static final ExecutorService IO = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roofline-editor-io");
        t.setDaemon(true);
        return t;
    });

    /** One daemon thread saving large changes (bulk decisions) so that the UI thread never waits on the disk. */
    private static final ExecutorService SAVER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roofline-editor-save");
        t.setDaemon(true);
        return t;
    });

    /** Key-file problems already printed on stderr in this run. */
    private static final Set<String> REPORTED_KEY_PROBLEMS = ConcurrentHashMap.newKeySet();

    /** Changes of more footprints than this are saved in the background (one small change takes ~0.4 ms). */
    static final int BACKGROUND_SAVE_THRESHOLD = 500;

    private final OpenedReview review;
    private final ReviewModel model;
    private final UndoStack undo;
    private final Selection selection = new Selection();
    private final MapView map;
    private final StatusLine status;
    private final EditingTools tools;
    private final ExtractionService extraction;
    private final FileActions fileActions;
    private final EditorActions actions;
    private final ReferenceActions referenceActions;
    private final KeyMap keys;
    private final EditorMenus menus;
    private final EventHandler<KeyEvent> keyFilter = this::keyPressed;
    private final ModelImprovement improvement;

    /** An editor on an image and a model, with nowhere else to go (tests, embedding). */
    EditorPane(Path image, ReviewModel model, Path keyFile) {
        this(new OpenedReview(image, model, null, null, null), keyFile, EditorHost.NONE);
    }

    /**
     * @param review  what to show
     * @param keyFile the user's key remappings (see {@link RooflineEditor#keyFile()}), or null for the defaults only
     * @param host    the window (open another review, recent files, quit)
     */
    EditorPane(OpenedReview review, Path keyFile, EditorHost host) {
        this.review = Objects.requireNonNull(review, "review");
        Objects.requireNonNull(host, "host");
        this.model = review.model();
        this.map = new MapView(model, selection);
        this.status = new StatusLine(model, map.cursorTextProperty());
        this.undo = new UndoStack(model);
        undo.setBackground(new UndoStack.Background(BACKGROUND_SAVE_THRESHOLD, SAVER, Platform::runLater,
                e -> showMessage("Not saved, nothing changed: " + StatusLine.describe(e))));
        undo.addExecutedListener(c -> status.recordDecisions(c.decisions())); // re-decisions too; undo/redo none
        this.tools = new EditingTools(map, undo, this::showMessage);
        this.extraction = new ExtractionService(model);
        this.fileActions = new FileActions(review, host, extraction, status, this::window);
        ReviewActions reviewActions = new ReviewActions(model, undo, map, status, this::window);
        this.improvement = new ModelImprovement(review, reviewActions::execute, status);
        reviewActions.setImprovement(improvement);
        this.actions = new EditorActions(fileActions, reviewActions, host, model, undo, map, tools, status,
                this::window, this::showKeyboardReference);
        this.referenceActions = new ReferenceActions(review, reviewActions, map, status, this::window, IO);
        actions.addAll(referenceActions.actions());
        this.keys = new KeyMap(actions.all(), keyFile);
        map.useKeys(keys);
        this.menus = new EditorMenus(keys, actions::run, host, IO, selection);
        setTop(menus.bar());
        setCenter(map);
        ExtractionPanel panel = new ExtractionPanel(extraction);
        panel.visibleProperty().bind(extraction.stateProperty().isNotEqualTo(Worker.State.READY));
        panel.managedProperty().bind(panel.visibleProperty());
        setBottom(new VBox(panel, improvement.panel(), status.bar()));
        model.addListener(e -> {
            if (e.kind() == ReviewEvent.Kind.FOOTPRINTS) {
                selection.removeAll(e.removedIds());
            }
        });
        if (model.size() == 0) {
            status.setEmptyHint("No footprints yet: File > Extract buildings ("
                    + KeyboardReference.display(keys.keyOf("file.extract")) + ") finds them with the bundled model.");
        }
        if (!keys.problems().isEmpty()) {
            // said once at start-up, where the user sees it (the F1 dialog lists them again)
            keys.problems().stream().filter(REPORTED_KEY_PROBLEMS::add)
                    .forEach(p -> System.err.println("roofline: " + p)); // once a run, not at each review opened
            showMessage(keys.problems().get(0) + (keys.problems().size() > 1
                    ? " (and " + (keys.problems().size() - 1) + " more: F1 lists them)" : ""));
        }
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, keyFilter);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, keyFilter);
            }
        });
        map.loadErrorProperty().addListener((obs, o, err) -> {
            if (err != null) {
                showMessage("Cannot read " + review.image().getFileName() + ": " + err.getMessage());
            }
        });
        map.loadOverview(review.image(), IO);
    }

    private void keyPressed(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return; // typing in a field is not a command
        }
        Optional<EditorAction> a = keys.match(e);
        if (a.isPresent()) {
            e.consume();
            actions.run(a.get());
        }
    }

    private void showKeyboardReference() {
        new KeyboardReference(window(), keys).showAndWait();
        menus.rebuild();
    }

    void showMessage(String text) {
        status.say(text);
    }

    /** Stops background work for this review (the window shows another one, or closes). */
    void dispose() {
        fileActions.cancelExtraction();
        referenceActions.dispose();
        improvement.cancel();
        map.dispose();
    }

    // ---------------------------------------------------------------- accessors (tests, embedding)

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    Path image() {
        return review.image();
    }

    OpenedReview review() {
        return review;
    }

    MapView map() {
        return map;
    }

    ReviewModel model() {
        return model;
    }

    UndoStack undoStack() {
        return undo;
    }

    StatusBar statusBar() {
        return status.bar();
    }

    Selection selection() {
        return selection;
    }

    ExtractionService extraction() {
        return extraction;
    }

    EditingTools tools() {
        return tools;
    }

    KeyMap keyMap() {
        return keys;
    }

    ReferenceActions referenceActions() {
        return referenceActions;
    }

    ModelImprovement modelImprovement() {
        return improvement;
    }

    /** The keyboard reference as a Markdown table with the action ids (the README's is checked against it). */
    String keyTable() {
        StringBuilder b = new StringBuilder("| | action | key | id (keys.properties) |\n|---|---|---|---|\n");
        for (EditorAction a : keys.actions()) {
            KeyCombination k = keys.keyOf(a.id());
            b.append("| ").append(a.category().title()).append(" | ").append(a.label()).append(" | ")
                    .append(k == null ? "" : "`" + k.getDisplayText() + "`").append(" | `").append(a.id())
                    .append("` |\n");
        }
        return b.toString();
    }

    MenuBar menuBar() {
        return menus.bar();
    }

    static Scene scene(EditorPane pane) {
        return new Scene(pane, 1100, 800);
    }
}
