package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.synthetic.SyntheticMaskGenerator;
import org.roofline.geometry.synthetic.SyntheticMaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roofline bench formats}: times reading and writing GeoJSON, Shapefile and GeoPackage in-process.
 *
 * <p>Two inputs: the real Boulder Shapefile (read, then written as GeoPackage, GeoJSON and Shapefile), and N
 * synthetic footprints in a projected CRS (generated, written to the three formats, and the GeoPackage read back).
 * The synthetic footprints are the ground-truth polygons of {@link SyntheticMaskGenerator} scenes (4096 x 4096 px,
 * 10,000 buildings each, pixel coordinates) scaled to {@value #METRES_PER_PIXEL} m per pixel and laid out on a grid
 * of scenes from the Atlanta origin ({@value #ORIGIN_X}, {@value #ORIGIN_Y}) in EPSG:{@value #UTM_EPSG} (WGS 84 / UTM
 * zone 16N), each scene with its own seed; they become a layer with every footprint attribute through {@link
 * FootprintLayers#toLayer} (which computes each footprint's geodesic area).
 *
 * <p>As in {@code bench postprocess}, every stage runs {@code --warmup} times untimed, then {@code --repeat} rounds
 * run each stage once in turn; the median is reported, as seconds and features per second, with the size of the file
 * read or written. Times are in-process: JVM start is excluded, and a write starts from the layer in memory.
 */
@Command(name = "formats",
        mixinStandardHelpOptions = true,
        header = "Times reading and writing GeoJSON, Shapefile and GeoPackage on Boulder and synthetic footprints.",
        description = {
                "In-process (JVM start excluded): reads the Boulder Shapefile and writes it as GeoPackage, GeoJSON and "
                        + "Shapefile; then generates N synthetic footprints in EPSG:32616 (ground-truth buildings of "
                        + "synthetic scenes at 0.3 m per pixel, from an Atlanta origin), writes them to the three "
                        + "formats (GeoJSON is RFC 7946, so it is reprojected to WGS 84) and reads the GeoPackage back.",
                "Each stage is run --warmup times untimed, then --repeat times, in turn; one line per stage gives the "
                        + "median seconds, features per second and the file size. The files are left in --out, "
                        + "for comparisons with other tools (geometry/bench/compare-formats.sh)."})
final class BenchFormatsCommand implements Callable<Integer> {

    static final double METRES_PER_PIXEL = 0.3;
    static final double ORIGIN_X = 733600;
    static final double ORIGIN_Y = 3725100;
    static final int UTM_EPSG = 32616;
    /** Buildings of one full synthetic scene (of {@link SyntheticMaskSpec#DEFAULT_SIZE} px). */
    static final int SCENE_BUILDINGS = SyntheticMaskSpec.DEFAULT_BUILDINGS;
    private static final Instant REVIEWED = Instant.parse("2024-06-11T09:00:00Z");

    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100000",
            description = "Synthetic footprints to generate and write (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench-formats",
            description = "Directory of the files written, created if need be (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--boulder", paramLabel = "PATH",
            defaultValue = "resources/samples/boulder-mtbf33/boulder_buildings.shp",
            description = "The Boulder Shapefile, or any vector file to read and convert; default:%n${DEFAULT-VALUE}")
    Path boulder;

    @Mixin
    BenchRounds rounds = new BenchRounds(1);

    /** One timed stage: runs once and returns the number of features it handled. */
    @FunctionalInterface
    private interface Stage {
        int run() throws IOException;
    }

    private record Row(String key, Stage stage, Path file, String note) {
    }

    // the layers the read and generate stages produce, for the stages after them in the same round
    private VectorLayer boulderLayer;
    private VectorLayer syntheticLayer;

    @Override
    public Integer call() {
        if (count < 1) {
            throw InvalidOption.of(spec, "--count", count + " is not positive");
        }
        rounds.check();
        if (!Files.isRegularFile(boulder)) {
            throw new CliException(boulder.toString(), "no such file (give the Boulder Shapefile with --boulder)");
        }
        try {
            VectorFormat.forPath(boulder);
        } catch (IllegalArgumentException e) {
            throw InvalidOption.of(spec, "--boulder", e.getMessage());
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliException(out.toString(), "cannot create the directory: " + e.getMessage(), e);
        }
        PrintWriter pw = spec.commandLine().getOut();
        try {
            run(pw);
        } catch (OutOfMemoryError e) {
            throw new CliException("bench formats", "not enough memory for " + count
                    + " footprints; raise -Xmx (heap limit " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)", e);
        } catch (UncheckedIOException e) {
            throw new CliException("bench formats", e.getCause().getMessage(), e.getCause());
        }
        return 0;
    }

    private void run(PrintWriter pw) {
        Crs utm = Crs.epsg(UTM_EPSG);
        int scenes = (count + SCENE_BUILDINGS - 1) / SCENE_BUILDINGS;
        double sceneMetres = SyntheticMaskSpec.DEFAULT_SIZE * METRES_PER_PIXEL;

        pw.printf(Locale.ROOT, "bench formats: in-process (JVM start excluded), median of %d after %d warm-up "
                        + "round%s; %d cores, java %s, heap limit %d MB%n",
                rounds.repeat(), rounds.warmup(), rounds.warmup() == 1 ? "" : "s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        pw.printf(Locale.ROOT, "  boulder:   %s%n", boulder);
        pw.printf(Locale.ROOT, "  synthetic: %d footprints, the ground truth of %d synthetic scene%s (%d x %d px, "
                        + "%d buildings%s) at %.1f m/px = %.1f m a side, from (%.0f, %.0f) in %s, "
                        + "with all footprint attributes%n",
                count, scenes, scenes == 1 ? "" : "s", SyntheticMaskSpec.DEFAULT_SIZE, SyntheticMaskSpec.DEFAULT_SIZE,
                SCENE_BUILDINGS, count % SCENE_BUILDINGS == 0 ? "" : "; the last one smaller, as dense",
                METRES_PER_PIXEL, sceneMetres, ORIGIN_X, ORIGIN_Y, utm);
        pw.printf(Locale.ROOT, "  %-24s %9s   %12s %19s  %s%n", "stage", "seconds", "features/s", "size", "file");
        pw.flush();

        Path bGpkg = out.resolve("boulder.gpkg");
        Path bJson = out.resolve("boulder.geojson");
        Path bShp = out.resolve("boulder.shp");
        Path sGpkg = out.resolve("footprints.gpkg");
        Path sJson = out.resolve("footprints.geojson");
        Path sShp = out.resolve("footprints.shp");
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("boulder-read-" + ext(boulder), () -> {
            boulderLayer = null; // the previous one may be collected first
            boulderLayer = VectorIo.read(boulder);
            return boulderLayer.features().size();
        }, boulder, "VectorIo.read"));
        rows.add(new Row("boulder-write-gpkg", () -> write(boulderLayer, bGpkg), bGpkg, ""));
        rows.add(new Row("boulder-write-geojson", () -> write(boulderLayer, bJson), bJson, "RFC 7946"));
        rows.add(new Row("boulder-write-shp", () -> write(boulderLayer, bShp), bShp, ".shp+.shx+.dbf+.prj+.cpg"));
        rows.add(new Row("synthetic-generate", () -> {
            syntheticLayer = null;
            syntheticLayer = generate(count, utm);
            return syntheticLayer.features().size();
        }, null, "scenes, scaling, FootprintLayers.toLayer (geodesic areas)"));
        rows.add(new Row("synthetic-write-gpkg", () -> write(syntheticLayer, sGpkg), sGpkg, ""));
        rows.add(new Row("synthetic-write-geojson", () -> write(syntheticLayer, sJson), sJson,
                "RFC 7946: reprojected from EPSG:" + UTM_EPSG + " to WGS 84 (EPSG:4326)"));
        rows.add(new Row("synthetic-write-shp", () -> write(syntheticLayer, sShp), sShp, ".shp+.shx+.dbf+.prj+.cpg"));
        rows.add(new Row("synthetic-read-gpkg", () -> VectorIo.read(sGpkg).features().size(), sGpkg,
                "reading back the GeoPackage written above"));

        List<Supplier<Integer>> stages = new ArrayList<>();
        for (Row row : rows) {
            stages.add(() -> runStage(row));
        }
        List<BenchRounds.Timing<Integer>> timings = rounds.time(stages);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double median = timings.get(i).seconds();
            String size = row.file() == null ? "" : megabytes(fileSize(row.file()));
            String file = row.file() == null ? "" : row.file().getFileName().toString();
            String note = row.note();
            if (row.file() == bJson) {
                Crs crs = boulderLayer.crs();
                note += crs == null ? ": no CRS, written as is" : Crs.WGS84.equals(crs)
                        ? ": already WGS 84, not reprojected" : ": reprojected from " + crs + " to WGS 84";
            }
            pw.printf(Locale.ROOT, "  %-24s %9.3f s %12.0f features/s %8s  %s%s%n", row.key(), median,
                    timings.get(i).result() / median, size, file,
                    note.isEmpty() ? "" : (file.isEmpty() ? "" : "  ") + "(" + note + ")");
        }
        pw.flush();
    }

    private static int runStage(Row row) {
        try {
            return row.stage().run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int write(VectorLayer layer, Path file) throws IOException {
        VectorIo.write(layer, file);
        return layer.features().size();
    }

    /**
     * N footprints in EPSG:32616: the ground truth of as many synthetic scenes as needed (the last one smaller, at
     * the same density), scaled to 0.3 m per pixel (y flipped: north up) and laid out on a square grid of scenes
     * from the Atlanta origin eastwards and southwards, with varied attributes.
     */
    static VectorLayer generate(int count, Crs crs) {
        int scenes = (count + SCENE_BUILDINGS - 1) / SCENE_BUILDINGS;
        int cols = (int) Math.ceil(Math.sqrt(scenes));
        double sceneMetres = SyntheticMaskSpec.DEFAULT_SIZE * METRES_PER_PIXEL;
        SplittableRandom random = new SplittableRandom(SyntheticMaskSpec.DEFAULT_SEED);
        List<Footprint> footprints = new ArrayList<>(count);
        for (int s = 0; s < scenes; s++) {
            int buildings = Math.min(SCENE_BUILDINGS, count - s * SCENE_BUILDINGS);
            // a partial scene keeps the density of a full one: its side shrinks with the square root of its buildings
            int size = buildings == SCENE_BUILDINGS ? SyntheticMaskSpec.DEFAULT_SIZE
                    : Math.max(SyntheticMaskSpec.MIN_CELL_SIZE * 2,
                    (int) Math.ceil(SyntheticMaskSpec.DEFAULT_SIZE * Math.sqrt(buildings / (double) SCENE_BUILDINGS)));
            // only the ground truth is used: noise would only cost time
            SyntheticMaskSpec sceneSpec = SyntheticMaskSpec.of(size, size, buildings,
                    SyntheticMaskSpec.DEFAULT_SEED + s).withoutNoise();
            List<Polygon> truth = SyntheticMaskGenerator.generate(sceneSpec).groundTruth();
            double x0 = ORIGIN_X + (s % cols) * sceneMetres;
            double y0 = ORIGIN_Y - (s / cols) * sceneMetres;
            AffineTransformation toUtm = new AffineTransformation(METRES_PER_PIXEL, 0, x0, 0, -METRES_PER_PIXEL, y0);
            String source = String.format(Locale.ROOT, "atlanta-synthetic-%04d.tif", s);
            for (Polygon p : truth) {
                Polygon polygon = (Polygon) toUtm.transform(p);
                long id = footprints.size() + 1L;
                double u = random.nextDouble();
                ReviewStatus status = u < 0.70 ? ReviewStatus.PENDING : u < 0.90 ? ReviewStatus.ACCEPTED
                        : u < 0.97 ? ReviewStatus.EDITED : ReviewStatus.REJECTED;
                Instant reviewed = status == ReviewStatus.PENDING ? null : REVIEWED.plusSeconds(7 * id);
                double confidence = Math.round((0.5 + 0.5 * random.nextDouble()) * 1e4) / 1e4;
                boolean regularized = random.nextDouble() < 0.95;
                footprints.add(new Footprint(id, polygon, status, confidence, "right-angles", regularized, source,
                        reviewed));
            }
        }
        return FootprintLayers.toLayer("footprints", footprints, crs);
    }

    private static String ext(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "file" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The size of a file, with a Shapefile's sidecar files (.shx, .dbf, .prj, .cpg). */
    static long fileSize(Path file) {
        List<Path> parts = new ArrayList<>();
        parts.add(file);
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".shp")) {
            String base = name.substring(0, name.length() - 4);
            for (String ext : List.of(".shx", ".dbf", ".prj", ".cpg")) {
                parts.add(file.resolveSibling(base + ext));
            }
        }
        long total = 0;
        for (Path p : parts) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                // a sidecar that is not there
            }
        }
        return total;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
