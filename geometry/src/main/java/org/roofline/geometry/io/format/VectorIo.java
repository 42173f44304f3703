package org.roofline.geometry.io.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.roofline.geometry.io.VectorLayer;

/**
 * Reads and writes vector layers in the format their file extension names ({@link VectorFormat#forPath}): GeoJSON,
 * Shapefile or GeoPackage, each with its default reader and writer. To choose options (a GeoJSON that keeps its CRS,
 * say), use the format's reader or writer directly.
 *
 * <pre>{@code
 * VectorLayer buildings = VectorIo.read(Path.of("buildings.shp"));
 * VectorIo.write(buildings, Path.of("buildings.gpkg"));
 * }</pre>
 */
public final class VectorIo {

    private VectorIo() {
    }

    /**
     * @throws IllegalArgumentException if the extension is not one of a known format
     * @throws IOException              whose message names the file and the problem
     */
    public static VectorLayer read(Path file) throws IOException {
        return VectorFormat.forPath(file).reader().read(file);
    }

    /**
     * Writes a layer; an existing file is replaced, atomically.
     *
     * @throws IllegalArgumentException if the extension is not one of a known format
     * @throws IOException              whose message names the file and the problem
     */
    public static void write(VectorLayer layer, Path file) throws IOException {
        Objects.requireNonNull(layer, "layer");
        VectorFormat.forPath(file).writer().write(layer, file);
    }
}
