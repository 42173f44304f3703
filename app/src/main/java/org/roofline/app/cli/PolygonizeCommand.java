package org.roofline.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.roofline.geometry.footprint.Footprint;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.mask.Mask;
import org.roofline.geometry.postprocess.MaskJob;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.MaskImageReader;
import org.roofline.inference.imagery.RooflineInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code roofline polygonize}: one mask image to a GeoJSON file of regularized footprints. */
@Command(name = "polygonize",
        mixinStandardHelpOptions = true,
        header = "Mask image (PNG, TIFF) to regularized building polygons (GeoJSON, Shapefile, GeoPackage).",
        description = {
                "Turns a building mask image (PNG or TIFF) into regularized building polygons, written in the "
                        + "format OUT's extension names. A georeferenced mask (GeoTIFF keys, a GDAL .aux.xml sidecar, "
                        + "or a world file with .prj) gives map coordinates in its CRS (GeoJSON: RFC 7946 WGS 84 "
                        + "unless --keep-crs); otherwise pixel coordinates (x to the right, y down, the top-left corner "
                        + "of the top-left pixel at 0,0), and a note on stderr says so.",
                "Band 1 is used. Masks whose largest value is 1 are 0/1 masks (foreground = 1); other integer masks "
                        + "are foreground where value / 255 (8-bit) or value / 65535 (16-bit) >= the threshold; "
                        + "float masks are probabilities, foreground where p >= the threshold.",
                "Prints one summary line: buildings, vertices, time, output file."})
final class PolygonizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MASK", description = "The mask image: PNG or TIFF (GeoTIFF).")
    Path mask;

    @Option(names = "--timings", description = "Print the time spent reading, post-processing and writing to stderr.")
    boolean timings;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT",
            description = "The file to write: .geojson, .shp or .gpkg (replaced atomically if it exists).")
    Path out;

    @Option(names = "--keep-crs",
            description = "For GeoJSON output: keep the image's CRS (named in a legacy crs member) instead of RFC 7946 "
                    + "WGS 84.")
    boolean keepCrs;

    @Mixin
    RegularizationMethodOption method;

    @Option(names = "--tolerance", paramLabel = "auto|PX", defaultValue = PostProcessorSettings.AUTO,
            description = "Largest distance in pixels between the regularized and the traced outline, or auto: "
                    + "chosen for each building from how far its own outline wanders around straight walls "
                    + "(default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--min-edge", paramLabel = "PX", defaultValue = "" + RegularizationParameters.DEFAULT_MIN_EDGE_LENGTH,
            description = "Edges shorter than this are removed where the tolerance allows (default: ${DEFAULT-VALUE}).")
    double minEdge;

    @Option(names = "--angle-tolerance", paramLabel = "DEG",
            defaultValue = "" + RegularizationParameters.DEFAULT_ANGLE_TOLERANCE,
            description = "Edges within this angle of an allowed direction are snapped to it, 0..45 "
                    + "(default: ${DEFAULT-VALUE}).")
    double angleTolerance;

    @Option(names = {"-t", "--threshold"}, paramLabel = "T", defaultValue = "" + MaskImageReader.DEFAULT_THRESHOLD,
            description = "Foreground threshold in (0, 1] (default: ${DEFAULT-VALUE}); ignored for 0/1 masks.")
    double threshold;

    @Option(names = "--min-area", paramLabel = "PX2", defaultValue = "" + PostProcessorConfig.DEFAULT_MIN_AREA,
            description = "Components of fewer pixels are dropped as speckle (default: ${DEFAULT-VALUE}).")
    long minArea;

    @Option(names = "--connectivity", paramLabel = "4|8", defaultValue = "4",
            description = "Pixel connectivity of a building: 4 (edges) or 8 (edges and corners) "
                    + "(default: ${DEFAULT-VALUE}).")
    int connectivity;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Worker threads (default: all cores, ${DEFAULT-VALUE} here).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        long start = System.nanoTime();
        PostProcessorConfig config = PostProcessorSettings.of(spec, method.method(), tolerance, minEdge,
                angleTolerance, minArea, connectivity, threads);
        MaskImageReader reader = reader(spec, threshold);
        VectorFiles.checkWritable(out);
        VectorFiles.format(out);

        Mask m;
        Georeferencing georef;
        try {
            MaskImageReader.GeoreferencedMask read = reader.readGeoreferenced(mask);
            m = read.mask();
            georef = read.georef();
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
        long read = System.nanoTime();
        List<Footprint> footprints = process(config, m, mask);
        if (georef.isGeoreferenced()) {
            footprints = footprints.stream()
                    .map(fp -> fp.withPolygon((Polygon) georef.toMap(fp.polygon()))).toList();
        } else {
            spec.commandLine().getErr().println("roofline: " + mask + ": no georeferencing (GeoTIFF keys, .aux.xml or "
                    + "world file): coordinates are pixels, x right, y down");
            spec.commandLine().getErr().flush();
        }
        long processed = System.nanoTime();
        VectorFiles.write(FootprintLayers.toLayer(VectorFiles.layerName(out), footprints, georef.crs()), out,
                keepCrs);
        if (timings) {
            System.err.printf(java.util.Locale.ROOT, "timings: read %.3f s, post-process %.3f s, write %.3f s%n", (read - start) / 1e9, (processed - read) / 1e9,
                    (System.nanoTime() - processed) / 1e9);
        }
        long vertices = 0;
        for (Footprint fp : footprints) {
            vertices += fp.vertexCount();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT, "polygonize: %d building%s, %d vertices, %.2f s -> %s (%s)%n",
                footprints.size(), footprints.size() == 1 ? "" : "s", vertices, seconds, out, coordinates(georef));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<Footprint> process(PostProcessorConfig config, Mask m, Path file) {
        try (PostProcessor pp = new PostProcessor(config)) {
            return pp.process(MaskJob.of(file.getFileName().toString(), m));
        } catch (OutOfMemoryError e) {
            throw notEnoughMemory(file, m, e);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof OutOfMemoryError oom) {
                throw notEnoughMemory(file, m, oom);
            }
            throw new CliException(file.toString(), "post-processing failed: " + cause
                    + " (run with --debug for the stack trace)", cause);
        } catch (RuntimeException e) {
            throw new CliException(file.toString(), "post-processing failed: " + e
                    + " (run with --debug for the stack trace)", e);
        }
    }

    private static CliException notEnoughMemory(Path file, Mask m, Throwable cause) {
        return new CliException(file.toString(), "not enough memory for " + file.getFileName() + " (" + m.width()
                + " x " + m.height() + "); raise -Xmx (heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB)", cause);
    }

    /** What the output's coordinates are, for the summary line. */
    private String coordinates(Georeferencing georef) {
        if (!georef.isGeoreferenced()) {
            return "pixel coordinates";
        }
        if (georef.crs() == null) {
            return "map coordinates, CRS unknown";
        }
        return VectorFiles.crsWritten(georef.crs(), out, keepCrs).toString();
    }

    private static MaskImageReader reader(CommandSpec spec, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw InvalidOption.of(spec, "--threshold", threshold + " is not in (0, 1]");
        }
        return new MaskImageReader(threshold);
    }
}
