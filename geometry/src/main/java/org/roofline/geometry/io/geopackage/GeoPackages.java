package org.roofline.geometry.io.geopackage;

import java.util.List;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.roofline.geometry.text.OneLine;

/** What every GeoPackage Roofline writes needs: 2D feature tables, and library errors as one line. */
public final class GeoPackages {

    private GeoPackages() {
    }

    /**
     * Creates a 2D feature table (no Z, no M) and registers it in {@code gpkg_contents} and
     * {@code gpkg_geometry_columns}.
     *
     * @param srsId    the srs_id, already registered ({@link GeoPackageSrs#register})
     * @param idColumn the integer primary key column
     * @param extent   the features' extent for {@code gpkg_contents}, or null (or a null envelope) when unknown
     */
    public static void createFeatureTable(GeoPackage g, String table, String geometryColumn, GeometryType type,
                                          long srsId, String idColumn, List<FeatureColumn> columns,
                                          Envelope extent) {
        GeometryColumns gc = new GeometryColumns();
        gc.setId(new TableColumnKey(table, geometryColumn));
        gc.setGeometryType(type);
        gc.setZ((byte) 0);
        gc.setM((byte) 0);
        gc.setSrsId(srsId);
        BoundingBox box = extent == null || extent.isNull() ? null
                : new BoundingBox(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY());
        g.createFeatureTable(FeatureTableMetadata.create(gc, idColumn, columns, box));
    }

    /** The first non-blank message of an exception or its causes, on one line; else its class name. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        String m = t.getMessage();
        while ((m == null || m.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return OneLine.squeeze(m);
    }
}
