package org.roofline.geometry.io.geojson;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.IsoInstants;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorReader;

/**
 * Reads a GeoJSON FeatureCollection (or a single Feature) into a {@link VectorLayer}, with Jackson's streaming parser.
 *
 * <p><b>Geometries.</b> Every GeoJSON type is read as the JTS geometry of the same name, mixed types in one file
 * included. Rings that are not closed are closed; a third ordinate is kept as z, further ones dropped. A null
 * geometry becomes an empty GeometryCollection (so no feature is lost). Geometries are not validated or repaired:
 * a self-intersecting polygon is read as it is (see {@link GeometryRepair}). A malformed geometry (a position that is
 * not numbers, a ring of fewer than 4 positions) fails the whole read with the feature's index.
 *
 * <p><b>Fields.</b> The properties of all features are gathered into fields, in order of first appearance; the
 * top-level {@code id} of a feature is read as an {@code id} property when the properties have none. Each field's
 * type comes from its non-null values over the whole file:
 * <ul>
 *   <li>only integers: {@link FieldType#INTEGER} ({@link Long}; an integer beyond the range of long counts as a
 *       real number);</li>
 *   <li>integers and other numbers: {@link FieldType#REAL} ({@link Double});</li>
 *   <li>only booleans: {@link FieldType#BOOLEAN};</li>
 *   <li>only strings that are ISO-8601 date-times with a zone or offset, such as {@code 2024-05-01T10:15:30Z}:
 *       {@link FieldType#DATETIME} ({@link Instant}), as GDAL reads them;</li>
 *   <li>anything else (strings, a mix of kinds, nested objects or arrays, or only nulls): {@link FieldType#STRING},
 *       deliberately lossless: numbers and booleans become their JSON text ({@code 12}, {@code 2.5}, {@code true})
 *       and nested values their compact JSON.</li>
 * </ul>
 *
 * <p><b>CRS.</b> RFC 7946 GeoJSON is WGS 84 longitude/latitude ({@link Crs#WGS84}), which is what a file without a
 * {@code crs} member gets. The legacy (2008) {@code crs} member is honoured: a named CRS such as
 * {@code urn:ogc:def:crs:EPSG::32616} or {@code urn:ogc:def:crs:OGC:1.3:CRS84}, or an {@code EPSG} code object; a
 * {@code "crs": null} member means no CRS (pixel coordinates; the layer's CRS is null), as Roofline writes for them.
 * Coordinates are never reprojected on reading.
 *
 * <p>The layer name is the file's {@code name} member, else the file name without its extension. Instances are
 * immutable and thread-safe.
 */
public final class GeoJsonReader implements VectorReader {

    private final GeometryFactory factory;

    public GeoJsonReader() {
        this(new GeometryFactory());
    }

    /** @param factory the factory of the geometries read (precision model, SRID) */
    public GeoJsonReader(GeometryFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * @throws IOException whose one-line message starts with the file name: no such file, not UTF-8, not JSON, not a
     *                     FeatureCollection or Feature, a malformed geometry, an unknown CRS
     */
    @Override
    public VectorLayer read(Path file) throws IOException {
        GeoJsonDocument doc = GeoJsonDocument.read(file, factory);
        String base = file.getFileName() == null ? "layer" : file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        String name = doc.name() != null && !doc.name().isBlank() ? doc.name() : dot > 0 ? base.substring(0, dot) : base;
        Crs crs;
        try {
            crs = crs(doc.crs(), !doc.hasCrs());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return layer(name, crs, doc.features());
    }

    /**
     * Reads GeoJSON text (see the class comment).
     *
     * @throws IllegalArgumentException if it is not GeoJSON or names an unknown CRS
     */
    public VectorLayer read(String geoJson, String layerName) {
        GeoJsonDocument doc = GeoJsonDocument.read(geoJson, factory);
        return layer(doc.name() != null && !doc.name().isBlank() ? doc.name() : layerName,
                crs(doc.crs(), !doc.hasCrs()), doc.features());
    }

    /** The CRS of a legacy {@code crs} member; WGS 84 when there is none, null for {@code "crs": null}. */
    static Crs crs(Object member, boolean absent) {
        if (absent) {
            return Crs.WGS84;
        }
        if (member == null) {
            return null;
        }
        if (member instanceof Map<?, ?> m && m.get("properties") instanceof Map<?, ?> props) {
            Object type = m.get("type");
            if ("name".equals(type) && props.get("name") instanceof String name) {
                try {
                    return Crs.parse(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown CRS '" + name + "' in the \"crs\" member: "
                            + e.getMessage(), e);
                }
            }
            if ("EPSG".equalsIgnoreCase(String.valueOf(type)) && props.get("code") instanceof Number code) {
                return Crs.epsg(code.intValue());
            }
            if ("link".equals(type)) {
                throw new IllegalArgumentException("the \"crs\" member links to a definition elsewhere, "
                        + "which Roofline does not follow; name the CRS (urn:ogc:def:crs:EPSG::code) instead");
            }
        }
        throw new IllegalArgumentException("the \"crs\" member is not a named CRS such as "
                + "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32616\"}}");
    }

    /** The field name a property with a blank name ({@code ""}) is read under. */
    public static final String BLANK_NAME = "unnamed";

    private VectorLayer layer(String name, Crs crs, List<GeoJsonDocument.Feature> features) {
        Map<String, Kinds> kinds = new LinkedHashMap<>();
        for (GeoJsonDocument.Feature f : features) {
            for (Map.Entry<String, Object> e : f.properties().entrySet()) {
                kinds.computeIfAbsent(e.getKey(), k -> new Kinds()).add(e.getValue());
            }
        }
        List<FieldDef> fields = new ArrayList<>(kinds.size());
        // a property with a blank name ("" is valid JSON) is kept under a name formats can hold: unnamed, unnamed_2...
        Map<String, String> sourceKey = new LinkedHashMap<>();
        for (Map.Entry<String, Kinds> e : kinds.entrySet()) {
            String fieldName = e.getKey();
            if (fieldName.isBlank()) {
                fieldName = BLANK_NAME;
                for (int n = 2; kinds.containsKey(fieldName) || sourceKey.containsKey(fieldName); n++) {
                    fieldName = BLANK_NAME + "_" + n;
                }
            }
            sourceKey.put(fieldName, e.getKey());
            fields.add(new FieldDef(fieldName, e.getValue().type()));
        }
        List<VectorFeature> out = new ArrayList<>(features.size());
        for (GeoJsonDocument.Feature f : features) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (FieldDef field : fields) {
                attributes.put(field.name(), convert(f.properties().get(sourceKey.get(field.name())), field.type()));
            }
            Geometry g = f.geometry() != null ? f.geometry() : factory.createGeometryCollection();
            out.add(new VectorFeature(g, attributes));
        }
        return new VectorLayer(name, crs, fields, out);
    }

    private static Object convert(Object v, FieldType type) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case INTEGER -> ((Number) v).longValue();
            case REAL -> ((Number) v).doubleValue();
            case BOOLEAN -> v;
            case DATETIME -> IsoInstants.parseOrNull((String) v);
            case STRING -> v instanceof String s ? s
                    : v instanceof Double d ? GeoJsonValues.plainNumber(d)
                    : v instanceof Long || v instanceof Boolean ? v.toString()
                    : GeoJsonValues.toJson(v);
        };
    }

    /** The kinds of the non-null values seen for one property. */
    private static final class Kinds {
        boolean integer;
        boolean real;
        boolean bool;
        boolean dateTime;
        boolean other;

        void add(Object v) {
            if (v == null) {
                return;
            }
            if (v instanceof Long) {
                integer = true;
            } else if (v instanceof Double) {
                real = true;
            } else if (v instanceof Boolean) {
                bool = true;
            } else if (v instanceof String s && IsoInstants.parseOrNull(s) != null) {
                dateTime = true;
            } else {
                other = true;
            }
        }

        FieldType type() {
            int kinds = (integer || real ? 1 : 0) + (bool ? 1 : 0) + (dateTime ? 1 : 0) + (other ? 1 : 0);
            if (kinds != 1) {
                return FieldType.STRING; // nothing but nulls, or a mix
            }
            if (integer || real) {
                return real ? FieldType.REAL : FieldType.INTEGER;
            }
            return bool ? FieldType.BOOLEAN : dateTime ? FieldType.DATETIME : FieldType.STRING;
        }
    }
}
