package org.roofline.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.geojson.GeoJsonWriter;
import org.roofline.geometry.io.GeometryRepair;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code roofline convert}: between GeoJSON, Shapefile and GeoPackage, repairing and reprojecting on request. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        header = "Converts between GeoJSON, Shapefile and GeoPackage, reprojecting on request.",
        description = {
                "Reads IN and writes OUT, each in the format its extension names (.geojson or .json, .shp, .gpkg). "
                        + "Invalid polygons are repaired (JTS GeometryFixer) and counted, never dropped.",
                "GeoJSON is written as RFC 7946 (WGS 84 longitude/latitude) unless --keep-crs; Shapefile (.prj) "
                        + "and GeoPackage keep the layer's CRS, or --crs.",
                "OUT must not be IN, and is not replaced when it is a Roofline review session unless --overwrite. "
                        + "Temporary files are removed when the run is interrupted.",
                "Prints one line: features read, written, repaired."})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to read: .geojson, .shp or .gpkg.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write: .geojson, .shp or .gpkg.")
    Path out;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "For GeoPackage input: the feature table to convert (needed when it has several).")
    String layerName;

    @Option(names = "--crs", paramLabel = "CRS",
            description = "Reproject to this CRS: EPSG:XXXX, a code, or WKT.")
    String crs;

    @Option(names = "--keep-crs",
            description = "For GeoJSON output: keep the coordinates' CRS (named in a legacy crs member) instead of "
                    + "RFC 7946 WGS 84.")
    boolean keepCrs;

    @Mixin
    OverwriteOption overwrite;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        VectorFormat outFormat = VectorFiles.format(out);
        VectorFiles.format(in);
        Crs target = crs == null ? null : CrsArgument.parse(crs);
        VectorFiles.checkWritable(out);
        OutputGuard.notTheInput(in, out, "is the input itself (" + in + "); write to another file");
        overwrite.guard(out);

        VectorLayer layer = readLayer();
        GeometryRepair.Result repair = GeometryRepair.repair(layer);
        layer = repair.layer();
        Crs from = layer.crs();
        if (target != null && !target.equals(from)) {
            if (from == null) {
                throw new CliException(in.toString(), "has no coordinate system, so it cannot be reprojected to "
                        + target);
            }
            layer = VectorFiles.reproject(layer, target, in);
        }
        write(layer, outFormat);
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
                "convert: %d features read%s, %d written, %d repaired%s, %s -> %s, %.2f s -> %s%n",
                repair.layer().features().size(), VectorFormat.forPath(in) == VectorFormat.GEOPACKAGE
                        ? " (layer " + repair.layer().name() + ")" : "", layer.features().size(), repair.repaired(),
                repair.unrepairable() > 0 ? " (" + repair.unrepairable() + " could not be repaired, kept as read)" : "",
                from == null ? "no CRS" : from, writtenCrs(layer.crs(), outFormat), seconds, out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String writtenCrs(Crs crs, VectorFormat format) {
        if (crs == null) {
            return "no CRS";
        }
        return format == VectorFormat.GEOJSON && !keepCrs ? Crs.WGS84.toString() : crs.toString();
    }

    /**
     * Reads the layer to convert: for a GeoPackage the feature table {@code --layer} names, or its only one; several
     * and none named is an error listing them.
     */
    private VectorLayer readLayer() {
        if (VectorFormat.forPath(in) != VectorFormat.GEOPACKAGE) {
            if (layerName != null) {
                throw new CliException(in.toString(), "--layer applies to GeoPackage input only");
            }
            return VectorFiles.read(in);
        }
        try {
            List<String> tables = org.roofline.geometry.io.geopackage.GeoPackageReader.featureTables(in);
            if (layerName == null && tables.size() > 1) {
                throw new CliException(in.toString(), "has " + tables.size() + " feature tables ("
                        + String.join(", ", tables) + "); choose one with --layer NAME");
            }
            return new org.roofline.geometry.io.geopackage.GeoPackageReader(layerName).read(in);
        } catch (IOException e) {
            throw new CliException(in.toString(), VectorFiles.stripSubject(e.getMessage(), in), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(in.toString(), e.getMessage(), e);
        }
    }

    private void write(VectorLayer layer, VectorFormat format) {
        try {
            if (format == VectorFormat.GEOJSON && keepCrs) {
                new GeoJsonWriter().keepingSourceCrs().write(layer, out);
            } else {
                VectorIo.write(layer, out);
            }
        } catch (IOException e) {
            throw new CliException(out.toString(), e instanceof java.nio.file.FileSystemException
                    ? "cannot write: " + VectorFiles.writeFailure(e, out)
                    : VectorFiles.stripSubject(e.getMessage(), out), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(out.toString(), e.getMessage(), e);
        }
    }
}
