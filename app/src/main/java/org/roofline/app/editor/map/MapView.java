package org.roofline.app.editor.map;

import org.roofline.app.editor.map.internal.RasterImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.app.editor.actions.EditorAction;
import org.roofline.app.editor.actions.KeyMap;
import org.roofline.app.editor.map.internal.CoordinateText;
import org.roofline.app.editor.map.internal.IndexedFootprint;
import org.roofline.app.editor.map.internal.LiveFootprintIndex;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.Selection;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RasterInfo;
import org.roofline.inference.imagery.RasterWindow;

/**
 * The map: the image (tiled, level of detail, read in the background: {@link ImageryLayer}), the review tile grid
 * ({@link ReviewTilesLayer}), the footprints ({@link FootprintLayer}) and their validation markers
 * ({@link ValidationLayer}), then the layers added with {@link #addLayer}, the active tool's overlay, the legend and
 * a scale bar. Everything is drawn in the image's full-resolution pixel grid scaled and shifted onto a canvas
 * ({@link MapViewport}).
 *
 * <p><b>Navigation.</b> The wheel zooms around the cursor; dragging with the middle or right button always pans (the
 * tool hears the press and release, not the drag), with the left button when the active tool does not consume the
 * drag; with the focus, the keys of its {@link MapKeys} actions pan and zoom (after the tool has had the key), as
 * remapped in the {@link KeyMap} it is given ({@link #useKeys}). {@link #zoomToSelection()}, {@link #zoomToTile(int)},
 * {@link #zoomToImage()}, {@link #pan}, {@link #zoomIn()}, {@link #zoomOut()} do the same for menus and the editor's
 * keys. {@link #cursorTextProperty()} is the position under the mouse in the image's CRS, for the status bar.
 *
 * <p><b>Threads.</b> FX thread only; the image is read on background threads ({@link #loadOverview} on the executor
 * it is given, tiles on the imagery layer's own threads) and the map redraws when they deliver.
 */
public final class MapView extends Region {

    /** The overview is read so that its longer side is at most this many pixels. */
    public static final int OVERVIEW_SIZE = 1024;
    /** Zoom factor of one {@link #zoomIn()} step. */
    public static final double ZOOM_STEP = 1.5;
    /** The largest scale: screen pixels per image pixel. */
    public static final double MAX_SCALE = 64;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final Canvas canvas = new Canvas();
    private final ReviewModel model;
    private final Selection selection;
    private final LiveFootprintIndex index;
    private final ImageryLayer imagery;
    private final ReviewTilesLayer tilesLayer;
    private final FootprintLayer footprintLayer;
    private final ValidationLayer validationLayer;
    private final List<MapLayer> layers = new ArrayList<>();
    private MapTool tool = MapTool.NONE;
    private final List<EditorAction> keyActions;
    private KeyMap keys;
    private final ReadOnlyObjectWrapper<Image> overview = new ReadOnlyObjectWrapper<>(this, "overview");
    private final ReadOnlyObjectWrapper<Throwable> loadError = new ReadOnlyObjectWrapper<>(this, "loadError");
    private final ReadOnlyStringWrapper cursorText = new ReadOnlyStringWrapper(this, "cursorText", "");
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private final ReadOnlyObjectWrapper<ScaleBar> scaleBar = new ReadOnlyObjectWrapper<>(this, "scaleBar");
    private RasterInfo info;
    private Georeferencing georef = Georeferencing.none();
    // view: screen = (pixel - offset) * scale
    private double scale = 1;
    private double offX;
    private double offY;
    private boolean fitted;
    private Envelope pendingExtent;
    private double dragX;
    private double dragY;
    private boolean panning;
    private boolean redrawRequested;
    private boolean scaleBarVisible = true;
    private long lastDrawNanos;

    public MapView(ReviewModel model, Selection selection) {
        this.model = Objects.requireNonNull(model, "model");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.index = new LiveFootprintIndex(model.footprints());
        this.imagery = new ImageryLayer(this::requestRedraw, loadError::set);
        this.tilesLayer = new ReviewTilesLayer(model, this::requestRedraw);
        this.footprintLayer = new FootprintLayer(model, selection, index, this::requestRedraw);
        this.validationLayer = new ValidationLayer(index, this::requestRedraw,
                () -> footprintLayer.isVisible() ? footprintLayer.lastFrame().visible() : -1);
        selection.addListener(this::requestRedraw);
        model.addListener(this::modelChanged);
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(100, 100);
        setPrefSize(900, 700);
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnMouseExited(e -> {
            mouseX = Double.NaN;
            cursorText.set("");
        });
        setOnMouseMoved(e -> {
            updateCursor(e);
            if (tool.moved(mouse(e))) {
                e.consume();
                requestRedraw();
            }
        });
        setOnScroll(this::scrolled);
        this.keyActions = MapKeys.actions(this);
        this.keys = new KeyMap(keyActions, null);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    /** The map's pan and zoom actions with their default keys ({@link MapKeys}), for an editor's action list. */
    public List<EditorAction> keyActions() {
        return keyActions;
    }

    /** Takes the keys of {@link #keyActions()} from {@code keyMap} (an editor's, with the user's remappings). */
    public void useKeys(KeyMap keyMap) {
        for (EditorAction a : keyActions) {
            keyMap.action(a.id()); // fails now, not at the first key, if the map's actions are missing
        }
        this.keys = keyMap;
    }

    private void modelChanged(ReviewEvent e) {
        if (e.kind() == ReviewEvent.Kind.FOOTPRINTS) {
            List<Envelope> touched = index.apply(e, model);
            List<Long> ids = new ArrayList<>(e.changedIds());
            ids.addAll(e.removedIds());
            validationLayer.invalidate(touched, ids);
            footprintLayer.footprintsChanged();
        }
        requestRedraw();
    }

    // ---------------------------------------------------------------- image

    /** The overview image once loaded, else null. */
    public ReadOnlyObjectProperty<Image> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    public Image getOverview() {
        return overview.get();
    }

    /** The failure of the last load or tile read, else null. */
    public ReadOnlyObjectProperty<Throwable> loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /**
     * Opens the image and reads its overview on {@code executor} (never the FX thread); when done, the map shows it,
     * fits it to the view and starts reading full-resolution tiles as the view needs them (on the imagery layer's
     * threads). A failure goes to {@link #loadErrorProperty()} (a {@code RooflineInputException} names the file and
     * the problem).
     */
    public Task<Image> loadOverview(Path imageFile, Executor executor) {
        Objects.requireNonNull(imageFile, "imageFile");
        Objects.requireNonNull(executor, "executor");
        Task<Image> task = new Task<>() {
            private RasterInfo readInfo;
            private RasterImages.Stretch stretch;
            private int sub;

            @Override
            protected Image call() throws Exception {
                try (GeoImage img = GeoImage.open(imageFile)) {
                    readInfo = img.info();
                    int longest = Math.max(readInfo.width(), readInfo.height());
                    sub = Math.max(1, (int) Math.ceil(longest / (double) OVERVIEW_SIZE));
                    RasterWindow w = img.readAll(sub);
                    stretch = RasterImages.Stretch.of(w, readInfo.nodata()); // 2-98 % cut for 16-bit imagery
                    return RasterImages.toImage(w, stretch);
                }
            }

            @Override
            protected void succeeded() {
                info = readInfo;
                georef = readInfo.georef();
                org.locationtech.jts.geom.Envelope extent = readInfo.extent();
                validationLayer.setFrame(org.roofline.app.review.Validation.Frame.of(
                        georef.crs() != null && georef.crs().isGeographic(), extent.centre().y, extent));
                imagery.start(imageFile, readInfo, getValue(), sub, stretch);
                overview.set(getValue());
                fitted = false;
                layoutChildren();
            }

            @Override
            protected void failed() {
                loadError.set(getException());
            }
        };
        executor.execute(task);
        return task;
    }

    /** Stops the imagery layer's reading threads (when the editor closes). */
    public void dispose() {
        imagery.close();
    }

    // ---------------------------------------------------------------- view

    /** Fits an extent in map units (e.g. the current review tile) to the view; applied at layout if not laid out. */
    public void showMapExtent(Envelope mapExtent) {
        if (mapExtent == null || mapExtent.isNull()) {
            return;
        }
        if (getWidth() <= 0 || getHeight() <= 0) {
            pendingExtent = mapExtent;
            return;
        }
        Envelope px = pixelEnvelope(mapExtent);
        fit(px.getMinX(), px.getMinY(), px.getWidth(), px.getHeight());
    }

    /** The image pixels covering a map extent (its four corners, so that a rotated georeferencing is covered). */
    private Envelope pixelEnvelope(Envelope mapExtent) {
        Envelope px = new Envelope();
        px.expandToInclude(georef.toPixel(new Coordinate(mapExtent.getMinX(), mapExtent.getMinY())));
        px.expandToInclude(georef.toPixel(new Coordinate(mapExtent.getMaxX(), mapExtent.getMaxY())));
        px.expandToInclude(georef.toPixel(new Coordinate(mapExtent.getMinX(), mapExtent.getMaxY())));
        px.expandToInclude(georef.toPixel(new Coordinate(mapExtent.getMaxX(), mapExtent.getMinY())));
        return px;
    }

    /** Shows a review tile; false if there is no such tile. */
    public boolean zoomToTile(int tile) {
        if (tile < 0 || tile >= model.tiles().count()) {
            return false;
        }
        showMapExtent(model.tiles().envelope(tile));
        return true;
    }

    /** Shows the whole image (or, before it is read, every footprint). */
    public void zoomToImage() {
        if (info != null) {
            fit(0, 0, info.width(), info.height());
        } else {
            showMapExtent(ReviewModel.extentOf(model.footprints()));
        }
    }

    /** The least ground extent (metres, each way) {@link #zoomToSelection} shows: a few houses' worth of context. */
    public static final double MIN_ZOOM_METRES = 40;

    /** The least extent (image pixels, each way) {@link #zoomToSelection} shows on an image without ground metres. */
    public static final double MIN_ZOOM_PIXELS = 96;

    /**
     * Shows the selected footprints (the current footprint when nothing is selected) with context: a margin of at
     * least their size on every side, and at least {@link #MIN_ZOOM_METRES} of ground each way ({@link
     * #MIN_ZOOM_PIXELS} image pixels when the ground size is unknown), at most {@link #MAX_SCALE}; false when there
     * is nothing to show.
     */
    public boolean zoomToSelection() {
        Envelope px = new Envelope();
        List<Long> ids = new ArrayList<>(selection.ids());
        if (ids.isEmpty()) {
            model.currentFootprint().ifPresent(f -> ids.add(f.id()));
        }
        for (long id : ids) {
            IndexedFootprint f = index.get(id);
            if (f != null) {
                px.expandToInclude(f.pixelEnvelope(georef));
            }
        }
        if (px.isNull()) {
            return false;
        }
        px.expandBy(Math.max(px.getWidth(), px.getHeight()));
        Coordinate c = px.centre();
        double minW = MIN_ZOOM_PIXELS;
        double minH = MIN_ZOOM_PIXELS;
        Optional<Georeferencing.PixelSize> ground = georef.isGeoreferenced()
                ? georef.groundPixelSize((int) Math.round(2 * c.x), (int) Math.round(2 * c.y)) : Optional.empty();
        if (ground.isPresent() && ground.get().x() > 0 && ground.get().y() > 0) {
            minW = MIN_ZOOM_METRES / ground.get().x();
            minH = MIN_ZOOM_METRES / ground.get().y();
        }
        px.expandBy(Math.max(0, (minW - px.getWidth()) / 2), Math.max(0, (minH - px.getHeight()) / 2));
        fit(px.getMinX(), px.getMinY(), px.getWidth(), px.getHeight());
        return true;
    }

    /**
     * Brings a map extent (a footprint) into view: nothing moves when it is already wholly shown; else the view is
     * centred on it at the same scale, or fitted to it (with a margin of half its size) when it is larger than the view.
     */
    public void reveal(Envelope mapExtent) {
        if (mapExtent == null || mapExtent.isNull()) {
            return;
        }
        if (getWidth() <= 0 || getHeight() <= 0 || !fitted) {
            Envelope e = new Envelope(mapExtent);
            e.expandBy(Math.max(e.getWidth(), e.getHeight()));
            showMapExtent(e);
            return;
        }
        if (viewport().visibleMap().contains(mapExtent)) {
            return;
        }
        Envelope px = pixelEnvelope(mapExtent);
        if (px.getWidth() * scale > getWidth() || px.getHeight() * scale > getHeight()) {
            px.expandBy(Math.max(px.getWidth(), px.getHeight()) / 2);
            fit(px.getMinX(), px.getMinY(), px.getWidth(), px.getHeight());
            return;
        }
        offX = px.centre().x - getWidth() / 2 / scale;
        offY = px.centre().y - getHeight() / 2 / scale;
        requestRedraw();
    }

    /** Moves the view by a screen distance (positive: the map moves left / up, showing what is right / below). */
    public void pan(double dxScreen, double dyScreen) {
        offX += dxScreen / scale;
        offY += dyScreen / scale;
        requestRedraw();
    }

    public void zoomIn() {
        zoomBy(ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomBy(1 / ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms by a factor keeping the map point under a screen position in place. */
    public void zoomBy(double factor, double sx, double sy) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("zoom factor must be positive and finite, was " + factor);
        }
        double px = offX + sx / scale;
        double py = offY + sy / scale;
        scale = clampScale(scale * factor);
        offX = px - sx / scale;
        offY = py - sy / scale;
        requestRedraw();
    }

    /** Sets the view directly: screen pixels per image pixel, and the image pixel at the screen's top-left corner. */
    public void setView(double newScale, double offsetX, double offsetY) {
        if (!(newScale > 0) || Double.isInfinite(newScale) || !Double.isFinite(offsetX) || !Double.isFinite(offsetY)) {
            throw new IllegalArgumentException("bad view: scale " + newScale + ", offset " + offsetX + ", " + offsetY);
        }
        scale = clampScale(newScale);
        offX = offsetX;
        offY = offsetY;
        fitted = true;
        requestRedraw();
    }

    private double clampScale(double s) {
        return Math.max(1e-5, Math.min(MAX_SCALE, s));
    }

    public double scale() {
        return scale;
    }

    /** What the map shows now. */
    public MapViewport viewport() {
        return new MapViewport(scale, offX, offY, Math.max(1, getWidth()), Math.max(1, getHeight()), georef);
    }

    /** The image's georeferencing ({@link Georeferencing#none()} until the image is read). */
    public Georeferencing georeferencing() {
        return georef;
    }

    /** The image's size and georeferencing once read, else null. */
    public RasterInfo imageInfo() {
        return info;
    }

    /** The map position under the mouse in the image's CRS, formatted for a status bar (empty until it moves). */
    public ReadOnlyStringProperty cursorTextProperty() {
        return cursorText.getReadOnlyProperty();
    }

    /** The scale bar of the last frame (null before the first). */
    public ReadOnlyObjectProperty<ScaleBar> scaleBarProperty() {
        return scaleBar.getReadOnlyProperty();
    }

    public void setScaleBarVisible(boolean v) {
        scaleBarVisible = v;
        requestRedraw();
    }

    // ---------------------------------------------------------------- layers and tools

    public ReviewModel model() {
        return model;
    }

    public Selection selection() {
        return selection;
    }

    public ImageryLayer imageryLayer() {
        return imagery;
    }

    public ReviewTilesLayer reviewTilesLayer() {
        return tilesLayer;
    }

    public FootprintLayer footprintLayer() {
        return footprintLayer;
    }

    public ValidationLayer validationLayer() {
        return validationLayer;
    }

    /** Adds a layer on top of the others (the built-in layers are always below). */
    public void addLayer(MapLayer layer) {
        layers.add(Objects.requireNonNull(layer, "layer"));
        requestRedraw();
    }

    /** The added layers, bottom to top (not the built-in ones). */
    public List<MapLayer> layers() {
        return List.copyOf(layers);
    }

    /** Makes a tool active (the previous one is told); {@link MapTool#NONE} to pan only. */
    public void setTool(MapTool newTool) {
        Objects.requireNonNull(newTool, "newTool");
        tool.deactivated(this);
        tool = newTool;
        setCursor(tool.cursor());
        tool.activated(this);
        requestRedraw();
    }

    public MapTool getTool() {
        return tool;
    }

    private MapTool.MapMouse mouse(MouseEvent e) {
        MapViewport v = viewport();
        return new MapTool.MapMouse(e, v, v.toMap(e.getX(), e.getY()));
    }

    private void fit(double x, double y, double w, double h) {
        if (w <= 0 || h <= 0) {
            return;
        }
        if (getWidth() <= 0 || getHeight() <= 0) {
            pendingExtent = georef.toMap(GEOMETRY.toGeometry(new Envelope(x, x + w, y, y + h))).getEnvelopeInternal();
            return;
        }
        scale = clampScale(Math.min(getWidth() / w, getHeight() / h));
        offX = x + w / 2 - getWidth() / 2 / scale;
        offY = y + h / 2 - getHeight() / 2 / scale;
        fitted = true;
        requestRedraw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        if (getWidth() > 0 && getHeight() > 0) {
            if (pendingExtent != null) {
                Envelope e = pendingExtent;
                pendingExtent = null;
                showMapExtent(e);
            } else if (!fitted && info != null) {
                fit(0, 0, info.width(), info.height());
            }
        }
        requestRedraw();
    }

    // ---------------------------------------------------------------- input

    private void updateCursor(MouseEvent e) {
        mouseX = e.getX();
        mouseY = e.getY();
        updateCursorText();
    }

    /** The position under the mouse, also when the map moves under a still mouse (keys, zoom). */
    private void updateCursorText() {
        if (!Double.isNaN(mouseX)) {
            cursorText.set(CoordinateText.of(viewport().toMap(mouseX, mouseY), georef));
        }
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        // middle and right drags pan whatever the tool; the tool still hears the press (and the release)
        panning = e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.SECONDARY;
        if (tool.pressed(mouse(e))) {
            e.consume();
            requestRedraw();
        }
    }

    private void dragged(MouseEvent e) {
        updateCursor(e);
        if (!panning && tool.dragged(mouse(e))) {
            e.consume();
            requestRedraw();
            return;
        }
        if (panning || e.isPrimaryButtonDown()) {
            pan(dragX - e.getX(), dragY - e.getY());
            dragX = e.getX();
            dragY = e.getY();
            e.consume();
        }
    }

    private void released(MouseEvent e) {
        panning = false;
        if (tool.released(mouse(e))) {
            e.consume();
            requestRedraw();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        zoomBy(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        if (tool.keyPressed(e)) {
            e.consume();
            requestRedraw();
            return;
        }
        for (EditorAction a : keyActions) {
            KeyCombination k = keys.keyOf(a.id());
            if (k != null && k.match(e)) {
                a.handler().run();
                e.consume();
                return;
            }
        }
    }

    // ---------------------------------------------------------------- drawing

    /** Redraws in the next pass of the FX event loop; many requests before it make one redraw. Any thread. */
    public void requestRedraw() {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(this::requestRedraw);
            return;
        }
        if (!redrawRequested) {
            redrawRequested = true;
            Platform.runLater(() -> {
                if (redrawRequested) {
                    redraw();
                }
            });
        }
    }

    /** Redraws now: the layers, the tool's overlay, the legend and the scale bar (FX thread). */
    public void redraw() {
        long t0 = System.nanoTime();
        redrawRequested = false;
        updateCursorText();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.gray(0.15));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        MapViewport v = viewport();
        for (MapLayer layer : List.of(imagery, tilesLayer, footprintLayer, validationLayer)) {
            if (layer.isVisible()) {
                layer.draw(g, v);
            }
        }
        for (MapLayer layer : layers) {
            if (layer.isVisible()) {
                layer.draw(g, v);
            }
        }
        tool.drawOverlay(g, v);
        footprintLayer.drawLegend(g);
        ScaleBar bar = ScaleBar.of(v, 120);
        scaleBar.set(bar);
        if (scaleBarVisible) {
            bar.draw(g, v);
        }
        lastDrawNanos = System.nanoTime() - t0;
    }

    /** How long the last {@link #redraw()} took on the FX thread (recording the canvas commands, not rendering). */
    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    /** The footprints drawn in the last frame (a test and status-bar aid): see {@link FootprintLayer#lastFrame()}. */
    public FootprintLayer.Frame lastFootprintFrame() {
        return footprintLayer.lastFrame();
    }

    /** The footprint ids in a map area, from the live index (e.g. for a box selection tool). */
    public List<Long> footprintIdsIn(Envelope mapArea) {
        List<Long> ids = new ArrayList<>();
        for (IndexedFootprint f : index.query(mapArea)) {
            ids.add(f.id());
        }
        return ids;
    }

}
