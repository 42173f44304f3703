package org.roofline.app.editor.tools;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.MergeFootprints;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;

/**
 * The editing tools of one map, and the switching between them: what the editor's keys and menus call. Selecting is
 * the default tool; leaving the vertex tool (Escape) and finishing a drawing go through here, so the tools stay the
 * same instances. FX thread only.
 *
 * <p>Suggested keys: {@link #select()} Escape (or S), {@link #editVertices()} E, {@link #draw()} B,
 * {@link #move()} M, {@link #moveAll()} Shift+M, {@link #offset()} Ctrl+Shift+M, {@link #regularize()} Q,
 * {@link #split()} X, {@link #merge()} C.
 */
public final class EditingTools {

    private final MapView map;
    private final UndoStack undo;
    private final Consumer<String> messages;
    private final SelectTool select;
    private final VertexEditTool vertices;
    private final DrawTool draw;
    private final MoveTool move;
    private final MoveTool moveAll;
    private final SplitTool split;
    private RegularizePreview preview; // made on first use: it adds a layer to the map

    /** The gap bridged by {@link #merge()}, in image pixels, where the image has no known ground size. */
    public static final double BRIDGE_PIXELS = 4;

    /** Makes the tools and activates {@link SelectTool}. */
    public EditingTools(MapView map, UndoStack undo, Consumer<String> messages) {
        this.map = Objects.requireNonNull(map, "map");
        this.undo = Objects.requireNonNull(undo, "undo");
        this.messages = Objects.requireNonNull(messages, "messages");
        select = new SelectTool(map, undo, messages);
        vertices = new VertexEditTool(map, undo, messages);
        draw = new DrawTool(map, undo, messages);
        move = new MoveTool(map, undo, messages);
        moveAll = new MoveTool(map, undo, messages);
        moveAll.setMoveAll(true);
        split = new SplitTool(map, undo, messages);
        vertices.setOnExit(this::select);
        draw.setOnDrawn(id -> editVertices());
        map.setTool(select);
    }

    /** The default tool: click, Shift/Ctrl+click, Shift+drag box, Ctrl+drag lasso. */
    public void select() {
        map.setTool(select);
    }

    /** Vertex editing of the current (or first selected) footprint. */
    public void editVertices() {
        map.setTool(vertices);
    }

    /** Drawing a rectangle footprint; the vertex tool takes over after each one. */
    public void draw() {
        map.setTool(draw);
    }

    /** Dragging moves the selection. */
    public void move() {
        map.setTool(move);
    }

    /** Dragging moves every footprint (imagery offset). */
    public void moveAll() {
        map.setTool(moveAll);
    }

    /** Splitting a footprint along a cut line drawn with clicks (see {@link SplitTool}). */
    public void split() {
        map.setTool(split);
    }

    /**
     * Merges the selected footprints into one ({@link MergeFootprints}): gaps up to
     * {@value MergeFootprints#BRIDGE_METRES} m on the ground are bridged (up to {@value #BRIDGE_PIXELS} image pixels
     * on an image without a known ground size). The merged footprint becomes the selection and the current one.
     *
     * @return whether footprints were merged (else the status bar says why and nothing changed)
     */
    public boolean merge() {
        ReviewModel m = map.model();
        List<Footprint> fps = FootprintPicker.selected(m, map.selection());
        if (fps.size() < 2) {
            messages.accept("Merge: select two or more footprints first (Shift+click, Shift+drag a box)");
            return false;
        }
        if (map.georeferencing() == null) {
            messages.accept("Merge: wait for the image to be read");
            return false;
        }
        RegularizationFrame frame = RegularizationFrame.of(map.georeferencing(), ReviewModel.extentOf(fps).centre());
        double bridge = frame.metric() ? MergeFootprints.BRIDGE_METRES : BRIDGE_PIXELS * frame.workingUnitsPerPixel();
        MergeFootprints merge;
        try {
            merge = MergeFootprints.of(fps, bridge, frame.mapToWorking(), frame.metric() ? "m" : "px");
        } catch (IllegalArgumentException e) {
            messages.accept("Merge: " + e.getMessage() + "; nothing changed");
            return false;
        }
        undo.execute(merge);
        map.selection().set(List.of(merge.keptId()));
        if (m.contains(merge.keptId())) {
            m.selectFootprint(merge.keptId());
        }
        messages.accept("Merged " + fps.size() + " footprints into " + merge.keptId() + " (Ctrl+Z undoes)");
        map.redraw();
        return true;
    }

    /** The typed-metres offset dialog (non-modal); null when it cannot open (said on the status bar). */
    public OffsetDialog offset() {
        return OffsetDialog.open(map, undo, messages);
    }

    /** The re-regularize panel with live preview for the selection. */
    public boolean regularize() {
        if (preview == null) {
            preview = new RegularizePreview(map, undo, messages);
        }
        return preview.open();
    }

    public SelectTool selectTool() {
        return select;
    }

    public VertexEditTool vertexTool() {
        return vertices;
    }

    public DrawTool drawTool() {
        return draw;
    }

    public MoveTool moveTool() {
        return move;
    }

    public MoveTool moveAllTool() {
        return moveAll;
    }

    public SplitTool splitTool() {
        return split;
    }

    /** The preview panel, once {@link #regularize()} was called, else null. */
    public RegularizePreview regularizePreview() {
        return preview;
    }
}
