package org.roofline.geometry.io.geojson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.roofline.geometry.io.FieldType;

/** Writing plain values with a Jackson {@link JsonGenerator}: numbers in plain notation, nested lists and maps. */
final class GeoJsonValues {

    static final JsonFactory JSON = JsonFactory.builder().build();

    private GeoJsonValues() {
    }

    /**
     * @return a JSON number in plain decimal notation (never an exponent) with the shortest digits that read back to
     *         the same double; integral values without a fraction, {@code -0.0} as {@code 0}; null for NaN and
     *         infinities
     */
    static String plainNumber(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        if (s.indexOf('E') >= 0) {
            s = new BigDecimal(s).stripTrailingZeros().toPlainString();
        }
        return s;
    }

    /** Writes a double as {@link #plainNumber}, or null. */
    static void writeNumber(JsonGenerator g, double v) throws IOException {
        String s = plainNumber(v);
        if (s == null) {
            g.writeNull();
        } else {
            g.writeNumber(s);
        }
    }

    /** Writes a double as {@link #plainNumber} with a decimal point ({@code 12.0}), so that readers type it real. */
    static void writeReal(JsonGenerator g, double v) throws IOException {
        String s = plainNumber(v);
        if (s == null) {
            g.writeNull();
        } else {
            g.writeNumber(s.indexOf('.') < 0 ? s + ".0" : s);
        }
    }

    /**
     * Writes the value of a field: as a JSON integer for {@link FieldType#INTEGER}, as a number with a decimal point
     * for {@link FieldType#REAL} (so that GDAL and {@link GeoJsonReader} type the field the same way again), and by
     * its Java type otherwise ({@link #writeValue}).
     */
    static void writeField(JsonGenerator g, FieldType type, Object v) throws IOException {
        if (type == FieldType.REAL && v instanceof Number n) {
            writeReal(g, n.doubleValue());
        } else if (type == FieldType.INTEGER && v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            g.writeNumber(n.longValue());
        } else {
            writeValue(g, v);
        }
    }

    /**
     * Writes a plain value: null, String, Boolean, Long/Integer/Short/Byte, Double/Float (or any other Number, as
     * double), Instant (ISO-8601 text), List, Map (keys as text); anything else as its {@code toString()}.
     */
    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            writeNumber(g, n.doubleValue());
        } else if (v instanceof Instant t) {
            g.writeString(t.toString());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    /** @return a value as compact JSON text */
    static String toJson(Object v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            writeValue(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
