package org.roofline.app.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReferenceState;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.osm.OsmBuilding;
import org.roofline.geometry.io.osm.OsmXmlReader;
import org.roofline.geometry.io.reference.ConflationLayer;
import org.roofline.geometry.io.reference.ReferenceReader;

/**
 * A reference map read for a review: every polygonal building of the file ({@link ReferenceReader}'s formats;
 * from OSM XML with its OSM type, id, version, tags and nodes), reprojected to the image's CRS and clipped to the
 * image's extent (buildings outside it are left out, those across its edge cut at it; invalid outlines repaired with
 * JTS {@link GeometryFixer}). Buildings get local ids 1, 2, ... in file order and the state {@code pending}.
 *
 * @param buildings   the buildings kept
 * @param read        the features the file holds (OSM XML: its buildings)
 * @param outside     those left out for lying outside the extent
 * @param notPolygons those left out for not being polygons
 * @param source      the file's name, as the session records it
 */
public record ReferenceFile(List<ReferenceBuilding> buildings, int read, int outside, int notPolygons,
        String source) {

    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static final JsonFactory JSON = new JsonFactory();

    public ReferenceFile {
        buildings = List.copyOf(buildings);
    }

    /**
     * @param targetCrs the image's CRS, or null (pixel coordinates: the file must have none either)
     * @param extent    the image's extent in that CRS, or null to keep everything
     * @throws IOException one line naming the file and the problem: missing, unknown format, unreadable, without a
     *                     CRS where one is needed, or not reprojectable
     */
    public static ReferenceFile read(Path file, Crs targetCrs, Envelope extent) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
        List<Candidate> candidates = new ArrayList<>();
        Crs crs;
        int read;
        try {
            if (OsmXmlReader.isOsmXml(file)) {
                OsmXmlReader.Result r = new OsmXmlReader().readBuildings(file);
                for (OsmBuilding b : r.buildings()) {
                    candidates.add(new Candidate(b.geometry(), Long.toString(b.id()), b.type().xmlName(), b.id(),
                            b.version(), json(new LinkedHashMap<>(b.tags())), ReferenceNodes.format(b.nodes())));
                }
                crs = Crs.WGS84;
                read = r.buildings().size();
            } else {
                VectorLayer layer = ReferenceReader.read(file);
                String idField = ConflationLayer.referenceIdField(layer);
                for (int i = 0; i < layer.features().size(); i++) {
                    VectorFeature f = layer.features().get(i);
                    candidates.add(new Candidate(f.geometry(), ConflationLayer.referenceId(layer, idField, i), null,
                            0, 0, json(f.attributes()), ""));
                }
                crs = layer.crs();
                read = layer.features().size();
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": unknown format: use " + ReferenceReader.KNOWN, e);
        }
        if ((crs == null) != (targetCrs == null)) {
            throw new IOException(file + ": " + (crs == null ? "has no coordinate system, so it cannot be put on "
                    + "the image's " + targetCrs : "has a coordinate system but the image has none (pixel "
                    + "coordinates), so it cannot be put on the image"));
        }
        CrsTransform t;
        try {
            t = crs == null || crs.equals(targetCrs) ? null : CrsTransform.of(crs, targetCrs);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": cannot reproject from " + crs + " to " + targetCrs + ": "
                    + e.getMessage(), e);
        }
        Geometry clip = extent == null || extent.isNull() ? null : FACTORY.toGeometry(extent);
        List<ReferenceBuilding> out = new ArrayList<>();
        int outside = 0;
        int notPolygons = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (!(c.geometry() instanceof Polygonal) || c.geometry().isEmpty()) {
                notPolygons++;
                continue;
            }
            Geometry g;
            try {
                g = t == null ? c.geometry() : t.transform(c.geometry());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": building " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (!g.isValid()) {
                g = GeometryFixer.fix(g);
            }
            if (clip != null) {
                if (!clip.getEnvelopeInternal().intersects(g.getEnvelopeInternal()) || !clip.intersects(g)) {
                    outside++;
                    continue;
                }
                if (!clip.contains(g)) {
                    g = polygonal(clip.intersection(g));
                    if (g == null) {
                        outside++;
                        continue;
                    }
                }
            }
            out.add(new ReferenceBuilding(out.size() + 1, c.sourceId(), c.osmType(), c.osmId(), c.osmVersion(),
                    c.tags(), c.nodes(), g, ReferenceState.PENDING, null));
        }
        return new ReferenceFile(out, read, outside, notPolygons, file.getFileName().toString());
    }

    private record Candidate(Geometry geometry, String sourceId, String osmType, long osmId, int osmVersion,
            String tags, String nodes) {
    }

    /** The polygons of a clipped geometry, or null when nothing with an area is left. */
    private static Geometry polygonal(Geometry g) {
        @SuppressWarnings("unchecked")
        List<Polygon> polys = PolygonExtracter.getPolygons(g);
        polys = polys.stream().filter(p -> p.getArea() > 0).toList();
        if (polys.isEmpty()) {
            return null;
        }
        return polys.size() == 1 ? polys.get(0) : FACTORY.createMultiPolygon(polys.toArray(Polygon[]::new));
    }

    /** @return the attributes as a JSON object: numbers and booleans as such, everything else as text, nulls left out */
    public static String json(Map<String, ?> attributes) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : attributes.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    continue;
                }
                g.writeFieldName(e.getKey());
                if (v instanceof Long || v instanceof Integer || v instanceof Short) {
                    g.writeNumber(((Number) v).longValue());
                } else if (v instanceof Number n) {
                    g.writeNumber(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /**
     * @return a JSON object of {@link #json} as text values (numbers and booleans as they were written)
     * @throws IllegalArgumentException if the text is not a flat JSON object
     */
    public static Map<String, String> tags(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + json);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException("tag " + key + " is not a plain value");
                }
                if (v != JsonToken.VALUE_NULL) {
                    out.put(key, p.getText());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        return out;
    }
}
