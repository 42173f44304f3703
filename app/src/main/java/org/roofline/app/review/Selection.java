package org.roofline.app.review;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The footprints the user has selected (click, box, lasso), in selection order. Review actions (accept, reject,
 * re-square, move) apply to the selection when it is not empty, else to the review model's current footprint.
 * FX thread only.
 */
public final class Selection {

    private final LinkedHashSet<Long> ids = new LinkedHashSet<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The selected ids, unmodifiable, in selection order. */
    public Set<Long> ids() {
        return Collections.unmodifiableSet(ids);
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    public int size() {
        return ids.size();
    }

    public boolean contains(long id) {
        return ids.contains(id);
    }

    /** Replaces the selection. */
    public void set(Collection<Long> newIds) {
        Objects.requireNonNull(newIds, "newIds");
        if (ids.size() == newIds.size() && ids.containsAll(newIds)) {
            return;
        }
        ids.clear();
        ids.addAll(newIds);
        fire();
    }

    /** Adds ids (Shift+click, Shift+box). */
    public void addAll(Collection<Long> more) {
        if (ids.addAll(more)) {
            fire();
        }
    }

    /** Adds an id when absent, removes it when present (Ctrl+click). */
    public void toggle(long id) {
        if (!ids.remove(id)) {
            ids.add(id);
        }
        fire();
    }

    /** Forgets ids (footprints that no longer exist). */
    public void removeAll(Collection<Long> gone) {
        if (ids.removeAll(gone)) {
            fire();
        }
    }

    public void clear() {
        if (!ids.isEmpty()) {
            ids.clear();
            fire();
        }
    }

    public void addListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Runnable r : listeners) {
            r.run();
        }
    }
}
