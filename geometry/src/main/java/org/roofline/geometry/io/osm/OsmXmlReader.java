package org.roofline.geometry.io.osm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorReader;

/**
 * Reads the buildings of an OpenStreetMap XML file ({@code .osm}, API 0.6, as JOSM saves and the OSM API returns):
 * closed ways and {@code type=multipolygon} relations tagged {@code building=*} (any value but {@code no}), with their
 * ids, versions and tags, in WGS 84 longitude/latitude.
 *
 * <p><b>Relations.</b> Member ways with the role {@code outer} (or none) are joined end to end into outer rings, those
 * with the role {@code inner} into holes, each hole in the outer ring that contains it; one outer ring makes a
 * Polygon, several a MultiPolygon. The relation's own tags are the building's.
 *
 * <p><b>Skipped.</b> Elements marked {@code action="delete"} (JOSM's deleted ones); buildings with a node or member way
 * missing from the file (a clipped extract), a ring that does not close, or fewer than 4 positions are skipped and
 * {@linkplain Result#incomplete() counted}. Geometries are not validated or repaired. Elements may come in any order.
 *
 * <p>Instances are immutable and thread-safe; the JDK's StAX parser reads the file as a stream (external entities and
 * DTDs are refused). Memory holds every node's coordinates.
 */
public final class OsmXmlReader implements VectorReader {

    /** The fields the {@linkplain #read(Path) layer} starts with, before one field per tag key. */
    public static final String TYPE_FIELD = "osm_type";
    public static final String ID_FIELD = "osm_id";
    public static final String VERSION_FIELD = "osm_version";

    private static final GeometryFactory GF = new GeometryFactory();

    /**
     * The buildings of a file.
     *
     * @param buildings  in file order, ways before relations
     * @param incomplete buildings skipped for a missing node or member, or a ring that does not close
     */
    public record Result(List<OsmBuilding> buildings, int incomplete) {
        public Result {
            buildings = List.copyOf(buildings);
        }
    }

    /** @return whether a file's name ends in {@code .osm}, case-insensitively */
    public static boolean isOsmXml(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".osm");
    }

    /**
     * Reads the buildings as a layer in {@link Crs#WGS84}: fields {@value #TYPE_FIELD} ({@code way} or {@code
     * relation}), {@value #ID_FIELD} and {@value #VERSION_FIELD}, then one text field per tag key in order of first
     * appearance.
     *
     * @throws IOException whose message starts with the file: not found, not XML, not OSM XML
     */
    @Override
    public VectorLayer read(Path file) throws IOException {
        return toLayer(layerName(file), readBuildings(file).buildings());
    }

    /** @return the buildings as a layer (see {@link #read(Path)}) */
    public static VectorLayer toLayer(String name, List<OsmBuilding> buildings) {
        Map<String, FieldDef> fields = new LinkedHashMap<>();
        fields.put(TYPE_FIELD, new FieldDef(TYPE_FIELD, FieldType.STRING));
        fields.put(ID_FIELD, new FieldDef(ID_FIELD, FieldType.INTEGER));
        fields.put(VERSION_FIELD, new FieldDef(VERSION_FIELD, FieldType.INTEGER));
        for (OsmBuilding b : buildings) {
            for (String key : b.tags().keySet()) {
                fields.putIfAbsent(key, new FieldDef(key, FieldType.STRING));
            }
        }
        List<VectorFeature> features = new ArrayList<>(buildings.size());
        for (OsmBuilding b : buildings) {
            Map<String, Object> a = new LinkedHashMap<>();
            for (String key : fields.keySet()) {
                a.put(key, null);
            }
            a.put(TYPE_FIELD, b.type().xmlName());
            a.put(ID_FIELD, b.id());
            a.put(VERSION_FIELD, (long) b.version());
            a.putAll(b.tags());
            features.add(new VectorFeature(b.geometry(), a));
        }
        return new VectorLayer(name, Crs.WGS84, List.copyOf(fields.values()), features);
    }

    private static String layerName(Path file) {
        String base = file.getFileName() == null ? "osm" : file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private record RawNode(long id, int version, double lon, double lat, boolean tagged) {
    }

    private record RawWay(long id, int version, List<Long> nodes, Map<String, String> tags) {
    }

    private record Member(long ref, boolean inner) {
    }

    private record RawRelation(long id, int version, List<Member> members, Map<String, String> tags) {
    }

    /**
     * Reads the buildings of a file, with their nodes.
     *
     * @throws IOException whose message starts with the file: not found, not XML, not OSM XML
     */
    public Result readBuildings(Path file) throws IOException {
        Map<Long, RawNode> nodes = new HashMap<>();
        Map<Long, RawWay> ways = new LinkedHashMap<>();
        List<RawRelation> relations = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader x = factory.createXMLStreamReader(in);
            boolean root = false;
            String element = null;
            long id = 0;
            int version = 0;
            double lon = 0;
            double lat = 0;
            boolean deleted = false;
            List<Long> nds = new ArrayList<>();
            List<Member> members = new ArrayList<>();
            Map<String, String> tags = new LinkedHashMap<>();
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = x.getLocalName();
                    if (!root) {
                        if (!name.equals("osm")) {
                            throw new IOException(file + ": not OSM XML (the root element is <" + name
                                    + ">, not <osm>)");
                        }
                        root = true;
                        continue;
                    }
                    switch (name) {
                        case "node", "way", "relation" -> {
                            element = name;
                            id = Long.parseLong(attribute(x, "id", file));
                            String v = x.getAttributeValue(null, "version");
                            version = v == null ? 0 : Integer.parseInt(v);
                            deleted = "delete".equals(x.getAttributeValue(null, "action"));
                            if (name.equals("node")) {
                                lon = Double.parseDouble(attribute(x, "lon", file));
                                lat = Double.parseDouble(attribute(x, "lat", file));
                            }
                            nds = new ArrayList<>();
                            members = new ArrayList<>();
                            tags = new LinkedHashMap<>();
                        }
                        case "nd" -> nds.add(Long.parseLong(attribute(x, "ref", file)));
                        case "member" -> {
                            if ("way".equals(x.getAttributeValue(null, "type"))) {
                                members.add(new Member(Long.parseLong(attribute(x, "ref", file)),
                                        "inner".equals(x.getAttributeValue(null, "role"))));
                            }
                        }
                        case "tag" -> tags.put(attribute(x, "k", file), attribute(x, "v", file));
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals(element)) {
                    if (!deleted) {
                        switch (element) {
                            case "node" -> nodes.put(id, new RawNode(id, version, lon, lat, !tags.isEmpty()));
                            case "way" -> ways.put(id, new RawWay(id, version, nds, tags));
                            default -> relations.add(new RawRelation(id, version, members, tags));
                        }
                    }
                    element = null;
                }
            }
            if (!root) {
                throw new IOException(file + ": not OSM XML (no <osm> element)");
            }
        } catch (XMLStreamException e) {
            throw new IOException(file + ": not valid XML: " + e.getMessage().replaceAll("\\s+", " "), e);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": a number that is not one: " + e.getMessage(), e);
        }
        return assemble(nodes, ways, relations);
    }

    private static String attribute(XMLStreamReader x, String name, Path file) throws IOException {
        String v = x.getAttributeValue(null, name);
        if (v == null) {
            throw new IOException(file + ": <" + x.getLocalName() + "> at line " + x.getLocation().getLineNumber()
                    + " has no " + name + " attribute");
        }
        return v;
    }

    private static boolean isBuilding(Map<String, String> tags) {
        String b = tags.get("building");
        return b != null && !b.equals("no");
    }

    private static Result assemble(Map<Long, RawNode> nodes, Map<Long, RawWay> ways, List<RawRelation> relations) {
        Map<Long, Integer> wayUses = new HashMap<>();
        for (RawWay w : ways.values()) {
            for (long n : new java.util.HashSet<>(w.nodes)) {
                wayUses.merge(n, 1, Integer::sum);
            }
        }
        List<OsmBuilding> out = new ArrayList<>();
        int incomplete = 0;
        for (RawWay w : ways.values()) {
            if (!isBuilding(w.tags)) {
                continue;
            }
            Coordinate[] ring = coordinates(w.nodes, nodes);
            if (ring == null || w.nodes.size() < 4 || !w.nodes.get(0).equals(w.nodes.get(w.nodes.size() - 1))) {
                incomplete++;
                continue;
            }
            List<OsmNode> wayNodes = new ArrayList<>();
            for (long n : w.nodes.subList(0, w.nodes.size() - 1)) {
                RawNode r = nodes.get(n);
                wayNodes.add(new OsmNode(n, r.version, r.lon, r.lat, !r.tagged && wayUses.get(n) == 1));
            }
            out.add(new OsmBuilding(OsmType.WAY, w.id, w.version, w.tags, GF.createPolygon(ring), wayNodes));
        }
        for (RawRelation r : relations) {
            if (!"multipolygon".equals(r.tags.get("type")) || !isBuilding(r.tags)) {
                continue;
            }
            Geometry g = multipolygon(r, ways, nodes);
            if (g == null) {
                incomplete++;
                continue;
            }
            out.add(new OsmBuilding(OsmType.RELATION, r.id, r.version, r.tags, g, List.of()));
        }
        return new Result(out, incomplete);
    }

    /** @return the coordinates of a node list, or null if a node is missing */
    private static Coordinate[] coordinates(List<Long> ids, Map<Long, RawNode> nodes) {
        Coordinate[] c = new Coordinate[ids.size()];
        for (int i = 0; i < c.length; i++) {
            RawNode n = nodes.get(ids.get(i));
            if (n == null) {
                return null;
            }
            c[i] = new Coordinate(n.lon, n.lat);
        }
        return c;
    }

    /** @return the relation's polygon(s), or null if a member is missing or a ring does not close */
    private static Geometry multipolygon(RawRelation r, Map<Long, RawWay> ways, Map<Long, RawNode> nodes) {
        List<List<Long>> outer = new ArrayList<>();
        List<List<Long>> inner = new ArrayList<>();
        for (Member m : r.members) {
            RawWay w = ways.get(m.ref);
            if (w == null || w.nodes.size() < 2) {
                return null;
            }
            (m.inner ? inner : outer).add(w.nodes);
        }
        List<LinearRing> shells = rings(outer, nodes);
        List<LinearRing> holes = rings(inner, nodes);
        if (shells == null || holes == null || shells.isEmpty()) {
            return null;
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        List<Polygon> shellPolygons = new ArrayList<>();
        for (LinearRing s : shells) {
            holesOf.add(new ArrayList<>());
            shellPolygons.add(GF.createPolygon(s));
        }
        for (LinearRing h : holes) {
            for (int i = 0; i < shells.size(); i++) {
                if (shellPolygons.get(i).contains(h.getInteriorPoint())
                        || shellPolygons.get(i).covers(h)) {
                    holesOf.get(i).add(h);
                    break;
                }
            }
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = GF.createPolygon(shells.get(i), holesOf.get(i).toArray(LinearRing[]::new));
        }
        return polygons.length == 1 ? polygons[0] : GF.createMultiPolygon(polygons);
    }

    /** Joins node lists end to end into closed rings; null if one does not close or a node is missing. */
    private static List<LinearRing> rings(List<List<Long>> parts, Map<Long, RawNode> nodes) {
        List<List<Long>> left = new ArrayList<>(parts);
        List<LinearRing> out = new ArrayList<>();
        while (!left.isEmpty()) {
            List<Long> ring = new ArrayList<>(left.remove(0));
            while (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                long end = ring.get(ring.size() - 1);
                int found = -1;
                boolean reversed = false;
                for (int i = 0; i < left.size() && found < 0; i++) {
                    List<Long> p = left.get(i);
                    if (p.get(0) == end) {
                        found = i;
                    } else if (p.get(p.size() - 1) == end) {
                        found = i;
                        reversed = true;
                    }
                }
                if (found < 0) {
                    return null;
                }
                List<Long> next = new ArrayList<>(left.remove(found));
                if (reversed) {
                    java.util.Collections.reverse(next);
                }
                ring.addAll(next.subList(1, next.size()));
            }
            Coordinate[] c = coordinates(ring, nodes);
            if (c == null || c.length < 4) {
                return null;
            }
            out.add(GF.createLinearRing(c));
        }
        return out;
    }
}
