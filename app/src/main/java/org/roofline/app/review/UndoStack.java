package org.roofline.app.review;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Runs commands on a model and keeps them for undo and redo. A new command clears the redo history; the undo
 * history keeps at most {@code maxSize} commands (the oldest are dropped).
 */
public final class UndoStack {

    public static final int DEFAULT_MAX_SIZE = 100;

    private final ReviewModel model;
    private final int maxSize;
    private final Deque<ReviewCommand> undo = new ArrayDeque<>();
    private final Deque<ReviewCommand> redo = new ArrayDeque<>();

    public UndoStack(ReviewModel model, int maxSize) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxSize < 1) {
            throw new IllegalArgumentException("history size must be at least 1, was " + maxSize);
        }
        this.maxSize = maxSize;
    }

    public UndoStack(ReviewModel model) {
        this(model, DEFAULT_MAX_SIZE);
    }

    /** Applies a command and records it; if apply throws, nothing is recorded. */
    public void execute(ReviewCommand command) {
        command.apply(model);
        undo.push(command);
        redo.clear();
        while (undo.size() > maxSize) {
            undo.removeLast();
        }
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Undoes the last command. @throws IllegalStateException when there is nothing to undo */
    public void undo() {
        if (undo.isEmpty()) {
            throw new IllegalStateException("nothing to undo");
        }
        ReviewCommand c = undo.pop();
        c.undo(model);
        redo.push(c);
    }

    /** Redoes the last undone command. @throws IllegalStateException when there is nothing to redo */
    public void redo() {
        if (redo.isEmpty()) {
            throw new IllegalStateException("nothing to redo");
        }
        ReviewCommand c = redo.pop();
        c.apply(model);
        undo.push(c);
    }

    /** The description of what undo would undo, or null. */
    public String undoDescription() {
        return undo.isEmpty() ? null : undo.peek().description();
    }

    public String redoDescription() {
        return redo.isEmpty() ? null : redo.peek().description();
    }

    public int undoSize() {
        return undo.size();
    }

    public int redoSize() {
        return redo.size();
    }
}
