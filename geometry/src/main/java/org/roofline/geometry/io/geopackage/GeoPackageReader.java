package org.roofline.geometry.io.geopackage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorReader;

/**
 * Reads one feature table of an OGC GeoPackage (through NGA's GeoPackage library): the first one listed in
 * {@code gpkg_contents}, or the one named in the constructor. The layer is named after the table.
 *
 * <h2>Coordinate system</h2>
 * The table's {@code gpkg_spatial_ref_sys} row becomes the layer's CRS: {@link Crs#epsg} of its code when the
 * organization is EPSG (falling back to the row's WKT definition if the code is unknown to {@code Crs}), otherwise
 * {@link Crs#fromWkt} of the definition. The specification's undefined systems ({@code srs_id} -1 and 0, or a
 * definition of {@code undefined}) give a null CRS. A definition {@code Crs} cannot understand is an error.
 *
 * <h2>Columns</h2>
 * Every column but the primary key and the geometry becomes a field:
 * <table>
 *   <caption>GeoPackage column types read</caption>
 *   <tr><th>GeoPackage</th><th>{@link FieldType}</th></tr>
 *   <tr><td>INTEGER, INT, MEDIUMINT, SMALLINT, TINYINT</td><td>INTEGER ({@link Long})</td></tr>
 *   <tr><td>REAL, DOUBLE, FLOAT</td><td>REAL ({@link Double})</td></tr>
 *   <tr><td>TEXT (any width)</td><td>STRING</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>DATETIME</td><td>DATETIME ({@link Instant}; ISO-8601, read as UTC when it has no offset)</td></tr>
 *   <tr><td>DATE</td><td>DATETIME, midnight UTC</td></tr>
 * </table>
 * BLOB columns and columns of other declared types are left out.
 *
 * <h2>Geometries</h2>
 * Read as stored (2D, or with Z where present), invalid ones too, except that a multi-polygon or multi-line string
 * of one part becomes that part (a MULTIPOLYGON table of footprints reads as polygons, as from a Shapefile). A NULL or
 * empty geometry becomes an empty geometry of the column's type (an empty polygon for POLYGON and MULTIPOLYGON, an
 * empty geometry collection for GEOMETRY).
 *
 * <h2>Errors</h2>
 * An {@link IOException} with a one-line message starting with the file: missing path, not an SQLite file, an SQLite
 * file without GeoPackage tables, no feature table (or not the named one), an unknown coordinate system, an
 * undecodable geometry or value.
 */
public final class GeoPackageReader implements VectorReader {

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final String table;

    /** Reads the first feature table. */
    public GeoPackageReader() {
        this(null);
    }

    /** @param table the feature table to read, or null for the first one */
    public GeoPackageReader(String table) {
        this.table = table;
    }

    /**
     * The feature tables of a GeoPackage, in the order {@link #GeoPackageReader()} considers them (it reads the
     * first).
     *
     * @throws IOException with a one-line message starting with the file if it is not a readable GeoPackage
     */
    public static List<String> featureTables(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        java.util.Optional<String> cut = SqliteTruncation.problem(file);
        if (cut.isPresent()) {
            throw new IOException(file + ": " + cut.get());
        }
        try (GeoPackage gpkg = GeoPackageManager.open(file.getFileName().toString(), false, file.toFile(), false)) {
            return List.copyOf(gpkg.getFeatureTables());
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a GeoPackage (" + GeoPackages.oneLine(e) + ")", e);
        }
    }

    @Override
    public VectorLayer read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        byte[] head = new byte[SQLITE_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, SQLITE_MAGIC)) {
                throw new IOException(file + ": not a GeoPackage (not an SQLite database)");
            }
        }
        java.util.Optional<String> cut = SqliteTruncation.problem(file);
        if (cut.isPresent()) {
            throw new IOException(file + ": " + cut.get());
        }
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open(file.getFileName().toString(), false, file.toFile(), false);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot open (" + GeoPackages.oneLine(e) + ")", e);
        }
        try (gpkg) {
            List<String> tables;
            try {
                for (String required : new String[] {"gpkg_contents", "gpkg_spatial_ref_sys"}) {
                    if (!gpkg.isTable(required)) {
                        throw new IOException(file + ": not a GeoPackage (an SQLite database without " + required
                                + ")");
                    }
                }
                tables = gpkg.getFeatureTables();
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a GeoPackage (" + GeoPackages.oneLine(e) + ")", e);
            }
            String name;
            if (table == null) {
                if (tables.isEmpty()) {
                    throw new IOException(file + ": no feature table in this GeoPackage");
                }
                name = tables.get(0);
            } else if (tables.contains(table)) {
                name = table;
            } else {
                throw new IOException(file + ": no feature table \"" + table + "\" (it has " + tables + ")");
            }
            return read(gpkg, name, file);
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + GeoPackages.oneLine(e), e);
        }
    }

    private static VectorLayer read(GeoPackage gpkg, String name, Path file) throws IOException {
        FeatureDao dao = gpkg.getFeatureDao(name);
        Crs crs = crs(dao.getSrs(), file, name);
        GeometryType geometryType = dao.getGeometryType();

        List<FieldDef> fields = new ArrayList<>();
        List<FeatureColumn> columns = new ArrayList<>();
        for (FeatureColumn c : dao.getTable().getColumns()) {
            if (c.isPrimaryKey() || c.isGeometry()) {
                continue;
            }
            FieldType type = fieldType(c.getDataType());
            if (type != null) {
                fields.add(new FieldDef(c.getName(), type));
                columns.add(c);
            }
        }

        List<VectorFeature> features = new ArrayList<>();
        WKBReader wkb = new WKBReader(FACTORY);
        FeatureResultSet rs = dao.queryForAll();
        try {
            while (rs.moveToNext()) {
                FeatureRow row = rs.getRow();
                Geometry g;
                try {
                    g = geometry(row.getGeometry(), wkb, geometryType);
                } catch (IOException | ParseException | RuntimeException e) {
                    throw new IOException(file + ": table " + name + ", feature " + row.getId()
                            + ": geometry cannot be decoded (" + GeoPackages.oneLine(e) + ")", e);
                }
                Map<String, Object> attributes = new LinkedHashMap<>();
                for (int j = 0; j < columns.size(); j++) {
                    FieldDef f = fields.get(j);
                    Object raw = row.getValue(columns.get(j).getName());
                    try {
                        attributes.put(f.name(), value(f.type(), raw));
                    } catch (RuntimeException e) {
                        throw new IOException(file + ": table " + name + ", feature " + row.getId() + ", field "
                                + f.name() + ": " + GeoPackages.oneLine(e), e);
                    }
                }
                features.add(new VectorFeature(g, attributes));
            }
        } finally {
            rs.close();
        }
        return new VectorLayer(name, crs, fields, features);
    }

    private static Crs crs(SpatialReferenceSystem srs, Path file, String table) throws IOException {
        if (srs == null || srs.getSrsId() == -1 || srs.getSrsId() == 0) {
            return null;
        }
        String definition = srs.getDefinition() == null ? "" : srs.getDefinition().trim();
        if ("EPSG".equalsIgnoreCase(srs.getOrganization())) {
            try {
                return Crs.epsg((int) srs.getOrganizationCoordsysId());
            } catch (IllegalArgumentException e) {
                if (definition.isEmpty() || definition.equalsIgnoreCase("undefined")) {
                    throw new IOException(file + ": table " + table + ": unknown coordinate system EPSG:"
                            + srs.getOrganizationCoordsysId() + " (" + GeoPackages.oneLine(e) + ")", e);
                }
            }
        }
        if (definition.isEmpty() || definition.equalsIgnoreCase("undefined")) {
            return null;
        }
        try {
            return Crs.fromWkt(definition);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": table " + table + ": coordinate system " + srs.getOrganization() + ":"
                    + srs.getOrganizationCoordsysId() + " (srs_id " + srs.getSrsId() + ") is not one Roofline "
                    + "understands (" + GeoPackages.oneLine(e) + ")", e);
        }
    }

    private static FieldType fieldType(GeoPackageDataType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case INTEGER, INT, MEDIUMINT, SMALLINT, TINYINT -> FieldType.INTEGER;
            case REAL, DOUBLE, FLOAT -> FieldType.REAL;
            case TEXT -> FieldType.STRING;
            case BOOLEAN -> FieldType.BOOLEAN;
            case DATETIME, DATE -> FieldType.DATETIME;
            default -> null;
        };
    }

    private static Geometry geometry(GeoPackageGeometryData data, WKBReader wkb, GeometryType type)
            throws IOException, ParseException {
        if (data == null || data.isEmpty() || data.getWkb() == null || data.getWkb().length == 0) {
            return empty(type);
        }
        Geometry g = wkb.read(data.getWkb());
        if ((g instanceof MultiPolygon || g instanceof MultiLineString) && g.getNumGeometries() == 1) {
            return g.getGeometryN(0);
        }
        return g;
    }

    private static Geometry empty(GeometryType type) {
        if (type == null) {
            return FACTORY.createGeometryCollection();
        }
        return switch (type) {
            case POINT -> FACTORY.createPoint();
            case LINESTRING, MULTILINESTRING -> FACTORY.createLineString();
            case POLYGON, MULTIPOLYGON -> FACTORY.createPolygon();
            case MULTIPOINT -> FACTORY.createMultiPoint();
            default -> FACTORY.createGeometryCollection();
        };
    }

    private static Object value(FieldType type, Object raw) {
        if (raw == null) {
            return null;
        }
        switch (type) {
            case INTEGER:
                if (raw instanceof Number n) {
                    return n.longValue();
                }
                return Long.parseLong(raw.toString().trim());
            case REAL:
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                return Double.parseDouble(raw.toString().trim());
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof Number n) {
                    return n.longValue() != 0;
                }
                return Boolean.parseBoolean(raw.toString().trim());
            case DATETIME:
                if (raw instanceof Date d) {
                    return d.toInstant();
                }
                return instant(raw.toString().trim());
            default:
                return raw.toString();
        }
    }

    /** @return an ISO-8601 date or date-time as an instant (UTC when it has no offset) */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the forms without offset
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // a date alone?
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an ISO-8601 date or date-time", e);
        }
    }
}
