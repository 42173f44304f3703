package org.roofline.app.review;

import java.util.List;

/**
 * A change of a {@link ReviewModel}, for listeners such as the editor.
 *
 * @param kind       what changed
 * @param changedIds footprints added or changed (empty unless {@link Kind#FOOTPRINTS}); reference buildings for
 *                   {@link Kind#REFERENCES}
 * @param removedIds footprints removed (empty unless {@link Kind#FOOTPRINTS})
 * @param tileIndex  the tile concerned for {@link Kind#CURRENT_TILE} and {@link Kind#TILE_VISITED}, else -1
 */
public record ReviewEvent(Kind kind, List<Long> changedIds, List<Long> removedIds, int tileIndex) {

    public enum Kind {
        /** footprints were added, changed or removed */
        FOOTPRINTS,
        /** the current tile changed */
        CURRENT_TILE,
        /** the current footprint changed */
        CURRENT_FOOTPRINT,
        /** a tile's visited flag changed */
        TILE_VISITED,
        /** the tile order changed or was re-computed */
        TILE_ORDER,
        /** reference buildings were loaded or changed (ids in changedIds); change classes may have changed */
        REFERENCES
    }

    public ReviewEvent {
        changedIds = List.copyOf(changedIds);
        removedIds = List.copyOf(removedIds);
    }

    static ReviewEvent footprints(List<Long> changed, List<Long> removed) {
        return new ReviewEvent(Kind.FOOTPRINTS, changed, removed, -1);
    }

    static ReviewEvent of(Kind kind, int tile) {
        return new ReviewEvent(kind, List.of(), List.of(), tile);
    }
}
