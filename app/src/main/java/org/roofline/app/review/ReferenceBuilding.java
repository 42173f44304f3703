package org.roofline.app.review;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A building of the reference map (OpenStreetMap, a cadastre, an open footprint dataset) as the review holds it: in
 * the session's CRS, clipped to the image, with what the review decided about it.
 *
 * @param id         the local id in the session, from 1, unique among the reference buildings
 * @param sourceId   its id in the source (an OSM id, a dataset's {@code id}), else its feature number from 1
 * @param osmType    {@code way} or {@code relation} for a building read from OSM XML, else null
 * @param osmId      its OSM id (0 when not from OSM XML)
 * @param osmVersion its OSM version (0 when not from OSM XML or the file gives none)
 * @param tags       its tags or attributes as a JSON object text ({@code {}} for none)
 * @param osmNodes   for an OSM way, its nodes as text ({@code org.roofline.app.session.ReferenceNodes}), else
 *                   empty
 * @param geometry   its outline, Polygon or MultiPolygon, in the session's CRS
 * @param state      what the review decided
 * @param replacedBy for {@link ReferenceState#REPLACED}, the id of the footprint that replaces it; else null
 */
public record ReferenceBuilding(long id, String sourceId, String osmType, long osmId, int osmVersion, String tags,
        String osmNodes, Geometry geometry, ReferenceState state, Long replacedBy) {

    public ReferenceBuilding {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(state, "state");
        tags = tags == null || tags.isBlank() ? "{}" : tags;
        osmNodes = osmNodes == null ? "" : osmNodes;
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException("reference building " + id + " is a " + geometry.getGeometryType()
                    + ", not a Polygon or MultiPolygon");
        }
        if ((state == ReferenceState.REPLACED) != (replacedBy != null)) {
            throw new IllegalArgumentException("reference building " + id + ": a replaced building names the "
                    + "footprint that replaces it, and only a replaced one");
        }
    }

    /** @return whether it came from OSM XML (so an OSM change file can modify or delete it) */
    public boolean isOsm() {
        return osmType != null && osmId != 0;
    }

    /** @return the same building with another state ({@code replacedBy} only for {@link ReferenceState#REPLACED}) */
    public ReferenceBuilding withState(ReferenceState newState, Long newReplacedBy) {
        return new ReferenceBuilding(id, sourceId, osmType, osmId, osmVersion, tags, osmNodes, geometry, newState,
                newReplacedBy);
    }

    /** @return the same building with another outline (an imagery offset applied) */
    public ReferenceBuilding withGeometry(Geometry newGeometry) {
        return new ReferenceBuilding(id, sourceId, osmType, osmId, osmVersion, tags, osmNodes, newGeometry, state,
                replacedBy);
    }
}
