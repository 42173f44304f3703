package org.roofline.geometry.io.geojson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.text.OneLine;

/**
 * The content of a GeoJSON text, read with Jackson's streaming parser: its top-level type, its {@code name} and
 * legacy {@code crs} members, and its features with JTS geometries and plain-value properties. Members may come in
 * any order, unknown members are skipped. Used by {@link GeoJsonReader}.
 *
 * @param type     the top-level {@code type}: {@code FeatureCollection} or {@code Feature}
 * @param name     the {@code name} member (written by GDAL), or null
 * @param hasCrs   whether there is a legacy {@code crs} member (it may be null)
 * @param crs      the legacy {@code crs} member as plain values, or null
 * @param features the features in file order; a single Feature gives one
 */
record GeoJsonDocument(String type, String name, boolean hasCrs, Object crs, List<Feature> features) {

    /**
     * One feature.
     *
     * @param geometry   its geometry, or null for a null geometry
     * @param properties its properties in file order, as plain values: String, Long, Double, Boolean, null,
     *                   {@code List<Object>} and {@code Map<String, Object>}; the top-level {@code id} member is
     *                   added as an {@code id} property when the properties have none
     */
    record Feature(Geometry geometry, Map<String, Object> properties) {
    }

    /** What makes a text not GeoJSON; the message says what and where, without the file name. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /**
     * Reads a file, which must be UTF-8.
     *
     * @throws IOException whose one-line message starts with the file name and says what is wrong
     */
    static GeoJsonDocument read(Path file, GeometryFactory factory) throws IOException {
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            return parse(in, factory);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not GeoJSON: not UTF-8 text", e);
        } catch (StreamReadException e) {
            throw new IOException(file + ": not GeoJSON: invalid JSON: " + describe(e), e);
        } catch (FormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new IOException(file + ": is a directory", e);
            }
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads GeoJSON text.
     *
     * @throws IllegalArgumentException if it is not GeoJSON
     */
    static GeoJsonDocument read(String text, GeometryFactory factory) {
        try (Reader in = new java.io.StringReader(text)) {
            return parse(in, factory);
        } catch (StreamReadException e) {
            throw new IllegalArgumentException("not GeoJSON: invalid JSON: " + describe(e), e);
        } catch (FormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson's message without its multi-line source excerpt, with the line and column. */
    private static String describe(StreamReadException e) {
        String msg = e.getOriginalMessage();
        msg = msg == null ? "syntax error" : OneLine.ofAnyLineBreak(msg);
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            msg += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return msg;
    }

    private static GeoJsonDocument parse(Reader in, GeometryFactory factory) throws IOException, FormatException {
        try (JsonParser p = GeoJsonValues.JSON.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new FormatException("not GeoJSON: the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new FormatException("not GeoJSON: the top level is " + describe(first) + ", not an object");
            }
            GeoJsonDocument doc = new Builder(p, factory).topLevel();
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more content after the top-level object");
            }
            return doc;
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.isNumeric() ? "a number" : t.toString();
        };
    }

    /** Reads one document; not reusable. */
    private static final class Builder {
        private final JsonParser p;
        private final GeometryFactory factory;

        Builder(JsonParser p, GeometryFactory factory) {
            this.p = p;
            this.factory = factory;
        }

        /** Reads the top-level object; the parser is on its START_OBJECT. */
        GeoJsonDocument topLevel() throws IOException, FormatException {
            String type = null;
            String name = null;
            boolean hasCrs = false;
            Object crs = null;
            List<Feature> features = null;
            // a single Feature is read member by member like a feature of a collection
            Object geometry = NONE;
            Map<String, Object> properties = null;
            Object id = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = text(value);
                    case "name" -> name = text(value);
                    case "crs" -> {
                        hasCrs = true;
                        crs = plainValue();
                    }
                    case "features" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new FormatException("not GeoJSON: \"features\" is " + describe(value) + ", not an array");
                        }
                        features = new ArrayList<>();
                        int index = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            features.add(feature(index++));
                        }
                    }
                    case "geometry" -> geometry = value == JsonToken.VALUE_NULL ? null : geometryOrFail("the feature");
                    case "properties" -> properties = properties("the feature");
                    case "id" -> id = plainValue();
                    default -> p.skipChildren();
                }
            }
            if (!"FeatureCollection".equals(type) && !"Feature".equals(type)) {
                throw new FormatException(type != null
                        ? "not a GeoJSON FeatureCollection or Feature: its type is '" + type + "'"
                        : "not GeoJSON: no \"type\": \"FeatureCollection\" member");
            }
            if ("FeatureCollection".equals(type) && features == null) {
                throw new FormatException("not GeoJSON: the FeatureCollection has no \"features\" array");
            }
            if ("Feature".equals(type)) {
                features = List.of(new Feature(geometry == NONE ? null : (Geometry) geometry,
                        withId(properties, id)));
            }
            return new GeoJsonDocument(type, name, hasCrs, crs, features);
        }

        private static final Object NONE = new Object();

        private Feature feature(int index) throws IOException, FormatException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new FormatException("feature " + index + ": not a GeoJSON Feature object");
            }
            String type = null;
            Geometry geometry = null;
            Map<String, Object> properties = null;
            Object id = null;
            String where = "feature " + index;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = text(value);
                    case "geometry" -> geometry = value == JsonToken.VALUE_NULL ? null : geometryOrFail(where);
                    case "properties" -> properties = properties(where);
                    case "id" -> id = plainValue();
                    default -> p.skipChildren();
                }
            }
            if (!"Feature".equals(type)) {
                throw new FormatException(where + ": not a GeoJSON Feature object");
            }
            return new Feature(geometry, withId(properties, id));
        }

        /** @return the current value if it is a string, else null (skipping an object or array) */
        private String text(JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            p.skipChildren();
            return null;
        }

        private static Map<String, Object> withId(Map<String, Object> properties, Object id) {
            Map<String, Object> out = properties == null ? new LinkedHashMap<>() : properties;
            if (id != null && !out.containsKey("id")) {
                out.put("id", id);
            }
            return out;
        }

        private Map<String, Object> properties(String where) throws IOException, FormatException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new FormatException(where + ": \"properties\" is " + describe(t) + ", not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) plainValue();
            return map;
        }

        /** Reads the current value as plain Java values (see {@link Feature#properties()}). */
        private Object plainValue() throws IOException {
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        map.put(key, plainValue());
                    }
                    return map;
                }
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(plainValue());
                    }
                    return list;
                }
                case VALUE_STRING -> {
                    return p.getText();
                }
                case VALUE_NUMBER_INT -> {
                    return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue()
                            : (Object) p.getLongValue();
                }
                case VALUE_NUMBER_FLOAT -> {
                    return p.getDoubleValue();
                }
                case VALUE_TRUE -> {
                    return Boolean.TRUE;
                }
                case VALUE_FALSE -> {
                    return Boolean.FALSE;
                }
                default -> {
                    return null;
                }
            }
        }

        private Geometry geometryOrFail(String where) throws IOException, FormatException {
            try {
                return geometry();
            } catch (FormatException e) {
                throw new FormatException(where + ": " + e.getMessage());
            }
        }

        /** Reads a geometry object; the parser is on its START_OBJECT. Members may come in any order. */
        private Geometry geometry() throws IOException, FormatException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new FormatException("\"geometry\" is " + describe(p.currentToken()) + ", not an object");
            }
            String type = null;
            Object coordinates = null;
            List<Geometry> members = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = text(value);
                    case "coordinates" -> coordinates = coordinates();
                    case "geometries" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new FormatException("GeometryCollection \"geometries\" is not an array");
                        }
                        members = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            members.add(geometry());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (type == null) {
                throw new FormatException("geometry without a \"type\"");
            }
            if ("GeometryCollection".equals(type)) {
                if (members == null) {
                    throw new FormatException("GeometryCollection without \"geometries\"");
                }
                return factory.createGeometryCollection(members.toArray(Geometry[]::new));
            }
            if (coordinates == null) {
                throw new FormatException(type + " without \"coordinates\"");
            }
            return switch (type) {
                case "Point" -> point(coordinates, "Point");
                case "MultiPoint" -> factory.createMultiPointFromCoords(positions(coordinates, "MultiPoint"));
                case "LineString" -> lineString(coordinates, "LineString");
                case "MultiLineString" -> {
                    List<Object> parts = list(coordinates, "MultiLineString");
                    LineString[] lines = new LineString[parts.size()];
                    for (int i = 0; i < lines.length; i++) {
                        lines[i] = lineString(parts.get(i), "MultiLineString part " + i);
                    }
                    yield factory.createMultiLineString(lines);
                }
                case "Polygon" -> polygon(coordinates, "Polygon");
                case "MultiPolygon" -> {
                    List<Object> parts = list(coordinates, "MultiPolygon");
                    Polygon[] polygons = new Polygon[parts.size()];
                    for (int i = 0; i < polygons.length; i++) {
                        polygons[i] = polygon(parts.get(i), "MultiPolygon part " + i);
                    }
                    yield factory.createMultiPolygon(polygons);
                }
                default -> throw new FormatException("unknown geometry type '" + type + "'");
            };
        }

        /**
         * Reads nested coordinate arrays: a position becomes a {@link Coordinate}, an array of arrays a List.
         *
         * @throws FormatException if a position is not [x, y] numbers
         */
        private Object coordinates() throws IOException, FormatException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new FormatException("\"coordinates\" is " + describe(p.currentToken()) + ", not an array");
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return new ArrayList<>(0);
            }
            if (t.isNumeric()) {
                double x = p.getDoubleValue();
                if (p.nextToken() == null || !p.currentToken().isNumeric()) {
                    throw new FormatException("a position that is not [x, y] numbers");
                }
                double y = p.getDoubleValue();
                double z = Double.NaN;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (!t.isNumeric()) {
                        throw new FormatException("a position that is not [x, y] numbers");
                    }
                    if (Double.isNaN(z)) {
                        z = p.getDoubleValue(); // a third ordinate is kept, further ones are dropped
                    }
                }
                return new Coordinate(x, y, z);
            }
            List<Object> list = new ArrayList<>();
            while (t != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_ARRAY) {
                    throw new FormatException("a position that is not [x, y] numbers");
                }
                list.add(coordinates());
                t = p.nextToken();
            }
            return list;
        }

        private Point point(Object coordinates, String what) throws FormatException {
            if (coordinates instanceof Coordinate c) {
                return factory.createPoint(c);
            }
            if (coordinates instanceof List<?> l && l.isEmpty()) {
                return factory.createPoint();
            }
            throw new FormatException(what + " coordinates are not a position");
        }

        private static List<Object> list(Object coordinates, String what) throws FormatException {
            if (coordinates instanceof List<?> l) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) l;
                return list;
            }
            throw new FormatException(what + " coordinates are a single position, not an array");
        }

        private Coordinate[] positions(Object coordinates, String what) throws FormatException {
            List<Object> list = list(coordinates, what);
            Coordinate[] out = new Coordinate[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Coordinate c)) {
                    throw new FormatException(what + " holds a position that is not [x, y]");
                }
                out[i] = c;
            }
            return out;
        }

        private LineString lineString(Object coordinates, String what) throws FormatException {
            Coordinate[] c = positions(coordinates, what);
            if (c.length == 1) {
                throw new FormatException(what + " has 1 position, fewer than a line needs");
            }
            return factory.createLineString(c);
        }

        private Polygon polygon(Object coordinates, String what) throws FormatException {
            List<Object> rings = list(coordinates, what);
            if (rings.isEmpty()) {
                return factory.createPolygon();
            }
            LinearRing shell = ring(rings.get(0), what + " exterior ring");
            LinearRing[] holes = new LinearRing[rings.size() - 1];
            for (int i = 1; i < rings.size(); i++) {
                holes[i - 1] = ring(rings.get(i), what + " ring " + i);
            }
            return factory.createPolygon(shell, holes);
        }

        /** A ring, closed if it is not; fewer than 4 positions (after closing) is malformed. */
        private LinearRing ring(Object coordinates, String what) throws FormatException {
            Coordinate[] c = positions(coordinates, what);
            int given = c.length;
            if (given > 0 && !c[0].equals2D(c[given - 1])) {
                c = java.util.Arrays.copyOf(c, given + 1);
                c[given] = c[0].copy();
            }
            if (c.length < 4) {
                throw new FormatException(what + " has " + given + " positions, fewer than a ring needs");
            }
            return factory.createLinearRing(c);
        }
    }
}
