package org.roofline.geometry.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeodesicAreaTest {

    private static final Crs UTM16N = Crs.epsg(32616);

    private static Geometry wkt(String text) {
        try {
            return new WKTReader(new GeometryFactory()).read(text);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHundredMetreSquareInUtm() {
        Geometry square = wkt("POLYGON ((741000 3737000, 741100 3737000, 741100 3737100, 741000 3737100, 741000 3737000))");
        double utm = GeodesicArea.squareMetres(square, UTM16N);
        assertEquals(10_000, utm, 10, "within 0.1% of the map area (UTM scale distortion is 0.03% there)");
        assertTrue(Math.abs(utm - 10_000) > 1, "but not equal to it: the area is not the planar one, " + utm);
        Geometry lonLat = CrsTransform.of(UTM16N, Crs.WGS84).transform(square);
        double wgs84 = GeodesicArea.squareMetres(lonLat, Crs.WGS84);
        assertEquals(utm, wgs84, utm * 1e-4, "the same square in longitude/latitude");
        Geometry reversed = square.reverse();
        assertEquals(utm, GeodesicArea.squareMetres(reversed, UTM16N), 1e-6, "orientation does not matter");
    }

    /**
     * A 0.01-degree cell on the equator against the closed-form area of an ellipsoidal zone (an independent formula):
     * A = dLambda b^2 [sin phi / (2 (1 - e^2 sin^2 phi)) + ln((1 + e sin phi) / (1 - e sin phi)) / (4 e)].
     */
    @Test
    void agreesWithTheClosedFormOnTheEllipsoid() {
        double a = 6378137;
        double f = 1 / 298.257223563;
        double e2 = f * (2 - f);
        double e = Math.sqrt(e2);
        double b2 = a * a * (1 - e2);
        double phi = Math.toRadians(0.01);
        double s = Math.sin(phi);
        double zone = b2 * (s / (2 * (1 - e2 * s * s)) + Math.log((1 + e * s) / (1 - e * s)) / (4 * e));
        double expected = Math.toRadians(0.01) * zone;
        Geometry cell = wkt("POLYGON ((0 0, 0.01 0, 0.01 0.01, 0 0.01, 0 0))");
        assertEquals(expected, GeodesicArea.squareMetres(cell, Crs.WGS84), expected * 1e-6);
        assertEquals(1.2309e6, expected, 1e2, "about 1.1 km squared");
    }

    @Test
    void subtractsHolesAndAddsParts() {
        Geometry outer = wkt("POLYGON ((741000 3737000, 741100 3737000, 741100 3737100, 741000 3737100, 741000 3737000))");
        Geometry hole = wkt("POLYGON ((741040 3737040, 741060 3737040, 741060 3737060, 741040 3737060, 741040 3737040))");
        Geometry withHole = outer.difference(hole);
        double full = GeodesicArea.squareMetres(outer, UTM16N);
        double h = GeodesicArea.squareMetres(hole, UTM16N);
        assertEquals(400, h, 1);
        assertEquals(full - h, GeodesicArea.squareMetres(withHole, UTM16N), 1e-6);
        Geometry other = wkt("POLYGON ((742000 3737000, 742010 3737000, 742010 3737010, 742000 3737010, 742000 3737000))");
        Geometry multi = outer.getFactory().createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {
            (org.locationtech.jts.geom.Polygon) outer, (org.locationtech.jts.geom.Polygon) other});
        assertEquals(full + GeodesicArea.squareMetres(other, UTM16N), GeodesicArea.squareMetres(multi, UTM16N), 1e-6);
        assertEquals(0, GeodesicArea.squareMetres(wkt("POLYGON EMPTY"), UTM16N));
    }

    @Test
    void rejectsWhatHasNoArea() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeodesicArea.squareMetres(wkt("LINESTRING (0 0, 1 1)"), Crs.WGS84));
        assertTrue(e.getMessage().contains("LineString"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GeodesicArea.squareMetres(wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))"), null));
        assertTrue(e.getMessage().contains("coordinate reference system"), e.getMessage());
    }
}
