package org.roofline.geometry.io.shapefile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;

/** Small layers for the Shapefile and GeoPackage tests (test fixture). */
public final class SampleLayers {

    /** A value with characters outside ASCII and outside ISO-8859-1 (the en dash). */
    public static final String UNICODE = "Zürich – Straße";
    /** 300 characters, 400 bytes in UTF-8: longer than a dBase C field. */
    public static final String LONG = "ä".repeat(100) + "b".repeat(200);

    private SampleLayers() {
    }

    public static Geometry wkt(String wkt) {
        try {
            return new WKTReader(new GeometryFactory()).read(wkt);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @return whether two geometries have the same rings, up to ring start points and direction (a Shapefile stores
     *         outer rings clockwise; the direction of a self-intersecting ring is a matter of convention)
     */
    public static boolean sameShape(Geometry a, Geometry b) {
        return a.norm().equalsExact(b.norm()) || a.reverse().norm().equalsExact(b.norm());
    }

    /** Roofline's footprint fields. */
    public static List<FieldDef> footprintFields() {
        return List.of(new FieldDef("id", FieldType.INTEGER), new FieldDef("status", FieldType.STRING),
                new FieldDef("confidence", FieldType.REAL), new FieldDef("area_m2", FieldType.REAL),
                new FieldDef("method", FieldType.STRING), new FieldDef("regularized", FieldType.BOOLEAN),
                new FieldDef("source", FieldType.STRING), new FieldDef("reviewed_at", FieldType.DATETIME),
                new FieldDef("vertices", FieldType.INTEGER));
    }

    private static Map<String, Object> row(Object... values) {
        List<FieldDef> fields = footprintFields();
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(fields.get(i).name(), values[i]);
        }
        return m;
    }

    /**
     * Footprints in UTM 13N metres: a polygon, a polygon with a hole, a two-part multi-polygon with a hole in its
     * first part, an invalid (self-intersecting) polygon and an empty polygon, with values that test every type.
     */
    public static VectorLayer footprints(Crs crs) {
        List<VectorFeature> features = new ArrayList<>();
        features.add(new VectorFeature(wkt("POLYGON ((476000 4428000, 476010 4428000, 476010 4428008, "
                + "476000 4428008, 476000 4428000))"), row(1L, "accepted", 0.875, 80.0, "right-angles", true,
                "tile_0_0.tif", Instant.parse("2024-05-01T10:15:30.123Z"), 4L)));
        features.add(new VectorFeature(wkt("POLYGON ((476020 4428000, 476040 4428000, 476040 4428020, "
                + "476020 4428020, 476020 4428000), (476025 4428005, 476025 4428010, 476030 4428010, "
                + "476030 4428005, 476025 4428005))"), row(2L, "pending", Double.NaN, 375.0, "any-angle", false,
                UNICODE, null, 8L)));
        features.add(new VectorFeature(wkt("MULTIPOLYGON (((476050 4428000, 476070 4428000, 476070 4428020, "
                + "476050 4428020, 476050 4428000), (476055 4428005, 476060 4428005, 476060 4428010, "
                + "476055 4428010, 476055 4428005)), ((476080 4428000, 476090 4428000, 476090 4428010, "
                + "476080 4428010, 476080 4428000)))"), row(3L, "rejected", 0.5, 475.0, "circle", true, LONG,
                Instant.parse("1999-12-31T23:59:59Z"), 13L)));
        features.add(new VectorFeature(wkt("POLYGON ((476100 4428000, 476110 4428010, 476110 4428000, "
                + "476100 4428010, 476100 4428000))"), row(4L, null, 0.0, -1.5, "simplified", null, "",
                Instant.parse("2030-01-02T03:04:05Z"), -123_456_789_012L)));
        features.add(new VectorFeature(wkt("POLYGON EMPTY"), row(5L, "pending", 1e-9, 123_456_789.125, "none", false,
                "tab\there", null, null)));
        return new VectorLayer("footprints", crs, footprintFields(), features);
    }
}
