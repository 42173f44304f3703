package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.rect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Large changes are saved off the model's thread: the model shows the old state until the save has committed, the
 * stack refuses other edits meanwhile, a failed save changes nothing, and small changes still apply at once.
 */
class BackgroundSaveTest {

    private final ExecutorService saver = Executors.newSingleThreadExecutor();
    /** Stands in for the FX thread: tasks posted to it run when the test says. */
    private final ConcurrentLinkedQueue<Runnable> modelThread = new ConcurrentLinkedQueue<>();
    private final UndoStack.Background bg = new UndoStack.Background(10, saver, modelThread::add);

    @AfterEach
    void stop() {
        saver.shutdownNow();
    }

    /** A persistence whose footprint saves wait for a latch (and can be told to fail). */
    private static final class Gated extends Fixtures.Recorder {
        final CountDownLatch gate = new CountDownLatch(1);
        volatile boolean fail;
        volatile Thread savedOn;

        Gated(Collection<Footprint> initial) {
            super(initial);
        }

        @Override
        public void footprintsChanged(Collection<Footprint> footprints) {
            savedOn = Thread.currentThread();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
            }
            super.footprintsChanged(footprints);
        }
    }

    private static List<Footprint> many(int n) {
        List<Footprint> fps = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            fps.add(fp(i, rect(i % 50 * 3, i / 50 * 3, 2, 2), 0.9));
        }
        return fps;
    }

    private void drain(CompletableFuture<Void> f) throws Exception {
        while (!f.isDone()) {
            Runnable r = modelThread.poll();
            if (r != null) {
                r.run();
            } else {
                Thread.sleep(5);
            }
        }
    }

    @Test
    void aLargeChangeIsSavedFirstOffThreadThenShown() throws Exception {
        List<Footprint> fps = many(500);
        Gated store = new Gated(fps);
        ReviewModel m = new ReviewModel(fps, Map.of(), new ReviewTiles(0, 200, 100, 2, 2), store, CLOCK);
        UndoStack undo = new UndoStack(m);
        undo.setBackground(bg);

        CompletableFuture<Void> f = undo.execute(new AcceptAboveConfidence(0.5));
        assertTrue(undo.isBusy());
        assertEquals(0, m.count(ReviewStatus.ACCEPTED), "nothing shown before it is saved");
        assertThrows(IllegalStateException.class, () -> undo.execute(new SetStatus(List.of(1L),
                ReviewStatus.REJECTED)));
        store.gate.countDown();
        drain(f);
        assertFalse(undo.isBusy());
        assertTrue(store.savedOn != Thread.currentThread(), "saved on the saver thread");
        assertEquals(500, m.count(ReviewStatus.ACCEPTED));
        assertEquals(ReviewStatus.ACCEPTED, store.store.get(250L).status());
        assertEquals(1, undo.undoSize());

        drain(undo.undo());
        assertEquals(500, m.count(ReviewStatus.PENDING));
        assertEquals(ReviewStatus.PENDING, store.store.get(250L).status());
        drain(undo.redo());
        assertEquals(500, m.count(ReviewStatus.ACCEPTED));
        assertEquals(1, undo.undoSize());
        assertEquals(0, undo.redoSize());
    }

    @Test
    void aFailedSaveChangesNothingAndRecordsNothing() throws Exception {
        List<Footprint> fps = many(100);
        Gated store = new Gated(fps);
        store.fail = true;
        ReviewModel m = new ReviewModel(fps, Map.of(), new ReviewTiles(0, 200, 100, 2, 2), store, CLOCK);
        UndoStack undo = new UndoStack(m);
        undo.setBackground(bg);
        CompletableFuture<Void> f = undo.execute(new AcceptAboveConfidence(0.5));
        store.gate.countDown();
        drain(f);
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertTrue(e.getCause().getMessage().contains("disk full"), e.getCause().toString());
        assertFalse(undo.isBusy());
        assertEquals(0, m.count(ReviewStatus.ACCEPTED));
        assertEquals(0, undo.undoSize());
    }

    @Test
    void aSmallChangeAppliesAtOnce() {
        List<Footprint> fps = many(5);
        Fixtures.Recorder store = new Fixtures.Recorder(fps);
        ReviewModel m = new ReviewModel(fps, Map.of(), new ReviewTiles(0, 200, 100, 2, 2), store, CLOCK);
        UndoStack undo = new UndoStack(m);
        undo.setBackground(bg);
        CompletableFuture<Void> f = undo.execute(new SetStatus(List.of(1L, 2L), ReviewStatus.REJECTED));
        assertTrue(f.isDone());
        assertEquals(2, m.count(ReviewStatus.REJECTED));
        assertTrue(modelThread.isEmpty());
    }

    @Test
    void withABackgroundSetPlainExecuteAndUndoSaveLargeChangesInTheBackgroundToo() throws Exception {
        List<Footprint> fps = many(200);
        Gated store = new Gated(fps);
        ReviewModel m = new ReviewModel(fps, Map.of(), new ReviewTiles(0, 200, 100, 2, 2), store, CLOCK);
        UndoStack undo = new UndoStack(m);
        List<Throwable> failures = new ArrayList<>();
        undo.setBackground(new UndoStack.Background(10, saver, modelThread::add, failures::add));
        undo.execute(MoveFootprints.all(1, 0)); // what the move-all tool runs
        assertTrue(undo.isBusy());
        assertEquals(0, undo.undoSize());
        store.gate.countDown();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (undo.undoSize() == 0 && System.nanoTime() < deadline) {
            Runnable r = modelThread.poll();
            if (r != null) {
                r.run();
            } else {
                Thread.sleep(5);
            }
        }
        assertEquals(1, undo.undoSize());
        assertEquals(4.0, m.footprint(1).polygon().getEnvelopeInternal().getMinX(), 1e-9);
        store.fail = true;
        undo.undo();
        while (undo.isBusy()) {
            Runnable r = modelThread.poll();
            if (r != null) {
                r.run();
            } else {
                Thread.sleep(5);
            }
        }
        assertEquals(1, failures.size(), "the failed save was reported");
        assertEquals(1, undo.undoSize(), "and nothing was undone");
        assertEquals(4.0, m.footprint(1).polygon().getEnvelopeInternal().getMinX(), 1e-9);
    }
}
