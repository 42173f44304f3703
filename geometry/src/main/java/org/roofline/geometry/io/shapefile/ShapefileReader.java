package org.roofline.geometry.io.shapefile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.value.Value;
import org.h2.value.ValueBigint;
import org.h2.value.ValueBoolean;
import org.h2.value.ValueInteger;
import org.h2.value.ValueNull;
import org.h2.value.ValueVarchar;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.dbf.internal.DbaseFileReader;
import org.h2gis.functions.io.shp.internal.IndexFile;
import org.h2gis.functions.io.shp.internal.ShapeType;
import org.h2gis.functions.io.shp.internal.ShapefileHeader;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorReader;
import org.roofline.geometry.text.OneLine;

/**
 * Reads an ESRI Shapefile: {@code X.shp} with {@code X.shx} and {@code X.dbf} beside it (both required), and
 * {@code X.prj} and {@code X.cpg} when present (companion extensions are matched in any case). The records are
 * decoded by h2gis's Shapefile and dBase classes (no database involved).
 *
 * <h2>Layer</h2>
 * The layer is named after the file's base name. Its CRS comes from {@code X.prj} through {@link Crs#fromWkt}; when
 * there is no {@code .prj} the layer's CRS is {@code null} (unknown). A {@code .prj} that is empty or that
 * {@code Crs} cannot understand is an error, not a silent {@code null}.
 *
 * <h2>Attributes</h2>
 * Field names are the dBase names (at most 10 characters; see {@link DbfFieldNames} for how Roofline cuts them); a
 * blank name becomes {@code fieldN}, a repeated one gets a suffix {@code _2}, {@code _3}, ...
 * Types map as follows:
 * <table>
 *   <caption>dBase field types</caption>
 *   <tr><th>dBase</th><th>{@link FieldType}</th><th>Java value</th></tr>
 *   <tr><td>N or F, 0 decimals, width up to 18</td><td>INTEGER</td><td>{@link Long}</td></tr>
 *   <tr><td>N or F with decimals, or wider than 18</td><td>REAL</td><td>{@link Double}</td></tr>
 *   <tr><td>C</td><td>STRING</td><td>{@link String}, blanks trimmed at both ends</td></tr>
 *   <tr><td>L</td><td>BOOLEAN</td><td>{@link Boolean} (T/t/Y/y true, F/f/N/n false)</td></tr>
 *   <tr><td>D</td><td>DATETIME</td><td>{@link java.time.Instant} at midnight UTC of that day</td></tr>
 *   <tr><td>any other (M, @, ...)</td><td>STRING</td><td>the raw field text, trimmed</td></tr>
 * </table>
 * Empty (all blank) fields, numbers starting with {@code *}, logicals {@code ?} and dates {@code 00000000} read as
 * {@code null}, as in GDAL. Strings that {@link ShapefileWriter} wrote as ISO-8601 (its DATETIME fields) come back as
 * STRING: a dBase C field does not say that it holds a date.
 *
 * <h2>Character set</h2>
 * Text is decoded with the charset named by {@code X.cpg} ({@code UTF-8}, {@code ISO-8859-1}, {@code 1252},
 * {@code 88591}, {@code windows-1252}, ... as ESRI and GDAL write them; a {@code .cpg} naming no known charset is an
 * error). Without a {@code .cpg}, the dBase header's language driver byte chooses the code page when it names one
 * (e.g. {@code 0x57} ANSI, read as windows-1252, a superset of ISO-8859-1); when it is {@code 0} (not specified) the
 * text is read as ISO-8859-1, the dBase convention. Nonzero bytes are mapped by h2gis's table, which reads values
 * it does not know as windows-1252. No language driver byte designates UTF-8, so a UTF-8 dBase file needs its
 * {@code .cpg} (which {@link ShapefileWriter} always writes).
 *
 * <h2>Geometries</h2>
 * Polygon shapes become JTS {@code Polygon}s, or {@code MultiPolygon}s when they have more than one outer ring; rings
 * are assigned by the Shapefile convention (clockwise outer rings, counter-clockwise holes, each hole to the smallest
 * outer ring containing it; a file with only counter-clockwise rings is read as outer rings). Polylines become
 * {@code LineString}s or {@code MultiLineString}s, points {@code Point}s, multipoints {@code MultiPoint}s. Z values are
 * kept, M values dropped. Null shapes become empty geometries. Invalid geometries (self-intersections, ...) are read
 * as they are, not repaired and not dropped; rings of fewer than 4 points cannot be represented and are left out.
 *
 * <h2>Errors</h2>
 * Every problem is an {@link IOException} with a one-line message that starts with the file concerned: a missing
 * path, a missing {@code .shx} or {@code .dbf}, a garbled {@code .prj} or {@code .cpg}, a file too short for what its
 * header or index announce (truncated), a {@code .shx} and {@code .dbf} that disagree on the number of records, a
 * shape that cannot be decoded.
 */
public final class ShapefileReader implements VectorReader {

    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static final int HEADER_BYTES = 100;
    private static final Pattern ISO_8859 = Pattern.compile("8859[-_]?(\\d{1,2})");

    public ShapefileReader() {
    }

    @Override
    public VectorLayer read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        Path shx = ShapefileParts.find(file, "shx");
        Path dbf = ShapefileParts.find(file, "dbf");
        if (dbf == null || shx == null) {
            throw new IOException(file + ": missing " + ShapefileParts.expectedName(file, dbf == null ? "dbf" : "shx")
                    + " (a Shapefile needs .shp, .shx and .dbf)");
        }
        Crs crs = readPrj(ShapefileParts.find(file, "prj"));
        List<Geometry> geometries = readGeometries(file, shx);
        Charset charset = charset(ShapefileParts.find(file, "cpg"), dbf);
        Dbf table = readDbf(dbf, charset, geometries.size());

        List<VectorFeature> features = new ArrayList<>(geometries.size());
        for (int i = 0; i < geometries.size(); i++) {
            features.add(new VectorFeature(geometries.get(i), table.rows.get(i)));
        }
        return new VectorLayer(ShapefileParts.baseName(file), crs, table.fields, features);
    }

    // ------------------------------------------------------------------------------------------------ .prj, .cpg

    private static Crs readPrj(Path prj) throws IOException {
        if (prj == null) {
            return null;
        }
        // WKT is ASCII; ISO-8859-1 decodes any byte, so a stray one shows up in Crs's message instead of failing here
        String wkt = new String(Files.readAllBytes(prj), StandardCharsets.ISO_8859_1);
        if (wkt.startsWith("\u00EF\u00BB\u00BF")) {
            wkt = wkt.substring(3); // UTF-8 byte order mark
        }
        wkt = wkt.trim();
        if (wkt.isEmpty()) {
            throw new IOException(prj + ": empty, no coordinate system in it");
        }
        try {
            return Crs.fromWkt(wkt);
        } catch (IllegalArgumentException e) {
            throw new IOException(prj + ": not a coordinate system Roofline understands (" + oneLine(e) + ")", e);
        }
    }

    private static Charset charset(Path cpg, Path dbf) throws IOException {
        if (cpg != null) {
            String name = new String(Files.readAllBytes(cpg), StandardCharsets.ISO_8859_1).trim();
            Charset cs = cpgCharset(name);
            if (cs == null) {
                throw new IOException(cpg + ": unknown code page \"" + name + "\"");
            }
            return cs;
        }
        int ldid = languageDriver(dbf);
        if (ldid != 0) {
            // Let h2gis map the language driver byte: it knows the table (0x57 ANSI, 0x03 Windows ANSI, 0xc9 ...)
            DbaseFileHeader header = new DbaseFileHeader();
            try (FileChannel ch = FileChannel.open(dbf, StandardOpenOption.READ)) {
                header.readHeader(ch, null);
            } catch (IOException | RuntimeException e) {
                throw new IOException(dbf + ": not a dBase file (" + oneLine(e) + ")", e);
            }
            try {
                return Charset.forName(header.getFileEncoding());
            } catch (IllegalArgumentException e) {
                // fall through to the dBase default
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    private static int languageDriver(Path dbf) throws IOException {
        try (FileChannel ch = FileChannel.open(dbf, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            if (ch.read(b, 29) != 1) {
                throw new IOException(dbf + ": truncated, shorter than a dBase header");
            }
            return b.get(0) & 0xff;
        }
    }

    /** @return the charset a .cpg names, or null */
    static Charset cpgCharset(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.isEmpty()) {
            return null;
        }
        if (n.equals("UTF8") || n.equals("UTF-8") || n.equals("65001")) {
            return StandardCharsets.UTF_8;
        }
        Matcher iso = ISO_8859.matcher(n);
        if (iso.matches()) { // "88591", "8859-1": ESRI's names for ISO-8859-x
            n = "ISO-8859-" + iso.group(1);
        } else if (n.matches("\\d{3,4}")) { // "1252", "437": Windows and DOS code pages
            n = (n.startsWith("12") ? "windows-" : "IBM") + n;
        } else if (n.startsWith("ANSI ")) {
            n = "windows-" + n.substring(5).trim();
        } else if (n.startsWith("CP") && n.substring(2).matches("\\d{3,4}")) {
            n = (n.startsWith("CP12") ? "windows-" : "IBM") + n.substring(2);
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ .shp, .shx

    private static List<Geometry> readGeometries(Path shp, Path shx) throws IOException {
        long shpSize = Files.size(shp);
        long shxSize = Files.size(shx);
        if (shpSize < HEADER_BYTES) {
            throw new IOException(shp + ": truncated or not a Shapefile (" + shpSize + " bytes, shorter than its "
                    + "100-byte header)");
        }
        if (shxSize < HEADER_BYTES) {
            throw new IOException(shx + ": truncated or not a Shapefile index (" + shxSize + " bytes, shorter than "
                    + "its 100-byte header)");
        }
        try (FileChannel shpChannel = FileChannel.open(shp, StandardOpenOption.READ);
             FileChannel shxChannel = FileChannel.open(shx, StandardOpenOption.READ)) {
            ShapefileHeader header;
            try {
                header = org.h2gis.functions.io.shp.internal.ShapefileReader.readHeader(shpChannel);
            } catch (IOException | RuntimeException e) {
                throw new IOException(shp + ": not a Shapefile (" + oneLine(e) + ")", e);
            }
            long declared = 2L * header.getFileLength();
            if (declared > shpSize) {
                throw new IOException(shp + ": truncated (its header announces " + declared + " bytes, the file has "
                        + shpSize + ")");
            }
            ShapeType type = header.getShapeType();
            if (type == ShapeType.UNDEFINED || type == ShapeType.NULL) {
                throw new IOException(shp + ": unsupported shape type " + type);
            }
            shpChannel.position(0);
            org.h2gis.functions.io.shp.internal.ShapefileReader shapes;
            IndexFile index;
            try {
                shapes = new org.h2gis.functions.io.shp.internal.ShapefileReader(shpChannel);
                index = new IndexFile(shxChannel);
            } catch (IOException | RuntimeException e) {
                throw new IOException(shp + ": cannot read (" + oneLine(e) + ")", e);
            }
            int count = index.getRecordCount();
            if (count < 0 || HEADER_BYTES + 8L * count > shxSize) {
                throw new IOException(shx + ": truncated (its header announces " + count + " records)");
            }
            List<Geometry> geometries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Geometry g;
                try {
                    long offset = index.getOffset(i);
                    long end = offset + 8 + 2L * index.getContentLength(i);
                    if (offset < HEADER_BYTES || end > shpSize) {
                        throw new IOException(shp + ": truncated (record " + i + " should end at byte " + end
                                + ", the file has " + shpSize + ")");
                    }
                    checkCounts(shpChannel, offset, 2L * index.getContentLength(i), shp, i);
                    g = shapes.geomAt((int) offset);
                } catch (IOException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith(shp.toString())) {
                        throw e;
                    }
                    throw new IOException(shp + ": record " + i + " cannot be read (" + oneLine(e) + ")", e);
                } catch (RuntimeException e) {
                    throw new IOException(shp + ": record " + i + " cannot be read (" + oneLine(e) + ")", e);
                }
                geometries.add(simplest(g, type));
            }
            return geometries;
        }
    }

    /**
     * Refuses a record whose part or point count cannot fit in its content (a garbled or hostile count, such as
     * 2^31 parts, would otherwise make the decoder allocate gigabytes): for polylines, polygons and multipatches,
     * 44 + 4 parts + 16 points bytes at least; for multipoints, 40 + 16 points.
     */
    private static void checkCounts(FileChannel ch, long offset, long contentBytes, Path shp, int record)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int read = ch.read(b, offset + 8);
        if (read < 4) {
            return;
        }
        int type = b.getInt(0);
        boolean parts = type == 3 || type == 5 || type == 13 || type == 15 || type == 23 || type == 25 || type == 31;
        boolean multipoint = type == 8 || type == 18 || type == 28;
        if (parts && read >= 44) {
            long numParts = b.getInt(36);
            long numPoints = b.getInt(40);
            long needed = 44 + 4 * numParts + 16 * numPoints;
            if (numParts < 0 || numPoints < 0 || needed > contentBytes) {
                throw new IOException(shp + ": record " + record + " is corrupt (it claims " + numParts + " parts and "
                        + numPoints + " points, which need " + needed + " bytes; the record has " + contentBytes + ")");
            }
        } else if (multipoint && read >= 40) {
            long numPoints = b.getInt(36);
            long needed = 40 + 16 * numPoints;
            if (numPoints < 0 || needed > contentBytes) {
                throw new IOException(shp + ": record " + record + " is corrupt (it claims " + numPoints + " points, "
                        + "which need " + needed + " bytes; the record has " + contentBytes + ")");
            }
        }
    }

    /** Null shapes to typed empties; single-part multi-polygons and multi-lines to their part, as GDAL does. */
    private static Geometry simplest(Geometry g, ShapeType type) {
        if (g == null) {
            if (type.isPointType()) {
                return FACTORY.createPoint();
            } else if (type.isMultiPointType()) {
                return FACTORY.createMultiPoint();
            } else if (type.isLineType()) {
                return FACTORY.createLineString();
            }
            return FACTORY.createPolygon();
        }
        if ((g instanceof MultiPolygon || g instanceof MultiLineString) && g.getNumGeometries() == 1) {
            return g.getGeometryN(0);
        }
        if (g instanceof MultiPolygon && g.isEmpty()) {
            return FACTORY.createPolygon();
        }
        return g;
    }

    // ------------------------------------------------------------------------------------------------ .dbf

    private record Dbf(List<FieldDef> fields, List<Map<String, Object>> rows) {
    }

    private static Dbf readDbf(Path dbf, Charset charset, int expectedRecords) throws IOException {
        try (FileChannel channel = FileChannel.open(dbf, StandardOpenOption.READ)) {
            RawDbaseFileReader reader;
            try {
                reader = new RawDbaseFileReader(channel, charset.name());
            } catch (IOException | RuntimeException e) {
                throw new IOException(dbf + ": not a dBase file (" + oneLine(e) + ")", e);
            }
            DbaseFileHeader header = reader.getHeader();
            int records = header.getNumRecords();
            long needed = header.getHeaderLength() + (long) records * header.getRecordLength();
            long size = Files.size(dbf);
            if (records < 0 || header.getHeaderLength() < 33 || header.getRecordLength() < 1) {
                throw new IOException(dbf + ": not a dBase file (garbled header)");
            }
            if (needed > size) {
                throw new IOException(dbf + ": truncated (its header announces " + records + " records, "
                        + needed + " bytes; the file has " + size + ")");
            }
            if (records != expectedRecords) {
                throw new IOException(dbf + ": has " + records + " records but the .shx lists " + expectedRecords
                        + " shapes");
            }
            int n = header.getNumFields();
            List<FieldDef> fields = new ArrayList<>(n);
            FieldType[] types = new FieldType[n];
            String[] names = new String[n];
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < n; j++) {
                types[j] = fieldType(header.getFieldType(j), header.getFieldLength(j), header.getFieldDecimalCount(j));
                String name = header.getFieldName(j).isBlank() ? "field" + (j + 1) : header.getFieldName(j);
                names[j] = name;
                for (int k = 2; seen.contains(names[j]); k++) { // dBase does not forbid two fields of one name
                    names[j] = name + "_" + k;
                }
                seen.add(names[j]);
                fields.add(new FieldDef(names[j], types[j]));
            }
            List<Map<String, Object>> rows = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                Map<String, Object> row = new LinkedHashMap<>(n * 2);
                for (int j = 0; j < n; j++) {
                    try {
                        row.put(names[j], value(reader, header, i, j, types[j], charset));
                    } catch (IOException | RuntimeException e) {
                        throw new IOException(dbf + ": record " + i + ", field " + names[j] + ": " + oneLine(e), e);
                    }
                }
                rows.add(row);
            }
            return new Dbf(fields, rows);
        }
    }

    private static FieldType fieldType(char type, int length, int decimals) {
        switch (Character.toUpperCase(type)) {
            case 'N':
            case 'F':
                return decimals == 0 && length <= 18 ? FieldType.INTEGER : FieldType.REAL;
            case 'L':
                return FieldType.BOOLEAN;
            case 'D':
                return FieldType.DATETIME;
            default:
                return FieldType.STRING;
        }
    }

    private static Object value(RawDbaseFileReader reader, DbaseFileHeader header, int row, int col, FieldType type,
                                Charset charset) throws IOException {
        char dbfType = Character.toUpperCase(header.getFieldType(col));
        if (dbfType == 'D') {
            String text = new String(reader.raw(row, col), StandardCharsets.ISO_8859_1).trim();
            if (text.isEmpty() || text.equals("00000000")) {
                return null;
            }
            try {
                return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new IOException("\"" + text + "\" is not a date (YYYYMMDD)", e);
            }
        }
        if (dbfType != 'N' && dbfType != 'F' && dbfType != 'C' && dbfType != 'L') {
            String text = new String(reader.raw(row, col), charset).replace('\0', ' ').strip();
            return text.isEmpty() ? null : text;
        }
        Value v = reader.getFieldValue(row, col);
        if (v == null || v == ValueNull.INSTANCE) {
            return null;
        }
        switch (type) {
            case INTEGER:
                if (v instanceof ValueInteger || v instanceof ValueBigint) {
                    return v.getLong();
                }
                double d = v.getDouble();
                if (d == Math.rint(d) && Math.abs(d) < 1e18) {
                    return (long) d;
                }
                throw new IOException(v.getString() + " is not a whole number");
            case REAL:
                return v.getDouble();
            case BOOLEAN:
                return v instanceof ValueBoolean ? v.getBoolean() : null;
            default:
                if (v instanceof ValueVarchar) {
                    String s = v.getString().strip();
                    return s.isEmpty() ? null : s;
                }
                return v.getString();
        }
    }

    /** h2gis's dBase reader, plus the raw bytes of a field (h2gis reads D fields as null). */
    private static final class RawDbaseFileReader extends DbaseFileReader {
        private final FileChannel channel;

        RawDbaseFileReader(FileChannel channel, String encoding) throws IOException {
            super(channel, encoding);
            this.channel = channel;
        }

        byte[] raw(int row, int col) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(getLengthFor(col));
            long pos = getPositionFor(row, col);
            while (b.hasRemaining()) {
                if (channel.read(b, pos + b.position()) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            return b.array();
        }
    }

    static String oneLine(Throwable e) {
        return OneLine.squeeze(OneLine.message(e));
    }
}
