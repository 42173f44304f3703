package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.roofline.geometry.footprint.Footprint;

/**
 * The order a reader scans a tile in: rows from top to bottom (north up: larger y first), each row left to right.
 *
 * <p>A row starts with the highest footprint not yet placed (the largest top edge, ties by smaller x); every remaining
 * footprint whose centre lies within that footprint's vertical extent joins its row. Rows are then read by the x of the
 * footprints' centres (ties by id). So buildings side by side are neighbours in the order even when their tops differ,
 * and the order does not depend on ids.
 */
public final class ReadingOrder {

    private ReadingOrder() {
    }

    private record Box(long id, Envelope e) {
        double cx() {
            return (e.getMinX() + e.getMaxX()) / 2;
        }

        double cy() {
            return (e.getMinY() + e.getMaxY()) / 2;
        }
    }

    /** The ids of the footprints in reading order (a new list). */
    public static List<Long> of(Collection<Footprint> footprints) {
        List<Box> left = new ArrayList<>(footprints.size());
        for (Footprint f : footprints) {
            left.add(new Box(f.id(), f.polygon().getEnvelopeInternal()));
        }
        left.sort(Comparator.comparingDouble((Box b) -> -b.e().getMaxY()).thenComparingDouble(b -> b.e().getMinX())
                .thenComparingLong(Box::id));
        List<Long> out = new ArrayList<>(left.size());
        while (!left.isEmpty()) {
            Box seed = left.get(0);
            double top = seed.e().getMaxY();
            double bottom = seed.e().getMinY();
            List<Box> row = new ArrayList<>();
            List<Box> rest = new ArrayList<>(left.size());
            for (Box b : left) {
                if (b == seed || (b.cy() >= bottom && b.cy() <= top)) {
                    row.add(b);
                } else {
                    rest.add(b);
                }
            }
            row.sort(Comparator.comparingDouble(Box::cx).thenComparingLong(Box::id));
            for (Box b : row) {
                out.add(b.id());
            }
            left = rest;
        }
        return out;
    }
}
