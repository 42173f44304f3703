package org.roofline.app.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.geopackage.GeoPackageReader;

/**
 * Footprints to review, read from a vector file (GeoPackage, Shapefile, GeoJSON) and brought into the image's CRS,
 * with their outlines before regularization when the file has them (a GeoPackage's {@value OriginalOutlines#TABLE}
 * table, as {@code roofline extract --keep-originals} writes it; matched by footprint id).
 *
 * @param footprints the footprints (ids kept when positive and unique, see {@link FootprintLayers#fromLayer})
 * @param originals  their outlines before regularization by id, possibly empty
 */
public record FootprintFile(List<Footprint> footprints, Map<Long, Polygon> originals) {

    public FootprintFile {
        footprints = List.copyOf(footprints);
        originals = Map.copyOf(originals);
    }

    /** No footprints: a review that starts empty. */
    public static FootprintFile empty() {
        return new FootprintFile(List.of(), Map.of());
    }

    /**
     * Reads a file of footprints, reprojected to {@code targetCrs} when both CRSs are known and differ.
     *
     * @param targetCrs the image's CRS, or null to keep the file's coordinates
     * @throws IOException one line naming the file and the problem
     */
    public static FootprintFile read(Path file, Crs targetCrs) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file");
        }
        VectorLayer layer;
        Map<Long, Polygon> originals = Map.of();
        try {
            if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gpkg")
                    && Files.isRegularFile(file)) {
                OriginalOutlines.Found found = OriginalOutlines.readFrom(file);
                if (found.footprintsTable() == null) {
                    throw new IOException(file + ": has no feature table of footprints");
                }
                layer = new GeoPackageReader(found.footprintsTable()).read(file);
                originals = found.outlines();
            } else {
                layer = VectorIo.read(file);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        CrsTransform t = targetCrs != null && layer.crs() != null && !targetCrs.equals(layer.crs())
                ? CrsTransform.of(layer.crs(), targetCrs) : null;
        List<Footprint> list = new ArrayList<>();
        for (Footprint f : FootprintLayers.fromLayer(layer).footprints()) {
            list.add(t == null ? f : f.withPolygon((Polygon) t.transform(f.polygon())));
        }
        Map<Long, Polygon> kept = new HashMap<>();
        for (Map.Entry<Long, Polygon> e : originals.entrySet()) {
            Geometry g = t == null ? e.getValue() : t.transform(e.getValue());
            if (g instanceof Polygon p) {
                kept.put(e.getKey(), p);
            }
        }
        return new FootprintFile(list, kept);
    }
}
