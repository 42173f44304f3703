package org.roofline.geometry.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.roofline.geometry.footprint.Footprint;

/**
 * Writes footprints in pixel (or any unreferenced) coordinates as a GeoJSON FeatureCollection, one Feature per
 * footprint: the output of the {@code polygonize} command. For georeferenced footprints with the full attribute
 * schema, use {@link FootprintLayers} and {@link VectorIo} instead.
 *
 * <p>Each feature's geometry is its polygon, exterior ring counter-clockwise and holes clockwise (by the signed area
 * of the coordinates as written). Its properties are, in this order:
 * <ul>
 *   <li>{@code id} (integer) the footprint id</li>
 *   <li>{@code area} (number) the polygon's area in the coordinate units squared</li>
 *   <li>{@code vertices} (integer) {@link Footprint#vertexCount()}</li>
 *   <li>{@code method} (string) the regularization method code, such as {@code right-angles}</li>
 *   <li>{@code regularized} (boolean) whether the method's regularization succeeded</li>
 *   <li>{@code status} (string) the review status code, such as {@code pending}</li>
 *   <li>{@code confidence} (number or null) the model's confidence, null when unknown</li>
 *   <li>{@code source} (string or null) the image or tile the footprint was found in</li>
 *   <li>{@code reviewed_at} (ISO-8601 string or null) when it was last reviewed</li>
 * </ul>
 *
 * <p>The coordinates are written as they are, not reprojected, with {@code "crs": null} to say that they have no CRS
 * (see {@link GeoJsonWriter}, which this class uses: same number format, same atomic writing).
 */
public final class GeoJsonFootprintWriter {

    /** The properties written for each footprint, in order. */
    public static final List<FieldDef> FIELDS = List.of(
            new FieldDef("id", FieldType.INTEGER),
            new FieldDef("area", FieldType.REAL),
            new FieldDef("vertices", FieldType.INTEGER),
            new FieldDef("method", FieldType.STRING),
            new FieldDef("regularized", FieldType.BOOLEAN),
            new FieldDef("status", FieldType.STRING),
            new FieldDef("confidence", FieldType.REAL),
            new FieldDef("source", FieldType.STRING),
            new FieldDef("reviewed_at", FieldType.DATETIME));

    private static final List<FieldDef> GEOMETRY_FIELDS = List.of(
            new FieldDef("id", FieldType.INTEGER), new FieldDef("area", FieldType.REAL));

    private final GeoJsonWriter writer = new GeoJsonWriter();

    /** Writes footprints to a file, atomically; the layer name is the file name without its extension. */
    public void write(Path file, Collection<Footprint> footprints) throws IOException {
        writer.write(layer(baseName(file), footprints), file);
    }

    /** Writes footprints to a character stream (flushed, not closed). */
    public void write(Writer out, Collection<Footprint> footprints) throws IOException {
        writer.write(layer("footprints", footprints), out);
    }

    /**
     * Writes plain geometries (for example a ground truth) atomically, with the properties {@code id} (1, 2, ... in
     * list order) and {@code area}.
     *
     * @param geometries any geometries; usually Polygons or MultiPolygons
     */
    public void writeGeometries(Path file, Collection<? extends Geometry> geometries) throws IOException {
        Objects.requireNonNull(geometries, "geometries");
        List<VectorFeature> features = new ArrayList<>(geometries.size());
        long id = 1;
        for (Geometry g : geometries) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", id++);
            a.put("area", g.getArea());
            features.add(new VectorFeature(g, a));
        }
        writer.write(new VectorLayer(baseName(file), null, GEOMETRY_FIELDS, features), file);
    }

    private static VectorLayer layer(String name, Collection<Footprint> footprints) {
        Objects.requireNonNull(footprints, "footprints");
        List<VectorFeature> features = new ArrayList<>(footprints.size());
        for (Footprint fp : footprints) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", fp.id());
            a.put("area", fp.polygon().getArea());
            a.put("vertices", (long) fp.vertexCount());
            a.put("method", fp.method());
            a.put("regularized", fp.regularized());
            a.put("status", fp.status().code());
            a.put("confidence", Double.isNaN(fp.confidence()) ? null : fp.confidence());
            a.put("source", fp.source());
            a.put("reviewed_at", fp.reviewedAt());
            features.add(new VectorFeature(fp.polygon(), a));
        }
        return new VectorLayer(name, null, FIELDS, features);
    }

    static String baseName(Path file) {
        String name = file.getFileName() == null ? "layer" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
