package org.roofline.geometry.io.osm;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.io.AtomicFiles;

/**
 * Writes the changes a review decided as an OSM XML file ({@code .osm}, API 0.6) that JOSM opens and can upload:
 * JOSM's own file format, where new elements have negative ids and changed ones carry {@code action="modify"} or
 * {@code action="delete"} with their original id and version. Elements without an action are context (nodes a deleted
 * way still names) and are not uploaded.
 *
 * <ul>
 *   <li>{@link Create}: a new closed way with new nodes (negative ids), tagged {@code building=yes} and {@code
 *       source=}<i>the source given</i>; a polygon with holes becomes a new multipolygon relation (so tagged) with
 *       untagged outer and inner ways.</li>
 *   <li>{@link Modify}: the way keeps its id, version and tags and gets the new outline: its removable nodes (untagged,
 *       used by no other way; {@link OsmNode#removable()}) are moved to the new vertices in order, with {@code
 *       action="modify"}; more vertices get new nodes; removable nodes left over are deleted. Nodes it shared with
 *       another way or that carry tags are left where they are, and out of the new outline.</li>
 *   <li>{@link Delete}: the way with {@code action="delete"}, its removable nodes deleted too, its other nodes present
 *       unchanged.</li>
 * </ul>
 * Nothing else is written. Coordinates are WGS 84 longitude/latitude with 7 decimals (OSM's precision): reproject
 * before. Modifying or deleting a relation building is not supported (an {@link IllegalArgumentException}): JOSM's
 * relation editor is the place for those. Instances are immutable and thread-safe; the file is written atomically.
 */
public final class OsmChangeWriter {

    /** One change. */
    public sealed interface Change permits Create, Modify, Delete {
    }

    /** A new building, its outline in WGS 84 longitude/latitude. */
    public record Create(Polygon outline) implements Change {
        public Create {
            Objects.requireNonNull(outline, "outline");
        }
    }

    /** A building of the reference replaced by a new outline (WGS 84), without holes. */
    public record Modify(OsmBuilding original, Polygon outline) implements Change {
        public Modify {
            requireWay(original, "modified");
            Objects.requireNonNull(outline, "outline");
            if (outline.getNumInteriorRing() > 0) {
                throw new IllegalArgumentException("way " + original.id()
                        + ": a modified way cannot take holes; create a multipolygon in JOSM");
            }
        }
    }

    /** A building of the reference deleted (demolished). */
    public record Delete(OsmBuilding original) implements Change {
        public Delete {
            requireWay(original, "deleted");
        }
    }

    private static void requireWay(OsmBuilding b, String what) {
        Objects.requireNonNull(b, "original");
        if (b.type() != OsmType.WAY) {
            throw new IllegalArgumentException("relation " + b.id() + ": only ways can be " + what
                    + " in a change file, not multipolygon relations");
        }
    }

    private final String source;

    /**
     * @param source the {@code source} tag of new buildings: the imagery they were traced from
     * @throws IllegalArgumentException if blank
     */
    public OsmChangeWriter(String source) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("the source tag must not be blank");
        }
        this.source = source.strip();
    }

    private record Node(long id, int version, double lon, double lat, String action) {
    }

    private record Way(long id, int version, List<Long> nodes, Map<String, String> tags, String action) {
    }

    private record Relation(long id, List<Long> outer, List<Long> inner, Map<String, String> tags) {
    }

    /** The elements of the file, nodes first (GDAL's OSM driver needs them before the ways). */
    private final class Elements {
        final List<Node> nodes = new ArrayList<>();
        final List<Way> ways = new ArrayList<>();
        final List<Relation> relations = new ArrayList<>();
        long next = -1;

        List<Long> newNodes(LinearRing ring) {
            Coordinate[] c = ring.getCoordinates();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < c.length - 1; i++) {
                long id = next--;
                nodes.add(new Node(id, 0, c[i].x, c[i].y, null));
                ids.add(id);
            }
            ids.add(ids.get(0));
            return ids;
        }

        void add(Change change) {
            if (change instanceof Create c) {
                create(c.outline());
            } else if (change instanceof Modify m) {
                modify(m.original(), m.outline());
            } else {
                delete(((Delete) change).original());
            }
        }

        private void create(Polygon outline) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("building", "yes");
            tags.put("source", source);
            if (outline.getNumInteriorRing() == 0) {
                ways.add(new Way(next--, 0, newNodes(outline.getExteriorRing()), tags, null));
                return;
            }
            List<Long> outer = new ArrayList<>();
            List<Long> inner = new ArrayList<>();
            for (int r = -1; r < outline.getNumInteriorRing(); r++) {
                LinearRing ring = r < 0 ? outline.getExteriorRing() : outline.getInteriorRingN(r);
                long id = next--;
                ways.add(new Way(id, 0, newNodes(ring), Map.of(), null));
                (r < 0 ? outer : inner).add(id);
            }
            Map<String, String> relationTags = new LinkedHashMap<>();
            relationTags.put("type", "multipolygon");
            relationTags.putAll(tags);
            relations.add(new Relation(next--, outer, inner, relationTags));
        }

        private void modify(OsmBuilding original, Polygon outline) {
            List<OsmNode> movable = original.nodes().stream().filter(OsmNode::removable).toList();
            Coordinate[] c = outline.getExteriorRing().getCoordinates();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < c.length - 1; i++) {
                if (i < movable.size()) {
                    OsmNode n = movable.get(i);
                    nodes.add(new Node(n.id(), n.version(), c[i].x, c[i].y, "modify"));
                    ids.add(n.id());
                } else {
                    long id = next--;
                    nodes.add(new Node(id, 0, c[i].x, c[i].y, null));
                    ids.add(id);
                }
            }
            for (int i = c.length - 1; i < movable.size(); i++) {
                OsmNode n = movable.get(i);
                nodes.add(new Node(n.id(), n.version(), n.lon(), n.lat(), "delete"));
            }
            ids.add(ids.get(0));
            ways.add(new Way(original.id(), original.version(), ids, original.tags(), "modify"));
        }

        private void delete(OsmBuilding original) {
            List<Long> ids = new ArrayList<>();
            for (OsmNode n : original.nodes()) {
                nodes.add(new Node(n.id(), n.version(), n.lon(), n.lat(), n.removable() ? "delete" : null));
                ids.add(n.id());
            }
            ids.add(ids.get(0));
            ways.add(new Way(original.id(), original.version(), ids, original.tags(), "delete"));
        }
    }

    /**
     * Writes the changes to a file, replacing it atomically.
     *
     * @throws IllegalArgumentException if the same element is modified or deleted twice
     * @throws IOException              if writing fails
     */
    public void write(List<? extends Change> changes, Path file) throws IOException {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(file, "file");
        Elements e = new Elements();
        java.util.Set<Long> touched = new java.util.HashSet<>();
        for (Change c : changes) {
            Objects.requireNonNull(c, "change");
            OsmBuilding original = c instanceof Modify m ? m.original() : c instanceof Delete d ? d.original() : null;
            if (original != null && !touched.add(original.id())) {
                throw new IllegalArgumentException("way " + original.id() + " is changed twice");
            }
            e.add(c);
        }
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try {
                XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
                x.writeStartDocument("UTF-8", "1.0");
                x.writeCharacters("\n");
                x.writeStartElement("osm");
                x.writeAttribute("version", "0.6");
                x.writeAttribute("generator", "Roofline");
                x.writeAttribute("upload", "true");
                x.writeCharacters("\n");
                for (Node n : e.nodes) {
                    x.writeCharacters("  ");
                    x.writeEmptyElement("node");
                    identity(x, n.id, n.version, n.action);
                    x.writeAttribute("lat", String.format(Locale.ROOT, "%.7f", n.lat));
                    x.writeAttribute("lon", String.format(Locale.ROOT, "%.7f", n.lon));
                    x.writeCharacters("\n");
                }
                for (Way way : e.ways) {
                    x.writeCharacters("  ");
                    x.writeStartElement("way");
                    identity(x, way.id, way.version, way.action);
                    x.writeCharacters("\n");
                    for (long ref : way.nodes) {
                        x.writeCharacters("    ");
                        x.writeEmptyElement("nd");
                        x.writeAttribute("ref", Long.toString(ref));
                        x.writeCharacters("\n");
                    }
                    tags(x, way.tags);
                    x.writeCharacters("  ");
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                for (Relation r : e.relations) {
                    x.writeCharacters("  ");
                    x.writeStartElement("relation");
                    identity(x, r.id, 0, null);
                    x.writeCharacters("\n");
                    for (int k = 0; k < 2; k++) {
                        for (long ref : k == 0 ? r.outer : r.inner) {
                            x.writeCharacters("    ");
                            x.writeEmptyElement("member");
                            x.writeAttribute("type", "way");
                            x.writeAttribute("ref", Long.toString(ref));
                            x.writeAttribute("role", k == 0 ? "outer" : "inner");
                            x.writeCharacters("\n");
                        }
                    }
                    tags(x, r.tags);
                    x.writeCharacters("  ");
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
                x.writeEndDocument();
                x.flush();
                w.flush();
            } catch (XMLStreamException ex) {
                throw new IOException(file + ": " + ex.getMessage(), ex);
            }
        });
    }

    private static void identity(XMLStreamWriter x, long id, int version, String action) throws XMLStreamException {
        x.writeAttribute("id", Long.toString(id));
        if (action != null) {
            x.writeAttribute("action", action);
        }
        if (id > 0) {
            x.writeAttribute("version", Integer.toString(version));
        }
        x.writeAttribute("visible", "true");
    }

    private static void tags(XMLStreamWriter x, Map<String, String> tags) throws XMLStreamException {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            x.writeCharacters("    ");
            x.writeEmptyElement("tag");
            x.writeAttribute("k", t.getKey());
            x.writeAttribute("v", t.getValue());
            x.writeCharacters("\n");
        }
    }
}
