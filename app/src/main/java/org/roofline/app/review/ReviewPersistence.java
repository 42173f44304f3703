package org.roofline.app.review;

import java.util.Collection;
import java.util.Map;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;

/**
 * Where the review's decisions go as they are made. Every call returns only once the change is durable (committed),
 * so a crash or a kill right after it loses nothing.
 */
public interface ReviewPersistence {

    /** Stores new or changed footprints (by id), as one transaction. */
    void footprintsChanged(Collection<Footprint> footprints);

    /** Deletes footprints by id, as one transaction. */
    void footprintsRemoved(Collection<Long> ids);

    /** Stores whether a review tile has been visited. */
    void tileVisited(int tileIndex, boolean visited);

    /**
     * Stores the polygons before regularization of new footprints (by id), used by the doubt-first order. The default
     * keeps nothing.
     */
    default void originalsAdded(Map<Long, Polygon> originals) {
    }

    /**
     * Stores reference buildings (new, or with a new state or outline, by {@link ReferenceBuilding#id()}) and, when
     * not null, the reference's source (its file name), as one transaction. The default keeps nothing.
     */
    default void referencesChanged(Collection<ReferenceBuilding> references, String source) {
    }

    /** A persistence that keeps nothing: for tests and throw-away reviews. */
    ReviewPersistence NONE = new ReviewPersistence() {
        @Override
        public void footprintsChanged(Collection<Footprint> footprints) {
        }

        @Override
        public void footprintsRemoved(Collection<Long> ids) {
        }

        @Override
        public void tileVisited(int tileIndex, boolean visited) {
        }
    };
}
