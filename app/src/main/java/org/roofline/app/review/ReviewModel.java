package org.roofline.app.review;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * The review's data model: footprints by id (map coordinates), the grid of review tiles, the current tile and
 * footprint, and the persistence every change is written to as it happens. Footprints change only through
 * {@link ReviewCommand}s (run by an {@link UndoStack}); navigation changes the current tile and footprint and marks
 * tiles visited (persisted, not undoable). Not thread-safe: use it from one thread (the UI thread).
 *
 * <p>A footprint belongs to the tile holding its centroid. Within a tile footprints are in {@link ReadingOrder} (rows
 * top to bottom, each left to right): the Tab order.
 */
public final class ReviewModel {

    private final Map<Long, Footprint> footprints = new LinkedHashMap<>();
    private final Map<Long, Polygon> originals;
    private final Map<ReviewStatus, Long> counts = new java.util.EnumMap<>(ReviewStatus.class);
    private final Map<RejectReason, Long> reasonCounts =
            new java.util.EnumMap<>(RejectReason.class);
    private final Map<Long, Integer> tileOf = new HashMap<>();
    private final Map<Integer, TreeSet<Long>> byTile = new HashMap<>();
    private final Map<Integer, List<Long>> readingOrder = new HashMap<>(); // by tile, dropped when the tile changes
    private final ReviewTiles tiles;
    private final ReviewPersistence persistence;
    private final Clock clock;
    private final List<Consumer<ReviewEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, ReferenceBuilding> references = new LinkedHashMap<>();
    private ChangeClasses changeClasses = new ChangeClasses();
    private String referenceSource;
    private org.roofline.geometry.conflate.ChangeClass focus; // null: every footprint

    private TileOrder order = TileOrder.POSITION;
    private List<Integer> orderSnapshot = List.of();
    private int currentTile = -1;
    private Long currentFootprint;
    private long maxId = 0;

    /**
     * @param footprints  the footprints, ids unique
     * @param originals   polygons before regularization by id (for the doubt-first order), or empty
     * @param tiles       the tile grid (see {@link ReviewTiles#covering})
     * @param persistence where changes go; {@link ReviewPersistence#NONE} for none
     * @param clock       the clock that stamps {@link Footprint#reviewedAt()}
     */
    public ReviewModel(Collection<Footprint> footprints, Map<Long, Polygon> originals, ReviewTiles tiles,
                       ReviewPersistence persistence, Clock clock) {
        this.tiles = Objects.requireNonNull(tiles, "tiles");
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.originals = new HashMap<>(originals);
        for (Footprint f : footprints) {
            if (this.footprints.containsKey(f.id())) {
                throw new IllegalArgumentException("duplicate footprint id " + f.id());
            }
            index(f);
        }
        this.orderSnapshot = computeOrder(order);
    }

    /** A model whose tile grid of {@code tileSize} map units covers the footprints' extent. */
    public static ReviewModel of(Collection<Footprint> footprints, double tileSize, ReviewPersistence persistence,
                                 Clock clock) {
        return new ReviewModel(footprints, Map.of(), ReviewTiles.covering(extentOf(footprints), tileSize),
                persistence, clock);
    }

    public static Envelope extentOf(Collection<Footprint> footprints) {
        Envelope e = new Envelope();
        for (Footprint f : footprints) {
            e.expandToInclude(f.polygon().getEnvelopeInternal());
        }
        return e;
    }

    // ---------------------------------------------------------------- queries

    public Optional<Footprint> get(long id) {
        return Optional.ofNullable(footprints.get(id));
    }

    /** The footprint with this id, or null. */
    public Footprint footprint(long id) {
        return footprints.get(id);
    }

    public boolean contains(long id) {
        return footprints.containsKey(id);
    }

    /** All footprints, unmodifiable and live (do not hold on to it across changes). */
    public Collection<Footprint> footprints() {
        return Collections.unmodifiableCollection(footprints.values());
    }

    public int size() {
        return footprints.size();
    }

    /** How many footprints have a status (kept up to date, so cheap to ask on every change). */
    public long count(ReviewStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    /** How many rejected footprints have this reject reason (kept up to date, so cheap to ask on every change). */
    public long count(RejectReason reason) {
        return reasonCounts.getOrDefault(reason, 0L);
    }

    private void countReason(Footprint f, long delta) {
        if (f.rejectReason() != null) {
            reasonCounts.merge(f.rejectReason(), delta, Long::sum);
        }
    }

    /** The polygon before regularization, or null when the model has none for this id. */
    public Polygon original(long id) {
        return originals.get(id);
    }

    public ReviewTiles tiles() {
        return tiles;
    }

    public Clock clock() {
        return clock;
    }

    /** The tile a footprint belongs to, or -1 if there is no such footprint. */
    public int tileOf(long id) {
        Integer t = tileOf.get(id);
        return t == null ? -1 : t;
    }

    /** The ids of the footprints in a tile, in Tab order: {@link ReadingOrder} (unmodifiable). */
    public List<Long> footprintIdsInTile(int tile) {
        TreeSet<Long> ids = byTile.get(tile);
        if (ids == null) {
            return List.of();
        }
        return readingOrder.computeIfAbsent(tile, t -> {
            List<Footprint> fs = new ArrayList<>(ids.size());
            for (long id : ids) {
                fs.add(footprints.get(id));
            }
            return List.copyOf(ReadingOrder.of(fs));
        });
    }

    public List<Footprint> footprintsInTile(int tile) {
        List<Footprint> out = new ArrayList<>();
        for (long id : footprintIdsInTile(tile)) {
            out.add(footprints.get(id));
        }
        return out;
    }

    /** An id not used by any footprint (one more than the largest seen). */
    public long nextFreeId() {
        return maxId + 1;
    }

    // ---------------------------------------------------------------- listeners

    public void addListener(Consumer<ReviewEvent> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<ReviewEvent> listener) {
        listeners.remove(listener);
    }

    private void fire(ReviewEvent e) {
        for (Consumer<ReviewEvent> l : listeners) {
            l.accept(e);
        }
    }

    // ---------------------------------------------------------------- changes (commands only)

    /**
     * A change split in three so that its saving can run on another thread: {@link #stage} (model thread),
     * {@link #persist} (any thread), {@link #commit} (model thread, after persist returned). Persisting comes first:
     * {@link ReviewPersistence#footprintsChanged} (if any), then {@link ReviewPersistence#footprintsRemoved} (if any);
     * only the commit changes the model and notifies the listeners, so a persistence failure (an exception) leaves
     * the model unchanged. Between stage and commit the caller must not change the model otherwise. Only the
     * {@link UndoStack} changes footprints (it refuses commands meanwhile).
     */
    static final class StagedChange {
        private final List<Footprint> upserts;
        private final List<Long> removals;
        private List<ReferenceBuilding> references = List.of();

        private StagedChange(List<Footprint> upserts, List<Long> removals) {
            this.upserts = upserts;
            this.removals = removals;
        }

        int size() {
            return upserts.size() + removals.size() + references.size();
        }
    }

    /** {@link #stage(Collection, Collection)} with reference buildings to store too (persisted after the footprints). */
    StagedChange stage(Collection<Footprint> upserts, Collection<Long> removals,
            Collection<ReferenceBuilding> referenceUpserts) {
        StagedChange c = stage(upserts, removals);
        for (ReferenceBuilding r : referenceUpserts) {
            if (!references.containsKey(r.id())) {
                throw new IllegalArgumentException("no reference building " + r.id());
            }
        }
        c.references = List.copyOf(referenceUpserts);
        return c;
    }

    StagedChange stage(Collection<Footprint> upserts, Collection<Long> removals) {
        List<Long> removed = new ArrayList<>(removals.size());
        for (Long id : removals) {
            if (footprints.containsKey(id)) {
                removed.add(id);
            }
        }
        return new StagedChange(List.copyOf(upserts), List.copyOf(removed));
    }

    /** Saves a staged change; from any thread (the persistence serializes its own calls). */
    void persist(StagedChange c) {
        if (!c.upserts.isEmpty()) {
            persistence.footprintsChanged(c.upserts);
        }
        if (!c.removals.isEmpty()) {
            persistence.footprintsRemoved(c.removals);
        }
        if (!c.references.isEmpty()) {
            persistence.referencesChanged(c.references, null);
        }
    }

    /** Applies a persisted change to the model and notifies the listeners (model thread). */
    void commit(StagedChange c) {
        Map<Long, org.locationtech.jts.geom.Geometry> before = new HashMap<>();
        for (Footprint f : c.upserts) {
            Footprint old = footprints.get(f.id());
            if (old != null) {
                before.put(f.id(), old.polygon());
            }
        }
        for (Long id : c.removals) {
            Footprint old = footprints.get(id);
            if (old != null) {
                before.put(id, old.polygon());
            }
        }
        List<Long> changed = new ArrayList<>(c.upserts.size());
        for (Footprint f : c.upserts) {
            Footprint old = footprints.get(f.id());
            if (old != null && old.polygon() != f.polygon()) {
                unindexTile(f.id());
            }
            index(f);
            changed.add(f.id());
        }
        List<Long> removed = new ArrayList<>(c.removals.size());
        for (Long id : c.removals) {
            Footprint gone = footprints.remove(id);
            if (gone != null) {
                counts.merge(gone.status(), -1L, Long::sum);
                countReason(gone, -1);
                unindexTile(id);
                removed.add(id);
            }
        }
        if (currentFootprint != null && !footprints.containsKey(currentFootprint)) {
            currentFootprint = null;
        }
        boolean moved = false;
        List<Long> refsChanged = new ArrayList<>(c.references.size());
        for (ReferenceBuilding r : c.references) {
            ReferenceBuilding old = references.put(r.id(), r);
            moved |= old == null || old.geometry() != r.geometry();
            refsChanged.add(r.id());
        }
        if (moved) {
            changeClasses.recomputeAll(footprints.values(), references.values());
        } else if (!c.upserts.isEmpty() || !removed.isEmpty()) {
            Map<Long, org.locationtech.jts.geom.Geometry> seeds = new HashMap<>();
            List<Footprint> geometryChanged = new ArrayList<>();
            for (Footprint f : c.upserts) {
                org.locationtech.jts.geom.Geometry b = before.get(f.id());
                if (b != f.polygon()) {
                    geometryChanged.add(f);
                    if (b != null) {
                        seeds.put(f.id(), b);
                    }
                }
            }
            for (Long id : removed) {
                seeds.put(id, before.get(id));
            }
            changeClasses.footprintsChanged(seeds, geometryChanged, removed, footprints);
        }
        if (!changed.isEmpty() || !removed.isEmpty()) {
            fire(ReviewEvent.footprints(changed, removed));
        }
        if (!refsChanged.isEmpty()) {
            fire(new ReviewEvent(ReviewEvent.Kind.REFERENCES, refsChanged, List.of(), -1));
        }
    }

    private void index(Footprint f) {
        Footprint old = footprints.put(f.id(), f);
        if (old != null) {
            counts.merge(old.status(), -1L, Long::sum);
            countReason(old, -1);
        }
        counts.merge(f.status(), 1L, Long::sum);
        countReason(f, 1);
        maxId = Math.max(maxId, f.id());
        if (old == null || old.polygon() != f.polygon()) {
            Integer was = tileOf.get(f.id());
            if (was != null) {
                readingOrder.remove(was);
            }
        }
        if (!tileOf.containsKey(f.id())) {
            Point c = f.polygon().getCentroid();
            int t = c.isEmpty() ? 0 : tiles.indexOf(c.getX(), c.getY());
            tileOf.put(f.id(), t);
            byTile.computeIfAbsent(t, k -> new TreeSet<>()).add(f.id());
            readingOrder.remove(t);
        }
    }

    private void unindexTile(long id) {
        Integer t = tileOf.remove(id);
        if (t != null) {
            readingOrder.remove(t);
            TreeSet<Long> s = byTile.get(t);
            s.remove(id);
            if (s.isEmpty()) {
                byTile.remove(t);
            }
        }
    }

    /**
     * Adds footprints found by an extraction running while the user reviews (not a user edit, so not undoable):
     * persisted first ({@link ReviewPersistence#footprintsChanged}, then {@link ReviewPersistence#originalsAdded}),
     * then indexed and notified as one {@link ReviewEvent.Kind#FOOTPRINTS} event. The tile order snapshot is not
     * re-computed, so tiles do not move under the user: tiles that had no footprint before go to its end (call
     * {@link #refreshTileOrder()} when the extraction ends).
     *
     * @param found     new footprints; ids must not be in the model (see {@link #nextFreeId()})
     * @param originals their polygons before regularization by id, possibly empty
     * @throws IllegalArgumentException if an id is already used
     */
    public void addExtracted(Collection<Footprint> found, Map<Long, Polygon> originals) {
        List<Footprint> list = List.copyOf(found);
        for (Footprint f : list) {
            if (footprints.containsKey(f.id())) {
                throw new IllegalArgumentException("footprint id " + f.id() + " is already in the review");
            }
        }
        if (list.isEmpty()) {
            return;
        }
        persistence.footprintsChanged(list);
        if (!originals.isEmpty()) {
            persistence.originalsAdded(Map.copyOf(originals));
        }
        this.originals.putAll(originals);
        List<Long> ids = new ArrayList<>(list.size());
        for (Footprint f : list) {
            index(f);
            ids.add(f.id());
        }
        changeClasses.footprintsChanged(Map.of(), list, List.of(), footprints);
        List<Integer> seq = new ArrayList<>(orderSnapshot);
        for (long id : ids) {
            int t = tileOf(id);
            if (!seq.contains(t)) {
                seq.add(t); // new tiles go to the end of the sequence until it is re-computed
            }
        }
        orderSnapshot = List.copyOf(seq);
        fire(ReviewEvent.footprints(ids, List.of()));
    }

    // ---------------------------------------------------------------- the reference map

    /**
     * Puts reference buildings in a model that has none (a session being reopened): neither persisted nor undoable;
     * the change classes are computed. Listeners get one {@link ReviewEvent.Kind#REFERENCES} event.
     *
     * @param source the reference's source (its file name), or null
     * @throws IllegalStateException    if the model has a reference already
     * @throws IllegalArgumentException if two buildings share an id
     */
    public void restoreReferences(Collection<ReferenceBuilding> buildings, String source) {
        putReferences(buildings, source);
    }

    /**
     * Adds a reference layer to a model that has none (File > Add reference layer, {@code open --reference}):
     * persisted first ({@link ReviewPersistence#referencesChanged}), then the change classes are computed and the
     * listeners get one {@link ReviewEvent.Kind#REFERENCES} event. Not undoable (like an extraction).
     *
     * @param source the reference's source (its file name)
     * @throws IllegalStateException if the model has a reference already
     */
    public void addReferences(Collection<ReferenceBuilding> buildings, String source) {
        if (!references.isEmpty()) {
            throw new IllegalStateException("the review has a reference layer already (" + referenceSource + ")");
        }
        persistence.referencesChanged(List.copyOf(buildings), source);
        putReferences(buildings, source);
    }

    /**
     * A reference layer being added without blocking the model's thread: {@link #prepareReferences} takes a copy of
     * the footprints (model thread), {@link #persist()} and {@link #compute()} save it and match it on any thread,
     * and {@link #installReferences} puts it in (model thread), matching again only the footprints changed
     * meanwhile.
     */
    public static final class PreparedReferences {
        private final List<ReferenceBuilding> buildings;
        private final String source;
        private final Map<Long, Footprint> snapshot;
        private final ReviewPersistence persistence;
        private volatile ChangeClasses classes;

        private PreparedReferences(List<ReferenceBuilding> buildings, String source, Map<Long, Footprint> snapshot,
                ReviewPersistence persistence) {
            this.buildings = buildings;
            this.source = source;
            this.snapshot = snapshot;
            this.persistence = persistence;
        }

        /** Saves the layer (any thread; the persistence serializes its calls). */
        public void persist() {
            persistence.referencesChanged(buildings, source);
        }

        /** Matches the copied footprints against the layer (any thread; the heavy part). */
        public void compute() {
            ChangeClasses c = new ChangeClasses();
            c.recomputeAll(snapshot.values(), buildings);
            classes = c;
        }

        /** @return the buildings being added */
        public List<ReferenceBuilding> buildings() {
            return buildings;
        }
    }

    /** Starts adding a reference layer without blocking (see {@link PreparedReferences}); model thread. */
    public PreparedReferences prepareReferences(Collection<ReferenceBuilding> buildings, String source) {
        if (!references.isEmpty()) {
            throw new IllegalStateException("the review has a reference layer already (" + referenceSource + ")");
        }
        return new PreparedReferences(List.copyOf(buildings), source, new LinkedHashMap<>(footprints), persistence);
    }

    /**
     * Puts a prepared layer in (model thread), after {@link PreparedReferences#persist()} and {@link
     * PreparedReferences#compute()}: footprints changed, added or removed since it was prepared are matched again.
     * Listeners get one {@link ReviewEvent.Kind#REFERENCES} event.
     *
     * @throws IllegalStateException if it was not computed, or the model got a reference meanwhile
     */
    public void installReferences(PreparedReferences prepared) {
        if (prepared.classes == null) {
            throw new IllegalStateException("the reference layer was not computed");
        }
        if (!references.isEmpty()) {
            throw new IllegalStateException("the review has a reference layer already (" + referenceSource + ")");
        }
        Map<Long, org.locationtech.jts.geom.Geometry> before = new HashMap<>();
        List<Footprint> after = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        for (Footprint was : prepared.snapshot.values()) {
            Footprint now = footprints.get(was.id());
            if (now == null) {
                removed.add(was.id());
                before.put(was.id(), was.polygon());
            } else if (now.polygon() != was.polygon()) {
                before.put(was.id(), was.polygon());
                after.add(now);
            }
        }
        for (Footprint now : footprints.values()) {
            if (!prepared.snapshot.containsKey(now.id())) {
                after.add(now);
            }
        }
        ChangeClasses classes = prepared.classes;
        if (!after.isEmpty() || !removed.isEmpty()) {
            classes.footprintsChanged(before, after, removed, footprints);
        }
        for (ReferenceBuilding r : prepared.buildings) {
            references.put(r.id(), r);
        }
        referenceSource = prepared.source;
        changeClasses = classes;
        fire(new ReviewEvent(ReviewEvent.Kind.REFERENCES,
                prepared.buildings.stream().map(ReferenceBuilding::id).toList(), List.of(), -1));
    }

    private void putReferences(Collection<ReferenceBuilding> buildings, String source) {
        if (!references.isEmpty()) {
            throw new IllegalStateException("the review has a reference layer already (" + referenceSource + ")");
        }
        Map<Long, ReferenceBuilding> in = new LinkedHashMap<>();
        for (ReferenceBuilding r : buildings) {
            if (in.put(r.id(), r) != null) {
                throw new IllegalArgumentException("duplicate reference building id " + r.id());
            }
        }
        references.putAll(in);
        referenceSource = source;
        changeClasses.recomputeAll(footprints.values(), references.values());
        fire(new ReviewEvent(ReviewEvent.Kind.REFERENCES, List.copyOf(in.keySet()), List.of(), -1));
    }

    /** @return whether the review has a reference layer (with at least one building) */
    public boolean hasReference() {
        return !references.isEmpty();
    }

    /** @return the reference's source (its file name), or null */
    public String referenceSource() {
        return referenceSource;
    }

    /** The reference buildings, unmodifiable and live (do not hold on to it across changes). */
    public Collection<ReferenceBuilding> references() {
        return Collections.unmodifiableCollection(references.values());
    }

    /** The reference building with this id, or null. */
    public ReferenceBuilding reference(long id) {
        return references.get(id);
    }

    /**
     * A footprint's change class against the reference ({@code NEW}, {@code UNCHANGED}, {@code CHANGED}), kept
     * current as footprints change.
     *
     * @return the class, or null without a reference layer or such a footprint
     */
    public org.roofline.geometry.conflate.ChangeClass changeClass(long footprintId) {
        return changeClasses.footprintClass(footprintId);
    }

    /** @return a reference building's class ({@code UNCHANGED}, {@code CHANGED}, {@code NOT_FOUND}), or null */
    public org.roofline.geometry.conflate.ChangeClass referenceClass(long referenceId) {
        return changeClasses.referenceClass(referenceId);
    }

    /** @return the id of the reference building a footprint matches one to one (what replace replaces), or null */
    public Long partnerReference(long footprintId) {
        return changeClasses.partnerOfFootprint(footprintId);
    }

    /** @return the id of the footprint a reference building matches one to one, or null */
    public Long partnerFootprint(long referenceId) {
        return changeClasses.partnerOfReference(referenceId);
    }

    /** @return the reference buildings sharing area with a polygon (any amount), ascending ids */
    public List<Long> referencesOverlapping(org.locationtech.jts.geom.Geometry geometry) {
        return changeClasses.referencesOverlapping(geometry);
    }

    /** @return footprints per change class, and reference buildings not found; all zero without a reference */
    public Map<org.roofline.geometry.conflate.ChangeClass, Long> changeClassCounts() {
        return changeClasses.counts();
    }

    /**
     * Reviews only footprints of one change class ("review only new buildings"): the tile sequence keeps the tiles
     * holding such a footprint, Tab cycles through them, and the next pending footprint is one of them
     * ({@link #inFocus}). Null reviews every footprint again. The tile order is computed again.
     */
    public void setFocusClass(org.roofline.geometry.conflate.ChangeClass changeClass) {
        focus = changeClass;
        refreshTileOrder();
    }

    /** @return the change class reviewed alone ({@link #setFocusClass}), or null for every footprint */
    public org.roofline.geometry.conflate.ChangeClass focusClass() {
        return focus;
    }

    /** @return whether a footprint is among those reviewed now: any without a focus, else those of its class */
    public boolean inFocus(long footprintId) {
        return focus == null || changeClass(footprintId) == focus;
    }

    /** @return the pending footprints in focus ({@link #count} of pending without a focus) */
    public long pendingInFocus() {
        if (focus == null) {
            return count(ReviewStatus.PENDING);
        }
        return footprints.values().stream().filter(f -> f.status() == ReviewStatus.PENDING && inFocus(f.id()))
                .count();
    }

    // ---------------------------------------------------------------- navigation

    public TileOrder tileOrder() {
        return order;
    }

    /** Sets the tile order and computes its sequence (a snapshot: see {@link #refreshTileOrder()}). */
    public void setTileOrder(TileOrder newOrder) {
        this.order = Objects.requireNonNull(newOrder);
        refreshTileOrder();
    }

    /**
     * Re-computes the sequence of tiles for the current order. The sequence is a snapshot, so that accepting the
     * footprints of a tile does not reshuffle the tiles under the reviewer; next/previous walk the snapshot.
     */
    public void refreshTileOrder() {
        orderSnapshot = computeOrder(order);
        fire(ReviewEvent.of(ReviewEvent.Kind.TILE_ORDER, currentTile));
    }

    /** The tiles holding footprints, in the order's sequence as last computed. */
    public List<Integer> tileSequence() {
        return orderSnapshot;
    }

    public int currentTile() {
        return currentTile;
    }

    /** The current footprint, if any. */
    public Optional<Footprint> currentFootprint() {
        return currentFootprint == null ? Optional.empty() : get(currentFootprint);
    }

    /** Moves to the next tile of the sequence (the first when none is current); returns it, or -1 at the end. */
    public int nextTile() {
        return step(+1);
    }

    /** Moves to the previous tile of the sequence (the last when none is current); returns it, or -1 at the start. */
    public int previousTile() {
        return step(-1);
    }

    private int step(int dir) {
        List<Integer> seq = orderSnapshot;
        if (seq.isEmpty()) {
            return -1;
        }
        int pos = seq.indexOf(currentTile);
        int next;
        if (pos < 0) {
            next = dir > 0 ? 0 : seq.size() - 1;
        } else {
            next = pos + dir;
            if (next < 0 || next >= seq.size()) {
                return -1;
            }
        }
        goToTile(seq.get(next));
        return currentTile;
    }

    /** Makes a tile current and marks it visited (persisted when the flag changes); no footprint is current. */
    public void goToTile(int tile) {
        if (tile < 0 || tile >= tiles.count()) {
            throw new IndexOutOfBoundsException("tile " + tile + " outside 0.." + (tiles.count() - 1));
        }
        currentTile = tile;
        currentFootprint = null;
        fire(ReviewEvent.of(ReviewEvent.Kind.CURRENT_TILE, tile));
        setVisited(tile, true);
    }

    /** Sets a tile's visited flag, persisting it when it changes. */
    public void setVisited(int tile, boolean visited) {
        if (tiles.isVisited(tile) != visited) {
            tiles.setVisited(tile, visited);
            persistence.tileVisited(tile, visited);
            fire(ReviewEvent.of(ReviewEvent.Kind.TILE_VISITED, tile));
        }
    }

    /** Restores visited flags when loading a session: neither persisted nor notified. */
    public void restoreVisited(Collection<Integer> visitedTiles) {
        for (int t : visitedTiles) {
            tiles.setVisited(t, true);
        }
    }

    /** Tab: the next footprint in the current tile, wrapping; empty when the tile has none. */
    public Optional<Footprint> nextFootprint() {
        return cycle(+1);
    }

    /** Shift+Tab: the previous footprint in the current tile, wrapping. */
    public Optional<Footprint> previousFootprint() {
        return cycle(-1);
    }

    /** Makes a footprint current (and its tile, if different). */
    public void selectFootprint(long id) {
        int t = tileOf(id);
        if (t < 0) {
            throw new IllegalArgumentException("no footprint " + id);
        }
        if (t != currentTile) {
            goToTile(t);
        }
        currentFootprint = id;
        fire(ReviewEvent.of(ReviewEvent.Kind.CURRENT_FOOTPRINT, t));
    }

    private Optional<Footprint> cycle(int dir) {
        List<Long> ids = currentTile < 0 ? List.of() : footprintIdsInTile(currentTile);
        if (focus != null) {
            ids = ids.stream().filter(this::inFocus).toList();
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        int pos = currentFootprint == null ? -1 : ids.indexOf(currentFootprint);
        int next = pos < 0 ? (dir > 0 ? 0 : ids.size() - 1) : Math.floorMod(pos + dir, ids.size());
        currentFootprint = ids.get(next);
        fire(ReviewEvent.of(ReviewEvent.Kind.CURRENT_FOOTPRINT, currentTile));
        return get(currentFootprint);
    }

    private List<Integer> computeOrder(TileOrder o) {
        List<Integer> all = new ArrayList<>(new TreeSet<>(byTile.keySet()));
        if (focus != null) {
            all.removeIf(t -> byTile.get(t).stream().noneMatch(this::inFocus));
        }
        if (o == TileOrder.POSITION) {
            return List.copyOf(all);
        }
        // rejected footprints take no part in validation: an overlap with one is no reason for doubt
        FootprintIndex index = new FootprintIndex(footprints.values().stream()
                .filter(f -> f.status() != ReviewStatus.REJECTED).toList());
        record Doubt(int tile, boolean pending, double meanConfidence, double change, int overlaps, int toMap) {
        }
        List<Doubt> doubts = new ArrayList<>();
        for (int t : all) {
            double sum = 0;
            int n = 0;
            double change = 0;
            int overlaps = 0;
            int toMap = 0; // pending footprints that change the reference map: new or changed
            for (long id : byTile.get(t)) {
                Footprint f = footprints.get(id);
                if (f.status() != ReviewStatus.PENDING || !inFocus(id)) {
                    continue;
                }
                var cls = changeClass(id);
                if (cls == org.roofline.geometry.conflate.ChangeClass.NEW
                        || cls == org.roofline.geometry.conflate.ChangeClass.CHANGED) {
                    toMap++;
                }
                n++;
                sum += Double.isNaN(f.confidence()) ? 0 : f.confidence();
                change = Math.max(change, regularizationChange(f));
                if (!index.overlapping(f).isEmpty()) {
                    overlaps++;
                }
            }
            // means equal to 6 decimals tie (so rounding noise does not decide)
            double mean = n > 0 ? Math.round(sum / n * 1e6) / 1e6 : Double.POSITIVE_INFINITY;
            doubts.add(new Doubt(t, n > 0, mean, change, overlaps, toMap));
        }
        // against a reference map, tiles with pending new or changed buildings come first (unchanged ones need
        // little review); without one every toMap is 0 and the order is as before
        doubts.sort(Comparator.comparing((Doubt d) -> !d.pending())
                .thenComparing((Doubt d) -> d.toMap() == 0)
                .thenComparingDouble(d -> d.pending() ? d.meanConfidence() : 0)
                .thenComparingDouble(d -> d.pending() ? -d.change() : 0)
                .thenComparingInt(d -> d.pending() ? -d.overlaps() : 0)
                .thenComparingInt(Doubt::tile));
        return doubts.stream().map(Doubt::tile).toList();
    }

    /** 1 - IoU between a footprint's polygon and its original, or 0 without an original. */
    public double regularizationChange(Footprint f) {
        Polygon o = originals.get(f.id());
        if (o == null) {
            return 0;
        }
        try {
            double union = f.polygon().union(o).getArea();
            return union <= 0 ? 0 : 1 - f.polygon().intersection(o).getArea() / union;
        } catch (RuntimeException e) {
            return 1; // a topology failure is itself a reason for doubt
        }
    }
}
