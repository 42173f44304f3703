package org.roofline.geometry.io.osm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A building read from OSM XML.
 *
 * @param type     the element it comes from
 * @param id       the element id (negative for one not yet uploaded, as JOSM writes them)
 * @param version  the element version (0 when the file gives none)
 * @param tags     its tags, in file order ({@code building} among them)
 * @param geometry its outline: a Polygon or MultiPolygon in WGS 84 longitude/latitude
 * @param nodes    for a way, its nodes in order without the closing repeat; for a relation, empty
 */
public record OsmBuilding(OsmType type, long id, int version, Map<String, String> tags, Geometry geometry,
        List<OsmNode> nodes) {
    public OsmBuilding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(geometry, "geometry");
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException("a building's geometry must be polygonal, not "
                    + geometry.getGeometryType());
        }
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        nodes = List.copyOf(nodes);
    }
}
