package org.roofline.geometry.io.shapefile;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.h2gis.functions.io.dbf.internal.DbaseFileException;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.dbf.internal.DbaseFileWriter;
import org.h2gis.functions.io.shp.internal.ShapeHandler;
import org.h2gis.functions.io.shp.internal.ShapeType;
import org.h2gis.functions.io.utility.ReadBufferManager;
import org.h2gis.functions.io.utility.WriteBufferManager;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.TempFiles;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorWriter;

/**
 * Writes a layer as an ESRI Shapefile: {@code X.shp}, {@code X.shx}, {@code X.dbf}, {@code X.cpg} (always
 * {@code UTF-8}; the attributes are UTF-8) and {@code X.prj} (the CRS's ESRI WKT from {@link
 * org.roofline.geometry.crs.Crs#toEsriWkt()}; no {@code .prj} when the layer's CRS is null). The records are encoded
 * by h2gis's Shapefile and dBase writers (no database involved).
 *
 * <h2>Nothing half-written</h2>
 * All files are first written to hidden temporary files in the target's directory and moved into place only when all
 * of them are complete, {@code .shp} last. If anything fails (an unwritable directory, a value that cannot be stored,
 * a full disk) the temporary files are deleted and no new {@code .shp} appears; an older Shapefile of that name is
 * left as it was. When the new files do go into place, older companions of the same name that would no longer match
 * ({@code .prj} of a layer that now has no CRS, the spatial indexes {@code .qix}, {@code .sbn}, {@code .sbx}, and
 * companions that differ only in the case of their extension) are deleted.
 *
 * <h2>Fields</h2>
 * Field names are cut to dBase's 10 bytes by {@link DbfFieldNames} (e.g. {@code reviewed_at} becomes
 * {@code reviewed_a}). Types:
 * <table>
 *   <caption>dBase field types written</caption>
 *   <tr><th>{@link FieldType}</th><th>dBase</th><th>notes</th></tr>
 *   <tr><td>INTEGER</td><td>N(18,0)</td><td>values of more than 18 characters (beyond &plusmn;10<sup>17</sup>)
 *       are rejected</td></tr>
 *   <tr><td>REAL</td><td>N(24,d)</td><td>d = 15 decimals, fewer if a value of the field needs the room (down to
 *       1; values from 10<sup>22</sup> on are rejected); NaN is written as null, infinities are rejected</td></tr>
 *   <tr><td>STRING</td><td>C(n), n the longest value (at most 254)</td><td>UTF-8; longer values are cut at a character boundary to 254 bytes and
 *       counted ({@link #truncatedValues()}); an empty string reads back as null</td></tr>
 *   <tr><td>BOOLEAN</td><td>L</td><td>{@code T}, {@code F}, {@code ?} for null (GDAL 3.6 shows L fields as
 *       one-character text)</td></tr>
 *   <tr><td>DATETIME</td><td>C(24)</td><td>ISO-8601 UTC with milliseconds, {@code 2024-05-01T10:15:30.000Z}; finer
 *       digits are dropped; reads back as STRING</td></tr>
 * </table>
 *
 * <h2>Geometries</h2>
 * A Shapefile holds one kind of shape: the layer's non-empty geometries decide it. Polygons and multi-polygons make a
 * Polygon Shapefile (outer rings written clockwise, holes counter-clockwise, as the format wants; ring start points
 * may change), line strings and multi-line strings a PolyLine one, points a Point one, multi-points (with or without
 * single points) a MultiPoint one. A layer with no non-empty geometry is written as Polygon. Mixing kinds, or a
 * geometry collection, is an error. Empty geometries are written as null shapes. Only X and Y are written (2D). The
 * geometries are written as they are: invalid ones are not repaired.
 *
 * <p>A writer instance may be reused but is not safe for concurrent use.
 */
public final class ShapefileWriter implements VectorWriter {

    private static final System.Logger LOG = System.getLogger(ShapefileWriter.class.getName());

    /** Width of a dBase character field, in bytes. */
    public static final int STRING_BYTES = 254;
    private static final int INTEGER_WIDTH = 18;
    private static final int REAL_WIDTH = 24;
    private static final int REAL_DECIMALS = 15;
    private static final int DATETIME_WIDTH = 24;
    private static final long INTEGER_MAX = 999_999_999_999_999_999L;
    private static final long INTEGER_MIN = -99_999_999_999_999_999L;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Companions replaced or made stale by a new Shapefile. */
    private static final Set<String> COMPANIONS = Set.of("shp", "shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx");
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private int truncated;
    private final NumberFormat[] realFormats = new NumberFormat[REAL_DECIMALS + 1];

    public ShapefileWriter() {
    }

    /** @return how many string values the last {@link #write} of this instance cut to {@value #STRING_BYTES} bytes */
    public int truncatedValues() {
        return truncated;
    }

    @Override
    public void write(VectorLayer layer, Path file, Check check) throws IOException {
        truncated = 0;
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (!ShapefileParts.extension(target).equals("shp")) {
            throw new IOException(file + ": a Shapefile's name must end in .shp");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(file + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory");
        }
        Map<String, String> names;
        try {
            names = DbfFieldNames.of(layer.fields());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        ShapeType type = shapeType(layer, file);
        List<Column> columns = columns(layer, names);
        String prj = null;
        if (layer.crs() != null) {
            try {
                prj = layer.crs().toEsriWkt();
            } catch (RuntimeException e) {
                throw new IOException(file + ": no .prj can be written for " + layer.crs().name() + " ("
                        + ShapefileReader.oneLine(e) + ")", e);
            }
        }

        String base = ShapefileParts.baseName(target);
        // one temporary base name for all parts, so that they form a Shapefile the check can read
        String tempBase = ShapefileParts.baseName(TempFiles.beside(target));
        List<String> exts = new ArrayList<>(List.of("shx", "dbf", "cpg"));
        if (prj != null) {
            exts.add("prj");
        }
        exts.add("shp"); // last: a .shp appears only once its companions are in place
        Map<String, Path> temps = new LinkedHashMap<>();
        for (String ext : exts) {
            temps.put(ext, TempFiles.register(dir.resolve(tempBase + "." + ext)));
        }
        boolean done = false;
        try {
            writeShapes(layer, type, temps.get("shp"), temps.get("shx"), file);
            writeDbf(layer, columns, temps.get("dbf"), file);
            Files.writeString(temps.get("cpg"), "UTF-8", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
            if (prj != null) {
                Files.writeString(temps.get("prj"), prj, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
            check.verify(temps.get("shp"));
            removeStaleCompanions(target, exts);
            for (String ext : exts) {
                AtomicFiles.replace(temps.get(ext), dir.resolve(base + "." + ext));
            }
            done = true;
        } finally {
            for (Path p : temps.values()) {
                if (done) {
                    TempFiles.release(p);
                } else {
                    TempFiles.discard(p);
                }
            }
            TempFiles.release(dir.resolve(tempBase + ".shp"));
        }
        if (truncated > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} string value(s) longer than {2} bytes were cut", file,
                    truncated, STRING_BYTES);
        }
    }

    /** Deletes companions of the target that the new files will not replace exactly. */
    private static void removeStaleCompanions(Path target, List<String> written) throws IOException {
        String base = ShapefileParts.baseName(target);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent())) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.regionMatches(true, 0, base + ".", 0, base.length() + 1)
                        || name.length() <= base.length() + 1) {
                    continue;
                }
                String ext = name.substring(base.length() + 1);
                boolean companion = COMPANIONS.contains(ext.toLowerCase(Locale.ROOT));
                boolean replacedExactly = written.contains(ext) && name.startsWith(base + ".");
                if (companion && !replacedExactly && Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ shapes

    private static ShapeType shapeType(VectorLayer layer, Path file) throws IOException {
        ShapeType family = null;
        int first = -1;
        boolean multiPoint = false;
        List<VectorFeature> features = layer.features();
        for (int i = 0; i < features.size(); i++) {
            Geometry g = features.get(i).geometry();
            if (g.isEmpty()) {
                continue;
            }
            ShapeType t;
            if (g instanceof Polygon || g instanceof MultiPolygon) {
                t = ShapeType.POLYGON;
            } else if (g instanceof LineString || g instanceof MultiLineString) {
                t = ShapeType.ARC;
            } else if (g instanceof Point || g instanceof MultiPoint) {
                t = ShapeType.POINT;
                multiPoint |= g instanceof MultiPoint;
            } else {
                throw new IOException(file + ": feature " + i + " is a " + g.getGeometryType()
                        + ", which a Shapefile cannot hold");
            }
            if (family == null) {
                family = t;
                first = i;
            } else if (t != family) {
                throw new IOException(file + ": a Shapefile holds one kind of geometry, but feature " + first
                        + " is a " + features.get(first).geometry().getGeometryType() + " and feature " + i
                        + " a " + g.getGeometryType());
            }
        }
        if (family == null) {
            return ShapeType.POLYGON;
        }
        return family == ShapeType.POINT && multiPoint ? ShapeType.MULTIPOINT : family;
    }

    private static void writeShapes(VectorLayer layer, ShapeType type, Path shp, Path shx, Path file)
            throws IOException {
        try (FileChannel shpChannel = FileChannel.open(shp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileChannel shxChannel = FileChannel.open(shx, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            org.h2gis.functions.io.shp.internal.ShapefileWriter writer =
                    new org.h2gis.functions.io.shp.internal.ShapefileWriter(shpChannel, shxChannel);
            writer.writeHeaders(type);
            correctRecordLengths(writer);
            long bytes = 100;
            List<VectorFeature> features = layer.features();
            for (int i = 0; i < features.size(); i++) {
                Geometry g = features.get(i).geometry();
                Geometry shape;
                if (g.isEmpty()) {
                    shape = g;
                } else if (type == ShapeType.MULTIPOINT && g instanceof Point) {
                    shape = FACTORY.createMultiPoint(new Point[] {(Point) g});
                } else {
                    shape = g.copy(); // h2gis normalizes ring orientation in place
                }
                bytes += 8 + RecordLengths.length(shape, type);
                if (bytes > Integer.MAX_VALUE) {
                    throw new IOException(file + ": too large for a Shapefile (more than 2 GB of shapes)");
                }
                try {
                    writer.writeGeometry(shape);
                } catch (RuntimeException e) {
                    throw new IOException(file + ": feature " + i + " cannot be written ("
                            + ShapefileReader.oneLine(e) + ")", e);
                }
            }
            writer.writeHeaders(type);
            writer.close();
        }
    }

    /**
     * h2gis 2.2.5's PolygonHandler miscounts the rings of a polygon with more than one part (its record length
     * grows with each part), and every handler gives an empty geometry the length of a full shape; the record
     * lengths and the .shx offsets are then wrong and GDAL reads the following shapes as garbage. The writer takes its
     * handler from the shape type, with no way to pass another, so the lengths are corrected by replacing that
     * handler with one that computes them and otherwise delegates.
     */
    private static void correctRecordLengths(org.h2gis.functions.io.shp.internal.ShapefileWriter writer)
            throws IOException {
        try {
            Field field = org.h2gis.functions.io.shp.internal.ShapefileWriter.class.getDeclaredField("handler");
            field.setAccessible(true);
            field.set(writer, new RecordLengths((ShapeHandler) field.get(writer)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("this h2gis version's ShapefileWriter is not the one Roofline knows ("
                    + ShapefileReader.oneLine(e) + ")", e);
        }
    }

    /** Delegates to h2gis's handler, with correct record lengths. */
    private static final class RecordLengths implements ShapeHandler {
        private final ShapeHandler delegate;

        RecordLengths(ShapeHandler delegate) {
            this.delegate = delegate;
        }

        /** @return the record's content length in bytes: shape type and shape */
        static int length(Geometry g, ShapeType type) {
            if (g.isEmpty()) {
                return 4; // a null shape: its type only
            }
            int points = g.getNumPoints();
            if (type == ShapeType.POLYGON) {
                int rings = 0;
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    rings += 1 + ((Polygon) g.getGeometryN(i)).getNumInteriorRing();
                }
                return 44 + 4 * rings + 16 * points;
            } else if (type == ShapeType.ARC) {
                return 44 + 4 * g.getNumGeometries() + 16 * points;
            } else if (type == ShapeType.MULTIPOINT) {
                return 40 + 16 * points;
            }
            return 20; // POINT
        }

        @Override
        public ShapeType getShapeType() {
            return delegate.getShapeType();
        }

        @Override
        public Geometry read(ReadBufferManager buffer, ShapeType type) throws IOException {
            return delegate.read(buffer, type);
        }

        @Override
        public void write(WriteBufferManager buffer, Geometry geometry) throws IOException {
            delegate.write(buffer, geometry);
        }

        @Override
        public int getLength(Geometry geometry) {
            return length(geometry, delegate.getShapeType());
        }
    }

    // ------------------------------------------------------------------------------------------------ attributes

    /** One dBase column: the layer's field, its dBase name, type, width and decimals. */
    private record Column(FieldDef field, String dbfName, char type, int width, int decimals) {
    }

    private static List<Column> columns(VectorLayer layer, Map<String, String> names) {
        List<Column> columns = new ArrayList<>();
        for (FieldDef f : layer.fields()) {
            String n = names.get(f.name());
            switch (f.type()) {
                case INTEGER -> columns.add(new Column(f, n, 'N', INTEGER_WIDTH, 0));
                case REAL -> columns.add(new Column(f, n, 'N', REAL_WIDTH, realDecimals(layer, f.name())));
                case STRING -> columns.add(new Column(f, n, 'C', stringWidth(layer, f.name()), 0));
                case BOOLEAN -> columns.add(new Column(f, n, 'L', 1, 0));
                case DATETIME -> columns.add(new Column(f, n, 'C', DATETIME_WIDTH, 0));
                default -> throw new IllegalStateException("unknown field type " + f.type());
            }
        }
        return columns;
    }

    /**
     * The width of a text column: the longest value in UTF-8 bytes (at least 1, at most {@value #STRING_BYTES}), so
     * that the .dbf is not padded to 254 bytes a value, as GDAL also sizes its columns.
     */
    private static int stringWidth(VectorLayer layer, String field) {
        int widest = 1;
        for (VectorFeature feature : layer.features()) {
            if (feature.get(field) instanceof String s) {
                widest = Math.max(widest, s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                if (widest >= STRING_BYTES) {
                    return STRING_BYTES;
                }
            }
        }
        return widest;
    }

    /** @return the most decimals (at most 15, at least 1) with which every finite value fits 24 characters */
    private static int realDecimals(VectorLayer layer, String field) {
        double largest = 0;
        boolean negative = false;
        for (VectorFeature feature : layer.features()) {
            if (feature.get(field) instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isFinite(d)) {
                    largest = Math.max(largest, Math.abs(d));
                    negative |= d < 0;
                }
            }
        }
        for (int decimals = REAL_DECIMALS; decimals > 1; decimals--) {
            if (format(negative ? -largest : largest, decimals).length() <= REAL_WIDTH) {
                return decimals;
            }
        }
        return 1;
    }

    /** @return the number as h2gis's dBase writer formats it */
    private static String format(double d, int decimals) {
        return newRealFormat(decimals).format(d);
    }

    private static NumberFormat newRealFormat(int decimals) {
        NumberFormat nf = NumberFormat.getNumberInstance(Locale.US);
        nf.setGroupingUsed(false);
        nf.setMinimumFractionDigits(decimals);
        nf.setMaximumFractionDigits(decimals);
        return nf;
    }

    /** {@link #format}'s format for every value of a write: making one costs more than formatting with it. */
    private NumberFormat realFormat(int decimals) {
        if (realFormats[decimals] == null) {
            realFormats[decimals] = newRealFormat(decimals);
        }
        return realFormats[decimals];
    }

    private void writeDbf(VectorLayer layer, List<Column> columns, Path dbf, Path file) throws IOException {
        DbaseFileHeader header = new DbaseFileHeader();
        header.setEncoding("UTF-8");
        try {
            for (Column c : columns) {
                header.addColumn(c.dbfName(), c.type(), c.width(), c.decimals());
            }
        } catch (DbaseFileException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        header.setNumRecords(layer.features().size());
        try (FileChannel channel = FileChannel.open(dbf, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            DbaseFileWriter writer = new DbaseFileWriter(header, channel, StandardCharsets.UTF_8);
            Object[] record = new Object[columns.size()];
            List<VectorFeature> features = layer.features();
            for (int i = 0; i < features.size(); i++) {
                VectorFeature feature = features.get(i);
                for (int j = 0; j < record.length; j++) {
                    record[j] = dbfValue(columns.get(j), feature.get(columns.get(j).field().name()), i, file);
                }
                try {
                    writer.write(record);
                } catch (DbaseFileException | RuntimeException e) {
                    throw new IOException(file + ": feature " + i + " cannot be written ("
                            + ShapefileReader.oneLine(e) + ")", e);
                }
            }
            writer.close();
        }
        writeLastUpdate(dbf, java.time.LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Writes the dBase header's date of last update (bytes 1-3: years since 1900, month, day). H2GIS writes the year
     * modulo 100, which readers take as years since 1900 (GDAL showed 1926 for 2026).
     */
    static void writeLastUpdate(Path dbf, java.time.LocalDate date) throws IOException {
        try (FileChannel channel = FileChannel.open(dbf, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (date.getYear() - 1900),
                    (byte) date.getMonthValue(), (byte) date.getDayOfMonth()}), 1);
        }
    }

    private Object dbfValue(Column column, Object value, int feature, Path file) throws IOException {
        if (value == null) {
            return null;
        }
        FieldDef field = column.field();
        String where = file + ": feature " + feature + ", field " + field.name() + ": ";
        switch (field.type()) {
            case INTEGER: {
                if (!(value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte)) {
                    throw new IOException(where + "an INTEGER field holds a " + value.getClass().getSimpleName());
                }
                long v = ((Number) value).longValue();
                if (v > INTEGER_MAX || v < INTEGER_MIN) {
                    throw new IOException(where + v + " does not fit a Shapefile's N(18,0) field");
                }
                return v;
            }
            case REAL: {
                if (!(value instanceof Number)) {
                    throw new IOException(where + "a REAL field holds a " + value.getClass().getSimpleName());
                }
                double v = ((Number) value).doubleValue();
                if (Double.isNaN(v)) {
                    return null;
                }
                if (Double.isInfinite(v) || realFormat(column.decimals()).format(v).length() > REAL_WIDTH) {
                    throw new IOException(where + v + " does not fit a Shapefile's N(" + REAL_WIDTH + ","
                            + column.decimals() + ") field");
                }
                return v;
            }
            case STRING: {
                if (!(value instanceof String)) {
                    throw new IOException(where + "a STRING field holds a " + value.getClass().getSimpleName());
                }
                String s = (String) value;
                String cut = DbfFieldNames.cut(s, STRING_BYTES);
                if (cut.length() < s.length()) {
                    truncated++;
                }
                return cut;
            }
            case BOOLEAN:
                if (!(value instanceof Boolean)) {
                    throw new IOException(where + "a BOOLEAN field holds a " + value.getClass().getSimpleName());
                }
                return value;
            case DATETIME: {
                if (!(value instanceof Instant)) {
                    throw new IOException(where + "a DATETIME field holds a " + value.getClass().getSimpleName());
                }
                Instant t = (Instant) value;
                int year = t.atZone(ZoneOffset.UTC).getYear();
                if (year < 0 || year > 9999) {
                    throw new IOException(where + t + " is outside the years 0000-9999");
                }
                return ISO_MILLIS.format(t);
            }
            default:
                throw new IllegalStateException("unknown field type " + field.type());
        }
    }
}
