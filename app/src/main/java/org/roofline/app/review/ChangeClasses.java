package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.quadtree.Quadtree;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.conflate.Conflation;
import org.roofline.geometry.conflate.Match;
import org.roofline.geometry.conflate.ReferenceMatcher;
import org.roofline.geometry.footprint.Footprint;

/**
 * The change class of every footprint and reference building of a review, computed with {@link ReferenceMatcher} and
 * kept current as footprints change, without matching everything again.
 *
 * <p><b>Why updates are exact.</b> Classes depend on groups of overlapping buildings (connected components), so a
 * change can reclass buildings it does not touch. An update takes the envelopes of the changed footprints before and
 * after, then closes over envelope intersection (references meeting those envelopes, footprints meeting those
 * references, and so on until nothing is added): a superset of every group the change could have joined, split or
 * left. Matching that subset gives its members the same classes as matching everything (the matcher's result for a
 * group depends on that group only). A change of the reference's geometries (an offset applied) matches everything
 * again.
 *
 * <p>Footprints of every status take part: the class says how a footprint lies against the map, not what the reviewer
 * decided. Two spatial indexes (JTS quadtrees: they take inserts and removals) hold the envelopes. Not thread-safe.
 */
final class ChangeClasses {

    private final ReferenceMatcher matcher = new ReferenceMatcher();
    private final Map<Long, Geometry> refGeometry = new HashMap<>();
    private final Map<Long, Envelope> fpEnvelope = new HashMap<>();
    private Quadtree refIndex = new Quadtree();
    private Quadtree fpIndex = new Quadtree();
    private final Map<Long, ChangeClass> fpClass = new HashMap<>();
    private final Map<Long, ChangeClass> refClass = new HashMap<>();
    private final Map<Long, Long> fpPartner = new HashMap<>();
    private final Map<Long, Long> refPartner = new HashMap<>();

    /** @return whether a reference is loaded (otherwise nothing has a class) */
    boolean active() {
        return !refGeometry.isEmpty();
    }

    /** Matches everything again: the reference set or its geometries changed. */
    void recomputeAll(Collection<Footprint> footprints, Collection<ReferenceBuilding> references) {
        refGeometry.clear();
        refClass.clear();
        refPartner.clear();
        fpClass.clear();
        fpPartner.clear();
        fpEnvelope.clear();
        refIndex = new Quadtree();
        fpIndex = new Quadtree();
        for (ReferenceBuilding r : references) {
            refGeometry.put(r.id(), r.geometry());
            refIndex.insert(r.geometry().getEnvelopeInternal(), r.id());
        }
        Map<Long, Geometry> fps = new HashMap<>();
        for (Footprint f : footprints) {
            indexFootprint(f);
            fps.put(f.id(), f.polygon());
        }
        if (active()) {
            match(fps, refGeometry.keySet());
        }
    }

    /**
     * Brings the classes up to date after footprints changed.
     *
     * @param before the footprints' polygons before the change, by id (absent for added ones)
     * @param after  the footprints as they are now, changed or added
     * @param removed the ids of removed footprints (their polygons before are in {@code before})
     * @param all    every footprint now, by id
     */
    void footprintsChanged(Map<Long, Geometry> before, Collection<Footprint> after, Collection<Long> removed,
            Map<Long, Footprint> all) {
        List<Envelope> seeds = new ArrayList<>();
        before.values().forEach(g -> seeds.add(g.getEnvelopeInternal()));
        for (long id : removed) {
            unindexFootprint(id);
            fpClass.remove(id);
            Long p = fpPartner.remove(id);
            if (p != null) {
                refPartner.remove(p);
            }
        }
        for (Footprint f : after) {
            unindexFootprint(f.id());
            indexFootprint(f);
            seeds.add(f.polygon().getEnvelopeInternal());
        }
        if (!active()) {
            return;
        }
        Set<Long> refs = new HashSet<>();
        Set<Long> fps = new LinkedHashSet<>();
        after.forEach(f -> fps.add(f.id()));
        List<Envelope> frontier = seeds;
        while (!frontier.isEmpty()) {
            List<Envelope> next = new ArrayList<>();
            for (Envelope e : frontier) {
                for (Object o : refIndex.query(e)) {
                    long r = (Long) o;
                    if (refGeometry.get(r).getEnvelopeInternal().intersects(e) && refs.add(r)) {
                        next.add(refGeometry.get(r).getEnvelopeInternal());
                    }
                }
            }
            List<Envelope> fpNext = new ArrayList<>();
            for (Envelope e : next) {
                for (Object o : fpIndex.query(e)) {
                    long f = (Long) o;
                    Envelope fe = fpEnvelope.get(f);
                    if (fe != null && fe.intersects(e) && fps.add(f)) {
                        fpNext.add(fe);
                    }
                }
            }
            frontier = fpNext;
        }
        Map<Long, Geometry> subset = new HashMap<>();
        for (long f : fps) {
            Footprint fp = all.get(f);
            if (fp != null) {
                subset.put(f, fp.polygon());
            }
        }
        match(subset, refs);
    }

    private void match(Map<Long, Geometry> footprints, Collection<Long> referenceIds) {
        List<Long> fIds = new ArrayList<>(footprints.keySet());
        List<Long> rIds = new ArrayList<>(referenceIds);
        fIds.sort(null);
        rIds.sort(null);
        List<Geometry> fg = fIds.stream().map(footprints::get).toList();
        List<Geometry> rg = rIds.stream().map(refGeometry::get).toList();
        Conflation c = matcher.match(fg, rg);
        for (int i = 0; i < fIds.size(); i++) {
            Match m = c.footprint(i);
            fpClass.put(fIds.get(i), m.changeClass());
            if (m.hasPartner()) {
                fpPartner.put(fIds.get(i), rIds.get(m.partner()));
            } else {
                fpPartner.remove(fIds.get(i));
            }
        }
        for (int i = 0; i < rIds.size(); i++) {
            Match m = c.reference(i);
            refClass.put(rIds.get(i), m.changeClass());
            if (m.hasPartner()) {
                refPartner.put(rIds.get(i), fIds.get(m.partner()));
            } else {
                refPartner.remove(rIds.get(i));
            }
        }
    }

    /** @return the footprint's class, or null without a reference (or no such footprint) */
    ChangeClass footprintClass(long id) {
        return active() ? fpClass.get(id) : null;
    }

    /** @return the reference building's class, or null */
    ChangeClass referenceClass(long id) {
        return refClass.get(id);
    }

    /** @return the reference building a footprint matches one to one (its replace target), or null */
    Long partnerOfFootprint(long id) {
        return fpPartner.get(id);
    }

    /** @return the footprint a reference building matches one to one, or null */
    Long partnerOfReference(long id) {
        return refPartner.get(id);
    }

    /** @return the reference buildings whose outline meets the geometry's interior (any shared area), ascending */
    List<Long> referencesOverlapping(Geometry g) {
        List<Long> out = new ArrayList<>();
        for (Object o : refIndex.query(g.getEnvelopeInternal())) {
            long r = (Long) o;
            Geometry rg = refGeometry.get(r);
            if (rg.getEnvelopeInternal().intersects(g.getEnvelopeInternal()) && rg.relate(g, "2********")) {
                out.add(r);
            }
        }
        out.sort(null);
        return out;
    }

    /** @return how many footprints have each class, and reference buildings {@code NOT_FOUND}; zeros included */
    Map<ChangeClass, Long> counts() {
        Map<ChangeClass, Long> out = new EnumMap<>(ChangeClass.class);
        for (ChangeClass c : ChangeClass.values()) {
            out.put(c, 0L);
        }
        if (!active()) {
            return out;
        }
        fpClass.values().forEach(c -> out.merge(c, 1L, Long::sum));
        refClass.values().stream().filter(c -> c == ChangeClass.NOT_FOUND)
                .forEach(c -> out.merge(c, 1L, Long::sum));
        return out;
    }

    private void indexFootprint(Footprint f) {
        Envelope e = f.polygon().getEnvelopeInternal();
        fpEnvelope.put(f.id(), e);
        fpIndex.insert(e, f.id());
    }

    private void unindexFootprint(long id) {
        Envelope e = fpEnvelope.remove(id);
        if (e != null) {
            fpIndex.remove(e, id);
        }
    }
}
