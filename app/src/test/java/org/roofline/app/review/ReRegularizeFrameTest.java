package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.app.editor.tools.RegularizationFrame;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.geometry.regularize.RegularizedBuilding;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.PixelToMap;

/** {@link ReRegularize} in a working frame: EPSG:4326 footprints get right angles on the ground, not in degrees. */
class ReRegularizeFrameTest {

    // a north-up EPSG:4326 image at 60 degrees north (a degree of longitude is half a degree of latitude there)
    private static final double LON0 = 15.0;
    private static final double LAT0 = 60.0;
    private static final Georeferencing GEOREF = new Georeferencing(
            new PixelToMap(LON0 - 0.001, 2e-6, 0, LAT0 + 0.001, 0, -1e-6), Crs.WGS84, Georeferencing.Source.GEOTIFF_KEYS);
    private static final Crs UTM_33N = Crs.epsg(32633);

    /**
     * A 20 m x 12 m building rotated 30 degrees on the ground, its walls jagged by up to 0.25 m and its short walls
     * leaning 3 degrees (corners of 87 and 93 degrees: what a regularizer squares), in degrees.
     */
    private static Polygon noisyRotatedBuilding() {
        double[][] ground = {{-10, -6}, {-3, -6.2}, {4, -5.85}, {10, -6}, {10.2, 0}, {10, 6}, {2, 6.25}, {-6, 5.9},
                {-10, 6}, {-9.8, 0}};
        double rot = Math.toRadians(30);
        Coordinate[] c = new Coordinate[ground.length + 1];
        double lean = Math.tan(Math.toRadians(3));
        for (int i = 0; i < ground.length; i++) {
            ground[i][0] += ground[i][1] * lean;
            double e = ground[i][0] * Math.cos(rot) - ground[i][1] * Math.sin(rot);
            double n = ground[i][0] * Math.sin(rot) + ground[i][1] * Math.cos(rot);
            GeodesicData d = Geodesic.WGS84.Direct(LAT0, LON0, Math.toDegrees(Math.atan2(e, n)), Math.hypot(e, n));
            c[i] = new Coordinate(d.lon2, d.lat2);
        }
        c[ground.length] = new Coordinate(c[0]);
        return Fixtures.GF.createPolygon(c);
    }

    /** The corner angles, in degrees, of a polygon's shell projected to UTM (metres, conformal). */
    private static List<Double> groundAngles(Polygon lonLat) {
        Polygon m = (Polygon) CrsTransform.of(Crs.WGS84, UTM_33N).transform(lonLat);
        Coordinate[] c = m.getExteriorRing().getCoordinates();
        int n = c.length - 1;
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Coordinate p = c[(i - 1 + n) % n];
            Coordinate q = c[i];
            Coordinate r = c[(i + 1) % n];
            double a1 = Math.atan2(p.y - q.y, p.x - q.x);
            double a2 = Math.atan2(r.y - q.y, r.x - q.x);
            double a = Math.toDegrees(Math.abs(a1 - a2));
            out.add(a > 180 ? 360 - a : a);
        }
        return out;
    }

    private static ReviewModel model(Polygon p) {
        Footprint f = new Footprint(1, p, ReviewStatus.PENDING, 0.8, "any-angle", false, "img.tif", null);
        return ReviewModel.of(List.of(f), 1, ReviewPersistence.NONE, Fixtures.CLOCK);
    }

    @Test
    void regularizedInALocalMetricFrameHasGroundRightAngles() {
        Polygon input = noisyRotatedBuilding();
        ReviewModel m = model(input);
        Coordinate centre = input.getEnvelopeInternal().centre();
        RegularizationFrame frame = RegularizationFrame.of(GEOREF, centre);
        assertTrue(frame.metric());
        // the frame's pixel size is the image's ground pixel size: 2e-6 deg of longitude at 60 N ~ 0.11 m
        assertEquals(0.5 * (2e-6 * 111_412 * 0.5 + 1e-6 * 111_412), frame.workingUnitsPerPixel(), 0.01);
        RegularizationParameters p = RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES)
                .withTolerance(0.6).withMinEdgeLength(1.0); // metres
        UndoStack undo = new UndoStack(m);
        undo.execute(new ReRegularize(List.of(1L), p, frame.mapToWorking()));

        Footprint f = m.footprint(1);
        assertEquals("right-angles", f.method());
        assertTrue(f.regularized());
        assertEquals(ReviewStatus.EDITED, f.status());
        assertEquals(4, f.vertexCount(), f.polygon().toText());
        for (double a : groundAngles(f.polygon())) {
            assertEquals(90, a, 1.0, "ground corner angles " + groundAngles(f.polygon()));
        }
        undo.undo();
        assertEquals(input, m.footprint(1).polygon());
    }

    @Test
    void regularizedInDegreesDoesNotHaveGroundRightAngles() {
        // the reason for the frame: the old constructor, in map units (degrees), squares the corners in degrees
        Polygon input = noisyRotatedBuilding();
        ReviewModel m = model(input);
        double deg = 0.6 / 111_000;
        RegularizationParameters p = RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES)
                .withTolerance(deg).withMinEdgeLength(deg);
        new UndoStack(m).execute(new ReRegularize(List.of(1L), p));
        double worst = groundAngles(m.footprint(1).polygon()).stream().mapToDouble(a -> Math.abs(a - 90)).max()
                .orElseThrow();
        assertTrue(worst > 2, "degree-space right angles are off on the ground by " + worst + " "
                + m.footprint(1) + " " + groundAngles(m.footprint(1).polygon()));
    }

    @Test
    void precomputedResultsAreStoredAsPreviewed() {
        Polygon input = noisyRotatedBuilding();
        ReviewModel m = model(input);
        Coordinate centre = input.getEnvelopeInternal().centre();
        AffineTransformation t = RegularizationFrame.of(GEOREF, centre).mapToWorking();
        RegularizedBuilding r = ReRegularize.regularize(input,
                RegularizationParameters.defaults(RegularizationMethod.RIGHT_ANGLES).withTolerance(0.6), t);
        ReRegularize command = ReRegularize.ofResults(Map.of(1L, r), "right-angles");
        UndoStack undo = new UndoStack(m);
        undo.execute(command);
        assertEquals(r.polygon(), m.footprint(1).polygon());
        assertNotEquals(input, m.footprint(1).polygon());
        assertEquals("Re-square 1 footprint (right-angles)", command.description());
        undo.undo();
        assertEquals(input, m.footprint(1).polygon());
        undo.redo();
        assertEquals(r.polygon(), m.footprint(1).polygon());
        assertThrows(IllegalArgumentException.class, () -> ReRegularize.ofResults(Map.of(), "none"));
        assertThrows(IllegalArgumentException.class, () -> new ReRegularize(List.of(1L),
                RegularizationParameters.defaults(RegularizationMethod.NONE), new AffineTransformation(0, 0, 0, 0, 0, 0)));
    }
}
