package org.roofline.app.session;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.GeodesicArea;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.RejectReason;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * A {@link Footprint} as a row of the session's {@value SessionSchema#FOOTPRINTS} table and back: the statements'
 * SQL, binding a footprint to an insert, reading one from a query. An empty polygon is a NULL geometry; an unknown
 * confidence (NaN) is NULL; {@code area_m2} is written for readers (NULL without a reprojectable CRS) and never read;
 * {@code reviewed_at} is kept to the millisecond, in UTC; {@code reject_reason} is a {@link RejectReason#code()} or
 * NULL.
 */
final class FootprintRows {

    /** ISO-8601 in UTC with milliseconds, as the session stores instants. */
    static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static final String GEOM = SessionSchema.GEOM;
    private static final String FOOTPRINTS = SessionSchema.FOOTPRINTS;
    /** The column of {@link Footprint#rejectReason()}: its {@link RejectReason#code()}, NULL for none. */
    static final String REJECT_REASON = "reject_reason";

    /** Inserts a new footprint: {@link #bind} fills its parameters. */
    static final String INSERT = "INSERT INTO " + FOOTPRINTS + " (" + GEOM + ", id, "
            + "status, confidence, area_m2, method, regularized, source, reviewed_at, " + REJECT_REASON + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Inserts a footprint or replaces the one with its id: {@link #bind} fills its parameters. */
    static final String UPSERT = "INSERT INTO " + FOOTPRINTS + " (" + GEOM + ", id, status, confidence, "
            + "area_m2, method, regularized, source, reviewed_at, " + REJECT_REASON + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT(id) DO UPDATE SET " + GEOM + " = excluded." + GEOM + ", status = excluded.status, "
            + "confidence = excluded.confidence, area_m2 = excluded.area_m2, method = excluded.method, "
            + "regularized = excluded.regularized, source = excluded.source, "
            + "reviewed_at = excluded.reviewed_at, " + REJECT_REASON + " = excluded." + REJECT_REASON;
    /** Every footprint in the order first stored, in the columns {@link #read} expects (the id second). */
    static final String SELECT_ALL = "SELECT " + GEOM + ", id, status, confidence, method, regularized, "
            + "source, reviewed_at, " + REJECT_REASON + " FROM " + FOOTPRINTS + " ORDER BY fid";
    /** {@link #SELECT_ALL} for a session made before {@value #REJECT_REASON} existed (read-only: not added). */
    static final String SELECT_ALL_WITHOUT_REASON = SELECT_ALL.replace(REJECT_REASON + " FROM",
            "NULL AS " + REJECT_REASON + " FROM");

    private FootprintRows() {
    }

    /**
     * Sets the parameters of {@link #INSERT} or {@link #UPSERT} to a footprint.
     *
     * @param geodesic whether to compute {@code area_m2} (the CRS can be reprojected)
     */
    static void bind(PreparedStatement p, Footprint f, long srsId, Crs crs, boolean geodesic, WKBWriter w)
            throws SQLException, IOException {
        Polygon poly = f.polygon();
        if (poly.isEmpty()) {
            p.setNull(1, Types.BLOB);
        } else {
            p.setBytes(1, PolygonBlobs.encode(srsId, poly, w));
        }
        p.setLong(2, f.id());
        p.setString(3, f.status().code());
        setDouble(p, 4, f.confidence());
        setDouble(p, 5, geodesic && !poly.isEmpty() ? GeodesicArea.squareMetres(poly, crs) : Double.NaN);
        p.setString(6, f.method());
        p.setInt(7, f.regularized() ? 1 : 0);
        p.setString(8, f.source());
        p.setString(9, f.reviewedAt() == null ? null : ISO_MILLIS.format(f.reviewedAt()));
        p.setString(10, f.rejectReason() == null ? null : f.rejectReason().code());
    }

    /** @return the footprint of the current row of {@link #SELECT_ALL} */
    static Footprint read(ResultSet rs, WKBReader reader) throws SQLException, IOException, ParseException {
        Polygon polygon = PolygonBlobs.decode(rs.getBytes(1), reader);
        if (polygon == null) {
            polygon = FACTORY.createPolygon();
        }
        long id = rs.getLong(2);
        ReviewStatus status = ReviewStatus.fromCode(rs.getString(3));
        double confidence = rs.getDouble(4);
        if (rs.wasNull()) {
            confidence = Double.NaN;
        }
        String method = rs.getString(5);
        boolean regularized = rs.getInt(6) != 0;
        String source = rs.getString(7);
        String at = rs.getString(8);
        Instant reviewedAt = at == null ? null : Instant.parse(at);
        String reason = rs.getString(9);
        return new Footprint(id, polygon, status, confidence, method, regularized, source, reviewedAt,
                reason == null || status != ReviewStatus.REJECTED ? null : RejectReason.fromCode(reason));
    }

    private static void setDouble(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }
}
