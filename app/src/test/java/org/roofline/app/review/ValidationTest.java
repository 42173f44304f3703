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
}
