package org.roofline.app.review;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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

    private boolean busy;
    private Background background;
    private final java.util.List<java.util.function.Consumer<ReviewCommand>> executed =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with every command once it is applied and recorded by an execute (not by undo or redo),
     * e.g. to count the review decisions it made ({@link FootprintCommand#decisions()}).
     */
    public void addExecutedListener(java.util.function.Consumer<ReviewCommand> listener) {
        executed.add(Objects.requireNonNull(listener, "listener"));
    }

    private void executed(ReviewCommand c) {
        for (java.util.function.Consumer<ReviewCommand> l : executed) {
            l.accept(c);
        }
    }

    /**
     * Makes {@link #execute}, {@link #undo} and {@link #redo} save large changes in the background (see
     * {@link #executeInBackground}); a failed background save goes to the background's failure handler. Null: every
     * change is saved on the calling thread (the default).
     */
    public void setBackground(Background bg) {
        this.background = bg;
    }

    /**
     * Applies a command and records it; if apply throws, nothing is recorded. With {@link #setBackground} a large
     * change is applied (and recorded) only once saved in the background, after this returns.
     */
    public void execute(ReviewCommand command) {
        if (background != null) {
            report(executeInBackground(command, background));
            return;
        }
        executeNow(command);
    }

    private void report(CompletableFuture<Void> f) {
        Background bg = background;
        f.whenComplete((ok, err) -> {
            if (err != null && bg != null) {
                bg.onFailure().accept(err);
            }
        });
    }

    private void executeNow(ReviewCommand command) {
        requireIdle();
        command.apply(model);
        undo.push(command);
        redo.clear();
        while (undo.size() > maxSize) {
            undo.removeLast();
        }
        executed(command);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Undoes the last command. @throws IllegalStateException when there is nothing to undo */
    public void undo() {
        if (background != null) {
            report(undoInBackground(background));
            return;
        }
        undoNow();
    }

    private void undoNow() {
        if (undo.isEmpty()) {
            throw new IllegalStateException("nothing to undo");
        }
        requireIdle();
        ReviewCommand c = undo.pop();
        try {
            c.undo(model);
        } catch (RuntimeException e) {
            undo.push(c);
            throw e;
        }
        redo.push(c);
    }

    /** Redoes the last undone command. @throws IllegalStateException when there is nothing to redo */
    public void redo() {
        if (background != null) {
            report(redoInBackground(background));
            return;
        }
        redoNow();
    }

    private void redoNow() {
        if (redo.isEmpty()) {
            throw new IllegalStateException("nothing to redo");
        }
        requireIdle();
        ReviewCommand c = redo.pop();
        try {
            c.apply(model);
        } catch (RuntimeException e) {
            redo.push(c);
            throw e;
        }
        undo.push(c);
    }

    // ---------------------------------------------------------------- large changes saved in the background

    /** How large changes are saved without blocking the model's thread (the UI thread in the editor). */
    public record Background(int threshold, Executor saver, Executor modelThread,
                             java.util.function.Consumer<Throwable> onFailure) {
        public Background {
            if (threshold < 0) {
                throw new IllegalArgumentException("threshold must be >= 0: " + threshold);
            }
            Objects.requireNonNull(saver, "saver");
            Objects.requireNonNull(modelThread, "modelThread");
            Objects.requireNonNull(onFailure, "onFailure");
        }

        /** Failures of saves started by {@link #execute}, {@link #undo}, {@link #redo} are dropped. */
        public Background(int threshold, Executor saver, Executor modelThread) {
            this(threshold, saver, modelThread, e -> { });
        }
    }

    /**
     * Whether a large change is being saved: until it is, the model shows the state before it and this stack refuses
     * commands, undo and redo (an {@link IllegalStateException} saying so).
     */
    public boolean isBusy() {
        return busy;
    }

    /**
     * Like {@link #execute}, but a footprint command changing more than {@code bg.threshold()} footprints is saved
     * on {@code bg.saver()} while the calling (model) thread goes on; the model changes, and the command is recorded,
     * on {@code bg.modelThread()} once the save has committed, so what the user sees is always saved. Smaller changes
     * run at once, as {@link #execute} does. The future completes when the command is applied, exceptionally if the
     * save failed (then nothing changed and nothing is recorded). Call from the model thread.
     */
    public CompletableFuture<Void> executeInBackground(ReviewCommand command, Background bg) {
        requireIdle();
        if (!(command instanceof FootprintCommand fc)) {
            executeNow(command);
            return CompletableFuture.completedFuture(null);
        }
        FootprintCommand.Change c = fc.forward(model);
        return run(c, bg, () -> {
            undo.push(command);
            redo.clear();
            while (undo.size() > maxSize) {
                undo.removeLast();
            }
            executed(command);
        });
    }

    /** Like {@link #undo}, saving a large change in the background (see {@link #executeInBackground}). */
    public CompletableFuture<Void> undoInBackground(Background bg) {
        requireIdle();
        if (undo.isEmpty()) {
            throw new IllegalStateException("nothing to undo");
        }
        if (!(undo.peek() instanceof FootprintCommand fc)) {
            undoNow();
            return CompletableFuture.completedFuture(null);
        }
        return run(fc.backward(), bg, () -> redo.push(undo.pop()));
    }

    /** Like {@link #redo}, saving a large change in the background (see {@link #executeInBackground}). */
    public CompletableFuture<Void> redoInBackground(Background bg) {
        requireIdle();
        if (redo.isEmpty()) {
            throw new IllegalStateException("nothing to redo");
        }
        if (!(redo.peek() instanceof FootprintCommand fc)) {
            redoNow();
            return CompletableFuture.completedFuture(null);
        }
        return run(fc.forward(model), bg, () -> undo.push(redo.pop()));
    }

    private CompletableFuture<Void> run(FootprintCommand.Change c, Background bg, Runnable record) {
        ReviewModel.StagedChange staged = model.stage(c.upserts(), c.removals());
        if (staged.size() <= bg.threshold()) {
            model.persist(staged);
            model.commit(staged);
            record.run();
            return CompletableFuture.completedFuture(null);
        }
        busy = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> model.persist(staged), bg.saver()).whenComplete((ok, err) ->
                bg.modelThread().execute(() -> {
                    busy = false;
                    if (err != null) {
                        done.completeExceptionally(err instanceof java.util.concurrent.CompletionException
                                && err.getCause() != null ? err.getCause() : err);
                        return;
                    }
                    model.commit(staged);
                    record.run();
                    done.complete(null);
                }));
        return done;
    }

    private void requireIdle() {
        if (busy) {
            throw new IllegalStateException("still saving the last change; wait a moment");
        }
    }

    /** The command undo would undo, or null. */
    public ReviewCommand undoCommand() {
        return undo.peek();
    }

    /** The command redo would redo, or null. */
    public ReviewCommand redoCommand() {
        return redo.peek();
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
