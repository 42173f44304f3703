package org.roofline.geometry.io;

import java.util.List;
import java.util.Objects;
import org.roofline.geometry.crs.Crs;

/**
 * A layer of features as read from or written to a vector file: its fields, its features, and its coordinate
 * reference system (null when the coordinates are plain pixel units with no CRS).
 *
 * @param name     the layer name (a GeoPackage table, a Shapefile's base name)
 * @param crs      the CRS of every geometry, or null for none
 * @param fields   the attribute fields, in order
 * @param features the features
 */
public record VectorLayer(String name, Crs crs, List<FieldDef> fields, List<VectorFeature> features) {
    public VectorLayer {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        features = List.copyOf(features);
    }

    public VectorLayer withFeatures(List<VectorFeature> newFeatures) {
        return new VectorLayer(name, crs, fields, newFeatures);
    }

    public VectorLayer withCrs(Crs newCrs) {
        return new VectorLayer(name, newCrs, fields, features);
    }
}
