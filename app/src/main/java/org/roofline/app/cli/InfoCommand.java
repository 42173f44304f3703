package org.roofline.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Envelope;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.GeometryRepair;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.io.VectorLayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code roofline info}: what an image or a vector file holds. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        header = "Describes an image (size, bands, CRS, extent, resolution) or a vector file (count, types, CRS, "
                + "fields, invalid geometries).",
        description = "Vector files are recognised by their extension (.geojson or .json, .shp, .gpkg); anything else is "
                + "read as an image.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "An image (GeoTIFF, PNG, ...) or a vector file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean vector;
        try {
            VectorFormat.forPath(file);
            vector = true;
        } catch (IllegalArgumentException e) {
            vector = false;
        }
        if (vector) {
            vectorInfo(VectorFiles.read(file)).forEach(out::println);
            out.flush();
            return 0;
        }
        ImageInfoLines.Description d = ImageInfoLines.describe(file);
        d.lines().forEach(out::println);
        out.flush();
        if (d.damage().isPresent()) {
            throw new CliException(file.toString(), "damaged image, " + d.damage().get());
        }
        return 0;
    }

    private List<String> vectorInfo(VectorLayer layer) {
        Map<String, Integer> types = new TreeMap<>();
        Envelope extent = new Envelope();
        for (VectorFeature f : layer.features()) {
            types.merge(f.geometry().getGeometryType(), 1, Integer::sum);
            extent.expandToInclude(f.geometry().getEnvelopeInternal());
        }
        List<Integer> invalid = GeometryRepair.invalidFeatures(layer);
        StringBuilder fields = new StringBuilder();
        for (FieldDef d : layer.fields()) {
            fields.append(fields.length() == 0 ? "" : ", ").append(d.name()).append(" (")
                    .append(d.type().name().toLowerCase(Locale.ROOT)).append(')');
        }
        String unit = layer.crs() == null ? "plain coordinates" : layer.crs().isGeographic() ? "degrees"
                : "CRS units";
        return List.of(
                InfoFormat.line("File", file.toString()),
                InfoFormat.line("Format", formatName(VectorFormat.forPath(file)) + ", layer " + layer.name()),
                InfoFormat.line("Features", Integer.toString(layer.features().size())),
                InfoFormat.line("Geometries", types.isEmpty() ? "none" : types.toString().replaceAll("[{}]", "")),
                InfoFormat.line("CRS", layer.crs() == null ? "none (plain coordinates)" : layer.crs().name()
                        + (layer.crs().epsgCode().isPresent() ? " (EPSG:" + layer.crs().epsgCode().getAsInt() + ")"
                        : " (no EPSG code)")),
                InfoFormat.line("Extent", InfoFormat.extent(extent, unit)),
                InfoFormat.line("Fields", fields.length() == 0 ? "none" : fields.toString()),
                InfoFormat.line("Invalid", invalid.size() + (invalid.isEmpty() ? "" : " (features "
                        + summarize(invalid) + "; 'roofline convert' repairs them)")));
    }

    /** The format as the image lines name theirs ("GeoTIFF", "PNG"): "GeoJSON", "Shapefile", "GeoPackage". */
    private static String formatName(VectorFormat f) {
        return switch (f) {
            case GEOJSON -> "GeoJSON";
            case SHAPEFILE -> "Shapefile";
            case GEOPACKAGE -> "GeoPackage";
        };
    }

    private static String summarize(List<Integer> indices) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(10, indices.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(indices.get(i) + 1);
        }
        if (indices.size() > 10) {
            b.append(", ...");
        }
        return b.toString();
    }
}
