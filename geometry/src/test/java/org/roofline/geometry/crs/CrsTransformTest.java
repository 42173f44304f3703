package org.roofline.geometry.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class CrsTransformTest {

    /** Atlanta (longitude, latitude) and their UTM 16N coordinates, as PROJ 9.1's cs2cs gives them. */
    private static final double[][] ATLANTA = {
        {-84.39, 33.75, 741763.890144, 3737497.583285},
        {-84.35, 33.80, 745327.390621, 3743138.145535},
        {-84.50, 33.60, 731974.829036, 3720607.946292},
        {-84.2882, 33.749, 751199.190818, 3737630.208359},
        {-84.42, 33.95, 738427.468291, 3759611.252651},
    };

    private static final Crs UTM16N = Crs.epsg(32616);

    @Test
    void agreesWithCs2csToTheMillimetre() {
        CrsTransform forward = CrsTransform.of(Crs.WGS84, UTM16N);
        CrsTransform back = CrsTransform.of(UTM16N, Crs.WGS84);
        for (double[] p : ATLANTA) {
            Coordinate utm = forward.transform(new Coordinate(p[0], p[1]));
            assertEquals(p[2], utm.x, 0.001, "easting of " + p[0] + " " + p[1]);
            assertEquals(p[3], utm.y, 0.001, "northing of " + p[0] + " " + p[1]);
            Coordinate lonLat = back.transform(utm);
            assertEquals(p[0], lonLat.x, 1e-9);
            assertEquals(p[1], lonLat.y, 1e-9);
        }
    }

    /** The same check against the cs2cs on this machine, with more points, when PROJ is installed. */
    @Test
    void agreesWithTheInstalledCs2cs() throws Exception {
        requireCs2cs();
        StringBuilder input = new StringBuilder();
        List<Coordinate> points = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Coordinate c = new Coordinate(-84.55 + 0.013 * i, 33.6 + 0.0151 * i);
            points.add(c);
            input.append(c.y).append(' ').append(c.x).append('\n'); // EPSG:4326 is latitude first for PROJ
        }
        String[] lines = ExternalTools.run(input.toString(), "cs2cs", "-f", "%.6f", "EPSG:4326", "EPSG:32616")
                .strip().split("\\R");
        assertEquals(points.size(), lines.length);
        CrsTransform t = CrsTransform.of(Crs.WGS84, UTM16N);
        for (int i = 0; i < lines.length; i++) {
            String[] xy = lines[i].strip().split("\\s+");
            Coordinate ours = t.transform(points.get(i));
            assertEquals(Double.parseDouble(xy[0]), ours.x, 0.001, lines[i]);
            assertEquals(Double.parseDouble(xy[1]), ours.y, 0.001, lines[i]);
        }
    }

    /** Skips the calling test when PROJ's cs2cs is missing, except on CI (CI set), where it fails instead. */
    private static void requireCs2cs() {
        if (!ExternalTools.onPath("cs2cs") && System.getenv("CI") != null) {
            throw new AssertionError("cs2cs (Debian proj-bin) is not on the PATH, and CI is set: .ci/run installs it");
        }
        assumeTrue(ExternalTools.onPath("cs2cs"), "cs2cs (proj-bin) is not on the PATH");
    }

    /** A datum change by the registry's Helmert parameters, as PROJ applies the same parameters. */
    @Test
    void datumShiftMatchesProjWithTheSameHelmertParameters() throws Exception {
        requireCs2cs();
        String out = ExternalTools.run("-1.5 52.5\n", "cs2cs", "-f", "%.6f", "+proj=longlat", "+datum=WGS84", "+to",
                "+proj=tmerc", "+lat_0=49", "+lon_0=-2", "+k=0.9996012717", "+x_0=400000", "+y_0=-100000", "+ellps=airy",
                "+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489", "+units=m");
        String[] xy = out.strip().split("\\s+");
        Coordinate bng = CrsTransform.of(Crs.WGS84, Crs.epsg(27700)).transform(new Coordinate(-1.5, 52.5));
        assertEquals(Double.parseDouble(xy[0]), bng.x, 0.001);
        assertEquals(Double.parseDouble(xy[1]), bng.y, 0.001);
    }

    @Test
    void transformsGeometriesAndKeepsTheirStructure() throws Exception {
        Polygon square = (Polygon) new WKTReader(new GeometryFactory()).read(
                "POLYGON ((741000 3737000, 741100 3737000, 741100 3737100, 741000 3737100, 741000 3737000),"
                        + " (741040 3737040, 741060 3737040, 741060 3737060, 741040 3737060, 741040 3737040))");
        CrsTransform t = CrsTransform.of(UTM16N, Crs.WGS84);
        Geometry lonLat = t.transform(square);
        assertNotSame(square, lonLat);
        assertEquals("Polygon", lonLat.getGeometryType());
        assertEquals(1, ((Polygon) lonLat).getNumInteriorRing());
        assertEquals(square.getNumPoints(), lonLat.getNumPoints());
        assertEquals(741000, square.getEnvelopeInternal().getMinX(), 0, "the input is not modified");
        for (Coordinate c : lonLat.getCoordinates()) {
            assertTrue(c.x > -84.5 && c.x < -84.3 && c.y > 33.7 && c.y < 33.8, c.toString());
        }
        Geometry back = CrsTransform.of(Crs.WGS84, UTM16N).transform(lonLat);
        Coordinate[] a = square.getCoordinates();
        Coordinate[] b = back.getCoordinates();
        for (int i = 0; i < a.length; i++) {
            assertEquals(0, a[i].distance(b[i]), 1e-6);
        }
        assertTrue(lonLat.isValid());
    }

    @Test
    void identityReturnsItsInput() throws Exception {
        Geometry g = new WKTReader().read("POINT (1 2)");
        CrsTransform t = CrsTransform.of(UTM16N, Crs.epsg(32616));
        assertTrue(t.isIdentity());
        assertSame(g, t.transform(g));
        assertEquals(new Coordinate(1, 2), t.transform(new Coordinate(1, 2)));
    }

    @Test
    void keepsZ() {
        Coordinate c = CrsTransform.of(Crs.WGS84, UTM16N).transform(new Coordinate(-84.39, 33.75, 321.5));
        assertEquals(321.5, c.getZ(), 0);
    }

    @Test
    void failsClearlyOnImpossibleCoordinates() {
        CrsTransform t = CrsTransform.of(Crs.WGS84, Crs.epsg(3857));
        // UTM coordinates taken for longitude and latitude: the usual mistake
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.transform(new Coordinate(741763.89, 3737497.58)));
        assertTrue(e.getMessage().startsWith("cannot transform (741763.89, 3737497.58) from EPSG:4326 (WGS 84) to "
                + "EPSG:3857 (WGS 84 / Pseudo-Mercator): latitude 3737497.58 is outside [-90, 90]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.transform(new Coordinate(Double.NaN, 1)));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CrsTransform.of(UTM16N, Crs.WGS84).transform(new Coordinate(1e30, 1e30)));
        assertTrue(e.getMessage().contains("outside [-90, 90]"), e.getMessage());
    }

    /** Each thread uses its own proj4j objects: results in parallel equal those in sequence. */
    @Test
    void isThreadSafe() {
        CrsTransform t = CrsTransform.of(Crs.WGS84, Crs.epsg(2154));
        List<Coordinate> sequential = IntStream.range(0, 20_000)
                .mapToObj(i -> t.transform(new Coordinate(-4 + i * 0.0005, 42 + i * 0.0004))).toList();
        List<Coordinate> parallel = IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> t.transform(new Coordinate(-4 + i * 0.0005, 42 + i * 0.0004))).toList();
        for (int i = 0; i < sequential.size(); i++) {
            assertEquals(sequential.get(i), parallel.get(i));
        }
    }
}
