package org.roofline.geometry.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.footprint.Footprint;

/**
 * Writes footprints as a GeoJSON FeatureCollection (RFC 7946 layout), one Feature per footprint.
 *
 * <p>Each feature's geometry is its polygon, exterior ring counter-clockwise and holes clockwise (by the signed area
 * of the coordinates as written). Its properties are, in this order:
 * <ul>
 *   <li>{@code id} (integer) the footprint id</li>
 *   <li>{@code area} (number) the polygon's area in the coordinate units squared</li>
 *   <li>{@code vertices} (integer) {@link Footprint#vertexCount()}</li>
 *   <li>{@code method} (string) the regularization method code, such as {@code right-angles}</li>
 *   <li>{@code regularized} (boolean) whether the method's regularization succeeded</li>
 *   <li>{@code status} (string) the review status code, such as {@code pending}</li>
 *   <li>{@code confidence} (number or null) the model's confidence, null when unknown</li>
 *   <li>{@code source} (string or null) the image or tile the footprint was found in</li>
 *   <li>{@code reviewed_at} (ISO-8601 string or null) when it was last reviewed</li>
 * </ul>
 *
 * <p>Numbers are written in plain decimal notation (never an exponent), with the shortest digits that read back to
 * the same {@code double}; integral values are written without a fraction. The coordinates are written as they are:
 * this writer does not reproject, and writes no {@code crs} member.
 *
 * <p>Files are written atomically (see {@link AtomicFiles}): a reader never sees a half-written file.
 */
public final class GeoJsonFootprintWriter {

    /** Writes footprints to a file, atomically. */
    public void write(Path file, Collection<Footprint> footprints) throws IOException {
        Objects.requireNonNull(footprints, "footprints");
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            write(w, footprints);
            w.flush();
        });
    }

    /** Writes footprints to a character stream (not closed, not flushed). */
    public void write(Writer out, Collection<Footprint> footprints) throws IOException {
        StringBuilder sb = new StringBuilder(4096);
        out.write("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        for (Footprint fp : footprints) {
            sb.setLength(0);
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("{\"type\":\"Feature\",\"properties\":{");
            sb.append("\"id\":").append(fp.id());
            sb.append(",\"area\":");
            appendNumber(sb, fp.polygon().getArea());
            sb.append(",\"vertices\":").append(fp.vertexCount());
            sb.append(",\"method\":");
            appendString(sb, fp.method());
            sb.append(",\"regularized\":").append(fp.regularized());
            sb.append(",\"status\":");
            appendString(sb, fp.status().code());
            sb.append(",\"confidence\":");
            appendNumber(sb, fp.confidence());
            sb.append(",\"source\":");
            appendString(sb, fp.source());
            sb.append(",\"reviewed_at\":");
            appendString(sb, fp.reviewedAt() == null ? null : fp.reviewedAt().toString());
            sb.append("},\"geometry\":");
            appendGeometry(sb, fp.polygon());
            sb.append('}');
            out.write(sb.toString());
        }
        out.write(first ? "]}\n" : "\n]}\n");
    }

    /**
     * Writes plain polygonal geometries (for example a ground truth) atomically, with the properties {@code id}
     * (1, 2, ... in list order) and {@code area}.
     *
     * @param geometries Polygons or MultiPolygons
     */
    public void writeGeometries(Path file, Collection<? extends Geometry> geometries) throws IOException {
        Objects.requireNonNull(geometries, "geometries");
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            StringBuilder sb = new StringBuilder(4096);
            w.write("{\"type\":\"FeatureCollection\",\"features\":[");
            long id = 1;
            for (Geometry g : geometries) {
                sb.setLength(0);
                sb.append(id == 1 ? "\n" : ",\n");
                sb.append("{\"type\":\"Feature\",\"properties\":{\"id\":").append(id++).append(",\"area\":");
                appendNumber(sb, g.getArea());
                sb.append("},\"geometry\":");
                appendGeometry(sb, g);
                sb.append('}');
                w.write(sb.toString());
            }
            w.write(id == 1 ? "]}\n" : "\n]}\n");
            w.flush();
        });
    }

    /** Appends a Polygon or MultiPolygon as a GeoJSON geometry object. */
    static void appendGeometry(StringBuilder sb, Geometry g) {
        if (g instanceof Polygon p) {
            sb.append("{\"type\":\"Polygon\",\"coordinates\":");
            appendPolygonCoordinates(sb, p);
            sb.append('}');
        } else if ("MultiPolygon".equals(g.getGeometryType())) {
            sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendPolygonCoordinates(sb, (Polygon) g.getGeometryN(i));
            }
            sb.append("]}");
        } else {
            throw new IllegalArgumentException("only Polygon and MultiPolygon are written, not " + g.getGeometryType());
        }
    }

    private static void appendPolygonCoordinates(StringBuilder sb, Polygon p) {
        sb.append('[');
        appendRing(sb, p.getExteriorRing(), true);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            sb.append(',');
            appendRing(sb, p.getInteriorRingN(i), false);
        }
        sb.append(']');
    }

    private static void appendRing(StringBuilder sb, LineString ring, boolean counterClockwise) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        int n = seq.size();
        boolean reverse = n >= 4 && Orientation.isCCW(seq) != counterClockwise;
        sb.append('[');
        for (int k = 0; k < n; k++) {
            int i = reverse ? n - 1 - k : k;
            if (k > 0) {
                sb.append(',');
            }
            sb.append('[');
            appendNumber(sb, seq.getX(i));
            sb.append(',');
            appendNumber(sb, seq.getY(i));
            sb.append(']');
        }
        sb.append(']');
    }

    /** Appends a JSON number in plain notation, or null for NaN and infinities. */
    static void appendNumber(StringBuilder sb, double v) {
        if (!Double.isFinite(v)) {
            sb.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            String s = Double.toString(v);
            if (s.indexOf('E') >= 0) {
                s = new BigDecimal(s).stripTrailingZeros().toPlainString();
            }
            sb.append(s);
        }
    }

    /** Appends a JSON string literal, or null. */
    static void appendString(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
