package org.roofline.geometry.io.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.roofline.geometry.io.geopackage.GeoPackageReader;
import org.roofline.geometry.io.geopackage.GeoPackageWriter;
import org.roofline.geometry.io.shapefile.ShapefileReader;
import org.roofline.geometry.io.shapefile.ShapefileWriter;
import org.roofline.geometry.io.VectorReader;
import org.roofline.geometry.io.VectorWriter;
import org.roofline.geometry.io.geojson.GeoJsonReader;
import org.roofline.geometry.io.geojson.GeoJsonWriter;

/** The vector file formats Roofline reads and writes, chosen by file extension. */
public enum VectorFormat {
    /** GeoJSON ({@code .geojson}, {@code .json}): {@link GeoJsonReader}, {@link GeoJsonWriter} (RFC 7946, WGS 84). */
    GEOJSON(List.of(".geojson", ".json")),
    /** ESRI Shapefile ({@code .shp} with its {@code .shx}, {@code .dbf}, {@code .prj} and {@code .cpg}). */
    SHAPEFILE(List.of(".shp")),
    /** OGC GeoPackage ({@code .gpkg}). */
    GEOPACKAGE(List.of(".gpkg"));

    private final List<String> extensions;

    VectorFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    /** @return the file extensions of the format, lower case with the dot, the usual one first */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * The format of a file by its extension, case-insensitively.
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static VectorFormat forPath(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (VectorFormat f : values()) {
            for (String ext : f.extensions) {
                if (name.endsWith(ext) && name.length() > ext.length()) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown vector format for " + file + ": use .geojson, .shp or .gpkg");
    }

    /** @return a new reader of the format */
    public VectorReader reader() {
        return switch (this) {
            case GEOJSON -> new GeoJsonReader();
            case SHAPEFILE -> new ShapefileReader();
            case GEOPACKAGE -> new GeoPackageReader();
        };
    }

    /** @return a new writer of the format, with its default settings (GeoJSON: RFC 7946, reprojected to WGS 84) */
    public VectorWriter writer() {
        return switch (this) {
            case GEOJSON -> new GeoJsonWriter();
            case SHAPEFILE -> new ShapefileWriter();
            case GEOPACKAGE -> new GeoPackageWriter();
        };
    }
}
