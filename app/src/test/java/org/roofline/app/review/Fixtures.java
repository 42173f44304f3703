package org.roofline.app.review;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

final class Fixtures {

    static final GeometryFactory GF = new GeometryFactory();
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    static Polygon rect(double x, double y, double w, double h) {
        return poly(x, y, x + w, y, x + w, y + h, x, y + h);
    }

    static Polygon poly(double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2 + 1];
        for (int i = 0; i < xy.length / 2; i++) {
            c[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        c[c.length - 1] = new Coordinate(c[0]);
        return GF.createPolygon(c);
    }

    static Footprint fp(long id, Polygon p, double confidence) {
        return new Footprint(id, p, ReviewStatus.PENDING, confidence, "right-angles", true, "img.tif", null);
    }

    static Map<Long, Footprint> snapshot(ReviewModel m) {
        Map<Long, Footprint> out = new HashMap<>();
        for (Footprint f : m.footprints()) {
            out.put(f.id(), f);
        }
        return out;
    }

    /** A persistence double: records every call in order, and keeps what a store would hold. */
    static class Recorder implements ReviewPersistence {
        final List<String> calls = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        final Map<Long, Footprint> store = new HashMap<>();
        final Map<Integer, Boolean> visited = new HashMap<>();

        Recorder(Collection<Footprint> initial) {
            for (Footprint f : initial) {
                store.put(f.id(), f);
            }
        }

        @Override
        public void footprintsChanged(Collection<Footprint> footprints) {
            sizes.add(footprints.size());
            calls.add("changed " + footprints.stream().map(Footprint::id).sorted().toList());
            for (Footprint f : footprints) {
                store.put(f.id(), f);
            }
        }

        @Override
        public void footprintsRemoved(Collection<Long> ids) {
            calls.add("removed " + ids.stream().sorted().toList());
            ids.forEach(store::remove);
        }

        @Override
        public void tileVisited(int tileIndex, boolean v) {
            calls.add("visited " + tileIndex + " " + v);
            visited.put(tileIndex, v);
        }
    }
}
