package org.roofline.geometry.io.geojson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorWriter;

/**
 * Writes a {@link VectorLayer} as a GeoJSON FeatureCollection with Jackson's streaming generator.
 *
 * <p><b>CRS.</b> By default ({@code new GeoJsonWriter()}) the file is RFC 7946 GeoJSON: coordinates are reprojected
 * to WGS 84 longitude/latitude and no {@code crs} member is written. {@link #keepingSourceCrs()} writes the layer's
 * own coordinates instead, with the legacy (2008) member {@code "crs": {"type": "name", "properties": {"name":
 * "urn:ogc:def:crs:EPSG::32616"}}} so that GDAL, QGIS and {@link GeoJsonReader} read the right CRS back (no member
 * for WGS 84). A layer with no CRS (pixel coordinates) is written as it is, in either mode, with {@code "crs": null},
 * which {@link GeoJsonReader} reads back as "no CRS" (GDAL ignores it and assumes WGS 84).
 *
 * <p><b>Layout.</b> {@code {"type":"FeatureCollection","name":...,"features":[...]}} with one feature per line, the
 * layer name as the {@code name} member (as GDAL writes it; omitted when blank), properties in field order (every
 * field, null when the feature has no value; attributes that are not fields are not written). Values of REAL fields
 * are written with a decimal point ({@code 12.0}) and those of INTEGER fields without, so that readers type the fields
 * the same way again; other values by their Java type: {@link java.time.Instant}s as ISO-8601 text, NaN and
 * infinities as null.
 * Numbers are in plain decimal notation, never an exponent, with the shortest digits that read back to the same
 * double. Geometries of every type are written; exterior rings counter-clockwise and holes clockwise (RFC 7946
 * right-hand rule), in the coordinates as written; z when present; an empty geometry as {@code null}.
 *
 * <p>Files are written atomically ({@link AtomicFiles}). Instances are immutable and thread-safe.
 */
public final class GeoJsonWriter implements VectorWriter {

    private final boolean keepCrs;

    /** An RFC 7946 writer: WGS 84 longitude/latitude. */
    public GeoJsonWriter() {
        this(false);
    }

    private GeoJsonWriter(boolean keepCrs) {
        this.keepCrs = keepCrs;
    }

    /** @return a writer that keeps the layer's CRS and names it in a legacy {@code crs} member */
    public GeoJsonWriter keepingSourceCrs() {
        return new GeoJsonWriter(true);
    }

    /** @return whether this writer keeps the layer's CRS rather than reprojecting to WGS 84 */
    public boolean keepsSourceCrs() {
        return keepCrs;
    }

    /** Writes a layer to a file with the default writer (RFC 7946). */
    public static void writeLayer(VectorLayer layer, Path file) throws IOException {
        new GeoJsonWriter().write(layer, file);
    }

    /**
     * Writes a file atomically.
     *
     * @throws IOException whose message starts with the file name: the directory does not exist, the layer cannot be
     *                     reprojected to WGS 84 or (keeping the CRS) its CRS has no EPSG code, writing failed
     */
    @Override
    public void write(VectorLayer layer, Path file, Check check) throws IOException {
        Objects.requireNonNull(layer, "layer");
        VectorLayer out;
        try {
            out = prepare(layer);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, stream -> {
            // Jackson's UTF-8 generator encodes straight into its byte buffer: no Writer, no charset encoder
            writePrepared(out, GeoJsonValues.JSON.createGenerator(stream, JsonEncoding.UTF8));
        }, check);
    }

    /**
     * Writes to a character stream (flushed, not closed).
     *
     * @throws IllegalArgumentException if the layer cannot be reprojected to WGS 84 or (keeping the CRS) its CRS has
     *                                  no EPSG code
     */
    public void write(VectorLayer layer, Writer out) throws IOException {
        Objects.requireNonNull(layer, "layer");
        writePrepared(prepare(layer), GeoJsonValues.JSON.createGenerator(out));
    }

    /** Reprojects to WGS 84 unless the CRS is kept; checks that a kept CRS can be named. */
    private VectorLayer prepare(VectorLayer layer) {
        Crs crs = layer.crs();
        if (crs == null || crs.equals(Crs.WGS84)) {
            return layer;
        }
        if (keepCrs) {
            if (crs.epsgCode().isEmpty()) {
                throw new IllegalArgumentException("cannot name the CRS " + crs + " in GeoJSON: it has no EPSG code; "
                        + "write RFC 7946 GeoJSON (WGS 84) instead");
            }
            return layer;
        }
        CrsTransform transform;
        try {
            transform = CrsTransform.of(crs, Crs.WGS84);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write RFC 7946 GeoJSON: " + e.getMessage(), e);
        }
        return layer.withFeatures(layer.features().stream()
                .map(f -> new VectorFeature(transform.transform(f.geometry()), f.attributes()))
                .toList()).withCrs(Crs.WGS84);
    }

    /** Writes the layer and a final line break, and flushes the generator (which leaves its target open). */
    private void writePrepared(VectorLayer layer, JsonGenerator g) throws IOException {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setPrettyPrinter(new OneFeaturePerLine());
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        if (!layer.name().isBlank()) {
            g.writeStringField("name", layer.name());
        }
        Crs crs = layer.crs();
        if (crs == null) {
            g.writeNullField("crs");
        } else if (!crs.equals(Crs.WGS84)) {
            g.writeObjectFieldStart("crs");
            g.writeStringField("type", "name");
            g.writeObjectFieldStart("properties");
            g.writeStringField("name", crs.urn());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeArrayFieldStart("features");
        for (VectorFeature f : layer.features()) {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            for (FieldDef field : layer.fields()) {
                g.writeFieldName(field.name());
                GeoJsonValues.writeField(g, field.type(), f.get(field.name()));
            }
            g.writeEndObject();
            g.writeFieldName("geometry");
            writeGeometry(g, f.geometry());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    /** Writes a geometry object, or null for an empty geometry. */
    static void writeGeometry(JsonGenerator g, Geometry geometry) throws IOException {
        if (geometry == null || geometry.isEmpty()) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        if (geometry instanceof Point p) {
            g.writeStringField("type", "Point");
            g.writeFieldName("coordinates");
            writePosition(g, p.getCoordinateSequence(), 0);
        } else if (geometry instanceof LineString l) { // LinearRing included
            g.writeStringField("type", "LineString");
            g.writeFieldName("coordinates");
            writePositions(g, l.getCoordinateSequence(), false, false);
        } else if (geometry instanceof Polygon p) {
            g.writeStringField("type", "Polygon");
            g.writeFieldName("coordinates");
            writePolygon(g, p);
        } else if (geometry instanceof MultiPoint || geometry instanceof MultiLineString
                || geometry instanceof MultiPolygon) {
            g.writeStringField("type", geometry.getGeometryType());
            g.writeArrayFieldStart("coordinates");
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Geometry part = geometry.getGeometryN(i);
                if (part instanceof Point p) {
                    writePosition(g, p.getCoordinateSequence(), 0);
                } else if (part instanceof LineString l) {
                    writePositions(g, l.getCoordinateSequence(), false, false);
                } else {
                    writePolygon(g, (Polygon) part);
                }
            }
            g.writeEndArray();
        } else if (geometry instanceof GeometryCollection c) {
            g.writeStringField("type", "GeometryCollection");
            g.writeArrayFieldStart("geometries");
            for (int i = 0; i < c.getNumGeometries(); i++) {
                writeGeometry(g, c.getGeometryN(i));
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write a " + geometry.getGeometryType() + " as GeoJSON");
        }
        g.writeEndObject();
    }

    private static void writePolygon(JsonGenerator g, Polygon p) throws IOException {
        g.writeStartArray();
        if (!p.isEmpty()) {
            writePositions(g, p.getExteriorRing().getCoordinateSequence(), true, true);
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                writePositions(g, p.getInteriorRingN(i).getCoordinateSequence(), true, false);
            }
        }
        g.writeEndArray();
    }

    /** Writes positions; a ring is reversed when needed to be counter-clockwise (or clockwise for a hole). */
    private static void writePositions(JsonGenerator g, CoordinateSequence seq, boolean ring, boolean counterClockwise)
            throws IOException {
        int n = seq.size();
        boolean reverse = ring && n >= 4 && Orientation.isCCW(seq) != counterClockwise;
        g.writeStartArray();
        for (int k = 0; k < n; k++) {
            writePosition(g, seq, reverse ? n - 1 - k : k);
        }
        g.writeEndArray();
    }

    private static void writePosition(JsonGenerator g, CoordinateSequence seq, int i) throws IOException {
        g.writeStartArray();
        GeoJsonValues.writeNumber(g, seq.getX(i));
        GeoJsonValues.writeNumber(g, seq.getY(i));
        if (seq.hasZ()) {
            double z = seq.getZ(i);
            if (!Double.isNaN(z)) {
                GeoJsonValues.writeNumber(g, z);
            }
        }
        g.writeEndArray();
    }

    /** Compact JSON, except for a line break before each feature of the top-level features array. */
    private static final class OneFeaturePerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        private static boolean isFeatures(JsonGenerator g) {
            JsonStreamContext array = g.getOutputContext();
            JsonStreamContext collection = array.getParent();
            return array.inArray() && collection != null && collection.getParent() != null
                    && collection.getParent().inRoot() && "features".equals(collection.getCurrentName());
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (isFeatures(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            super.writeArrayValueSeparator(g);
            if (isFeatures(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (values > 0 && isFeatures(g)) {
                g.writeRaw('\n');
            }
            super.writeEndArray(g, values);
        }
    }
}
