package org.roofline.geometry.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads the polygonal features of a GeoJSON FeatureCollection.
 *
 * <p>Polygon and MultiPolygon features are returned in file order with their properties; features with a null
 * geometry or another geometry type are skipped. Rings that are not closed are closed; a third ordinate is ignored.
 * Coordinates are taken as they are (no reprojection; a legacy {@code crs} member is ignored).
 *
 * <p>A file that is not UTF-8 JSON, not a FeatureCollection, or holds a malformed Polygon gives an
 * {@link IOException} whose message starts with the file name and says what is wrong and where.
 */
public final class GeoJsonFootprintReader {

    private final GeometryFactory factory;

    public GeoJsonFootprintReader() {
        this(new GeometryFactory());
    }

    public GeoJsonFootprintReader(GeometryFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Reads a file.
     *
     * @throws IOException if the file cannot be read or is not a GeoJSON FeatureCollection; the message names the file
     */
    public List<GeoJsonFeature> read(Path file) throws IOException {
        Object root;
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            root = JsonParser.parse(in);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not GeoJSON: not UTF-8 text", e);
        } catch (JsonParser.SyntaxException e) {
            throw new IOException(file + ": not GeoJSON: invalid JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new IOException(file + ": is a directory", e);
            }
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return features(root);
        } catch (FormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads GeoJSON text.
     *
     * @throws IllegalArgumentException if it is not a GeoJSON FeatureCollection
     */
    public List<GeoJsonFeature> read(String geoJson) {
        try {
            return features(JsonParser.parse(new java.io.StringReader(geoJson)));
        } catch (JsonParser.SyntaxException e) {
            throw new IllegalArgumentException("not GeoJSON: invalid JSON: " + e.getMessage(), e);
        } catch (FormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    private List<GeoJsonFeature> features(Object root) throws FormatException {
        if (!(root instanceof Map<?, ?> collection)) {
            throw new FormatException("not GeoJSON: the top level is " + describe(root) + ", not an object");
        }
        Object type = collection.get("type");
        if (!"FeatureCollection".equals(type)) {
            throw new FormatException(type instanceof String s
                    ? "not a GeoJSON FeatureCollection: its type is '" + s + "'"
                    : "not GeoJSON: no \"type\": \"FeatureCollection\" member");
        }
        if (!(collection.get("features") instanceof List<?> list)) {
            throw new FormatException("not GeoJSON: the FeatureCollection has no \"features\" array");
        }
        List<GeoJsonFeature> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> feature) || !"Feature".equals(feature.get("type"))) {
                throw new FormatException("feature " + i + ": not a GeoJSON Feature object");
            }
            Object props = feature.get("properties");
            if (props != null && !(props instanceof Map)) {
                throw new FormatException("feature " + i + ": \"properties\" is " + describe(props) + ", not an object");
            }
            Object geometry = feature.get("geometry");
            if (geometry == null) {
                continue;
            }
            if (!(geometry instanceof Map<?, ?> g)) {
                throw new FormatException("feature " + i + ": \"geometry\" is " + describe(geometry) + ", not an object");
            }
            Geometry geom;
            try {
                geom = geometry(g);
            } catch (FormatException e) {
                throw new FormatException("feature " + i + ": " + e.getMessage());
            }
            if (geom != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = props == null ? Map.of() : (Map<String, Object>) props;
                out.add(new GeoJsonFeature(geom, p));
            }
        }
        return out;
    }

    /** @return the Polygon or MultiPolygon, or null for another geometry type */
    private Geometry geometry(Map<?, ?> g) throws FormatException {
        Object type = g.get("type");
        if ("Polygon".equals(type)) {
            return polygon(g.get("coordinates"), "Polygon");
        }
        if ("MultiPolygon".equals(type)) {
            if (!(g.get("coordinates") instanceof List<?> parts)) {
                throw new FormatException("MultiPolygon without a coordinates array");
            }
            Polygon[] polygons = new Polygon[parts.size()];
            for (int i = 0; i < polygons.length; i++) {
                polygons[i] = polygon(parts.get(i), "MultiPolygon part " + i);
            }
            return factory.createMultiPolygon(polygons);
        }
        if (!(type instanceof String)) {
            throw new FormatException("geometry without a \"type\"");
        }
        return null;
    }

    private Polygon polygon(Object coordinates, String what) throws FormatException {
        if (!(coordinates instanceof List<?> rings) || rings.isEmpty()) {
            throw new FormatException(what + " without rings");
        }
        LinearRing shell = ring(rings.get(0), what + " exterior ring");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), what + " ring " + i);
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing ring(Object positions, String what) throws FormatException {
        if (!(positions instanceof List<?> list)) {
            throw new FormatException(what + " is not an array of positions");
        }
        List<Coordinate> coords = new ArrayList<>(list.size() + 1);
        for (Object p : list) {
            if (!(p instanceof List<?> xy) || xy.size() < 2
                    || !(xy.get(0) instanceof Number x) || !(xy.get(1) instanceof Number y)) {
                throw new FormatException(what + " holds a position that is not [x, y]");
            }
            coords.add(new Coordinate(x.doubleValue(), y.doubleValue()));
        }
        if (!coords.isEmpty() && !coords.get(0).equals2D(coords.get(coords.size() - 1))) {
            coords.add(new Coordinate(coords.get(0)));
        }
        if (coords.size() < 4) {
            throw new FormatException(what + " has " + list.size() + " positions, fewer than a ring needs");
        }
        return factory.createLinearRing(coords.toArray(Coordinate[]::new));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }
}
