package org.roofline.geometry.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;

/**
 * Reads the polygonal features of a GeoJSON FeatureCollection, properties untyped: a light reader for labels and
 * ground truths. For a typed {@link VectorLayer} with its CRS, use {@link GeoJsonReader} or {@link VectorIo}.
 *
 * <p>Polygon and MultiPolygon features are returned in file order with their properties; features with a null
 * geometry or another geometry type are skipped. Rings that are not closed are closed. Coordinates are taken as they
 * are (no reprojection; a legacy {@code crs} member is ignored).
 *
 * <p>A file that is not UTF-8 JSON, not a FeatureCollection, or holds a malformed geometry gives an
 * {@link IOException} whose one-line message starts with the file name and says what is wrong and where.
 */
public final class GeoJsonFootprintReader {

    private final GeometryFactory factory;

    public GeoJsonFootprintReader() {
        this(new GeometryFactory());
    }

    public GeoJsonFootprintReader(GeometryFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Reads a file.
     *
     * @throws IOException if the file cannot be read or is not a GeoJSON FeatureCollection; the message names the file
     */
    public List<GeoJsonFeature> read(Path file) throws IOException {
        GeoJsonDocument doc = GeoJsonDocument.read(file, factory);
        if (!"FeatureCollection".equals(doc.type())) {
            throw new IOException(file + ": not a GeoJSON FeatureCollection: its type is '" + doc.type() + "'");
        }
        return polygonal(doc);
    }

    /**
     * Reads GeoJSON text.
     *
     * @throws IllegalArgumentException if it is not a GeoJSON FeatureCollection
     */
    public List<GeoJsonFeature> read(String geoJson) {
        GeoJsonDocument doc = GeoJsonDocument.read(geoJson, factory);
        if (!"FeatureCollection".equals(doc.type())) {
            throw new IllegalArgumentException("not a GeoJSON FeatureCollection: its type is '" + doc.type() + "'");
        }
        return polygonal(doc);
    }

    private static List<GeoJsonFeature> polygonal(GeoJsonDocument doc) {
        List<GeoJsonFeature> out = new ArrayList<>(doc.features().size());
        for (GeoJsonDocument.Feature f : doc.features()) {
            if (f.geometry() instanceof Polygonal && !f.geometry().isEmpty()) {
                out.add(new GeoJsonFeature(f.geometry(), f.properties()));
            }
        }
        return out;
    }
}
