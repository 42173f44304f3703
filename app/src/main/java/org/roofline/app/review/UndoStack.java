package org.roofline.app.review;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs commands on a model and keeps them for undo and redo (JOSM's {@code UndoRedoHandler}); the one place where a
 * {@link ReviewCommand}'s change is applied: staged, persisted, then committed to the model
 * ({@link ReviewModel#stage}, {@link ReviewModel#persist}, {@link ReviewModel#commit}), for execute, undo and redo
 * alike. A new command clears the redo history; the undo history keeps at most {@code maxSize} commands (the oldest
 * are dropped).
 *
 * <p><b>Where a change is saved</b>, by one rule: on the {@link Background#saver()} thread when a background is set
 * ({@link #setBackground}) and the change touches more than its {@link Background#threshold()} footprints; else on
 * the calling thread, before {@link #execute}, {@link #undo} or {@link #redo} returns. A change saved in the
 * background is shown by the model (and recorded here) on {@link Background#modelThread()} only once the save has
 * returned, so what the user sees is always saved; meanwhile the stack is {@link #isBusy()} and refuses commands,
 * undo and redo.
 *
 * <p><b>Failures.</b> A command that does not fit the model, a refusal while busy, and a failed save on the calling
 * thread are thrown; a failed background save completes the returned future exceptionally and is passed to the
 * background's failure handler. Either way the model is unchanged and nothing is recorded.
 */
public final class UndoStack {

    public static final int DEFAULT_MAX_SIZE = 100;

    /** How large changes are saved without blocking the model's thread (the UI thread in the editor). */
    public record Background(int threshold, Executor saver, Executor modelThread, Consumer<Throwable> onFailure) {
        public Background {
            if (threshold < 0) {
                throw new IllegalArgumentException("threshold must be >= 0: " + threshold);
            }
            Objects.requireNonNull(saver, "saver");
            Objects.requireNonNull(modelThread, "modelThread");
            Objects.requireNonNull(onFailure, "onFailure");
        }

        /** A background whose failed saves are reported only through the futures. */
        public Background(int threshold, Executor saver, Executor modelThread) {
            this(threshold, saver, modelThread, e -> { });
        }
    }

    private final ReviewModel model;
    private final int maxSize;
    private final Deque<ReviewCommand> undo = new ArrayDeque<>();
    private final Deque<ReviewCommand> redo = new ArrayDeque<>();
    private final List<Consumer<ReviewCommand>> executed = new CopyOnWriteArrayList<>();
    private Background background;
    private boolean busy;

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

    /**
     * Calls {@code listener} with every command once it is applied and recorded by an execute (not by undo or redo),
     * e.g. to count the review decisions it made ({@link ReviewCommand#decisions()}).
     */
    public void addExecutedListener(Consumer<ReviewCommand> listener) {
        executed.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Saves changes larger than {@code bg}'s threshold in the background (see the class comment); null: never. */
    public void setBackground(Background bg) {
        this.background = bg;
    }

    /**
     * Applies a command and records it. The future completes once it is applied: at once for a change saved on the
     * calling thread, later for one saved in the background (see the class comment). Call from the model thread.
     */
    public CompletableFuture<Void> execute(ReviewCommand command) {
        Objects.requireNonNull(command, "command");
        requireIdle();
        return apply(command.change(model), () -> {
            undo.push(command);
            redo.clear();
            while (undo.size() > maxSize) {
                undo.removeLast();
            }
            for (Consumer<ReviewCommand> l : executed) {
                l.accept(command);
            }
        });
    }

    /** Undoes the last command (see {@link #execute}). @throws IllegalStateException when there is nothing to undo */
    public CompletableFuture<Void> undo() {
        requireIdle();
        if (undo.isEmpty()) {
            throw new IllegalStateException("nothing to undo");
        }
        return apply(undo.peek().inverse(), () -> redo.push(undo.pop()));
    }

    /** Redoes the last undone command (see {@link #execute}). @throws IllegalStateException when there is none */
    public CompletableFuture<Void> redo() {
        requireIdle();
        if (redo.isEmpty()) {
            throw new IllegalStateException("nothing to redo");
        }
        return apply(redo.peek().change(model), () -> undo.push(redo.pop()));
    }

    /** Stages, persists and commits a change, then records it; in the background by the class comment's rule. */
    private CompletableFuture<Void> apply(ReviewCommand.Change c, Runnable record) {
        ReviewModel.StagedChange staged = model.stage(c.upserts(), c.removals(), c.references());
        Background bg = background;
        if (bg == null || staged.size() <= bg.threshold()) {
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
                        Throwable cause = err instanceof CompletionException && err.getCause() != null
                                ? err.getCause() : err;
                        done.completeExceptionally(cause);
                        bg.onFailure().accept(cause);
                        return;
                    }
                    model.commit(staged);
                    record.run();
                    done.complete(null);
                }));
        return done;
    }

    /**
     * Whether a large change is being saved: until it is, the model shows the state before it and this stack refuses
     * commands, undo and redo (an {@link IllegalStateException} saying so).
     */
    public boolean isBusy() {
        return busy;
    }

    private void requireIdle() {
        if (busy) {
            throw new IllegalStateException("still saving the last change; wait a moment");
        }
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
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
