package org.roofline.app.session;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.attributes.AttributesColumn;
import mil.nga.geopackage.attributes.AttributesTableMetadata;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.app.AppVersion;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.geopackage.GeoPackageSrs;
import org.roofline.geometry.io.geopackage.GeoPackages;

/**
 * The layout of a review session file ({@link SessionStore}): making the tables of a new session, checking that a
 * file is one, reading its {@code session} keys, and adding what older sessions lack.
 *
 * <h2>File layout</h2>
 * A valid GeoPackage (GDAL and QGIS open {@code footprints} as a layer) with:
 * <ul>
 *   <li>feature table {@code footprints}: {@code fid} (primary key), {@code geom} POLYGON in the session's CRS
 *       (registered in {@code gpkg_spatial_ref_sys} under its EPSG code with {@link Crs#toWkt1()} as definition;
 *       {@code srs_id} -1 for pixel coordinates), {@code id} INTEGER UNIQUE, {@code status} TEXT, {@code confidence}
 *       REAL (NULL when unknown), {@code area_m2} REAL (for readers; NULL without a reprojectable CRS),
 *       {@code method} TEXT, {@code regularized} BOOLEAN, {@code source} TEXT, {@code reviewed_at} DATETIME (UTC,
 *       milliseconds: a {@code reviewedAt} is kept to the millisecond), {@code reject_reason} TEXT (why a rejected
 *       footprint was rejected, NULL for none; added to older sessions when opened for review)
 *       ({@link FootprintRows});</li>
 *   <li>attribute table {@code session}: {@code key}/{@code value} pairs {@code format}, {@code image}, {@code crs},
 *       {@code roofline_version}, {@code created}, {@code tile_count};</li>
 *   <li>attribute table {@code review_tiles}: {@code tile_index} INTEGER PRIMARY KEY, {@code visited} BOOLEAN, one
 *       row per tile;</li>
 *   <li>feature table {@code original_outlines} ({@link OriginalOutlines}): the footprints' polygons before
 *       regularization, {@code id} INTEGER UNIQUE (the footprint's id) and {@code geom} POLYGON in the same CRS; a
 *       footprint without one (drawn by hand, or read from a file that had none) has no row. Sessions made before the
 *       table existed get it, empty, when opened for review ({@link #addMissingTables}).</li>
 *   <li>feature table {@code reference_buildings} ({@link ReferenceTable}), only once a reference map was added:
 *       its buildings with their source ids, OSM identity, tags and review states; sessions without it open as
 *       before.</li>
 * </ul>
 * The {@code session} table also holds {@code image_relative}, the image's path relative to the session's folder, so
 * that a session moved together with its image still finds it ({@link SessionStore#locateImage()}). The file's
 * SQLite {@code user_version} is that of GeoPackage 1.3.0.
 */
public final class SessionSchema {

    /** The feature table of the footprints. */
    public static final String FOOTPRINTS = "footprints";
    /** The key/value attribute table. */
    public static final String SESSION = "session";
    /** The attribute table of the review tiles. */
    public static final String TILES = "review_tiles";
    /** The value of the {@code format} key. */
    public static final String FORMAT = "roofline-session-1";
    /** The geometry column of the feature tables. */
    static final String GEOM = "geom";
    private static final int USER_VERSION = 10300; // GeoPackage 1.3.0

    private SessionSchema() {
    }

    /**
     * Makes the tables of a new session in an empty GeoPackage and fills them: the {@code session} keys, every tile
     * not visited, the footprints and their original outlines (one transaction for the rows).
     *
     * @param target the session file the GeoPackage will become (for {@code image_relative})
     */
    static void create(GeoPackage g, Path target, Path image, Crs crs, Collection<Footprint> footprints,
                       Map<Long, Polygon> originals, int tileCount) throws SQLException, IOException {
        long srsId = GeoPackageSrs.register(g, crs);
        FeatureColumn id = FeatureColumn.createColumn("id", GeoPackageDataType.INTEGER, true);
        id.addUniqueConstraint();
        List<FeatureColumn> columns = List.of(
                id,
                FeatureColumn.createColumn("status", GeoPackageDataType.TEXT, true),
                FeatureColumn.createColumn("confidence", GeoPackageDataType.REAL),
                FeatureColumn.createColumn("area_m2", GeoPackageDataType.REAL),
                FeatureColumn.createColumn("method", GeoPackageDataType.TEXT, true),
                FeatureColumn.createColumn("regularized", GeoPackageDataType.BOOLEAN, true),
                FeatureColumn.createColumn("source", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("reviewed_at", GeoPackageDataType.DATETIME),
                FeatureColumn.createColumn(FootprintRows.REJECT_REASON, GeoPackageDataType.TEXT));
        Envelope extent = new Envelope();
        for (Footprint f : footprints) {
            extent.expandToInclude(f.polygon().getEnvelopeInternal());
        }
        GeoPackages.createFeatureTable(g, FOOTPRINTS, GEOM, GeometryType.POLYGON, srsId, "fid", columns, extent);
        Envelope originalsExtent = new Envelope();
        originals.values().forEach(p -> originalsExtent.expandToInclude(p.getEnvelopeInternal()));
        OriginalOutlines.createTable(g, srsId, originalsExtent);

        AttributesColumn key = AttributesColumn.createColumn("key", GeoPackageDataType.TEXT, true);
        key.addUniqueConstraint();
        g.createAttributesTable(AttributesTableMetadata.create(SESSION, "id",
                List.of(key, AttributesColumn.createColumn("value", GeoPackageDataType.TEXT))));
        g.createAttributesTable(AttributesTableMetadata.create(TILES, "tile_index",
                List.of(AttributesColumn.createColumn("visited", GeoPackageDataType.BOOLEAN, true, false))));

        Connection c = g.getConnection().getConnection();
        SqlTransaction.run(c, () -> {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", FORMAT);
            meta.put("image", image == null ? "" : image.toAbsolutePath().toString());
            meta.put("image_relative", image == null ? "" : relative(target.getParent(), image));
            meta.put("crs", crs == null ? "" : crs.epsgCode().isPresent() ? "EPSG:" + crs.epsgCode().getAsInt()
                    : crs.toWkt1());
            meta.put("roofline_version", AppVersion.get());
            meta.put("created", FootprintRows.ISO_MILLIS.format(Instant.now()));
            meta.put("tile_count", Integer.toString(tileCount));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + SESSION + " (key, value) VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : meta.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, e.getValue());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TILES + " (tile_index, visited) "
                    + "VALUES (?, 0)")) {
                for (int i = 0; i < tileCount; i++) {
                    p.setInt(1, i);
                    p.executeUpdate();
                }
            }
            boolean geodesic = crs != null && crs.canReproject();
            WKBWriter w = new WKBWriter(2);
            try (PreparedStatement p = c.prepareStatement(FootprintRows.INSERT)) {
                for (Footprint f : footprints) {
                    FootprintRows.bind(p, f, srsId, crs, geodesic, w);
                    p.executeUpdate();
                }
            }
            OriginalOutlines.upsert(c, srsId, originals);
        });
        g.execSQL("PRAGMA user_version = " + USER_VERSION);
    }

    private static String relative(Path dir, Path image) {
        try {
            return dir.toAbsolutePath().relativize(image.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return ""; // another root (a Windows drive): only the absolute path applies
        }
    }

    /**
     * Checks, through the GeoPackage library, that a file has a session's tables.
     *
     * @throws IOException naming the file if a table is missing
     */
    static void requireTables(GeoPackage g, Path gpkg) throws IOException {
        if (!g.isFeatureTable(FOOTPRINTS) || !g.isAttributeTable(SESSION) || !g.isAttributeTable(TILES)) {
            throw missingTables(gpkg);
        }
    }

    /**
     * Checks, with plain SQL (a read-only connection), that a file has a session's tables.
     *
     * @return whether it also has the {@value OriginalOutlines#TABLE} table
     * @throws IOException naming the file if it is not a GeoPackage or a table is missing
     */
    static boolean requireTables(Connection c, Path gpkg) throws IOException {
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT lower(table_name), data_type FROM gpkg_contents")) {
            while (rs.next()) {
                tables.add(rs.getString(1) + "/" + rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IOException(gpkg + ": not a GeoPackage (" + GeoPackages.oneLine(e) + ")", e);
        }
        if (!tables.containsAll(List.of(FOOTPRINTS + "/features", SESSION + "/attributes", TILES + "/attributes"))) {
            throw missingTables(gpkg);
        }
        return tables.contains(OriginalOutlines.TABLE + "/features");
    }

    private static IOException missingTables(Path gpkg) {
        return new IOException(gpkg + ": not a Roofline review session (the GeoPackage lacks the tables "
                + FOOTPRINTS + ", " + SESSION + " and " + TILES + ")");
    }

    /** Adds, empty, the tables that sessions made by earlier versions lack (today: {@link OriginalOutlines}). */
    static void addMissingTables(GeoPackage g, long srsId) {
        if (!OriginalOutlines.exists(g)) {
            OriginalOutlines.createTable(g, srsId, null);
        }
    }

    /**
     * Adds the columns that sessions made by earlier versions lack (today: {@code reject_reason}, NULL for every
     * footprint).
     */
    static void addMissingColumns(Connection c) throws SQLException {
        if (!hasColumn(c, FOOTPRINTS, FootprintRows.REJECT_REASON)) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + FOOTPRINTS + " ADD COLUMN " + FootprintRows.REJECT_REASON + " TEXT");
            }
        }
    }

    /** @return whether a table has a column (names compared case-insensitively) */
    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (column.equalsIgnoreCase(rs.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return the {@code session} table's keys and values
     * @throws IOException naming the file if its {@code format} is not {@value #FORMAT}
     */
    static Map<String, String> readMeta(Connection c, Path gpkg) throws SQLException, IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM " + SESSION)) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(gpkg + ": not a Roofline review session (format is " + meta.get("format")
                    + ", expected " + FORMAT + ")");
        }
        return meta;
    }

    /**
     * @return the srs_id of the footprints' geometry column
     * @throws IOException naming the file if the table has none
     */
    static long footprintsSrsId(Connection c, Path gpkg) throws SQLException, IOException {
        OptionalLong srsId = srsIdOf(c, FOOTPRINTS);
        if (srsId.isEmpty()) {
            throw new IOException(gpkg + ": table " + FOOTPRINTS + " has no geometry column");
        }
        return srsId.getAsLong();
    }

    /** @return the srs_id of a feature table's geometry column (the name compared case-insensitively), if it has one */
    static OptionalLong srsIdOf(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
