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
import org.roofline.geometry.io.VectorFormat;
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
        List<String> lines = vector ? vectorInfo(ConvertCommand.read(file)) : ImageInfoLines.of(file);
        lines.forEach(out::println);
        out.flush();
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
        return List.of(
                "file:        " + file,
                "format:      " + VectorFormat.forPath(file).name().toLowerCase(Locale.ROOT) + ", layer "
                        + layer.name(),
                "features:    " + layer.features().size(),
                "geometries:  " + (types.isEmpty() ? "none" : types.toString().replaceAll("[{}]", "")),
                "crs:         " + (layer.crs() == null ? "none (plain coordinates)" : layer.crs().toString()),
                "extent:      " + (extent.isNull() ? "empty" : String.format(Locale.ROOT, "%s %s, %s %s",
                        num(extent.getMinX()), num(extent.getMinY()), num(extent.getMaxX()), num(extent.getMaxY()))),
                "fields:      " + (fields.length() == 0 ? "none" : fields),
                "invalid:     " + invalid.size() + (invalid.isEmpty() ? "" : " (features "
                        + summarize(invalid) + "; 'roofline convert' repairs them)"));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
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
