package org.roofline.app.session;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReferenceState;
import org.roofline.geometry.io.geopackage.GeoPackages;

/**
 * The reference layer of a session: feature table {@value #TABLE} (GDAL and QGIS open it as a layer) with {@code
 * fid}, {@code geom} MULTIPOLYGON in the footprints' CRS (a Polygon is stored as a MultiPolygon of one and read back
 * as the Polygon), and per building {@code ref_id} INTEGER UNIQUE (its local id), {@code source_id} TEXT, {@code
 * osm_type} TEXT, {@code osm_id} INTEGER, {@code osm_version} INTEGER (NULL unless read from OSM XML), {@code tags}
 * TEXT (a JSON object), {@code osm_nodes} TEXT ({@link ReferenceNodes}), {@code state} TEXT ({@code pending}, {@code
 * kept}, {@code replaced}, {@code demolished}) and {@code replaced_by} INTEGER (the footprint id, for {@code
 * replaced}). The {@code session} table's key {@value #SOURCE_KEY} names the reference's file.
 *
 * <p>Sessions made before the table existed, or without a reference, have no such table; it is made when a reference
 * is first added.
 */
public final class ReferenceTable {

    /** The table's name. */
    public static final String TABLE = "reference_buildings";
    /** The {@code session} key naming the reference's source file. */
    public static final String SOURCE_KEY = "reference_source";
    private static final String GEOM = SessionSchema.GEOM;
    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static final String UPSERT = "INSERT INTO " + TABLE + " (" + GEOM + ", ref_id, source_id, osm_type, "
            + "osm_id, osm_version, tags, osm_nodes, state, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT(ref_id) DO UPDATE SET " + GEOM + " = excluded." + GEOM + ", state = excluded.state, "
            + "replaced_by = excluded.replaced_by";

    private ReferenceTable() {
    }

    /** Creates the (empty) table in a writable session. */
    static void createTable(GeoPackage g, long srsId) {
        FeatureColumn refId = FeatureColumn.createColumn("ref_id", GeoPackageDataType.INTEGER, true);
        refId.addUniqueConstraint();
        List<FeatureColumn> columns = List.of(refId,
                FeatureColumn.createColumn("source_id", GeoPackageDataType.TEXT, true),
                FeatureColumn.createColumn("osm_type", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("osm_id", GeoPackageDataType.INTEGER),
                FeatureColumn.createColumn("osm_version", GeoPackageDataType.INTEGER),
                FeatureColumn.createColumn("tags", GeoPackageDataType.TEXT, true),
                FeatureColumn.createColumn("osm_nodes", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("state", GeoPackageDataType.TEXT, true),
                FeatureColumn.createColumn("replaced_by", GeoPackageDataType.INTEGER));
        GeoPackages.createFeatureTable(g, TABLE, GEOM, GeometryType.MULTIPOLYGON, srsId, "fid", columns, null);
    }

    /** @return whether the file has the table (plain SQL: works on a read-only connection) */
    static boolean exists(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT 1 FROM gpkg_contents WHERE lower(table_name) = lower(?) AND data_type = 'features'")) {
            p.setString(1, TABLE);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Inserts buildings, or for an id already there updates its outline and state (in the caller's transaction; its
     * source id, OSM identity and tags never change).
     */
    static void upsert(Connection c, long srsId, Collection<ReferenceBuilding> buildings)
            throws SQLException, IOException {
        WKBWriter w = new WKBWriter(2);
        try (PreparedStatement p = c.prepareStatement(UPSERT)) {
            for (ReferenceBuilding r : buildings) {
                Geometry g = r.geometry() instanceof Polygon poly
                        ? FACTORY.createMultiPolygon(new Polygon[] {poly}) : r.geometry();
                p.setBytes(1, GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, w.write(g)).toBytes());
                p.setLong(2, r.id());
                p.setString(3, r.sourceId());
                p.setString(4, r.osmType());
                if (r.isOsm()) {
                    p.setLong(5, r.osmId());
                    p.setInt(6, r.osmVersion());
                } else {
                    p.setNull(5, Types.INTEGER);
                    p.setNull(6, Types.INTEGER);
                }
                p.setString(7, r.tags());
                p.setString(8, r.osmNodes().isEmpty() ? null : r.osmNodes());
                p.setString(9, r.state().label());
                if (r.replacedBy() != null) {
                    p.setLong(10, r.replacedBy());
                } else {
                    p.setNull(10, Types.INTEGER);
                }
                p.executeUpdate();
            }
        }
    }

    /**
     * @return the buildings in the order first stored; empty when the session has no table
     * @throws IOException naming the file and the building that cannot be read
     */
    static List<ReferenceBuilding> read(Connection c, Path file) throws IOException {
        List<ReferenceBuilding> out = new ArrayList<>();
        WKBReader reader = new WKBReader(FACTORY);
        try {
            if (!exists(c)) {
                return out;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + GEOM + ", ref_id, "
                    + "source_id, osm_type, osm_id, osm_version, tags, osm_nodes, state, replaced_by FROM " + TABLE
                    + " ORDER BY fid")) {
                while (rs.next()) {
                    long id = rs.getLong(2);
                    try {
                        GeoPackageGeometryData data = GeoPackageGeometryData.create(rs.getBytes(1));
                        Geometry g = reader.read(data.getWkb());
                        if (g instanceof MultiPolygon mp && mp.getNumGeometries() == 1) {
                            g = mp.getGeometryN(0);
                        }
                        long osmId = rs.getLong(5);
                        int version = rs.getInt(6);
                        long replacedBy = rs.getLong(10);
                        boolean replaced = !rs.wasNull();
                        out.add(new ReferenceBuilding(id, rs.getString(3), rs.getString(4), osmId, version,
                                rs.getString(7), rs.getString(8), g, ReferenceState.ofLabel(rs.getString(9)),
                                replaced ? replacedBy : null));
                    } catch (ParseException | IOException | RuntimeException e) {
                        throw new IOException(file + ": reference building " + id + " cannot be read ("
                                + GeoPackages.oneLine(e) + ")", e);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException(file + ": " + GeoPackages.oneLine(e), e);
        }
        return out;
    }
}
