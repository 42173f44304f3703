package org.roofline.app.editor;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.actions.EditorAction;
import org.roofline.app.editor.actions.EditorAction.Category;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.ReferenceLayer;
import org.roofline.app.review.KeepReference;
import org.roofline.app.review.MarkDemolished;
import org.roofline.app.review.OffsetEstimate;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReferenceState;
import org.roofline.app.review.ReplaceReference;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewTiles;
import org.roofline.app.session.ReferenceFile;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.text.OneLine;

/**
 * Reviewing against a reference map in the editor: File > Add reference layer (read in the background, the status
 * bar's progress showing it, cancellable; a bad file is one line), the reference drawn in its own layer ({@link
 * ReferenceLayer}, switchable), the keys that replace or keep the reference building the current footprint matches,
 * the walk through the map's buildings not found and marking them demolished, reviewing one change class only, and
 * Review > Estimate imagery offset (computed in the background, shown with its confidence, applied to the reference or
 * to the footprints as one undoable command). FX thread.
 */
final class ReferenceActions {

    /** Change classes in the order the focus key walks them (then every class again). */
    private static final List<ChangeClass> FOCUS_ORDER = List.of(ChangeClass.NEW, ChangeClass.CHANGED,
            ChangeClass.UNCHANGED);

    private final OpenedReview review;
    private final ReviewModel model;
    private final ReviewActions reviewActions;
    private final MapView map;
    private final StatusLine status;
    private final Supplier<Window> window;
    private final Executor io;
    private final ReferenceLayer layer;
    private final ReferenceProbabilities probabilities = new ReferenceProbabilities();
    private final List<EditorAction> actions = new ArrayList<>();
    private long currentReference = -1;
    private Task<ReferenceFile> loading;
    private boolean matching; // the second stage: saved and matched, not cancellable (the save is under way)

    ReferenceActions(OpenedReview review, ReviewActions reviewActions, MapView map, StatusLine status,
            Supplier<Window> window, Executor io) {
        this.review = review;
        this.model = review.model();
        this.reviewActions = reviewActions;
        this.map = map;
        this.status = status;
        this.window = window;
        this.io = io;
        this.layer = new ReferenceLayer(model, () -> currentReference, map::requestRedraw);
        map.addLayer(layer);
        add("file.add-reference", "Add reference layer (existing map)\u2026", Category.FILE,
                key(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::chooseReference);
        add("file.cancel-reference", "Cancel loading the reference layer", Category.FILE, null, this::cancelLoading);
        add("review.replace-reference", "Replace the matching map building with this footprint", Category.REVIEW,
                key(KeyCode.R), this::replace);
        add("review.keep-reference", "Keep the map's building (reject this footprint as a duplicate)",
                Category.REVIEW, key(KeyCode.K, KeyCombination.SHIFT_DOWN), this::keep);
        add("review.next-not-found", "Next map building not found", Category.REVIEW, key(KeyCode.U),
                this::nextNotFound);
        add("review.demolished", "Mark the current map building demolished", Category.REVIEW, key(KeyCode.G),
                this::demolished);
        add("review.focus-class", "Review one change class only (new, changed, unchanged, all)", Category.REVIEW,
                key(KeyCode.F), this::cycleFocus);
        add("review.estimate-offset", "Estimate imagery offset\u2026", Category.REVIEW,
                key(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::estimateOffset);
        add("view.reference", "Show the reference map and change classes (on/off)", Category.VIEW, key(KeyCode.L),
                this::toggleLayer);
    }

    private void add(String id, String label, Category category, KeyCombination defaultKey, Runnable handler) {
        actions.add(new EditorAction(id, label, category, defaultKey, handler));
    }

    private static KeyCombination key(KeyCode code, KeyCombination.Modifier... mods) {
        return new KeyCodeCombination(code, mods);
    }

    List<EditorAction> actions() {
        return List.copyOf(actions);
    }

    ReferenceLayer layer() {
        return layer;
    }

    /** @return the current map building (the one G marks demolished), or -1 */
    long currentReference() {
        return currentReference;
    }

    /** @return whether a reference layer is being read */
    boolean isLoading() {
        return matching || loading != null && loading.isRunning();
    }

    private boolean requireReference() {
        if (!model.hasReference()) {
            status.say("No reference layer: File > Add reference layer reads the existing map.");
            return false;
        }
        return true;
    }

    private void chooseReference() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("An existing map to review against");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Maps", "*.osm", "*.geojson",
                        "*.geojsonl", "*.geojsons", "*.ndjson", "*.json", "*.shp", "*.gpkg"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(window.get());
        if (f != null) {
            addReference(f.toPath());
        }
    }

    /**
     * Reads a reference map in the background and adds it to the review (File > Add reference layer); the status
     * line says how it went, in one line. Refused when the review has one already or is read-only.
     */
    void addReference(Path file) {
        if (model.hasReference()) {
            status.say("The review has a reference layer already (" + model.referenceSource() + ").");
            return;
        }
        if (review.readOnly()) {
            status.say("Opened read-only: a reference layer cannot be added.");
            return;
        }
        if (isLoading()) {
            status.say("A reference layer is being read already.");
            return;
        }
        ReviewTiles tiles = model.tiles();
        Envelope extent = new Envelope(tiles.envelope(0));
        extent.expandToInclude(tiles.envelope(tiles.count() - 1));
        Task<ReferenceFile> task = new Task<>() {
            @Override
            protected ReferenceFile call() throws Exception {
                updateMessage("Reading the reference layer " + file.getFileName() + "\u2026");
                return ReferenceFile.read(file, review.crs(), extent);
            }
        };
        loading = task;
        status.bar().setProgress(-1);
        status.say("Reading the reference layer " + file.getFileName() + "\u2026 (File > Cancel loading stops it)");
        task.stateProperty().addListener((o, a, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                match(task.getValue());
            } else if (state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                status.bar().setProgress(0);
                Throwable e = task.getException();
                status.say(state == Worker.State.CANCELLED ? "Reading the reference layer cancelled."
                        : "Reference not added: " + OneLine.joinLines(String.valueOf(e.getMessage())));
                loading = null;
                map.redraw();
            }
        });
        io.execute(task);
    }

    /** Saves and matches a read reference off the FX thread, then shows it (second stage of {@link #addReference}). */
    private void match(ReferenceFile r) {
        ReviewModel.PreparedReferences prepared;
        try {
            prepared = model.prepareReferences(r.buildings(), r.source());
        } catch (RuntimeException e) {
            status.bar().setProgress(0);
            status.say("Reference not added: " + StatusLine.describe(e));
            loading = null;
            return;
        }
        status.say("Matching the footprints against " + r.buildings().size() + " buildings of " + r.source()
                + "\u2026");
        Task<ReferenceFile> task = new Task<>() {
            @Override
            protected ReferenceFile call() {
                prepared.persist();
                prepared.compute();
                return r;
            }
        };
        loading = null;
        matching = true;
        task.stateProperty().addListener((o, a, state) -> {
            if (state != Worker.State.SUCCEEDED && state != Worker.State.FAILED
                    && state != Worker.State.CANCELLED) {
                return;
            }
            status.bar().setProgress(0);
            matching = false;
            if (state == Worker.State.SUCCEEDED && task.getValue() != null) {
                try {
                    model.installReferences(prepared);
                    var c = model.changeClassCounts();
                    status.say("Reference " + r.source() + ": " + r.buildings().size() + " buildings on the image"
                            + (r.outside() > 0 ? " (" + r.outside() + " outside left out)" : "") + "; footprints: "
                            + c.get(ChangeClass.NEW) + " new, " + c.get(ChangeClass.CHANGED) + " changed, "
                            + c.get(ChangeClass.UNCHANGED) + " unchanged; " + c.get(ChangeClass.NOT_FOUND)
                            + " map buildings not found. F reviews one class only.");
                    computeProbabilities();
                } catch (RuntimeException e) {
                    status.say("Reference not added: " + StatusLine.describe(e));
                }
            } else if (state == Worker.State.FAILED) {
                status.say("Reference not added: " + StatusLine.describe(task.getException()));
            }
            map.redraw();
        });
        io.execute(task);
    }

    private void cancelLoading() {
        if (loading != null && loading.isRunning()) {
            loading.cancel();
        } else if (matching) {
            status.say("The reference layer is read and being saved: it is added in a moment.");
        } else {
            status.say("No reference layer is being read.");
        }
    }

    private Optional<Footprint> current() {
        Optional<Footprint> f = model.currentFootprint();
        if (f.isEmpty()) {
            status.say("No current footprint: N goes to the next tile.");
        }
        return f;
    }

    private void replace() {
        if (!requireReference()) {
            return;
        }
        current().ifPresent(f -> reviewActions.decideThenAdvance(ReplaceReference.of(model, f.id())));
    }

    private void keep() {
        if (!requireReference()) {
            return;
        }
        current().ifPresent(f -> reviewActions.decideThenAdvance(KeepReference.of(model, f.id())));
    }

    /** Makes the next map building not found (and still pending) current, after the current one, wrapping. */
    private void nextNotFound() {
        if (!requireReference()) {
            return;
        }
        List<ReferenceBuilding> notFound = model.references().stream()
                .filter(r -> r.state() == ReferenceState.PENDING
                        && model.referenceClass(r.id()) == ChangeClass.NOT_FOUND).toList();
        if (notFound.isEmpty()) {
            currentReference = -1;
            status.say("No map building left that no footprint found.");
            return;
        }
        ReferenceBuilding next = notFound.stream().filter(r -> r.id() > currentReference).findFirst()
                .orElse(notFound.get(0));
        currentReference = next.id();
        Envelope e = next.geometry().getEnvelopeInternal();
        e.expandBy(Math.max(e.getWidth(), e.getHeight()) * 2);
        map.showMapExtent(e);
        String prob = probabilities.describe(next.id());
        status.say("Map building " + next.sourceId() + " not found (" + notFound.size() + " left" + (prob == null ? ""
                : "; " + prob) + "): G marks it demolished, U goes to the next.");
    }

    /**
     * Starts the model's mean building probability over the map buildings not found, in the background (shown by
     * {@code U}).
     */
    private void computeProbabilities() {
        List<ReferenceBuilding> notFound = model.references().stream()
                .filter(r -> model.referenceClass(r.id()) == ChangeClass.NOT_FOUND).toList();
        if (!notFound.isEmpty()) {
            probabilities.start(review.image(), notFound, () -> {
                if (currentReference >= 0 && model.reference(currentReference) != null
                        && probabilities.of(currentReference).isPresent()) {
                    status.say("Map building " + model.reference(currentReference).sourceId() + ": "
                            + probabilities.describe(currentReference) + ".");
                }
            });
        }
    }

    /** @return the model's view of the map buildings not found (computed after a reference is added) */
    ReferenceProbabilities probabilities() {
        return probabilities;
    }

    private void demolished() {
        if (!requireReference()) {
            return;
        }
        if (currentReference < 0 || model.reference(currentReference) == null) {
            status.say("No current map building: U goes to the next one not found.");
            return;
        }
        reviewActions.execute(new MarkDemolished(List.of(currentReference)));
        nextNotFound();
    }

    private void cycleFocus() {
        if (!requireReference()) {
            return;
        }
        ChangeClass now = model.focusClass();
        int i = now == null ? 0 : FOCUS_ORDER.indexOf(now) + 1;
        ChangeClass next = i < FOCUS_ORDER.size() ? FOCUS_ORDER.get(i) : null;
        model.setFocusClass(next);
        if (next == null) {
            status.say("Reviewing every footprint.");
        } else {
            String name = next.label();
            status.say("Reviewing only " + name + " footprints: " + model.pendingInFocus() + " pending in "
                    + model.tileSequence().size() + " tiles (N goes to them, F to the next class).");
        }
    }

    private void estimateOffset() {
        if (!requireReference()) {
            return;
        }
        status.say("Estimating the imagery offset\u2026");
        // copies of the outlines (immutable geometries) taken here: the estimate runs off the FX thread
        List<org.locationtech.jts.geom.Geometry> fp = OffsetEstimate.footprintsOf(model);
        List<org.locationtech.jts.geom.Geometry> ref = OffsetEstimate.referencesOf(model);
        Task<OffsetEstimate> task = new Task<>() {
            @Override
            protected OffsetEstimate call() {
                return OffsetEstimate.of(fp, ref, review.crs());
            }
        };
        task.setOnSucceeded(e -> showOffset(task.getValue()));
        task.setOnFailed(e -> status.say("No offset estimate: " + StatusLine.describe(task.getException())));
        io.execute(task);
    }

    /** Asks what to do with an estimate: move the reference, move the footprints, or nothing. */
    private void showOffset(OffsetEstimate estimate) {
        ButtonType toReference = new ButtonType("Move the reference", ButtonBar.ButtonData.OK_DONE);
        ButtonType toFootprints = new ButtonType("Move the footprints", ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", toReference, toFootprints, ButtonType.CANCEL);
        alert.setTitle("Imagery offset");
        alert.setHeaderText("The reference map lies off the imagery by " + estimate.shiftText());
        alert.setContentText(estimate.summary() + ".\n\nMoving the reference puts the map on the imagery (the "
                + "footprints stay); moving the footprints puts them on the map. Either is one step to undo.");
        if (window.get() != null) {
            alert.initOwner(window.get());
        }
        alert.getDialogPane().setId("offset-dialog");
        Optional<ButtonType> choice = alert.showAndWait();
        if (choice.isPresent() && choice.get() == toReference) {
            reviewActions.execute(estimate.toReference());
        } else if (choice.isPresent() && choice.get() == toFootprints) {
            reviewActions.execute(estimate.toFootprints());
        } else {
            status.say("Offset not applied: " + estimate.summary() + ".");
        }
    }

    private void toggleLayer() {
        boolean show = !layer.isVisible();
        layer.setVisible(show);
        status.say(show ? "Reference map shown: dashed outlines by state, footprints outlined by change class."
                : "Reference map hidden.");
    }

    /** Stops background work (the window shows another review, or closes). */
    void dispose() {
        if (loading != null && loading.isRunning()) {
            loading.cancel();
        }
    }

    /** For tests: runs the estimate without the dialog. */
    OffsetEstimate estimate() {
        return OffsetEstimate.of(model, review.crs());
    }
}
