package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.footprint.Footprint;

/** A spatial index of footprints (an STRtree), a snapshot: build a new one after changes. */
public final class FootprintIndex {

    private final STRtree tree = new STRtree();

    public FootprintIndex(Collection<Footprint> footprints) {
        for (Footprint f : footprints) {
            tree.insert(f.polygon().getEnvelopeInternal(), f);
        }
        tree.build();
    }

    /** Footprints whose envelope meets the footprint's (other than itself, by id). */
    public List<Footprint> candidates(Footprint f) {
        List<Footprint> out = new ArrayList<>();
        for (Object o : tree.query(f.polygon().getEnvelopeInternal())) {
            Footprint g = (Footprint) o;
            if (g.id() != f.id()) {
                out.add(g);
            }
        }
        return out;
    }

    /** Other footprints whose interior overlaps the footprint's (touching along an edge does not count). */
    public List<Footprint> overlapping(Footprint f) {
        List<Footprint> out = new ArrayList<>();
        Polygon p = f.polygon();
        for (Footprint g : candidates(f)) {
            try {
                if (p.relate(g.polygon(), "2********")) {
                    out.add(g);
                }
            } catch (RuntimeException e) {
                // an invalid polygon: reported by the validity check, not as an overlap
            }
        }
        return out;
    }
}
