package org.roofline.app.editor;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.roofline.app.editor.actions.EditorAction;
import org.roofline.app.editor.actions.EditorAction.Category;
import org.roofline.app.editor.actions.KeyMap;
import org.roofline.app.editor.actions.KeyboardReference;
import javafx.concurrent.Worker;
import javafx.scene.layout.VBox;
import org.roofline.app.editor.export.ExportDialog;
import org.roofline.app.editor.extract.ExtractionPanel;
import org.roofline.app.editor.extract.ExtractionService;
import org.roofline.app.editor.extract.ExtractionSettings;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.tools.EditingTools;
import org.roofline.app.review.BulkSetStatus;
import org.roofline.app.review.ReviewCommand;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewNavigation;
import org.roofline.app.review.ReviewSpeed;
import org.roofline.app.review.Selection;
import org.roofline.app.review.SetStatus;
import org.roofline.app.review.TileOrder;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The editor's root: menus, the map, the status bar, and the actions with their (remappable) keys. Keys are caught
 * by a filter on the scene, so they work whatever has the focus, before focus traversal takes Tab.
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
    private static final java.util.Set<String> REPORTED_KEY_PROBLEMS =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Changes of more footprints than this are saved in the background (one small change takes ~0.4 ms). */
    static final int BACKGROUND_SAVE_THRESHOLD = 500;

    private final UndoStack.Background background = new UndoStack.Background(BACKGROUND_SAVE_THRESHOLD, SAVER,
            javafx.application.Platform::runLater, e -> showMessage("Not saved, nothing changed: " + describe(e)));

    private final OpenedReview review;
    private final EditorHost host;
    private final Path image;
    private final ReviewModel model;
    private final UndoStack undo;
    private final Selection selection = new Selection();
    private final MapView map;
    private final StatusBar status = new WrappingStatusBar();
    private final ReviewSpeed speed = new ReviewSpeed(Clock.systemUTC());
    private final EditingTools tools;
    private final ExtractionService extraction;
    private final KeyMap keys;
    private final MenuBar menus = new MenuBar();
    private final EventHandler<KeyEvent> keyFilter = this::keyPressed;
    private String message = "";
    private String emptyHint = ""; // "No footprints yet...", dropped once footprints arrive
    private List<Path> recentFiles = List.of();
    private Menu recentMenu;

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
        this.host = Objects.requireNonNull(host, "host");
        this.image = review.image();
        this.model = review.model();
        this.undo = new UndoStack(model);
        undo.setBackground(background); // the tools' large commands too
        undo.addExecutedListener(c -> {
            speed.record(c.decisions()); // every decision, re-decisions too; undo and redo are none
        });
        this.map = new MapView(model, selection);
        this.tools = new EditingTools(map, undo, this::showMessage);
        this.extraction = new ExtractionService(model);
        this.keys = new KeyMap(actions(), keyFile);
        setTop(menus);
        setCenter(map);
        javafx.scene.control.Label cursor = new javafx.scene.control.Label();
        cursor.setId("cursor-position");
        cursor.textProperty().bind(map.cursorTextProperty());
        cursor.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the position is never cut off
        status.getRightItems().add(cursor);
        ExtractionPanel panel = new ExtractionPanel(extraction);
        panel.visibleProperty().bind(extraction.stateProperty().isNotEqualTo(Worker.State.READY));
        panel.managedProperty().bind(panel.visibleProperty());
        setBottom(new VBox(panel, status));
        buildMenus();
        loadRecent();
        model.addListener(this::modelChanged);
        selection.addListener(() -> menus.getMenus().stream().filter(m -> m.getText().equals(Category.EDIT.title()))
                .forEach(this::labelReSquare));
        updateStatus();
        if (model.size() == 0) {
            emptyHint = "No footprints yet: File > Extract buildings ("
                    + KeyboardReference.display(keys.keyOf("file.extract")) + ") finds them with the bundled model.";
            message = emptyHint;
        }
        if (!keys.problems().isEmpty()) {
            // said once at start-up, where the user sees it (the F1 dialog lists them again)
            keys.problems().stream().filter(REPORTED_KEY_PROBLEMS::add)
                    .forEach(p -> System.err.println("roofline: " + p)); // once a run, not at each review opened
            message = keys.problems().get(0) + (keys.problems().size() > 1
                    ? " (and " + (keys.problems().size() - 1) + " more: F1 lists them)" : "");
        }
        updateStatus();
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
                showMessage("Cannot read " + image.getFileName() + ": " + err.getMessage());
            }
        });
        map.loadOverview(image, IO);
    }

    // ---------------------------------------------------------------- actions

    private List<EditorAction> actions() {
        List<EditorAction> a = new ArrayList<>();
        a.add(new EditorAction("file.open", "Open image or session\u2026", Category.FILE,
                key(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openFile));
        a.add(new EditorAction("file.extract", "Extract buildings (bundled model)", Category.FILE,
                key(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> extract(null)));
        a.add(new EditorAction("file.extract-with", "Extract buildings with a model file\u2026", Category.FILE,
                null, this::extractWithModel));
        a.add(new EditorAction("file.cancel-extraction", "Cancel the extraction", Category.FILE,
                key(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), this::cancelExtraction));
        a.add(new EditorAction("file.export", "Export\u2026", Category.FILE,
                key(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::export));
        a.add(new EditorAction("file.quit", "Quit", Category.FILE,
                key(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), host::quit));
        a.add(new EditorAction("review.next-tile", "Next tile", Category.REVIEW, key(KeyCode.N), this::nextTile));
        a.add(new EditorAction("review.next-tile-alt", "Next tile (second key)", Category.REVIEW,
                key(KeyCode.SPACE), this::nextTile));
        a.add(new EditorAction("review.previous-tile", "Previous tile", Category.REVIEW, key(KeyCode.P),
                this::previousTile));
        a.add(new EditorAction("review.next-pending", "Next pending footprint (whole image, wrapping)",
                Category.REVIEW, key(KeyCode.N, KeyCombination.SHIFT_DOWN), this::nextPending));
        a.add(new EditorAction("review.next-footprint", "Next footprint in the tile", Category.REVIEW,
                key(KeyCode.TAB), () -> cycle(+1)));
        a.add(new EditorAction("review.previous-footprint", "Previous footprint in the tile", Category.REVIEW,
                key(KeyCode.TAB, KeyCombination.SHIFT_DOWN), () -> cycle(-1)));
        a.add(new EditorAction("review.accept", "Accept (selection or current footprint)", Category.REVIEW,
                key(KeyCode.A), () -> decide(ReviewStatus.ACCEPTED)));
        a.add(new EditorAction("review.reject", "Reject (selection or current footprint)", Category.REVIEW,
                key(KeyCode.D), () -> decide(ReviewStatus.REJECTED)));
        a.add(new EditorAction("review.accept-tile", "Accept every pending footprint of the tile", Category.REVIEW,
                key(KeyCode.A, KeyCombination.SHIFT_DOWN), () -> decideTile(ReviewStatus.ACCEPTED)));
        a.add(new EditorAction("review.reject-tile", "Reject every pending footprint of the tile", Category.REVIEW,
                key(KeyCode.D, KeyCombination.SHIFT_DOWN), () -> decideTile(ReviewStatus.REJECTED)));
        a.add(new EditorAction("review.accept-confidence", "Accept by confidence\u2026", Category.REVIEW,
                key(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::acceptByConfidence));
        a.add(new EditorAction("review.doubt-first", "Doubt-first order (on/off)", Category.REVIEW,
                key(KeyCode.O), this::toggleOrder));
        a.add(new EditorAction("edit.undo", "Undo", Category.EDIT,
                key(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), this::undo));
        a.add(new EditorAction("edit.redo", "Redo", Category.EDIT,
                key(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), this::redo));
        a.add(new EditorAction("edit.select", "Select tool / clear the selection", Category.EDIT,
                key(KeyCode.ESCAPE), this::escape));
        a.add(new EditorAction("edit.vertices", "Edit vertices (drag; click an edge to insert)", Category.EDIT,
                key(KeyCode.E), tools::editVertices));
        a.add(new EditorAction("edit.delete-vertex", "Delete the vertex under the cursor", Category.EDIT,
                key(KeyCode.DELETE), this::deleteVertex));
        a.add(new EditorAction("edit.draw", "Draw a missing building (rectangle)", Category.EDIT,
                key(KeyCode.B), tools::draw));
        a.add(new EditorAction("edit.move", "Move the selection", Category.EDIT, key(KeyCode.M), tools::move));
        a.add(new EditorAction("edit.move-all", "Move every footprint (imagery offset)", Category.EDIT,
                key(KeyCode.M, KeyCombination.SHIFT_DOWN), tools::moveAll));
        a.add(new EditorAction("edit.offset", "Offset every footprint by metres\u2026", Category.EDIT,
                key(KeyCode.M, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), tools::offset));
        a.add(new EditorAction("edit.regularize", "Re-square the selection (live preview)\u2026", Category.EDIT,
                key(KeyCode.Q), this::regularize));
        a.add(new EditorAction("edit.split", "Split a footprint along a cut line (click points, Enter)",
                Category.EDIT, key(KeyCode.X), tools::split));
        a.add(new EditorAction("edit.merge", "Merge the selected footprints into one", Category.EDIT,
                key(KeyCode.C), tools::merge));
        a.add(new EditorAction("view.zoom-in", "Zoom in", Category.VIEW, key(KeyCode.PLUS), map::zoomIn));
        a.add(new EditorAction("view.zoom-in-alt", "Zoom in (second key)", Category.VIEW,
                key(KeyCode.EQUALS, KeyCombination.SHIFT_ANY), map::zoomIn));
        a.add(new EditorAction("view.zoom-out", "Zoom out", Category.VIEW, key(KeyCode.MINUS), map::zoomOut));
        a.add(new EditorAction("view.pan-left", "Pan left (Shift: further)", Category.VIEW, key(KeyCode.LEFT),
                () -> panStep(-1, 0)));
        a.add(new EditorAction("view.pan-right", "Pan right", Category.VIEW, key(KeyCode.RIGHT),
                () -> panStep(1, 0)));
        a.add(new EditorAction("view.pan-up", "Pan up", Category.VIEW, key(KeyCode.UP), () -> panStep(0, -1)));
        a.add(new EditorAction("view.pan-down", "Pan down", Category.VIEW, key(KeyCode.DOWN), () -> panStep(0, 1)));
        a.add(new EditorAction("view.zoom-selection", "Zoom to the selection", Category.VIEW, key(KeyCode.Z),
                this::zoomToSelection));
        a.add(new EditorAction("view.zoom-tile", "Zoom to the current tile", Category.VIEW, key(KeyCode.T),
                this::zoomToTile));
        a.add(new EditorAction("view.zoom-image", "Zoom to the whole image", Category.VIEW, key(KeyCode.HOME),
                map::zoomToImage));
        a.add(new EditorAction("view.validation", "Show validation markers (on/off)", Category.VIEW,
                key(KeyCode.V), this::toggleValidation));
        a.add(new EditorAction("view.image-display", "Image brightness and contrast\u2026", Category.VIEW, null,
                () -> org.roofline.app.editor.map.ImageDisplayDialog.open(window(), map.imageryLayer())));
        a.add(new EditorAction("help.keys", "Keyboard reference", Category.HELP, key(KeyCode.F1),
                this::showKeyboardReference));
        return a;
    }

    private static KeyCombination key(KeyCode code, KeyCombination.Modifier... mods) {
        return new KeyCodeCombination(code, mods);
    }

    private void buildMenus() {
        Map<Category, Menu> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            byCategory.put(c, new Menu(c.title()));
        }
        for (EditorAction a : keys.actions()) {
            if (a.id().endsWith("-alt")) {
                continue;
            }
            MenuItem item = new MenuItem(a.label());
            item.setOnAction(e -> run(a));
            item.setUserData(a.id());
            Menu m = byCategory.get(a.category());
            m.getItems().add(item);
        }
        Menu recent = new Menu("Recent");
        recent.setOnShowing(e -> loadRecent());
        recentMenu = recent;
        fillRecent();
        byCategory.get(Category.FILE).getItems().add(1, recent);
        refreshMenuKeys(byCategory);
        labelReSquare(byCategory.get(Category.EDIT));
        for (Category c : Category.values()) {
            if (!byCategory.get(c).getItems().isEmpty()) {
                menus.getMenus().add(byCategory.get(c));
            }
        }
    }

    /** Reads the recent files off the FX thread, then shows them in File > Recent. */
    private void loadRecent() {
        IO.execute(() -> {
            List<Path> list = host.recent();
            javafx.application.Platform.runLater(() -> {
                recentFiles = list;
                fillRecent();
            });
        });
    }

    private void fillRecent() {
        Menu recent = recentMenu;
        recent.getItems().clear();
        for (Path p : recentFiles) {
            MenuItem item = new MenuItem(p.getFileName() + "  \u2014  " + p.toAbsolutePath().getParent());
            item.setOnAction(e -> host.open(p));
            recent.getItems().add(item);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    private void openFile() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Open an image or a Roofline session");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("Images and sessions",
                        "*.tif", "*.tiff", "*.TIF", "*.jpg", "*.jpeg", "*.png", "*.gpkg"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        if (review.sessionFile() != null && review.sessionFile().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(review.sessionFile().toAbsolutePath().getParent().toFile());
        } else if (image.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(image.toAbsolutePath().getParent().toFile());
        }
        java.io.File f = chooser.showOpenDialog(window());
        if (f != null) {
            host.open(f.toPath());
        }
    }

    /** One line for an error, without the exception class when it has a message. */
    static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return (m == null || m.isBlank() ? c.toString() : m).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** Shows each action's key in its menu item (display only: the scene filter runs the action). */
    private void refreshMenuKeys(Map<Category, Menu> byCategory) {
        for (Menu m : byCategory.values()) {
            for (MenuItem item : m.getItems()) {
                if (item.getUserData() instanceof String id) {
                    KeyCombination k = keys.keyOf(id);
                    String label = keys.action(id).label();
                    item.setText(k == null ? label : label + "    [" + k.getDisplayText() + "]");
                }
            }
        }
    }

    /** With several footprints selected, the re-square entry says how many it squares ("Re-square 7 ..."). */
    private void labelReSquare(Menu edit) {
        for (MenuItem item : edit.getItems()) {
            if ("edit.regularize".equals(item.getUserData())) {
                KeyCombination k = keys.keyOf("edit.regularize");
                String label = selection.size() > 1
                        ? org.roofline.app.editor.tools.RegularizePreview.countLabel(selection.size())
                        + " (live preview)\u2026" : keys.action("edit.regularize").label();
                item.setText(k == null ? label : label + "    [" + k.getDisplayText() + "]");
            }
        }
    }

    private void keyPressed(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return; // typing in a field is not a command
        }
        Optional<EditorAction> a = keys.match(e);
        if (a.isPresent()) {
            e.consume();
            run(a.get());
        }
    }

    private void run(EditorAction a) {
        if (undo.isBusy() && a.category() != Category.VIEW && a.category() != Category.HELP) {
            showMessage("Saving the last change\u2026 (the map can be moved meanwhile)");
            return;
        }
        try {
            a.handler().run();
        } catch (RuntimeException ex) {
            // a refused command (an invalid edit, a failed save) is reported, never thrown at the user
            showMessage(a.label() + ": " + ex.getMessage());
        }
        map.redraw();
    }

    // ---------------------------------------------------------------- review

    /** N: the next tile, past the last one back to the first (saying so, or that the review is complete). */
    private void nextTile() {
        Optional<ReviewNavigation.Step> step = ReviewNavigation.nextTileWrapping(model);
        if (step.isEmpty()) {
            showMessage(emptyHint.isEmpty() ? "No tiles: the image has no footprints." : emptyHint);
            return;
        }
        goTo(step.get().tile(), "");
        if (step.get().wrapped()) {
            showMessage(ReviewNavigation.isComplete(model) ? completeMessage()
                    : "Past the last tile: back to the first. " + pendingLeft());
        }
    }

    /** Shift+N: the next pending footprint anywhere in the image (after the current one, wrapping around). */
    private void nextPending() {
        Optional<ReviewNavigation.Step> step = ReviewNavigation.nextPending(model);
        if (step.isEmpty()) {
            showMessage(model.size() == 0 ? emptyHint : completeMessage());
            return;
        }
        selection.clear();
        long id = step.get().id();
        boolean otherTile = step.get().tile() != model.currentTile();
        model.selectFootprint(id);
        if (otherTile) {
            map.showMapExtent(model.tiles().envelope(step.get().tile()));
        }
        map.reveal(model.footprint(id).polygon().getEnvelopeInternal());
        showMessage(step.get().wrapped() ? "Past the last tile: back to a footprint left pending. " + pendingLeft()
                : pendingLeft());
    }

    private String pendingLeft() {
        long n = model.count(ReviewStatus.PENDING);
        return n + " footprint" + (n == 1 ? "" : "s") + " pending.";
    }

    private String completeMessage() {
        return "Review complete: all " + model.size() + " footprints decided (File > Export\u2026 writes them).";
    }

    private void previousTile() {
        goTo(model.previousTile(), "No previous tile: this is the first one.");
    }

    /** Shows a tile (if any) and makes its first pending footprint (else its first) current. */
    private void goTo(int tile, String atEnd) {
        if (tile < 0) {
            showMessage(atEnd);
            return;
        }
        selection.clear();
        Optional<Footprint> first = model.footprintsInTile(tile).stream()
                .filter(f -> f.status() == ReviewStatus.PENDING).findFirst();
        if (first.isPresent()) {
            model.selectFootprint(first.get().id());
        } else {
            model.nextFootprint();
        }
        map.showMapExtent(model.tiles().envelope(tile));
        showMessage("");
    }

    private void cycle(int dir) {
        if (model.currentTile() < 0) {
            nextTile();
            return;
        }
        selection.clear();
        if (dir > 0) {
            model.nextFootprint();
        } else {
            model.previousFootprint();
        }
    }

    /** Accept or reject the selection, else the current footprint (the tile's first when none), then move on. */
    private void decide(ReviewStatus s) {
        List<Long> ids;
        if (!selection.isEmpty()) {
            ids = List.copyOf(selection.ids());
        } else {
            if (model.currentTile() < 0) {
                nextTile();
            }
            Optional<Footprint> f = model.currentFootprint().or(model::nextFootprint);
            if (f.isEmpty()) {
                showMessage("No footprint here: N goes to the next tile.");
                return;
            }
            ids = List.of(f.get().id());
        }
        execute(new SetStatus(ids, s));
        if (selection.isEmpty()) {
            advanceToPending();
        }
        if (ReviewNavigation.isComplete(model)) {
            showMessage(completeMessage());
        }
    }

    /** After a decision, the next pending footprint of the tile becomes current (if any). */
    private void advanceToPending() {
        List<Long> ids = model.footprintIdsInTile(model.currentTile());
        long current = model.currentFootprint().map(Footprint::id).orElse(-1L);
        int start = ids.indexOf(current);
        for (int k = 1; k <= ids.size(); k++) {
            long id = ids.get(Math.floorMod(start + k, ids.size()));
            if (model.footprint(id).status() == ReviewStatus.PENDING) {
                model.selectFootprint(id);
                return;
            }
        }
    }

    private void decideTile(ReviewStatus s) {
        if (model.currentTile() < 0) {
            showMessage("No current tile: N goes to the first one.");
            return;
        }
        execute(new BulkSetStatus(s));
        if (ReviewNavigation.isComplete(model)) {
            showMessage(completeMessage());
        }
    }

    private void acceptByConfidence() {
        new ConfidenceDialog(window(), model).ask().ifPresent(this::execute);
    }

    private void toggleOrder() {
        model.setTileOrder(model.tileOrder() == TileOrder.DOUBT_FIRST ? TileOrder.POSITION : TileOrder.DOUBT_FIRST);
        showMessage(model.tileOrder() == TileOrder.DOUBT_FIRST
                ? "Doubt first: tiles with the least confident, most changed, overlapping footprints come first."
                : "Tiles in position order.");
    }

    private void extract(Path modelFile) {
        if (extraction.isRunning()) {
            showMessage("An extraction is already running (Cancel stops it).");
            return;
        }
        ExtractionSettings settings = ExtractionSettings.of(image);
        extraction.extract(modelFile == null ? settings : settings.withModel(modelFile));
    }

    private void extractWithModel() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("A TorchScript model (.pt, with its .json beside it)");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("TorchScript models", "*.pt", "*.pth", "*.ts",
                        "*.torchscript", "*.params"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = chooser.showOpenDialog(window());
        if (f != null) {
            Path p = f.toPath();
            // Roofline's own models are a folder (.params + .json): the folder is the model
            extract(p.getFileName().toString().endsWith(".params") ? p.toAbsolutePath().getParent() : p);
        }
    }

    private void cancelExtraction() {
        if (extraction.isRunning()) {
            extraction.cancel();
        }
    }

    private void export() {
        Path base = review.sessionFile() != null ? review.sessionFile() : image;
        String stem = base.getFileName().toString().replaceFirst("(\\.roofline)?\\.[^.]+$", "");
        Path dir = base.toAbsolutePath().getParent();
        ExportDialog.show(window(), model, review.crs(), dir.resolve(stem + "-footprints.gpkg"));
    }

    /** Stops background work for this review (the window shows another one, or closes). */
    void dispose() {
        cancelExtraction();
        map.dispose();
    }

    private void panStep(int dx, int dy) {
        double step = 0.125 * Math.min(map.getWidth(), map.getHeight());
        map.pan(dx * step, dy * step);
    }

    private void zoomToSelection() {
        if (map.zoomToSelection()) {
            return;
        }
        Optional<Footprint> f = model.currentFootprint();
        if (f.isPresent()) {
            org.locationtech.jts.geom.Envelope e = f.get().polygon().getEnvelopeInternal();
            e.expandBy(Math.max(e.getWidth(), e.getHeight()));
            map.showMapExtent(e);
        } else {
            showMessage("Nothing selected to zoom to.");
        }
    }

    private void zoomToTile() {
        if (model.currentTile() < 0 || !map.zoomToTile(model.currentTile())) {
            showMessage("No current tile: N goes to the first one.");
        }
    }

    private void toggleValidation() {
        map.validationLayer().setVisible(!map.validationLayer().isVisible());
        showMessage(map.validationLayer().isVisible()
                ? "Validation markers: invalid outlines, overlaps, almost-square corners." : "Validation hidden.");
    }

    private void escape() {
        if (map.getTool() != tools.selectTool()) {
            tools.select();
            showMessage("Select tool.");
        } else {
            selection.clear();
        }
    }

    private void deleteVertex() {
        if (map.getTool() == tools.vertexTool()) {
            tools.vertexTool().deleteVertex();
        } else {
            showMessage("Delete removes a vertex while editing vertices (E); D rejects a footprint.");
        }
    }

    private void regularize() {
        if (model.currentFootprint().isEmpty() && selection.isEmpty()) {
            showMessage("Select footprints to re-square first (click, Shift+drag a box, Ctrl+drag a lasso).");
            return;
        }
        tools.regularize();
    }

    private void undo() {
        if (undo.canUndo()) {
            ReviewCommand c = undo.undoCommand();
            whenSaved(undo.undo(), "Undone: " + c.description())
                    .thenRun(() -> showTouched(c));
        } else {
            showMessage("Nothing to undo.");
        }
    }

    private void redo() {
        if (undo.canRedo()) {
            ReviewCommand c = undo.redoCommand();
            whenSaved(undo.redo(), "Redone: " + c.description())
                    .thenRun(() -> showTouched(c));
        } else {
            showMessage("Nothing to redo.");
        }
    }

    /**
     * After undo or redo: the footprint the command touched becomes current (so the next decision lands on it) and
     * comes into view; a selection of footprints no longer there is dropped.
     */
    private void showTouched(ReviewCommand c) {
        ReviewNavigation.afterUndoOrRedo(model, c).ifPresent(id -> {
            if (!selection.ids().contains(id)) {
                selection.clear();
            }
            model.selectFootprint(id);
            map.reveal(model.footprint(id).polygon().getEnvelopeInternal());
        });
    }

    /**
     * Runs a command on the undo stack; a large one is saved in the background first (the model, and the map, show it
     * once it is saved). A refusal or a failed save is shown in the status bar.
     */
    void execute(ReviewCommand c) {
        whenSaved(undo.execute(c), c.description());
    }

    private java.util.concurrent.CompletableFuture<Void> whenSaved(java.util.concurrent.CompletableFuture<Void> f,
                                                                   String done) {
        if (!f.isDone()) {
            showMessage("Saving\u2026 " + done);
        }
        return f.whenComplete((ok, err) -> {
            if (err == null) {
                showMessage(done);
            } else {
                showMessage("Not saved, nothing changed: " + describe(err));
            }
            map.redraw();
        });
    }

    private void showKeyboardReference() {
        KeyboardReference dialog = new KeyboardReference(window(), keys);
        dialog.showAndWait();
        rebuildMenus();
    }

    private void rebuildMenus() {
        menus.getMenus().clear();
        buildMenus();
    }

    // ---------------------------------------------------------------- status

    private void modelChanged(ReviewEvent e) {
        if (e.kind() == ReviewEvent.Kind.FOOTPRINTS) {
            selection.removeAll(e.removedIds());
            if (!emptyHint.isEmpty() && model.size() > 0) {
                if (message.equals(emptyHint)) {
                    message = "";
                }
                emptyHint = ""; // footprints arrived (an extraction): the hint no longer applies
            }
        }
        updateStatus();
    }

    void showMessage(String text) {
        message = text == null ? "" : text;
        updateStatus();
    }

    private void updateStatus() {
        int tile = model.currentTile();
        List<Integer> seq = model.tileSequence();
        String where = tile < 0 ? "Tile -" : "Tile " + (seq.indexOf(tile) + 1) + "/" + seq.size();
        String text = String.format("%s (%d visited)   Accepted %d   Rejected %d   Edited %d   Pending %d   "
                        + "%.1f/min   %s",
                where, model.tiles().visitedCount(), model.count(ReviewStatus.ACCEPTED),
                model.count(ReviewStatus.REJECTED), model.count(ReviewStatus.EDITED),
                model.count(ReviewStatus.PENDING), speed.perMinute(),
                model.tileOrder() == TileOrder.DOUBT_FIRST ? "doubt first" : "by position");
        status.setText(message.isEmpty() ? text : text + "\n" + message);
    }

    // ---------------------------------------------------------------- accessors (tests, embedding)

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    Path image() {
        return image;
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
        return status;
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
        return menus;
    }

    static Scene scene(EditorPane pane) {
        return new Scene(pane, 1100, 800);
    }
}
