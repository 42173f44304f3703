package org.roofline.inference.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;

/**
 * Which building polygons label which image. A label file named like an image ({@code X.geojson} for {@code X.tif})
 * labels that image alone, as chip datasets ship them (each chip's buildings clipped to the chip); every other label
 * file is shared by all images (a town's OpenStreetMap extract). Keeping a chip's own labels apart matters for the
 * contact channel: the clipped pieces of one house from two neighbouring chips' files would otherwise meet as two
 * "buildings" along the chip edge, and a coarser image covering both chips would learn a wall that is not there.
 */
final class LabelSets {

    private final List<Geometry> shared;
    private final Map<String, List<Geometry>> own;

    private LabelSets(List<Geometry> shared, Map<String, List<Geometry>> own) {
        this.shared = shared;
        this.own = own;
    }

    static LabelSets read(List<Path> labelFiles, List<Path> imageFiles) throws IOException {
        Set<String> imageBases = imageFiles.stream().map(LabelSets::base).collect(Collectors.toSet());
        List<Path> sharedFiles = new ArrayList<>();
        Map<String, List<Geometry>> own = new HashMap<>();
        for (Path f : labelFiles) {
            String b = base(f);
            if (imageBases.contains(b)) {
                own.computeIfAbsent(b, k -> new ArrayList<>()).addAll(LabelledImage.readPolygons(List.of(f)));
            } else {
                sharedFiles.add(f);
            }
        }
        return new LabelSets(LabelledImage.readPolygons(sharedFiles), own);
    }

    /** @return the polygons that label this image */
    List<Geometry> forImage(Path image) {
        List<Geometry> mine = own.get(base(image));
        if (mine == null) {
            return shared;
        }
        List<Geometry> all = new ArrayList<>(shared);
        all.addAll(mine);
        return all;
    }

    /** @return the number of polygons read */
    int count() {
        return shared.size() + own.values().stream().mapToInt(List::size).sum();
    }

    private static String base(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".mask.tif", ".geojson", ".json", ".gpkg", ".shp", ".tiff", ".tif", ".jpeg",
                ".jpg", ".png")) {
            if (n.endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }
}
