/**
 * OpenStreetMap XML: {@code OsmXmlReader} reads the buildings of an {@code .osm} file (closed ways and multipolygon
 * relations tagged {@code building=*}, with their ids, versions and tags) as {@code OsmBuilding}s or as a vector
 * layer, and {@code OsmChangeWriter} writes the changes a review decided (new, modified and deleted buildings) as an
 * OSM XML file that JOSM opens and can upload. JDK StAX only. Start at {@code OsmXmlReader}.
 */
package org.roofline.geometry.io.osm;
