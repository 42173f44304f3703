package org.roofline.app.editor.map.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.quadtree.Quadtree;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.geometry.footprint.Footprint;

/**
 * A spatial index of the review's footprints (a JTS quadtree over map envelopes) kept up to date from
 * {@link ReviewEvent}s, so the map queries only what lies in the viewport instead of scanning every footprint each
 * frame. FX thread only, like the model.
 */
public final class LiveFootprintIndex {

    private final Quadtree tree = new Quadtree();
    private final Map<Long, IndexedFootprint> byId = new HashMap<>();

    public LiveFootprintIndex(Collection<Footprint> footprints) {
        for (Footprint f : footprints) {
            put(f);
        }
    }

    /**
     * Applies a model event: changed footprints are re-read from the model, removed ones dropped.
     *
     * @return the map envelopes touched (old and new places of every changed or removed footprint), empty for other
     *         kinds of event
     */
    public List<Envelope> apply(ReviewEvent e, ReviewModel model) {
        if (e.kind() != ReviewEvent.Kind.FOOTPRINTS) {
            return List.of();
        }
        List<Envelope> touched = new ArrayList<>();
        for (long id : e.removedIds()) {
            IndexedFootprint old = remove(id);
            if (old != null) {
                touched.add(old.envelope());
            }
        }
        for (long id : e.changedIds()) {
            IndexedFootprint old = remove(id);
            if (old != null) {
                touched.add(old.envelope());
            }
            Footprint f = model.footprint(id);
            if (f != null) {
                touched.add(put(f).envelope());
            }
        }
        return touched;
    }

    private IndexedFootprint put(Footprint f) {
        IndexedFootprint entry = new IndexedFootprint(f);
        IndexedFootprint old = byId.put(f.id(), entry);
        if (old != null) {
            tree.remove(old.envelope(), old);
        }
        tree.insert(entry.envelope(), entry);
        return entry;
    }

    private IndexedFootprint remove(long id) {
        IndexedFootprint old = byId.remove(id);
        if (old != null) {
            tree.remove(old.envelope(), old);
        }
        return old;
    }

    /** The footprints whose envelope meets a map area (exactly: the quadtree's extra candidates are filtered out). */
    public List<IndexedFootprint> query(Envelope mapArea) {
        List<IndexedFootprint> out = new ArrayList<>();
        if (mapArea == null || mapArea.isNull()) {
            return out;
        }
        for (Object o : tree.query(mapArea)) {
            IndexedFootprint f = (IndexedFootprint) o;
            if (f.envelope().intersects(mapArea)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Every footprint, in no particular order (a new list). */
    public List<IndexedFootprint> all() {
        return new ArrayList<>(byId.values());
    }

    public IndexedFootprint get(long id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }
}
