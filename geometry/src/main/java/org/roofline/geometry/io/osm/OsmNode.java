package org.roofline.geometry.io.osm;

/**
 * A node of a building's way, as read.
 *
 * @param id        the node id
 * @param version   its version (0 when the file gives none)
 * @param lon       longitude, WGS 84 degrees
 * @param lat       latitude, WGS 84 degrees
 * @param removable whether a change may move or delete it: it has no tags and no other way in the file uses it
 */
public record OsmNode(long id, int version, double lon, double lat, boolean removable) {
}
