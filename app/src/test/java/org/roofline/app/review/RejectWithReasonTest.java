package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/** Rejecting with a reason: stored, counted, persisted, undone and redone like every decision. */
class RejectWithReasonTest {

    private static List<Footprint> three() {
        return List.of(Fixtures.fp(1, Fixtures.rect(0, 0, 10, 10), 0.9),
                Fixtures.fp(2, Fixtures.rect(20, 0, 10, 10), 0.8),
                Fixtures.fp(3, Fixtures.rect(40, 0, 10, 10), 0.7));
    }

    @Test
    void rejectsWithTheReasonAndUndoesIt() {
        List<Footprint> fps = three();
        Fixtures.Recorder store = new Fixtures.Recorder(fps);
        ReviewModel m = ReviewModel.of(fps, 100, store, Fixtures.CLOCK);
        UndoStack undo = new UndoStack(m);
        RejectWithReason c = new RejectWithReason(List.of(1L, 2L), RejectReason.WRONG_SHAPE);
        undo.execute(c).join();
        for (long id : List.of(1L, 2L)) {
            assertEquals(ReviewStatus.REJECTED, m.footprint(id).status());
            assertEquals(RejectReason.WRONG_SHAPE, m.footprint(id).rejectReason());
            assertEquals(Fixtures.NOW, m.footprint(id).reviewedAt());
            assertEquals(RejectReason.WRONG_SHAPE, store.store.get(id).rejectReason(), "persisted");
        }
        assertEquals(2, m.count(RejectReason.WRONG_SHAPE));
        assertEquals(0, m.count(RejectReason.OFFSET));
        assertEquals(2, c.decisions());
        assertEquals("Reject 2 footprints: wrong shape", c.description());

        undo.undo().join();
        assertEquals(ReviewStatus.PENDING, m.footprint(1).status());
        assertNull(m.footprint(1).rejectReason());
        assertNull(store.store.get(1L).rejectReason());
        assertEquals(0, m.count(RejectReason.WRONG_SHAPE));
        undo.redo().join();
        assertEquals(RejectReason.WRONG_SHAPE, m.footprint(2).rejectReason());
        assertEquals(2, m.count(RejectReason.WRONG_SHAPE));
    }

    @Test
    void aReasonAfterAPlainRejectKeepsItsTimeAndIsNoSecondDecision() {
        Instant[] now = {Fixtures.NOW};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ReviewModel m = ReviewModel.of(three(), 100, ReviewPersistence.NONE, moving);
        UndoStack undo = new UndoStack(m);
        undo.execute(SetStatus.reject(3L)).join();
        now[0] = Fixtures.NOW.plusSeconds(2);
        RejectWithReason reason = new RejectWithReason(List.of(3L, 2L), RejectReason.OFFSET);
        undo.execute(reason).join();
        assertEquals(Fixtures.NOW, m.footprint(3).reviewedAt(), "already rejected: its time stays");
        assertEquals(now[0], m.footprint(2).reviewedAt(), "pending: rejected now");
        assertEquals(RejectReason.OFFSET, m.footprint(3).rejectReason());
        assertEquals(1, reason.decisions(), "the reason completes the earlier reject of 3; 2 is a new decision");
        undo.undo().join();
        assertEquals(ReviewStatus.REJECTED, m.footprint(3).status(), "undo takes the reason back, not the reject");
        assertNull(m.footprint(3).rejectReason());
        assertEquals(ReviewStatus.PENDING, m.footprint(2).status());
    }

    @Test
    void anotherDecisionDropsTheReason() {
        ReviewModel m = ReviewModel.of(three(), 100, ReviewPersistence.NONE, Fixtures.CLOCK);
        UndoStack undo = new UndoStack(m);
        undo.execute(new RejectWithReason(List.of(1L), RejectReason.MERGED)).join();
        undo.execute(SetStatus.accept(1L)).join();
        assertNull(m.footprint(1).rejectReason());
        assertEquals(0, m.count(RejectReason.MERGED));
        assertEquals(1, m.count(ReviewStatus.ACCEPTED));
    }

    @Test
    void onlyARejectedFootprintHasAReason() {
        Footprint f = Fixtures.fp(1, Fixtures.rect(0, 0, 1, 1), 0.5);
        assertThrows(IllegalArgumentException.class, () -> new Footprint(1, f.polygon(), ReviewStatus.ACCEPTED,
                0.5, "m", true, null, null, RejectReason.OTHER));
        assertEquals(RejectReason.OTHER, f.withRejection(RejectReason.OTHER, Fixtures.NOW).rejectReason());
        assertEquals(RejectReason.NOT_A_BUILDING, RejectReason.fromCode("not-a-building"));
        assertEquals(RejectReason.WRONG_SHAPE, RejectReason.fromCode("WRONG_SHAPE"));
        assertThrows(IllegalArgumentException.class, () -> RejectReason.fromCode("ugly"));
    }
}
