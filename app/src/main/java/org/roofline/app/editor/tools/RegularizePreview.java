package org.roofline.app.editor.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.map.MapLayer;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.editor.map.MapViewport;
import org.roofline.app.review.ReRegularize;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.AdaptiveTolerance;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.regularize.RegularizedBuilding;

/**
 * Re-regularizes the selected footprints (the current one when nothing is selected) with a live preview: a small
 * non-modal panel with the method and the tolerance; every change re-computes the preview, drawn over the map (new
 * outline solid, old outline dashed). Apply runs one {@link ReRegularize} holding exactly the previewed polygons;
 * Cancel (or closing the panel) changes nothing.
 *
 * <p><b>Frame and units.</b> The tolerance is in <b>image pixels</b>. By default it is <i>auto</i>: chosen for each
 * footprint from its own outline ({@link AdaptiveTolerance}, the post-processor's default), the chosen values shown
 * beside the slider; moving the slider (from {@value #DEFAULT_TOLERANCE_PX}) sets one fixed tolerance for all. The
 * minimum edge length is the post-processor's {@value
 * RegularizationParameters#DEFAULT_MIN_EDGE_LENGTH} px). Footprints are regularized in a {@link RegularizationFrame}
 * square on the ground (a local metric frame at the footprints' centre for a georeferenced image, the image's pixels
 * otherwise), with the pixel values converted to that frame through the image's ground pixel size, so right angles
 * are right angles on the ground even in EPSG:4326.
 *
 * <p>With more than {@value #BACKGROUND_THRESHOLD} footprints the preview is computed on a background thread (the
 * panel says "computing" and Apply waits for it); only the latest request's result is shown, and a request made
 * stale by a newer one (the slider moving on) stops at its next footprint. Create one per map (its
 * overlay layer is added to the map once, and is drawn only while the panel is open). When a previewed footprint
 * changes while the panel is open (an undo, say), the preview is computed again from what it is now. FX thread only.
 */
public final class RegularizePreview {

    public static final double DEFAULT_TOLERANCE_PX = RegularizationParameters.DEFAULT_TOLERANCE;
    /** Above this many footprints the preview is computed off the FX thread. */
    public static final int BACKGROUND_THRESHOLD = 20;
    /** Control ids, for tests and styling. */
    public static final String METHOD_ID = "regularize-method";
    public static final String TOLERANCE_ID = "regularize-tolerance";
    public static final String AUTO_ID = "regularize-auto";
    public static final String APPLY_ID = "regularize-apply";
    public static final String CANCEL_ID = "regularize-cancel";
    /**
     * The new (re-squared) outline: solid, in a colour no status and no highlight uses (the current footprint is cyan,
     * the selection white, statuses yellow, green, red and blue).
     */
    public static final Color NEW_OUTLINE = Color.MAGENTA;
    /** The old outline: dashed, over a dark backing that hides the current footprint's cyan under it. */
    public static final Color OLD_OUTLINE = Color.WHITE;
    private static final Color OLD_BACKING = Color.gray(0.1);
    /** Screen pixels between the panel and what it previews. */
    static final double GAP = 24;

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roofline-regularize-preview");
        t.setDaemon(true);
        return t;
    });

    private final MapView map;
    private final UndoStack undo;
    private final Consumer<String> messages;
    private final ComboBox<RegularizationMethod> method = new ComboBox<>();
    private final Slider tolerance = new Slider(0.5, 10, DEFAULT_TOLERANCE_PX);
    private final Label toleranceLabel = new Label();
    private final CheckBox auto = new CheckBox("auto");
    /** The tolerance auto chose for each previewed footprint, in image pixels (empty when auto is off). */
    private Map<Long, Double> chosen = Map.of();
    private final Label state = new Label();
    private final Button apply = new Button("Apply");
    private final Button cancel = new Button("Cancel");
    private Stage stage;

    private List<Footprint> targets = List.of();
    private RegularizationFrame frame;
    private Map<Long, RegularizedBuilding> results = Map.of();
    private final AtomicLong generation = new AtomicLong(); // read by the worker: a stale request stops early
    private boolean computing;

    public RegularizePreview(MapView map, UndoStack undo, Consumer<String> messages) {
        this.map = Objects.requireNonNull(map, "map");
        this.undo = Objects.requireNonNull(undo, "undo");
        this.messages = Objects.requireNonNull(messages, "messages");
        method.getItems().addAll(RegularizationMethod.values());
        method.setValue(RegularizationMethod.RIGHT_ANGLES);
        method.setId(METHOD_ID);
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RegularizationMethod m) {
                return m == null ? "" : m.code(); // the names the command line and the files use
            }

            @Override
            public RegularizationMethod fromString(String s) {
                return RegularizationMethod.fromCode(s);
            }
        });
        tolerance.setId(TOLERANCE_ID);
        tolerance.setShowTickLabels(true);
        tolerance.setMajorTickUnit(1);
        apply.setId(APPLY_ID);
        apply.setDefaultButton(true);
        cancel.setId(CANCEL_ID);
        cancel.setCancelButton(true);
        method.valueProperty().addListener((o, a, b) -> recompute());
        auto.setId(AUTO_ID);
        auto.setSelected(true);
        auto.selectedProperty().addListener((o, a, b) -> recompute());
        // choosing a tolerance by hand is leaving auto
        tolerance.valueProperty().addListener((o, a, b) -> {
            if (auto.isSelected()) {
                auto.setSelected(false);
            } else {
                recompute();
            }
        });
        apply.setOnAction(e -> apply());
        cancel.setOnAction(e -> cancel());
        map.model().addListener(this::modelChanged);
        map.addLayer(new MapLayer() {
            @Override
            public String name() {
                return "Regularization preview";
            }

            @Override
            public void draw(GraphicsContext g, MapViewport viewport) {
                drawPreview(g, viewport);
            }

            @Override
            public boolean isVisible() {
                return isOpen();
            }
        });
    }

    /**
     * Opens the panel for the selection (or the current footprint) and computes the first preview.
     *
     * @return whether there was anything to regularize (else a message says so)
     */
    public boolean open() {
        List<Footprint> fps = FootprintPicker.selectedOrCurrent(map.model(), map.selection());
        if (fps.isEmpty()) {
            messages.accept("Regularize: select footprints first");
            return false;
        }
        targets = List.copyOf(fps);
        frame = RegularizationFrame.of(map.georeferencing(), ReviewModel.extentOf(targets).centre());
        if (stage == null) {
            stage = buildStage();
        }
        stage.setTitle(countLabel(targets.size()));
        apply.setText(countLabel(targets.size()));
        recompute();
        placeBesideTargets(stage.getScene().getRoot().prefWidth(-1) + 16, stage.getScene().getRoot().prefHeight(-1) + 40);
        stage.show();
        placeBesideTargets(stage.getWidth(), stage.getHeight()); // the real size, decorations included
        stage.toFront();
        return true;
    }

    /** "Re-square 7 footprints": the panel's title and Apply button, and the menu entry with a selection. */
    public static String countLabel(int n) {
        return "Re-square " + n + " footprint" + (n == 1 ? "" : "s");
    }

    /** Puts the panel beside the previewed footprints on the screen, so it never hides what it previews. */
    private void placeBesideTargets(double w, double h) {
        if (map.getScene() == null || !(w > 0) || !(h > 0)) {
            return;
        }
        MapViewport v = map.viewport();
        Envelope e = ReviewModel.extentOf(targets);
        javafx.geometry.Point2D a = map.localToScreen(v.toScreen(new Coordinate(e.getMinX(), e.getMinY())));
        javafx.geometry.Point2D b = map.localToScreen(v.toScreen(new Coordinate(e.getMaxX(), e.getMaxY())));
        if (a == null || b == null) {
            return;
        }
        javafx.geometry.Rectangle2D target = new javafx.geometry.Rectangle2D(Math.min(a.getX(), b.getX()),
                Math.min(a.getY(), b.getY()), Math.abs(a.getX() - b.getX()), Math.abs(a.getY() - b.getY()));
        javafx.collections.ObservableList<javafx.stage.Screen> screens = javafx.stage.Screen.getScreensForRectangle(
                target.getMinX(), target.getMinY(), Math.max(1, target.getWidth()), Math.max(1, target.getHeight()));
        javafx.geometry.Rectangle2D area = (screens.isEmpty() ? javafx.stage.Screen.getPrimary() : screens.get(0))
                .getVisualBounds();
        javafx.geometry.Point2D at = PanelPlacement.beside(target, w, h, area, GAP);
        stage.setX(at.getX());
        stage.setY(at.getY());
    }

    /** Footprints being previewed changed (undo, another edit) or went away: preview what they are now. */
    private void modelChanged(ReviewEvent e) {
        if (!isOpen() || e.kind() != ReviewEvent.Kind.FOOTPRINTS) {
            return;
        }
        boolean touched = false;
        List<Footprint> now = new ArrayList<>();
        for (Footprint f : targets) {
            touched |= e.changedIds().contains(f.id()) || e.removedIds().contains(f.id());
            Footprint current = map.model().footprint(f.id());
            if (current != null) {
                now.add(current);
            }
        }
        if (!touched) {
            return;
        }
        if (now.isEmpty()) {
            messages.accept("Regularize: the footprints are gone");
            cancel();
            return;
        }
        targets = List.copyOf(now);
        stage.setTitle(countLabel(targets.size()));
        apply.setText(countLabel(targets.size()));
        recompute();
    }

    public boolean isOpen() {
        return stage != null && stage.isShowing();
    }

    /** Whether a background preview is running (Apply waits for it). */
    public boolean isComputing() {
        return computing;
    }

    /** The previewed polygons by footprint id (empty while computing or closed). */
    public Map<Long, RegularizedBuilding> results() {
        return Collections.unmodifiableMap(results);
    }

    /** The current parameters, in the working frame's units. */
    public RegularizationParameters parameters() {
        double px = tolerance.getValue();
        double unit = frame == null ? 1 : frame.workingUnitsPerPixel();
        return RegularizationParameters.defaults(method.getValue()).withTolerance(px * unit)
                .withMinEdgeLength(RegularizationParameters.DEFAULT_MIN_EDGE_LENGTH * unit);
    }

    public ComboBox<RegularizationMethod> methodBox() {
        return method;
    }

    public Slider toleranceSlider() {
        return tolerance;
    }

    /** Whether each footprint's tolerance is chosen from its own outline (the default; moving the slider unticks it). */
    public CheckBox autoBox() {
        return auto;
    }

    /** The tolerance auto chose for each previewed footprint, in image pixels (empty when auto is off). */
    public Map<Long, Double> chosenTolerances() {
        return Collections.unmodifiableMap(chosen);
    }

    /** The Apply button ("Re-square 7 footprints"). */
    public Button applyButton() {
        return apply;
    }

    /** Runs one {@link ReRegularize} with the previewed polygons and closes the panel; false while computing. */
    public boolean apply() {
        if (!isOpen() || computing || results.isEmpty()) {
            return false;
        }
        ReRegularize command = ReRegularize.ofResults(results, method.getValue().code());
        int n = results.size();
        close();
        try {
            undo.execute(command);
        } catch (RuntimeException e) {
            messages.accept("Regularize failed: " + e.getMessage());
            return false;
        }
        messages.accept("Re-squared " + n + " footprint" + (n == 1 ? "" : "s") + " (" + method.getValue().code()
                + ", " + toleranceText() + ")");
        return true;
    }

    /** Closes the panel; nothing changes. */
    public void cancel() {
        close();
    }

    private void close() {
        generation.incrementAndGet();
        computing = false;
        results = Map.of();
        if (stage != null) {
            stage.hide();
        }
        map.redraw();
    }

    private Stage buildStage() {
        Stage s = new Stage(StageStyle.UTILITY);
        if (map.getScene() != null && map.getScene().getWindow() != null) {
            s.initOwner(map.getScene().getWindow());
        }
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Method"), method);
        grid.addRow(1, new Label("Tolerance (image pixels)"), tolerance, auto, toleranceLabel);
        HBox buttons = new HBox(8, apply, cancel);
        grid.add(state, 0, 2, 4, 1);
        Label legend = new Label("New outline: solid magenta.  Old outline: dashed white.");
        legend.setId("regularize-legend");
        grid.add(legend, 0, 3, 4, 1);
        grid.add(buttons, 0, 4, 4, 1);
        s.setScene(new Scene(grid));
        s.setOnHidden(e -> {
            if (!results.isEmpty() || computing) {
                close(); // closed with the window's button: as Cancel
            }
        });
        return s;
    }

    private String toleranceText() {
        if (auto.isSelected()) {
            if (chosen.isEmpty()) {
                return "auto";
            }
            double lo = chosen.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double hi = chosen.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            String px = hi - lo < 0.05 ? String.format(Locale.ROOT, "%.1f px", lo)
                    : String.format(Locale.ROOT, "%.1f-%.1f px", lo, hi);
            if (frame != null && frame.metric()) {
                double u = frame.workingUnitsPerPixel();
                px += hi - lo < 0.05 ? String.format(Locale.ROOT, " = %.2f m", lo * u)
                        : String.format(Locale.ROOT, " = %.2f-%.2f m", lo * u, hi * u);
            }
            return "auto: " + px;
        }
        double px = tolerance.getValue();
        if (frame != null && frame.metric()) {
            return String.format(Locale.ROOT, "%.1f px = %.2f m", px, px * frame.workingUnitsPerPixel());
        }
        return String.format(Locale.ROOT, "%.1f px", px);
    }

    private void recompute() {
        if (targets.isEmpty() || frame == null) {
            return;
        }
        chosen = Map.of();
        toleranceLabel.setText(toleranceText());
        RegularizationParameters p = parameters();
        List<Footprint> fps = targets;
        var toWorking = frame.mapToWorking();
        double autoUnit = auto.isSelected() ? frame.workingUnitsPerPixel() : Double.NaN;
        long gen = generation.incrementAndGet();
        if (fps.size() <= BACKGROUND_THRESHOLD) {
            show(compute(fps, p, toWorking, autoUnit, () -> false), gen);
            return;
        }
        computing = true;
        apply.setDisable(true);
        state.setText("Computing " + fps.size() + " footprints...");
        Task<Preview> task = new Task<>() {
            @Override
            protected Preview call() {
                return compute(fps, p, toWorking, autoUnit, () -> generation.get() != gen);
            }

            @Override
            protected void succeeded() {
                if (gen == generation.get()) {
                    computing = false;
                    show(getValue(), gen);
                }
            }

            @Override
            protected void failed() {
                if (gen == generation.get()) {
                    computing = false;
                    state.setText("Preview failed: " + getException().getMessage());
                }
            }
        };
        WORKER.execute(task);
    }

    /** Previewed polygons by footprint id, with the tolerances auto chose (image pixels; empty when auto is off). */
    private record Preview(Map<Long, RegularizedBuilding> results, Map<Long, Double> chosen) {
    }

    /**
     * The previews; stops early (returning a partial preview nobody shows) once {@code stale} says so.
     *
     * @param autoUnit working units per image pixel when each footprint's tolerance is chosen from its own outline
     *                 ({@link AdaptiveTolerance}, whose rule is in pixels), NaN for the tolerance of {@code p}
     */
    private static Preview compute(List<Footprint> fps, RegularizationParameters p,
                                   org.locationtech.jts.geom.util.AffineTransformation t, double autoUnit,
                                   BooleanSupplier stale) {
        Map<Long, RegularizedBuilding> out = new LinkedHashMap<>();
        Map<Long, Double> chosen = new LinkedHashMap<>();
        for (Footprint f : fps) {
            if (stale.getAsBoolean()) {
                break;
            }
            RegularizationParameters q = p;
            if (!Double.isNaN(autoUnit)) {
                Polygon inPixels = (Polygon) org.locationtech.jts.geom.util.AffineTransformation
                        .scaleInstance(1 / autoUnit, 1 / autoUnit).transform(t.transform(f.polygon()));
                double px = AdaptiveTolerance.of(inPixels, RegularizationParameters.defaults(p.method()), null);
                chosen.put(f.id(), px);
                q = p.withTolerance(px * autoUnit);
            }
            out.put(f.id(), ReRegularize.regularize(f.polygon(), q, t));
        }
        return new Preview(out, chosen);
    }

    private void show(Preview preview, long gen) {
        if (gen != generation.get()) {
            return;
        }
        Map<Long, RegularizedBuilding> r = preview.results();
        results = r;
        chosen = preview.chosen();
        toleranceLabel.setText(toleranceText());
        int before = 0;
        int after = 0;
        int flagged = 0;
        for (Footprint f : targets) {
            RegularizedBuilding b = r.get(f.id());
            before += f.vertexCount();
            after += b.polygon().getNumPoints() - 1 - b.polygon().getNumInteriorRing();
            flagged += b.regularized() ? 0 : 1;
        }
        state.setText(before + " -> " + after + " vertices" + (flagged > 0 ? ", " + flagged
                + " not regularized (simplified only)" : ""));
        apply.setDisable(false);
        map.redraw();
    }

    private void drawPreview(GraphicsContext g, MapViewport v) {
        Envelope visible = v.visibleMap();
        for (Footprint f : targets) {
            RegularizedBuilding r = results.get(f.id());
            if (r == null || !visible.intersects(f.polygon().getEnvelopeInternal())) {
                continue;
            }
            Outlines.stroke(g, v, f.polygon(), OLD_BACKING, 4, false);
            Outlines.stroke(g, v, f.polygon(), OLD_OUTLINE, 1.5, true);
            Outlines.stroke(g, v, r.polygon(), NEW_OUTLINE, 2, false);
        }
    }

    /** The centre of the footprints being previewed (for tests and messages). */
    Coordinate centre() {
        return ReviewModel.extentOf(targets).centre();
    }
}
