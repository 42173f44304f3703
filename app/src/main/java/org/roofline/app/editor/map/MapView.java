package org.roofline.app.editor.map;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.Selection;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RasterInfo;
import org.roofline.inference.imagery.RasterWindow;

/**
 * A minimal map: the image's overview (read on a background thread) and the model's footprints coloured by status,
 * in the image's full-resolution pixel coordinates. Drag to pan, scroll to zoom around the cursor. Use on the FX
 * thread only, except {@link #loadOverview} which starts its own background task.
 */
public final class MapView extends Region {

    /** The overview is read so that its longer side is at most this many pixels. */
    public static final int OVERVIEW_SIZE = 2048;

    private final Canvas canvas = new Canvas();
    private final ReviewModel model;
    private final Selection selection;
    private final List<MapLayer> layers = new ArrayList<>();
    private MapTool tool = MapTool.NONE;
    private final ReadOnlyObjectWrapper<Image> overview = new ReadOnlyObjectWrapper<>(this, "overview");
    private final ReadOnlyObjectWrapper<Throwable> loadError = new ReadOnlyObjectWrapper<>(this, "loadError");
    private RasterInfo info;
    private Georeferencing georef = Georeferencing.none();
    // view: screen = (pixel - offset) * scale
    private double scale = 1;
    private double offX;
    private double offY;
    private boolean fitted;
    private double dragX;
    private double dragY;

    public MapView(ReviewModel model, Selection selection) {
        this.model = Objects.requireNonNull(model, "model");
        this.selection = Objects.requireNonNull(selection, "selection");
        selection.addListener(this::redraw);
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(100, 100);
        setPrefSize(900, 700);
        model.addListener(e -> redraw());
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(e -> {
            if (tool.released(mouse(e))) {
                e.consume();
                redraw();
            }
        });
        setOnMouseMoved(e -> {
            if (tool.moved(mouse(e))) {
                e.consume();
                redraw();
            }
        });
        setOnScroll(this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (tool.keyPressed(e)) {
                e.consume();
                redraw();
            }
        });
    }

    /** The overview image once loaded, else null. */
    public ReadOnlyObjectProperty<Image> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    public Image getOverview() {
        return overview.get();
    }

    /** The failure of the last load, else null. */
    public ReadOnlyObjectProperty<Throwable> loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /** Reads the image's overview on {@code executor} (never the FX thread) and shows it when done. */
    public Task<Image> loadOverview(Path imageFile, Executor executor) {
        Task<Image> task = new Task<>() {
            private RasterInfo readInfo;

            @Override
            protected Image call() throws Exception {
                try (GeoImage img = GeoImage.open(imageFile)) {
                    readInfo = img.info();
                    int longest = Math.max(readInfo.width(), readInfo.height());
                    int sub = Math.max(1, (int) Math.ceil(longest / (double) OVERVIEW_SIZE));
                    RasterWindow w = img.read(new Rectangle(0, 0, readInfo.width(), readInfo.height()), sub);
                    return RasterImages.toImage(w);
                }
            }

            @Override
            protected void succeeded() {
                info = readInfo;
                georef = readInfo.georef();
                overview.set(getValue());
                fitted = false;
                layoutChildren();
                redraw();
            }

            @Override
            protected void failed() {
                loadError.set(getException());
            }
        };
        executor.execute(task);
        return task;
    }

    /** Centres the view on an extent in map units (e.g. the current review tile). */
    public void showMapExtent(Envelope mapExtent) {
        if (mapExtent == null || mapExtent.isNull() || getWidth() <= 0) {
            return;
        }
        Coordinate a = georef.toPixel(new Coordinate(mapExtent.getMinX(), mapExtent.getMinY()));
        Coordinate b = georef.toPixel(new Coordinate(mapExtent.getMaxX(), mapExtent.getMaxY()));
        fit(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
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

    public ReviewModel model() {
        return model;
    }

    public Selection selection() {
        return selection;
    }

    /** Adds a layer on top of the others. */
    public void addLayer(MapLayer layer) {
        layers.add(Objects.requireNonNull(layer, "layer"));
        redraw();
    }

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
        redraw();
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
        scale = Math.min(getWidth() / w, getHeight() / h);
        offX = x + w / 2 - getWidth() / 2 / scale;
        offY = y + h / 2 - getHeight() / 2 / scale;
        redraw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        if (!fitted && info != null && getWidth() > 0 && getHeight() > 0) {
            fitted = true;
            fit(0, 0, info.width(), info.height());
        }
        redraw();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        if (tool.pressed(mouse(e))) {
            e.consume();
            redraw();
        }
    }

    private void dragged(MouseEvent e) {
        if (tool.dragged(mouse(e))) {
            e.consume();
            redraw();
            return;
        }
        if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.MIDDLE) {
            offX -= (e.getX() - dragX) / scale;
            offY -= (e.getY() - dragY) / scale;
            dragX = e.getX();
            dragY = e.getY();
            redraw();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.0015, e.getDeltaY());
        double px = offX + e.getX() / scale;
        double py = offY + e.getY() / scale;
        scale = Math.max(1e-4, Math.min(64, scale * factor));
        offX = px - e.getX() / scale;
        offY = py - e.getY() / scale;
        redraw();
        e.consume();
    }

    /** Redraws the image and the footprints (FX thread). */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.gray(0.15));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Image img = overview.get();
        if (img != null && info != null) {
            g.setImageSmoothing(false);
            g.drawImage(img, -offX * scale, -offY * scale, info.width() * scale, info.height() * scale);
        }
        long current = model.currentFootprint().map(Footprint::id).orElse(-1L);
        for (Footprint f : model.footprints()) {
            Coordinate[] cs = f.polygon().getExteriorRing().getCoordinates();
            double[] xs = new double[cs.length];
            double[] ys = new double[cs.length];
            for (int k = 0; k < cs.length; k++) {
                Coordinate p = georef.toPixel(cs[k]);
                xs[k] = (p.x - offX) * scale;
                ys[k] = (p.y - offY) * scale;
            }
            Color c = colour(f.status());
            g.setFill(c.deriveColor(0, 1, 1, 0.25));
            g.fillPolygon(xs, ys, cs.length);
            g.setStroke(c);
            boolean selected = f.id() == current || selection.contains(f.id());
            g.setLineWidth(selected ? 3 : 1.5);
            g.strokePolygon(xs, ys, cs.length);
        }
        MapViewport v = viewport();
        for (MapLayer layer : layers) {
            if (layer.isVisible()) {
                layer.draw(g, v);
            }
        }
        tool.drawOverlay(g, v);
    }

    /** The colour of a status: pending yellow, accepted green, rejected red, edited blue. */
    public static Color colour(ReviewStatus s) {
        return switch (s) {
            case PENDING -> Color.YELLOW;
            case ACCEPTED -> Color.LIMEGREEN;
            case REJECTED -> Color.RED;
            case EDITED -> Color.DODGERBLUE;
        };
    }
}
