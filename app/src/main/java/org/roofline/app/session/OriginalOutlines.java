package org.roofline.app.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.geometry.io.geopackage.GeoPackages;

/**
 * The footprints' outlines before regularization, kept in a GeoPackage beside the footprints: feature table
 * {@value #TABLE} with {@code fid}, {@code geom} POLYGON (in the CRS of the footprints' table) and {@code id} INTEGER
 * UNIQUE, the id of the footprint it belongs to. It is an ordinary feature table, so GDAL and QGIS open it as a layer.
 *
 * <p>Both the review session ({@link SessionStore}) and {@code roofline extract --keep-originals} write it; the editor
 * compares a footprint with its original outline to put the most doubtful tiles first.
 */
public final class OriginalOutlines {

    /** The table's name. */
    public static final String TABLE = "original_outlines";
    private static final String GEOM = SessionSchema.GEOM;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private OriginalOutlines() {
    }

    /** @return whether the GeoPackage has the table */
    static boolean exists(GeoPackage g) {
        return g.isFeatureTable(TABLE);
    }

    /**
     * Creates the (empty) table; the caller inserts the outlines, usually in its own transaction.
     *
     * @param srsId  the srs_id of the footprints' table (registered already)
     * @param extent the outlines' extent for {@code gpkg_contents}, or null when unknown
     */
    static void createTable(GeoPackage g, long srsId, Envelope extent) {
        FeatureColumn id = FeatureColumn.createColumn("id", GeoPackageDataType.INTEGER, true);
        id.addUniqueConstraint();
        GeoPackages.createFeatureTable(g, TABLE, GEOM, GeometryType.POLYGON, srsId, "fid", List.of(id), extent);
    }

    /** Inserts or replaces outlines by footprint id (in the caller's transaction); empty polygons are skipped. */
    static void upsert(Connection c, long srsId, Map<Long, Polygon> outlines) throws SQLException, IOException {
        WKBWriter w = new WKBWriter(2);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TABLE + " (" + GEOM + ", id) VALUES (?, ?) "
                + "ON CONFLICT(id) DO UPDATE SET " + GEOM + " = excluded." + GEOM)) {
            for (Map.Entry<Long, Polygon> e : outlines.entrySet()) {
                Polygon poly = Objects.requireNonNull(e.getValue(), "outline of " + e.getKey());
                if (poly.isEmpty()) {
                    continue;
                }
                p.setBytes(1, PolygonBlobs.encode(srsId, poly, w));
                p.setLong(2, e.getKey());
                p.executeUpdate();
            }
        }
    }

    /**
     * Reads every outline.
     *
     * @throws IOException naming the file and the outline that cannot be read
     */
    static Map<Long, Polygon> read(Connection c, Path file) throws IOException {
        Map<Long, Polygon> out = new LinkedHashMap<>();
        WKBReader reader = new WKBReader(FACTORY);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, " + GEOM + " FROM " + TABLE + " ORDER BY fid")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                try {
                    Polygon p = PolygonBlobs.decode(rs.getBytes(2), reader);
                    if (p != null) {
                        out.put(id, p);
                    }
                } catch (IOException | ParseException | RuntimeException e) {
                    throw new IOException(file + ": original outline of footprint " + id + " cannot be read ("
                            + GeoPackages.oneLine(e) + ")", e);
                }
            }
        } catch (SQLException e) {
            throw new IOException(file + ": table " + TABLE + " cannot be read (" + GeoPackages.oneLine(e) + ")", e);
        }
        return out;
    }

    /**
     * Adds the table to a GeoPackage of footprints (for example one {@code roofline extract} has just written), in
     * the CRS of its footprint table.
     *
     * @param gpkg       an existing GeoPackage without the table
     * @param layerTable the footprints' feature table, whose srs_id the outlines take
     * @param outlines   outlines by footprint id
     * @throws IOException naming the file if it cannot be opened or written
     */
    public static void addTo(Path gpkg, String layerTable, Map<Long, Polygon> outlines) throws IOException {
        Objects.requireNonNull(layerTable, "layerTable");
        Objects.requireNonNull(outlines, "outlines");
        if (!Files.isRegularFile(gpkg)) {
            throw new IOException(gpkg + ": no such file");
        }
        try (GeoPackage g = GeoPackageManager.open(gpkg.toFile())) {
            if (exists(g)) {
                throw new IOException(gpkg + ": already has a table " + TABLE);
            }
            Connection c = g.getConnection().getConnection();
            OptionalLong found = SessionSchema.srsIdOf(c, layerTable);
            if (found.isEmpty()) {
                throw new IOException(gpkg + ": has no feature table " + layerTable);
            }
            long srsId = found.getAsLong();
            Envelope extent = new Envelope();
            outlines.values().forEach(p -> extent.expandToInclude(p.getEnvelopeInternal()));
            createTable(g, srsId, extent);
            SqlTransaction.run(c, () -> upsert(c, srsId, outlines));
        } catch (SQLException | RuntimeException e) {
            throw new IOException(gpkg + ": cannot add the table " + TABLE + " (" + GeoPackages.oneLine(e) + ")", e);
        }
    }

    /**
     * What a GeoPackage of footprints holds besides them.
     *
     * @param footprintsTable its first feature table other than {@value #TABLE} (the footprints), or null when none
     * @param outlines        the original outlines by footprint id; empty when the file has no {@value #TABLE}
     */
    public record Found(String footprintsTable, Map<Long, Polygon> outlines) {
        public Found {
            outlines = Map.copyOf(outlines);
        }
    }

    /**
     * Reads the outlines of a GeoPackage of footprints, and which table holds the footprints.
     *
     * @throws IOException naming the file if it is not a readable GeoPackage
     */
    public static Found readFrom(Path gpkg) throws IOException {
        if (!Files.isRegularFile(gpkg)) {
            throw new IOException(gpkg + ": no such file");
        }
        GeoPackage g;
        try {
            g = GeoPackageManager.open(gpkg.toFile());
        } catch (RuntimeException e) {
            throw new IOException(gpkg + ": not a GeoPackage (" + GeoPackages.oneLine(e) + ")", e);
        }
        try (g) {
            String footprints = g.getFeatureTables().stream().filter(t -> !t.equalsIgnoreCase(TABLE)).findFirst()
                    .orElse(null);
            return new Found(footprints, exists(g) ? read(g.getConnection().getConnection(), gpkg) : Map.of());
        } catch (RuntimeException e) {
            throw new IOException(gpkg + ": " + GeoPackages.oneLine(e), e);
        }
    }
}
