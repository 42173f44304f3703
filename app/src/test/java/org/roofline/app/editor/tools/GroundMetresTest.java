package org.roofline.app.editor.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.roofline.geometry.crs.Crs;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.PixelToMap;

/** Metres to map units: geographic (geodesic), projected in metres and in US survey feet, and refusals. */
class GroundMetresTest {

    @Test
    void geographicShiftIsTheTypedGroundDistance() throws Exception {
        Georeferencing g = ToolFixture.readGeoref(); // the Banepa tile, EPSG:4326
        GroundMetres m = GroundMetres.of(g);
        Coordinate at = g.toMap(new Coordinate(256, 256));
        for (double[] en : new double[][] {{3.5, -2.25}, {-10, 0}, {0, 7}, {0.2, 0.1}}) {
            Coordinate d = m.toMapShift(at, en[0], en[1]);
            GeodesicData inv = Geodesic.WGS84.Inverse(at.y, at.x, at.y + d.y, at.x + d.x);
            assertEquals(Math.hypot(en[0], en[1]), inv.s12, 1e-6);
            double az = Math.toRadians(inv.azi1);
            assertEquals(en[0], inv.s12 * Math.sin(az), 1e-6);
            assertEquals(en[1], inv.s12 * Math.cos(az), 1e-6);
            Coordinate back = m.toMetres(at, d.x, d.y);
            assertEquals(en[0], back.x, 1e-6);
            assertEquals(en[1], back.y, 1e-6);
        }
        // metres per degree from the ellipsoid's radii of curvature (prime vertical N, meridian M)
        double a = 6_378_137;
        double f = 1 / 298.257223563;
        double e2 = f * (2 - f);
        double phi = Math.toRadians(at.y);
        double w = 1 - e2 * Math.sin(phi) * Math.sin(phi);
        Coordinate per = m.metresPerUnit(at);
        assertEquals(Math.toRadians(1) * a / Math.sqrt(w) * Math.cos(phi), per.x, 0.01);
        assertEquals(Math.toRadians(1) * a * (1 - e2) / Math.pow(w, 1.5), per.y, 0.01);
    }

    @Test
    void projectedShiftGoesThroughTheUnit() {
        Georeferencing utm = new Georeferencing(new PixelToMap(500_000, 0.5, 0, 3_000_000, 0, -0.5),
                Crs.epsg(32645), Georeferencing.Source.GEOTIFF_KEYS);
        Coordinate d = GroundMetres.of(utm).toMapShift(new Coordinate(500_100, 2_999_900), 3.5, -2);
        assertEquals(3.5, d.x, 1e-9);
        assertEquals(-2, d.y, 1e-9);

        // New York Long Island, US survey feet: 1 m = 3.2808333 ft
        Georeferencing feet = new Georeferencing(new PixelToMap(1_000_000, 1, 0, 200_000, 0, -1), Crs.epsg(2263),
                Georeferencing.Source.GEOTIFF_KEYS);
        Coordinate f = GroundMetres.of(feet).toMapShift(new Coordinate(1_000_100, 199_900), 10, 0);
        assertEquals(10 / 0.3048006096, f.x, 1e-4);
    }

    @Test
    void pixelCoordinatesHaveNoMetres() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GroundMetres.of(Georeferencing.none()));
        assertTrue(e.getMessage().contains("no georeferencing"), e.getMessage());
        Georeferencing noCrs = new Georeferencing(new PixelToMap(0, 1, 0, 0, 0, -1), null,
                Georeferencing.Source.WORLD_FILE);
        e = assertThrows(IllegalStateException.class, () -> GroundMetres.of(noCrs));
        assertTrue(e.getMessage().contains("coordinate system is unknown"), e.getMessage());
        // regularizing such footprints happens in the image's pixels
        RegularizationFrame frame = RegularizationFrame.of(noCrs, new Coordinate(5, -5));
        assertEquals(1, frame.workingUnitsPerPixel());
        assertTrue(!frame.metric());
    }
}
