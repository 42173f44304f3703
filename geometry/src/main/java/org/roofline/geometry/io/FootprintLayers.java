package org.roofline.geometry.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.crs.GeodesicArea;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * Converts between footprints and a {@link VectorLayer} with Roofline's footprint attribute schema ({@link #FIELDS}),
 * the form in which footprints are saved to and loaded from GeoJSON, Shapefile and GeoPackage.
 *
 * <table>
 *   <caption>The footprint schema</caption>
 *   <tr><th>field</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code id}</td><td>INTEGER</td><td>{@link Footprint#id()}</td></tr>
 *   <tr><td>{@code status}</td><td>STRING</td><td>{@code pending}, {@code accepted}, {@code rejected} or
 *       {@code edited}</td></tr>
 *   <tr><td>{@code confidence}</td><td>REAL</td><td>the model's confidence in [0, 1]; null when unknown</td></tr>
 *   <tr><td>{@code area_m2}</td><td>REAL</td><td>the true area in square metres on the WGS 84 ellipsoid
 *       ({@link GeodesicArea}); null when the layer has no CRS, or one that cannot be reprojected</td></tr>
 *   <tr><td>{@code area_px}</td><td>REAL</td><td>the planar area in the coordinates' units squared when the layer has
 *       no CRS (pixel coordinates: square pixels); null otherwise</td></tr>
 *   <tr><td>{@code method}</td><td>STRING</td><td>the regularization method code</td></tr>
 *   <tr><td>{@code regularized}</td><td>BOOLEAN</td><td>whether the method's regularization succeeded</td></tr>
 *   <tr><td>{@code source}</td><td>STRING</td><td>the image or tile it was found in; may be null</td></tr>
 *   <tr><td>{@code reviewed_at}</td><td>DATETIME</td><td>when it was last reviewed; may be null</td></tr>
 * </table>
 *
 * <p>The schema is the same with or without a CRS, so that files of either kind have the same columns; exactly one of
 * the two area fields is filled. Areas are written for the reader's benefit and ignored when reading back.
 *
 * <p><b>Reading back</b> ({@link #fromLayer}) accepts any layer. Each field is looked up by its name, or by that
 * name cut to 10 characters (as in a Shapefile: {@code reviewed_a}, {@code regularize}), case-insensitively, and each
 * value is taken when it makes sense, otherwise replaced by a default: a layer from another tool without these fields
 * becomes pending footprints with unknown confidence, method {@code imported}, not regularized, no source and fresh
 * ids; its other attributes are not kept. Ids are kept when positive and unique, the others replaced by fresh ids
 * above the largest kept one. Each Polygon becomes one footprint and each part of a MultiPolygon (or of a collection)
 * one footprint; features with no polygon (points, lines, empty geometries) are skipped and counted. Geometries are
 * not validated: repair them first ({@link GeometryRepair}) if the layer may hold invalid ones.
 */
public final class FootprintLayers {

    /** The footprint schema, in order. */
    public static final List<FieldDef> FIELDS = List.of(
            new FieldDef("id", FieldType.INTEGER),
            new FieldDef("status", FieldType.STRING),
            new FieldDef("confidence", FieldType.REAL),
            new FieldDef("area_m2", FieldType.REAL),
            new FieldDef("area_px", FieldType.REAL),
            new FieldDef("vertices", FieldType.INTEGER),
            new FieldDef("method", FieldType.STRING),
            new FieldDef("regularized", FieldType.BOOLEAN),
            new FieldDef("source", FieldType.STRING),
            new FieldDef("reviewed_at", FieldType.DATETIME));

    /** The {@code method} of footprints read from a layer that has none. */
    public static final String IMPORTED_METHOD = "imported";

    /**
     * Footprints read from a layer.
     *
     * @param footprints the footprints, in feature order (parts of a multi-part feature in part order)
     * @param crs        the layer's CRS, the CRS of the footprints' coordinates (null for pixel coordinates)
     * @param skipped    the number of features that held no polygon
     */
    public record Imported(List<Footprint> footprints, Crs crs, int skipped) {
        public Imported {
            footprints = List.copyOf(footprints);
        }
    }

    private FootprintLayers() {
    }

    /**
     * Makes a layer of footprints with the footprint schema.
     *
     * @param name       the layer name
     * @param footprints the footprints, in {@code crs}
     * @param crs        the CRS of their coordinates, or null for pixel coordinates
     */
    public static VectorLayer toLayer(String name, Collection<Footprint> footprints, Crs crs) {
        Objects.requireNonNull(footprints, "footprints");
        boolean geodesic = crs != null && crs.canReproject();
        CrsTransform toWgs84 = geodesic ? CrsTransform.of(crs, Crs.WGS84) : null;
        List<VectorFeature> features = new ArrayList<>(footprints.size());
        for (Footprint fp : footprints) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", fp.id());
            a.put("status", fp.status().code());
            a.put("confidence", Double.isNaN(fp.confidence()) ? null : fp.confidence());
            a.put("area_m2", geodesic ? GeodesicArea.squareMetresWith(fp.polygon(), toWgs84) : null);
            a.put("area_px", crs == null ? fp.polygon().getArea() : null);
            a.put("vertices", (long) fp.vertexCount());
            a.put("method", fp.method());
            a.put("regularized", fp.regularized());
            a.put("source", fp.source());
            a.put("reviewed_at", fp.reviewedAt());
            features.add(new VectorFeature(fp.polygon(), a));
        }
        return new VectorLayer(name, crs, FIELDS, features);
    }

    /** Reads footprints from any layer (see the class comment). */
    public static Imported fromLayer(VectorLayer layer) {
        Objects.requireNonNull(layer, "layer");
        Map<String, String> names = fieldNames(layer);
        List<Polygon> polygons = new ArrayList<>();
        List<VectorFeature> owners = new ArrayList<>();
        int skipped = 0;
        for (VectorFeature f : layer.features()) {
            int before = polygons.size();
            collectPolygons(f.geometry(), polygons);
            if (polygons.size() == before) {
                skipped++;
            }
            for (int i = before; i < polygons.size(); i++) {
                owners.add(f);
            }
        }
        // ids: keep positive unique ones, give the others fresh ids above the largest kept
        long[] ids = new long[polygons.size()];
        Set<Long> used = new HashSet<>();
        long max = 0;
        for (int i = 0; i < ids.length; i++) {
            Long id = integer(value(owners.get(i), names, "id"));
            if (id != null && id > 0 && used.add(id)) {
                ids[i] = id;
                max = Math.max(max, id);
            }
        }
        List<Footprint> out = new ArrayList<>(polygons.size());
        for (int i = 0; i < ids.length; i++) {
            VectorFeature f = owners.get(i);
            long id = ids[i] != 0 ? ids[i] : ++max;
            out.add(new Footprint(id, polygons.get(i), status(value(f, names, "status")),
                    confidence(value(f, names, "confidence")),
                    value(f, names, "method") instanceof String m && !m.isBlank() ? m : IMPORTED_METHOD,
                    bool(value(f, names, "regularized")),
                    value(f, names, "source") instanceof String s ? s : null,
                    instant(value(f, names, "reviewed_at"))));
        }
        return new Imported(out, layer.crs(), skipped);
    }

    /** Maps each schema field name to the layer's field name that stands for it, if any. */
    private static Map<String, String> fieldNames(VectorLayer layer) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldDef wanted : FIELDS) {
            String full = wanted.name().toLowerCase(Locale.ROOT);
            String cut = full.length() > 10 ? full.substring(0, 10) : full;
            for (FieldDef f : layer.fields()) {
                String have = f.name().toLowerCase(Locale.ROOT);
                if (have.equals(full) || (have.equals(cut) && !out.containsKey(wanted.name()))) {
                    out.put(wanted.name(), f.name());
                }
            }
        }
        return out;
    }

    private static Object value(VectorFeature f, Map<String, String> names, String field) {
        String name = names.get(field);
        return name == null ? null : f.get(name);
    }

    private static void collectPolygons(Geometry g, List<Polygon> out) {
        if (g instanceof Polygon p) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        } else if (g != null) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = g.getGeometryN(i);
                if (part != g) {
                    collectPolygons(part, out);
                }
            }
        }
    }

    private static Long integer(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15) {
            return (long) n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static ReviewStatus status(Object v) {
        if (v instanceof String s) {
            try {
                return ReviewStatus.fromCode(s);
            } catch (IllegalArgumentException e) {
                return ReviewStatus.PENDING;
            }
        }
        return ReviewStatus.PENDING;
    }

    private static double confidence(Object v) {
        if (v instanceof Number n) {
            double c = n.doubleValue();
            return c >= 0 && c <= 1 ? c : Double.NaN;
        }
        return Double.NaN;
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            return t.equals("true") || t.equals("t") || t.equals("y") || t.equals("yes") || t.equals("1");
        }
        return v instanceof Number n && n.doubleValue() != 0;
    }

    private static Instant instant(Object v) {
        if (v instanceof Instant t) {
            return t;
        }
        return v instanceof String s ? IsoInstants.parseOrNull(s.strip()) : null;
    }
}
