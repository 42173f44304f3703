package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roofline.app.review.Fixtures.fp;
import static org.roofline.app.review.Fixtures.poly;
import static org.roofline.app.review.Fixtures.rect;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roofline.geometry.footprint.Footprint;

class ValidationTest {

    @Test
    void flagsBowTie() {
        Footprint bowTie = fp(1, poly(0, 0, 10, 10, 10, 0, 0, 10), 0.5);
        List<Validation.Issue> issues = Validation.of(bowTie, new FootprintIndex(List.of(bowTie)));
        assertEquals(Validation.Kind.INVALID, issues.get(0).kind());
        assertTrue(issues.get(0).message().contains("Self-intersection"), issues.get(0).message());
    }

    @Test
    void flagsOverlapButNotTouching() {
        Footprint a = fp(1, rect(0, 0, 10, 10), 0.5);
        Footprint b = fp(2, rect(5, 5, 10, 10), 0.5);
        Footprint c = fp(3, rect(10, -10, 10, 10), 0.5); // touches a at a corner / b along nothing
        FootprintIndex index = new FootprintIndex(List.of(a, b, c));
        List<Validation.Issue> issues = Validation.of(a, index);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals(Validation.Kind.OVERLAP, issues.get(0).kind());
        assertEquals(2, issues.get(0).otherId());
        assertTrue(Validation.of(c, index).isEmpty());
    }

    @Test
    void rejectedFootprintsTakeNoPart() {
        Footprint rejected = fp(1, poly(0, 0, 10, 10, 10, 0, 0, 10), 0.5)
                .withStatus(org.roofline.geometry.footprint.ReviewStatus.REJECTED, Fixtures.NOW); // a bow tie
        Footprint drawn = fp(2, rect(1, 1, 8, 8), 0.5)
                .withStatus(org.roofline.geometry.footprint.ReviewStatus.EDITED, Fixtures.NOW);
        Footprint pending = fp(3, rect(5, 5, 10, 10), 0.5);
        FootprintIndex index = new FootprintIndex(List.of(rejected, drawn, pending));
        List<Validation.Issue> issues = Validation.of(drawn, index);
        assertEquals(1, issues.size(), "overlaps the pending one only, not the rejected one it replaces: " + issues);
        assertEquals(3, issues.get(0).otherId());
        assertTrue(Validation.of(rejected, index).isEmpty(), "a rejected outline is not checked");
    }

    @Test
    void flagsEightyFourDegreeCornerButNotSquareOrDeliberateAngles() {
        double a = Math.toRadians(96);
        double dx = 20 * Math.cos(a);
        double dy = 20 * Math.sin(a);
        Footprint skew = fp(1, poly(0, 0, 20, 0, 20 + dx, dy, dx, dy), 0.5);
        List<Validation.Issue> issues = Validation.of(skew, new FootprintIndex(List.of(skew)));
        assertEquals(4, issues.size(), issues.toString());
        assertTrue(issues.stream().allMatch(i -> i.kind() == Validation.Kind.NEAR_SQUARE_CORNER));
        assertTrue(issues.get(0).message().contains("84.0") || issues.get(0).message().contains("96.0"));

        Footprint square = fp(2, rect(0, 0, 20, 10), 0.5);
        assertTrue(Validation.of(square, new FootprintIndex(List.of(square))).isEmpty());
        Footprint triangle = fp(3, poly(0, 0, 20, 0, 0, 20), 0.5); // 90, 45, 45
        assertTrue(Validation.of(triangle, null).isEmpty());
    }

    @Test
    void ignoresShortEdgesRelativeToBuildingSize() {
        // a 100 x 100 building with a 2-unit jog at 84 degrees: below 10% of sqrt(area), not flagged
        double a = Math.toRadians(96);
        Footprint f = fp(1, poly(0, 0, 100, 0, 100, 50, 100 + 2 * Math.cos(a), 50 + 2 * Math.sin(a),
                100 + 2 * Math.cos(a), 100, 0, 100), 0.5);
        assertTrue(Validation.of(f, null).isEmpty(), Validation.of(f, null).toString());
    }

    @Test
    void cornersAreMeasuredOnTheGroundAndNotOnTheImageBorder() {
        // a square 10 m on the ground at Banepa's latitude, turned 30 degrees, in longitude/latitude: in degrees its
        // corners are 96 and 84 degrees (a degree of longitude is 0.89 of a degree of latitude there)
        double lat = 27.6;
        double k = Math.cos(Math.toRadians(lat));
        double deg = 10 / 111_000.0;
        double[][] ground = {{0, 0}, {deg * Math.cos(0.5236), deg * Math.sin(0.5236)},
                {deg * (Math.cos(0.5236) - Math.sin(0.5236)), deg * (Math.sin(0.5236) + Math.cos(0.5236))},
                {-deg * Math.sin(0.5236), deg * Math.cos(0.5236)}};
        double[] xy = new double[8];
        for (int i = 0; i < 4; i++) {
            xy[2 * i] = 10 + ground[i][0] / k;
            xy[2 * i + 1] = lat + ground[i][1];
        }
        Footprint square = Fixtures.fp(1, Fixtures.poly(xy), 0.9);
        assertTrue(Validation.of(square, null, Validation.Thresholds.DEFAULT).stream()
                .anyMatch(i -> i.kind() == Validation.Kind.NEAR_SQUARE_CORNER), "in degrees it looks skewed");
        assertTrue(Validation.of(square, null, Validation.Thresholds.DEFAULT,
                Validation.Frame.of(true, lat, null)).isEmpty(), "on the ground it is square");

        // a skewed building cut by the image's right border at x = 100: its corners on the border are the cut
        Footprint cut = Fixtures.fp(2, Fixtures.poly(90, 0, 100, 1.7, 100, 11.7, 90, 10), 0.9);
        var border = new org.locationtech.jts.geom.Envelope(0, 100, -50, 50);
        assertTrue(Validation.of(cut, null).stream().anyMatch(i -> i.kind() == Validation.Kind.NEAR_SQUARE_CORNER
                && i.location().x == 100), "without the border, its corners there are reported");
        var withBorder = Validation.of(cut, null, Validation.Thresholds.DEFAULT, Validation.Frame.of(false, 0, border));
        assertTrue(withBorder.stream().noneMatch(i -> i.location().x == 100), withBorder.toString());
        assertTrue(withBorder.stream().anyMatch(i -> i.kind() == Validation.Kind.NEAR_SQUARE_CORNER
                && i.location().x == 90), "its own walls are still checked");
    }
}
