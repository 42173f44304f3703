package org.roofline.geometry.io.osm;

import java.util.Locale;

/** The OSM element type a building comes from. */
public enum OsmType {
    /** A closed way. */
    WAY,
    /** A multipolygon relation. */
    RELATION;

    /** @return {@code way} or {@code relation}, as OSM XML names it */
    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
