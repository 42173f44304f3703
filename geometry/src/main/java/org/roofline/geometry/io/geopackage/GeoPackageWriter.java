package org.roofline.geometry.io.geopackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.CoreSQLUtils;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorWriter;

/**
 * Writes a layer as an OGC GeoPackage (a new file, through NGA's GeoPackage library) holding one feature table named
 * after the layer, readable by GDAL and QGIS.
 *
 * <h2>Table</h2>
 * Primary key {@code fid}, geometry column {@code geom}, then one column per field, with the field's name:
 * <table>
 *   <caption>GeoPackage column types</caption>
 *   <tr><th>{@link org.roofline.geometry.io.FieldType}</th><th>GeoPackage</th></tr>
 *   <tr><td>INTEGER</td><td>INTEGER</td></tr>
 *   <tr><td>REAL</td><td>REAL (NaN is stored as NULL, as SQLite does)</td></tr>
 *   <tr><td>STRING</td><td>TEXT (UTF-8, any length)</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>DATETIME</td><td>DATETIME ({@code 2024-05-01T10:15:30.000Z}, UTC, milliseconds)</td></tr>
 * </table>
 * The geometry type is the narrowest that fits the content: POLYGON when every non-empty geometry is a polygon,
 * MULTIPOLYGON when polygons and multi-polygons mix (polygons are then stored as one-part multi-polygons, as the
 * specification wants), likewise for points and lines, GEOMETRY otherwise and for a layer without non-empty
 * geometries. Geometries are stored as they are (invalid ones too), in 2D: Z and M are dropped. Empty geometries are
 * stored as NULL (NGA's encoder does not flag an empty geometry as empty, which GDAL's validator rejects); GDAL and
 * QGIS show such features without geometry, and {@link GeoPackageReader} gives them back as empty geometries.
 *
 * <h2>Coordinate system</h2>
 * The layer's CRS is registered in {@code gpkg_spatial_ref_sys} with its OGC WKT 1 ({@link Crs#toWkt1()}) as
 * definition: under organization {@code EPSG} with its EPSG code as both {@code srs_id} and
 * {@code organization_coordsys_id} when it has one (the required EPSG:4326 row gets that definition too), otherwise
 * under organization {@code NONE} with the first free {@code srs_id} from 100000 on. A layer without CRS uses the
 * specification's "undefined Cartesian" {@code srs_id} -1.
 *
 * <h2>Nothing half-written</h2>
 * The GeoPackage is built in a hidden temporary file beside the target and renamed over it only when complete; on any
 * failure the temporary file is deleted and an existing target is left as it was. The target is always replaced as a
 * whole: other tables of an existing file are not kept. Stale SQLite companions of the target ({@code -wal},
 * {@code -shm}, {@code -journal}), which SQLite would otherwise apply to the new file, are deleted before the rename.
 */
public final class GeoPackageWriter implements VectorWriter {

    /** The geometry column's name. */
    public static final String GEOMETRY_COLUMN = "geom";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final GeometryFactory FACTORY = new GeometryFactory();
    /** GeoPackage 1.3.0, as {@code PRAGMA user_version}. */
    private static final int USER_VERSION = 10300;

    public GeoPackageWriter() {
    }

    @Override
    public void write(VectorLayer layer, Path file, Check check) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(file + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory");
        }
        String table = layer.name();
        String lower = table.toLowerCase(Locale.ROOT);
        if (table.isBlank() || lower.startsWith("gpkg_") || lower.startsWith("rtree_") || lower.startsWith("sqlite_")) {
            throw new IOException(file + ": \"" + table + "\" cannot name a GeoPackage table");
        }
        String idColumn = idColumn(layer);
        Set<String> names = new HashSet<>(List.of(idColumn.toLowerCase(Locale.ROOT), GEOMETRY_COLUMN));
        for (FieldDef f : layer.fields()) {
            if (!names.add(f.name().toLowerCase(Locale.ROOT))) {
                throw new IOException(file + ": field " + f.name() + " clashes with another column (the geometry "
                        + "column is \"" + GEOMETRY_COLUMN + "\")");
            }
        }
        GeometryType type = geometryType(layer);

        AtomicFiles.writeByPath(target, temp -> {
            try {
                GeoPackageManager.create(temp.toFile());
            } catch (RuntimeException e) {
                throw new IOException(file + ": cannot create " + temp + " (" + GeoPackages.oneLine(e) + ")", e);
            }
            try (GeoPackage gpkg = GeoPackageManager.open(temp.toFile())) {
                // a temporary file, renamed into place when complete (and, as the other formats, not forced to
                // disk): SQLite need not sync each statement of the table's creation, nor keep a journal file
                try (Statement pragma = gpkg.getConnection().getConnection().createStatement()) {
                    pragma.execute("PRAGMA synchronous = OFF");
                    pragma.execute("PRAGMA journal_mode = MEMORY");
                }
                fill(gpkg, layer, type, idColumn, file);
            } catch (IOException | SQLException | RuntimeException e) {
                throw new IOException(file + ": " + GeoPackages.oneLine(e), e);
            }
            check.verify(temp);
            for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
            }
        });
    }

    private static void fill(GeoPackage gpkg, VectorLayer layer, GeometryType type, String idColumn, Path file)
            throws SQLException, IOException {
        long srsId = GeoPackageSrs.register(gpkg, layer.crs());

        List<FeatureColumn> columns = new ArrayList<>();
        for (FieldDef f : layer.fields()) {
            columns.add(FeatureColumn.createColumn(f.name(), dataType(f)));
        }
        Envelope extent = new Envelope();
        for (VectorFeature feature : layer.features()) {
            extent.expandToInclude(feature.geometry().getEnvelopeInternal());
        }
        GeoPackages.createFeatureTable(gpkg, layer.name(), GEOMETRY_COLUMN, type, srsId, idColumn, columns, extent);

        // one prepared INSERT for every row, bound as NGA's FeatureDao would bind them (booleans as 0/1, geometries
        // as GeoPackage binary blobs); the DAO's insert builds and prepares its statement again for each row
        List<FieldDef> fields = layer.fields();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(CoreSQLUtils.quoteWrap(layer.name()))
                .append(" (").append(CoreSQLUtils.quoteWrap(GEOMETRY_COLUMN));
        for (FieldDef f : fields) {
            sql.append(", ").append(CoreSQLUtils.quoteWrap(f.name()));
        }
        sql.append(") VALUES (?").append(", ?".repeat(fields.size())).append(')');
        WKBWriter wkb = new WKBWriter(2);
        gpkg.beginTransaction();
        boolean committed = false;
        try (PreparedStatement insert = gpkg.getConnection().getConnection().prepareStatement(sql.toString())) {
            List<VectorFeature> features = layer.features();
            for (int i = 0; i < features.size(); i++) {
                VectorFeature feature = features.get(i);
                Geometry g = coerce(feature.geometry(), type);
                try {
                    if (g.isEmpty()) { // empty: NULL (NGA would not flag an empty geometry as empty)
                        insert.setNull(1, Types.BLOB);
                    } else {
                        insert.setBytes(1, GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, wkb.write(g))
                                .toBytes());
                    }
                    for (int k = 0; k < fields.size(); k++) {
                        FieldDef f = fields.get(k);
                        Object v = value(f, feature.get(f.name()));
                        if (v == null) {
                            insert.setNull(k + 2, Types.NULL);
                        } else if (v instanceof Boolean b) {
                            insert.setShort(k + 2, (short) (b ? 1 : 0));
                        } else {
                            insert.setObject(k + 2, v);
                        }
                    }
                    insert.executeUpdate();
                } catch (IOException | SQLException | RuntimeException e) {
                    throw new IOException("feature " + i + " cannot be written (" + GeoPackages.oneLine(e) + ")", e);
                }
            }
            gpkg.endTransaction(true);
            committed = true;
        } finally {
            if (!committed) {
                gpkg.endTransaction(false);
            }
        }
        // NGA stamps version 1.4, which GDAL before 3.8 warns about on every open; nothing written here needs more
        // than 1.3 (no R-tree index: NGA would write it with the triggers of 1.4), so the file says 1.3.
        gpkg.execSQL("PRAGMA user_version = " + USER_VERSION);
    }

    private static String idColumn(VectorLayer layer) {
        Set<String> taken = new HashSet<>();
        for (FieldDef f : layer.fields()) {
            taken.add(f.name().toLowerCase(Locale.ROOT));
        }
        String id = "fid";
        for (int i = 1; taken.contains(id); i++) {
            id = "fid_" + i;
        }
        return id;
    }

    private static GeoPackageDataType dataType(FieldDef f) {
        return switch (f.type()) {
            case INTEGER -> GeoPackageDataType.INTEGER;
            case REAL -> GeoPackageDataType.REAL;
            case STRING -> GeoPackageDataType.TEXT;
            case BOOLEAN -> GeoPackageDataType.BOOLEAN;
            case DATETIME -> GeoPackageDataType.DATETIME;
        };
    }

    private static Object value(FieldDef f, Object v) {
        if (v == null) {
            return null;
        }
        String kind = v.getClass().getSimpleName();
        switch (f.type()) {
            case INTEGER:
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                break;
            case REAL:
                if (v instanceof Number n) {
                    double d = n.doubleValue();
                    return Double.isNaN(d) ? null : d;
                }
                break;
            case STRING:
                if (v instanceof String) {
                    return v;
                }
                break;
            case BOOLEAN:
                if (v instanceof Boolean) {
                    return v;
                }
                break;
            case DATETIME:
                if (v instanceof Instant t) {
                    int year = t.atZone(ZoneOffset.UTC).getYear();
                    if (year < 0 || year > 9999) {
                        throw new IllegalArgumentException("field " + f.name() + ": " + t
                                + " is outside the years 0000-9999");
                    }
                    return ISO_MILLIS.format(t);
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("field " + f.name() + ": a " + f.type() + " field holds a " + kind);
    }

    /** @return the narrowest GeoPackage geometry type that holds every non-empty geometry of the layer */
    static GeometryType geometryType(VectorLayer layer) {
        Set<String> kinds = new HashSet<>();
        for (VectorFeature f : layer.features()) {
            Geometry g = f.geometry();
            if (!g.isEmpty()) {
                kinds.add(g.getGeometryType());
            }
        }
        if (kinds.isEmpty()) {
            return GeometryType.GEOMETRY;
        }
        if (kinds.size() == 1) {
            String kind = kinds.iterator().next();
            for (GeometryType t : new GeometryType[] {GeometryType.POINT, GeometryType.LINESTRING,
                    GeometryType.POLYGON, GeometryType.MULTIPOINT, GeometryType.MULTILINESTRING,
                    GeometryType.MULTIPOLYGON}) {
                if (t.getName().equalsIgnoreCase(kind)) {
                    return t;
                }
            }
            if (kind.equals("LinearRing")) {
                return GeometryType.LINESTRING;
            }
            return GeometryType.GEOMETRY;
        }
        if (Set.of("Polygon", "MultiPolygon").containsAll(kinds)) {
            return GeometryType.MULTIPOLYGON;
        }
        if (Set.of("LineString", "LinearRing", "MultiLineString").containsAll(kinds)) {
            return GeometryType.MULTILINESTRING;
        }
        if (Set.of("Point", "MultiPoint").containsAll(kinds)) {
            return GeometryType.MULTIPOINT;
        }
        return GeometryType.GEOMETRY;
    }

    /** @return the geometry as the column's type wants it: singles wrapped into multis */
    private static Geometry coerce(Geometry g, GeometryType type) {
        if (g.isEmpty()) {
            return g;
        }
        if (type == GeometryType.MULTIPOLYGON && g instanceof Polygon p) {
            return FACTORY.createMultiPolygon(new Polygon[] {p});
        }
        if (type == GeometryType.MULTILINESTRING && g instanceof LineString l && !(g instanceof MultiLineString)) {
            return FACTORY.createMultiLineString(new LineString[] {l});
        }
        if (type == GeometryType.MULTIPOINT && g instanceof Point p && !(g instanceof MultiPoint)) {
            return FACTORY.createMultiPoint(new Point[] {p});
        }
        if (type == GeometryType.LINESTRING && g.getClass() != LineString.class && g instanceof LineString l) {
            return FACTORY.createLineString(l.getCoordinateSequence()); // a LinearRing
        }
        return g;
    }
}
