package org.roofline.app.editor.tools;

import java.util.Objects;
import java.util.function.Consumer;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.UndoStack;

/**
 * The editing tools of one map, and the switching between them: what the editor's keys and menus call. Selecting is
 * the default tool; leaving the vertex tool (Escape) and finishing a drawing go through here, so the tools stay the
 * same instances. FX thread only.
 *
 * <p>Suggested keys: {@link #select()} Escape (or S), {@link #editVertices()} E, {@link #draw()} B,
 * {@link #move()} M, {@link #moveAll()} Shift+M, {@link #offset()} Ctrl+Shift+M, {@link #regularize()} Q.
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
    private RegularizePreview preview; // made on first use: it adds a layer to the map

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

    /** The preview panel, once {@link #regularize()} was called, else null. */
    public RegularizePreview regularizePreview() {
        return preview;
    }
}
