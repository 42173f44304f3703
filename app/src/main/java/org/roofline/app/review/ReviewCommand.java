package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * One undoable edit of a {@link ReviewModel} (JOSM's {@code Command}): it computes its {@link Change} and knows the
 * inverse, but never applies either itself; the {@link UndoStack} is the one place that applies changes (execute,
 * undo and redo alike).
 *
 * <p>The first {@link #change} computes the change from the model's state and records the footprints it replaces;
 * every later call (redo) gives the very same footprints (same review times), and {@link #inverse} puts back the
 * recorded ones and removes those the command added. A command is executed at most once on one model.
 */
public abstract class ReviewCommand {

    /**
     * What a command does: footprints to store (new or replacing those with the same id), ids to remove, and reference
     * buildings to store (replacing those with the same id: a new state or outline).
     */
    protected record Change(List<Footprint> upserts, List<Long> removals, List<ReferenceBuilding> references) {
        public Change {
            upserts = List.copyOf(upserts);
            removals = List.copyOf(removals);
            references = List.copyOf(references);
        }

        /** A change of footprints only. */
        public Change(List<Footprint> upserts, List<Long> removals) {
            this(upserts, removals, List.of());
        }
    }

    private Change after;
    private List<Footprint> before;
    private List<Long> added;
    private List<ReferenceBuilding> referencesBefore = List.of();

    /** Computes the change from the model's current state; called once, by the first {@link #change}. */
    protected abstract Change compute(ReviewModel m);

    /** A short description for menus, such as "Accept 3 footprints". */
    public abstract String description();

    /**
     * What executing (or redoing) the command stores and removes: computed from the model on the first call and
     * recorded (with the footprints it replaces, for {@link #inverse}), the same on every later call.
     *
     * @throws IllegalArgumentException (or another runtime exception) when the command does not fit the model; then
     *                                  nothing is recorded
     */
    final Change change(ReviewModel m) {
        if (after == null) {
            Change c = compute(m);
            List<Footprint> prev = new ArrayList<>();
            List<Long> fresh = new ArrayList<>();
            for (Footprint f : c.upserts()) {
                Footprint old = m.footprint(f.id());
                if (old == null) {
                    fresh.add(f.id());
                } else {
                    prev.add(old);
                }
            }
            for (long id : c.removals()) {
                Footprint old = m.footprint(id);
                if (old != null) {
                    prev.add(old);
                }
            }
            List<ReferenceBuilding> refs = new ArrayList<>();
            for (ReferenceBuilding r : c.references()) {
                ReferenceBuilding old = m.reference(r.id());
                if (old == null) {
                    throw new IllegalArgumentException("no reference building " + r.id());
                }
                refs.add(old);
            }
            referencesBefore = refs;
            after = c;
            before = prev;
            added = fresh;
        }
        return after;
    }

    /** What undoing the command stores and removes: the footprints {@link #change} replaced, and those it added. */
    final Change inverse() {
        if (after == null) {
            throw new IllegalStateException("undo before apply: " + description());
        }
        return new Change(before, added, referencesBefore);
    }

    /**
     * The ids the command stores, removes or replaced (known once applied, else empty), stored ones first: after an
     * undo or a redo, the first of them still in the model is the footprint the reviewer should look at.
     */
    public List<Long> touchedIds() {
        if (after == null) {
            return List.of();
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (Footprint f : after.upserts()) {
            ids.add(f.id());
        }
        for (Footprint f : before) {
            ids.add(f.id());
        }
        ids.addAll(after.removals());
        return List.copyOf(ids);
    }

    /**
     * How many review decisions the command made: footprints it left accepted, rejected or edited with a new review
     * time or status (re-deciding an already decided footprint counts; moving one does not). 0 before it is applied.
     */
    public int decisions() {
        if (after == null) {
            return 0;
        }
        Map<Long, Footprint> old = new HashMap<>();
        for (Footprint f : before) {
            old.put(f.id(), f);
        }
        int n = 0;
        for (Footprint f : after.upserts()) {
            if (f.status() == ReviewStatus.PENDING) {
                continue;
            }
            Footprint o = old.get(f.id());
            if (o == null || o.status() != f.status() || !Objects.equals(o.reviewedAt(), f.reviewedAt())) {
                n++;
            }
        }
        return n;
    }

    /** The number of footprints the command changed, added or removed (known once applied, else -1). */
    public int size() {
        return after == null ? -1 : after.upserts().size() + after.removals().size() + after.references().size();
    }

    static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static List<Long> existing(ReviewModel m, Collection<Long> ids) {
        List<Long> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            if (!m.contains(id)) {
                throw new IllegalArgumentException("no footprint " + id);
            }
            out.add(id);
        }
        return out;
    }
}
