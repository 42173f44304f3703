package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.CLOCK;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.rect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.conflate.Conflation;
import org.roofline.geometry.conflate.ReferenceMatcher;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The review model's reference layer: change classes kept current as footprints change (checked against matching
 * everything again), and the reference commands (replace, keep, demolished, move) undone and redone exactly, each
 * persisted as it is made.
 */
class ReferenceReviewTest {

    /** Records reference calls, and keeps what a store would hold. */
    static final class References extends Fixtures.Recorder {
        final Map<Long, ReferenceBuilding> refs = new HashMap<>();
        final List<String> refCalls = new ArrayList<>();

        References(Collection<Footprint> initial) {
            super(initial);
        }

        @Override
        public void referencesChanged(Collection<ReferenceBuilding> references, String source) {
            refCalls.add(references.size() + " " + source);
            references.forEach(r -> refs.put(r.id(), r));
        }
    }

    static ReferenceBuilding ref(long id, Polygon p) {
        return new ReferenceBuilding(id, "w" + id, "way", 1000 + id, 2, "{\"building\":\"yes\"}", "", p,
                ReferenceState.PENDING, null);
    }

    /** A grid of 10 m houses: references at every cell, footprints at most, some shifted, grown or merged. */
    private static ReviewModel scene(Random random, int n, References[] store) {
        List<Footprint> fps = new ArrayList<>();
        List<ReferenceBuilding> refs = new ArrayList<>();
        long fid = 1;
        for (int i = 0; i < n; i++) {
            double x = (i % 10) * 16;
            double y = (i / 10) * 16;
            refs.add(ref(i + 1, rect(x, y, 10, 10)));
            switch (random.nextInt(5)) {
                case 0 -> { } // not found
                case 1 -> fps.add(fp(fid++, rect(x + 1, y, 10, 10), 0.9)); // unchanged
                case 2 -> fps.add(fp(fid++, rect(x, y, 15, 15), 0.8)); // grown: changed
                case 3 -> fps.add(fp(fid++, rect(x + 5, y + 5, 10, 10), 0.7)); // low IoU: changed
                default -> fps.add(fp(fid++, rect(x, y, 10, 10), 0.95));
            }
        }
        fps.add(fp(fid, rect(500, 500, 8, 8), 0.6)); // new
        References r = new References(fps);
        store[0] = r;
        ReviewModel m = ReviewModel.of(fps, 40, r, CLOCK);
        m.addReferences(refs, "test.osm");
        return m;
    }

    private static void assertClassesAsMatchedAgain(ReviewModel m) {
        List<Footprint> fps = new ArrayList<>(m.footprints());
        List<ReferenceBuilding> refs = new ArrayList<>(m.references());
        Conflation c = new ReferenceMatcher().match(fps.stream().map(f -> (Geometry) f.polygon()).toList(),
                refs.stream().map(ReferenceBuilding::geometry).toList());
        for (int i = 0; i < fps.size(); i++) {
            assertEquals(c.footprint(i).changeClass(), m.changeClass(fps.get(i).id()), "footprint "
                    + fps.get(i).id());
        }
        for (int i = 0; i < refs.size(); i++) {
            assertEquals(c.reference(i).changeClass(), m.referenceClass(refs.get(i).id()), "reference "
                    + refs.get(i).id());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void classesFollowEditsExactly(long seed) {
        Random random = new Random(seed);
        References[] store = new References[1];
        ReviewModel m = scene(random, 60, store);
        UndoStack stack = new UndoStack(m);
        assertClassesAsMatchedAgain(m);
        for (int step = 0; step < 40; step++) {
            List<Long> ids = m.footprints().stream().map(Footprint::id).toList();
            long id = ids.get(random.nextInt(ids.size()));
            switch (random.nextInt(4)) {
                case 0 -> stack.execute(new MoveFootprints(List.of(id), random.nextInt(21) - 10,
                        random.nextInt(21) - 10));
                case 1 -> stack.execute(new DeleteFootprint(id));
                case 2 -> stack.execute(new AddFootprint(rect(random.nextInt(160), random.nextInt(100), 10, 10)));
                default -> {
                    if (stack.canUndo()) {
                        stack.undo();
                    }
                }
            }
            assertClassesAsMatchedAgain(m);
        }
    }

    @Test
    void replaceKeepDemolishedAndMoveUndoRedoAndPersist() {
        List<Footprint> fps = List.of(fp(1, rect(0, 0, 10, 10), 0.9), fp(2, rect(20, 0, 10, 10), 0.9),
                fp(3, rect(100, 100, 10, 10), 0.9));
        References store = new References(fps);
        ReviewModel m = ReviewModel.of(fps, 50, store, CLOCK);
        assertNull(m.changeClass(1));
        m.addReferences(List.of(ref(1, rect(1, 0, 10, 10)), ref(2, rect(20.5, 0, 10, 10)),
                ref(3, rect(60, 60, 10, 10))), "banepa.osm");
        assertEquals(List.of("3 banepa.osm"), store.refCalls);
        assertEquals(ChangeClass.UNCHANGED, m.changeClass(1));
        assertEquals(ChangeClass.NEW, m.changeClass(3));
        assertEquals(ChangeClass.NOT_FOUND, m.referenceClass(3));
        assertEquals(Map.of(ChangeClass.NEW, 1L, ChangeClass.UNCHANGED, 2L, ChangeClass.CHANGED, 0L,
                ChangeClass.NOT_FOUND, 1L), m.changeClassCounts());
        assertEquals(1L, m.partnerReference(1));
        assertThrows(IllegalStateException.class, () -> m.addReferences(List.of(), "again.osm"));

        UndoStack stack = new UndoStack(m);
        stack.execute(ReplaceReference.of(m, 1));
        assertEquals(ReferenceState.REPLACED, m.reference(1).state());
        assertEquals(1L, m.reference(1).replacedBy());
        assertEquals(ReviewStatus.ACCEPTED, m.footprint(1).status());
        assertEquals(ReferenceState.REPLACED, store.refs.get(1L).state());
        assertEquals(ReviewStatus.ACCEPTED, store.store.get(1L).status());

        stack.execute(KeepReference.of(m, 2));
        assertEquals(ReferenceState.KEPT, m.reference(2).state());
        assertEquals(ReviewStatus.REJECTED, m.footprint(2).status());
        stack.execute(new MarkDemolished(List.of(3L)));
        assertEquals(ReferenceState.DEMOLISHED, store.refs.get(3L).state());

        IllegalArgumentException noPartner = assertThrows(IllegalArgumentException.class,
                () -> ReplaceReference.of(m, 3));
        assertTrue(noPartner.getMessage().contains("class new"), noPartner.getMessage());

        stack.undo();
        stack.undo();
        assertEquals(ReferenceState.PENDING, store.refs.get(3L).state());
        assertEquals(ReferenceState.PENDING, m.reference(2).state());
        assertEquals(ReviewStatus.PENDING, store.store.get(2L).status());
        stack.undo();
        assertEquals(ReferenceState.PENDING, m.reference(1).state());
        assertNull(store.refs.get(1L).replacedBy());
        assertEquals(ReviewStatus.PENDING, m.footprint(1).status());
        stack.redo();
        assertEquals(ReferenceState.REPLACED, store.refs.get(1L).state());

        // the reference moved onto the footprints by 1 m west: footprint 2 was 0.5 m off, becomes 0.5 m the other way
        Geometry before = m.reference(2).geometry();
        stack.execute(new MoveReference(-1, 0, "1.00 m west, 0.00 m north"));
        assertEquals("Move the reference (3 buildings) by 1.00 m west, 0.00 m north", stack.undoDescription());
        assertTrue(m.reference(1).geometry().equalsExact(rect(0, 0, 10, 10), 1e-9));
        assertEquals(ReferenceState.REPLACED, m.reference(1).state());
        assertTrue(store.refs.get(1L).geometry().equalsExact(rect(0, 0, 10, 10), 1e-9));
        assertClassesAsMatchedAgain(m);
        stack.undo();
        assertTrue(m.reference(2).geometry().equalsExact(before, 1e-9));
        assertTrue(store.refs.get(2L).geometry().equalsExact(before, 1e-9));
    }

    @Test
    void focusOnOneClassNavigatesOnlyItsFootprintsAndDoubtFirstPutsChangesFirst() {
        // tile 0 (x 0..50): two unchanged; tile 1 (x 50..100): one new; tile 2 (x 100..150): one changed
        List<Footprint> fps = List.of(fp(1, rect(0, 0, 10, 10), 0.1), fp(2, rect(20, 0, 10, 10), 0.1),
                fp(3, rect(60, 0, 10, 10), 0.9), fp(4, rect(110, 0, 14, 14), 0.9));
        ReviewModel m = ReviewModel.of(fps, 50, ReviewPersistence.NONE, CLOCK);
        m.addReferences(List.of(ref(1, rect(0, 0, 10, 10)), ref(2, rect(20, 0, 10, 10)),
                ref(3, rect(110, 0, 9, 9))), "map.osm");
        assertEquals(ChangeClass.NEW, m.changeClass(3));
        assertEquals(ChangeClass.CHANGED, m.changeClass(4));

        // doubt first: the least confident tile (0) would come first, but it changes nothing in the map
        m.setTileOrder(TileOrder.DOUBT_FIRST);
        int tileOfUnchanged = m.tileOf(1);
        assertEquals(tileOfUnchanged, m.tileSequence().get(m.tileSequence().size() - 1), m.tileSequence()
                .toString());

        Selection selection = new Selection();
        ReviewNavigator nav = new ReviewNavigator(m, selection);
        m.setFocusClass(ChangeClass.NEW);
        assertEquals(List.of(m.tileOf(3)), m.tileSequence());
        nav.nextTile();
        assertEquals(3L, m.currentFootprint().orElseThrow().id());
        assertEquals("1 new footprint pending.", nav.pendingLeft());
        UndoStack stack = new UndoStack(m);
        stack.execute(SetStatus.accept(3L));
        assertEquals("Every new footprint is decided; 3 of other classes pending.", nav.afterDecision().message());
        assertEquals("Every new footprint is decided; 3 of other classes pending.", nav.nextPending().message());
        m.setFocusClass(ChangeClass.UNCHANGED);
        nav.nextTile();
        assertEquals(1L, m.currentFootprint().orElseThrow().id());
        m.nextFootprint();
        assertEquals(2L, m.currentFootprint().orElseThrow().id());
        m.setFocusClass(null);
        assertEquals(3, m.tileSequence().size());
    }

    @Test
    void aNewFootprintOnAMapBuildingIsFlagged() {
        // footprint 1 grazes reference 1 (5 % of its area: below the overlap share, so new); footprint 2 is clear
        List<Footprint> fps = List.of(fp(1, rect(9.5, 0, 10, 10), 0.9), fp(2, rect(40, 0, 10, 10), 0.9),
                fp(3, rect(60, 0, 10, 10), 0.9));
        ReviewModel m = ReviewModel.of(fps, 100, ReviewPersistence.NONE, CLOCK);
        m.addReferences(List.of(ref(1, rect(0, 0, 10, 10)), ref(2, rect(60, 0, 10, 10))), "map.osm");
        assertEquals(ChangeClass.NEW, m.changeClass(1));
        assertEquals(List.of(1L), ReferenceValidation.overlappedReferences(m, 1));
        assertEquals(List.of(), ReferenceValidation.overlappedReferences(m, 2));
        assertEquals(List.of(), ReferenceValidation.overlappedReferences(m, 3), "unchanged: matched, not flagged");
        assertEquals(List.of(1L), ReferenceValidation.newOverlapping(m));
        new UndoStack(m).execute(SetStatus.reject(1L));
        assertEquals(List.of(), ReferenceValidation.newOverlapping(m), "a rejected footprint is not a building");
    }

    @Test
    void aLayerPreparedOffTheModelThreadCatchesUpWithEditsMadeMeanwhile() throws Exception {
        Random random = new Random(9);
        List<Footprint> fps = new ArrayList<>();
        List<ReferenceBuilding> refs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            refs.add(ref(i + 1, rect((i % 8) * 16, (i / 8) * 16, 10, 10)));
            fps.add(fp(i + 1, rect((i % 8) * 16 + random.nextInt(3), (i / 8) * 16, 10, 10), 0.9));
        }
        References store = new References(fps);
        ReviewModel m = ReviewModel.of(fps, 40, store, CLOCK);
        ReviewModel.PreparedReferences prepared = m.prepareReferences(refs, "map.osm");
        UndoStack stack = new UndoStack(m);
        // meanwhile: one footprint moved off its building, one deleted, one drawn over a building
        stack.execute(new MoveFootprints(List.of(3L), 200, 0));
        stack.execute(new DeleteFootprint(5));
        stack.execute(new AddFootprint(rect(16 * 6, 16 * 4, 10, 10)));
        Thread worker = new Thread(() -> {
            prepared.persist();
            prepared.compute();
        });
        worker.start();
        worker.join();
        assertNull(m.changeClass(1), "nothing shows before it is installed");
        m.installReferences(prepared);
        assertEquals(List.of("40 map.osm"), store.refCalls);
        assertEquals(40, store.refs.size());
        assertEquals(ChangeClass.NEW, m.changeClass(3));
        assertEquals(ChangeClass.NOT_FOUND, m.referenceClass(3));
        assertClassesAsMatchedAgain(m);
        assertThrows(IllegalStateException.class, () -> m.installReferences(prepared));
    }
}
