package org.roofline.geometry.conflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class ReferenceMatcherTest {

    private static final GeometryFactory GF = new GeometryFactory();

    static Polygon box(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0),
            new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    @Test
    void classesEveryCase() {
        List<Geometry> refs = List.of(
                box(0, 0, 10, 10),      // 0: unchanged (footprint 0, shifted 1 m)
                box(20, 0, 30, 10),     // 1: changed, grown (footprint 1)
                box(40, 0, 45, 10),     // 2 and 3: merged by footprint 2
                box(45, 0, 50, 10),
                box(60, 0, 70, 10),     // 4: split into footprints 3 and 4
                box(80, 0, 90, 10));    // 5: not found
        List<Geometry> fps = List.of(
                box(1, 0, 11, 10),
                box(20, 0, 35, 15),
                box(40, 0, 50, 10),
                box(60, 0, 65, 10),
                box(65, 0, 70, 10),
                box(100, 0, 110, 10),   // 5: new
                box(10.5, 0, 19.9, 10)); // 6: grazes references 0 and 1 by 0.5 m² and 0 m²: new
        Conflation c = new ReferenceMatcher().match(fps, refs);

        assertEquals(ChangeClass.UNCHANGED, c.footprint(0).changeClass());
        assertEquals(0, c.footprint(0).partner());
        assertEquals(90.0 / 110, c.footprint(0).iou(), 1e-12);
        assertEquals(ChangeClass.CHANGED, c.footprint(1).changeClass());
        assertEquals(Cardinality.ONE_TO_ONE, c.footprint(1).cardinality());
        assertEquals(ChangeClass.CHANGED, c.footprint(2).changeClass());
        assertEquals(Cardinality.ONE_TO_MANY, c.footprint(2).cardinality());
        assertEquals(List.of(2, 3), c.footprint(2).overlaps());
        assertEquals(ChangeClass.CHANGED, c.footprint(3).changeClass());
        assertEquals(Cardinality.MANY_TO_ONE, c.footprint(4).cardinality());
        assertEquals(ChangeClass.NEW, c.footprint(5).changeClass());
        assertEquals(-1, c.footprint(5).partner());
        assertEquals(ChangeClass.NEW, c.footprint(6).changeClass(), "an overlap under 10 % of the smaller area");

        assertEquals(ChangeClass.UNCHANGED, c.reference(0).changeClass());
        assertEquals(ChangeClass.CHANGED, c.reference(1).changeClass());
        assertEquals(ChangeClass.CHANGED, c.reference(2).changeClass());
        assertEquals(ChangeClass.CHANGED, c.reference(3).changeClass());
        assertEquals(2, c.reference(2).partner() + c.reference(3).partner() + 1, "one of the two is partnered");
        assertEquals(Cardinality.MANY_TO_ONE, c.reference(4).cardinality());
        assertEquals(List.of(3, 4), c.reference(4).overlaps());
        assertEquals(ChangeClass.NOT_FOUND, c.reference(5).changeClass());

        assertEquals("2 new, 1 unchanged, 4 changed, 1 not_found", c.toString());
        assertEquals(2, c.pairs(Cardinality.ONE_TO_ONE).size());
    }

    @Test
    void thresholdDecidesUnchanged() {
        List<Geometry> refs = List.of(box(0, 0, 10, 10));
        List<Geometry> fps = List.of(box(2, 0, 12, 10)); // IoU 80 / 120 = 0.667
        assertEquals(ChangeClass.UNCHANGED, new ReferenceMatcher().match(fps, refs).footprint(0).changeClass());
        assertEquals(ChangeClass.CHANGED, new ReferenceMatcher().withIouThreshold(0.7).match(fps, refs)
                .footprint(0).changeClass());
    }

    @Test
    void emptyInputsAndEmptyGeometries() {
        Conflation c = new ReferenceMatcher().match(List.of(GF.createPolygon()), List.of());
        assertEquals(ChangeClass.NEW, c.footprint(0).changeClass());
        assertEquals(ChangeClass.NOT_FOUND,
                new ReferenceMatcher().match(List.of(), List.of(box(0, 0, 1, 1))).reference(0).changeClass());
    }

    @Test
    void invalidGeometryIsRepairedForTheComputation() {
        Polygon bowTie = GF.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(10, 10),
            new Coordinate(10, 0), new Coordinate(0, 10), new Coordinate(0, 0)});
        Conflation c = new ReferenceMatcher().match(List.of(bowTie), List.of(box(0, 0, 10, 10)));
        assertEquals(0.5, c.footprint(0).iou(), 1e-9); // two triangles of 25 m² each over 100 m²
        assertEquals(ChangeClass.UNCHANGED, c.footprint(0).changeClass(), "the threshold itself counts");
    }

    @Test
    void argumentsAreChecked() {
        ReferenceMatcher m = new ReferenceMatcher();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.match(List.of(GF.createPoint(new Coordinate(0, 0))), List.of()));
        assertEquals("footprint 0 is a Point, not a Polygon or MultiPolygon", e.getMessage());
        java.util.List<Geometry> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertEquals("reference building 0 is null", assertThrows(IllegalArgumentException.class,
                () -> m.match(List.of(), withNull)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReferenceMatcher(0, 0.1)).getMessage()
                .contains("(0, 1]"));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceMatcher(0.5, Double.NaN));
        assertEquals(ChangeClass.NOT_FOUND, ChangeClass.ofLabel(" Not_Found"));
        assertThrows(IllegalArgumentException.class, () -> ChangeClass.ofLabel("gone"));
    }

    @Test
    void offsetOfAShiftedGrid() {
        List<Geometry> refs = new java.util.ArrayList<>();
        List<Geometry> fps = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                double x = i * 20 + (j % 3);
                double y = j * 20 + (i % 4);
                double w = 6 + (i * 7 + j * 3) % 8;
                refs.add(box(x, y, x + w, y + 8));
                fps.add(box(x + 1.3, y - 0.7, x + w + 1.3, y + 8 - 0.7));
            }
        }
        ImageryOffset o = new OffsetEstimator().estimate(fps, refs, new ReferenceMatcher());
        assertEquals(1.3, o.dx(), 0.03);
        assertEquals(-0.7, o.dy(), 0.03);
        assertEquals(100, o.pairs());
        assertTrue(o.significant(), o.toString());
        assertTrue(o.iouAfter() > 0.99, o.toString());
        assertThrows(IllegalArgumentException.class, () -> new OffsetEstimator().estimate(fps, refs.subList(0, 5),
                new ReferenceMatcher().match(fps, refs)));
        assertThrows(IllegalArgumentException.class, () -> new OffsetEstimator(0.01, 0.5));
    }
}
