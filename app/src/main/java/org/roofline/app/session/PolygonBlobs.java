package org.roofline.app.session;

import java.io.IOException;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/** Polygons as GeoPackage geometry blobs (the header with srs_id and envelope, then 2D WKB), both ways. */
final class PolygonBlobs {

    private PolygonBlobs() {
    }

    /** @return the blob of a polygon that is not empty */
    static byte[] encode(long srsId, Polygon polygon, WKBWriter writer) throws IOException {
        return GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, writer.write(polygon)).toBytes();
    }

    /**
     * @return the polygon of a blob, or null for a null blob or an empty geometry
     * @throws IOException    if the geometry is not a polygon
     * @throws ParseException if the WKB is damaged
     */
    static Polygon decode(byte[] blob, WKBReader reader) throws IOException, ParseException {
        if (blob == null) {
            return null;
        }
        GeoPackageGeometryData data = GeoPackageGeometryData.create(blob);
        if (data.isEmpty() || data.getWkb() == null) {
            return null;
        }
        Geometry g = reader.read(data.getWkb());
        if (!(g instanceof Polygon p)) {
            throw new IOException("geometry is a " + g.getGeometryType() + ", not a Polygon");
        }
        return p;
    }
}
