package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.conflate.Conflation;
import org.roofline.geometry.conflate.ImageryOffset;
import org.roofline.geometry.conflate.OffsetEstimator;
import org.roofline.geometry.conflate.ReferenceMatcher;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.io.osm.OsmBuilding;
import org.roofline.geometry.io.osm.OsmChangeWriter;
import org.roofline.geometry.io.osm.OsmType;
import org.roofline.geometry.io.osm.OsmXmlReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roofline bench conflate}: how long a large reference map takes to load and match.
 *
 * <p>A synthetic town of N reference buildings (rotated rectangles of 5 to 10 m on a 12 m grid, in WGS 84 / UTM
 * zone 45N near Banepa) is written as OpenStreetMap XML; the footprints are the same buildings shifted by a known
 * offset plus a random shift of 0.2 m per building, with every 20th building missing from the reference (new), every
 * 20th missing from the footprints (not found) and every 20th grown 1.4 times (changed). Timed, in-process: reading the
 * .osm, reprojecting it to UTM, matching, and estimating the offset; each stage {@code --warmup} times untimed, then
 * {@code --repeat} times, the median wall time reported with the process's CPU time (so a figure taken on a busy
 * machine can be read).
 */
@Command(name = "conflate",
        mixinStandardHelpOptions = true,
        header = "Times loading and matching a large reference map (OSM XML) against footprints.",
        description = {
                "In-process (JVM start excluded): writes N synthetic reference buildings as OpenStreetMap XML, then "
                        + "times reading them, reprojecting them to UTM, matching footprints against them, and "
                        + "estimating the offset; one line per stage with the median seconds, then the class counts "
                        + "and the offset error against the known shift."})
final class BenchConflateCommand implements Callable<Integer> {

    private static final Crs UTM45N = Crs.epsg(32645);
    private static final double ORIGIN_X = 350000;
    private static final double ORIGIN_Y = 3055000;
    private static final double SPACING = 12;
    private static final double[] SHIFT = {1.2, -0.8};

    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100000",
            description = "Reference buildings (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench-conflate",
            description = "Directory of the .osm written, created if need be (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Untimed runs of each stage first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Timed runs of each stage (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws IOException {
        if (count < 100 || warmup < 0 || repeat < 1) {
            throw new CliException("bench conflate", "--count must be at least 100, --warmup at least 0 and "
                    + "--repeat at least 1");
        }
        PrintWriter o = spec.commandLine().getOut();
        GeometryFactory gf = new GeometryFactory();
        SplittableRandom random = new SplittableRandom(14);
        int side = (int) Math.ceil(Math.sqrt(count * 20.0 / 19));
        List<Geometry> buildings = new ArrayList<>();
        for (int i = 0; buildings.size() < count * 20.0 / 19; i++) {
            double cx = ORIGIN_X + (i % side) * SPACING;
            double cy = ORIGIN_Y + (i / side) * SPACING;
            double w = random.nextDouble(5, 10);
            double h = random.nextDouble(5, 10);
            Polygon r = gf.createPolygon(new Coordinate[] {new Coordinate(-w / 2, -h / 2),
                new Coordinate(w / 2, -h / 2), new Coordinate(w / 2, h / 2), new Coordinate(-w / 2, h / 2),
                new Coordinate(-w / 2, -h / 2)});
            buildings.add(AffineTransformation.rotationInstance(random.nextDouble(0, Math.PI / 2)).translate(cx, cy)
                    .transform(r));
        }
        List<Geometry> footprints = new ArrayList<>();
        List<Geometry> reference = new ArrayList<>();
        for (int i = 0; i < buildings.size(); i++) {
            Geometry b = buildings.get(i);
            if (i % 20 != 0) {
                reference.add(b);
            }
            if (i % 20 == 1) {
                continue;
            }
            Geometry f = i % 20 == 2 ? AffineTransformation.scaleInstance(1.4, 1.4, b.getCentroid().getX(),
                    b.getCentroid().getY()).transform(b) : b;
            footprints.add(AffineTransformation.translationInstance(SHIFT[0] + 0.2 * random.nextGaussian(),
                    SHIFT[1] + 0.2 * random.nextGaussian()).transform(f));
        }

        Files.createDirectories(out);
        Path osm = out.resolve("reference.osm");
        CrsTransform toWgs84 = CrsTransform.of(UTM45N, Crs.WGS84);
        List<OsmChangeWriter.Modify> ways = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            Polygon p = (Polygon) toWgs84.transform(reference.get(i));
            ways.add(new OsmChangeWriter.Modify(new OsmBuilding(OsmType.WAY, i + 1, 1, Map.of("building", "yes"), p,
                    List.of()), p));
        }
        new OsmChangeWriter("bench").write(ways, osm);
        o.printf(Locale.ROOT, "bench conflate: %d reference buildings (%.1f MB of OSM XML), %d footprints, "
                + "%d warmup + %d timed runs per stage%n", reference.size(), Files.size(osm) / 1e6,
                footprints.size(), warmup, repeat);
        o.flush();

        List<OsmBuilding> read = time(o, "read .osm", reference.size(), () -> {
            try {
                return new OsmXmlReader().readBuildings(osm).buildings();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        CrsTransform toUtm = CrsTransform.of(Crs.WGS84, UTM45N);
        List<Geometry> ref = time(o, "reproject to UTM", read.size(),
                () -> read.parallelStream().map(b -> toUtm.transform(b.geometry())).toList());
        ReferenceMatcher matcher = new ReferenceMatcher();
        Conflation c = time(o, "match", ref.size(), () -> matcher.match(footprints, ref));
        ImageryOffset offset = time(o, "estimate offset", ref.size(),
                () -> new OffsetEstimator().estimate(footprints, ref, matcher));
        o.printf(Locale.ROOT, "classes: %s; %s, error %.3f m%n", c, offset,
                Math.hypot(offset.dx() - SHIFT[0], offset.dy() - SHIFT[1]));
        o.flush();
        review(o, footprints, read, ref);
        return 0;
    }

    /**
     * The editor's side: the reference added to a review (classes computed), stored in a session, and the classes
     * kept current after one edit, against matching everything again (what keeping them current without the
     * incremental update would cost), as a ratio in the same run.
     */
    private void review(PrintWriter o, List<Geometry> footprints, List<OsmBuilding> read, List<Geometry> ref)
            throws IOException {
        List<org.roofline.geometry.footprint.Footprint> fps = new ArrayList<>(footprints.size());
        for (int i = 0; i < footprints.size(); i++) {
            fps.add(org.roofline.geometry.footprint.Footprint.pending(i + 1, (Polygon) footprints.get(i),
                    "right-angles", true, "bench"));
        }
        List<org.roofline.app.review.ReferenceBuilding> refs = new ArrayList<>(ref.size());
        for (int i = 0; i < ref.size(); i++) {
            OsmBuilding b = read.get(i);
            refs.add(new org.roofline.app.review.ReferenceBuilding(i + 1, Long.toString(b.id()), "way", b.id(),
                    b.version(), org.roofline.app.session.ReferenceFile.json(b.tags()),
                    org.roofline.app.session.ReferenceNodes.format(b.nodes()), ref.get(i),
                    org.roofline.app.review.ReferenceState.PENDING, null));
        }
        org.locationtech.jts.geom.Envelope extent = org.roofline.app.review.ReviewModel.extentOf(fps);
        double tile = Math.max(extent.getWidth(), extent.getHeight()) / 4 + 1;
        org.roofline.app.review.ReviewModel model = time(o, "review: add layer", refs.size(), () -> {
            org.roofline.app.review.ReviewModel m = org.roofline.app.review.ReviewModel.of(fps, tile,
                    org.roofline.app.review.ReviewPersistence.NONE, java.time.Clock.systemUTC());
            m.addReferences(refs, "reference.osm");
            return m;
        });
        int[] run = {0};
        time(o, "review: store layer", refs.size(), () -> {
            Path file = out.resolve("bench-session-" + run[0]++ + ".gpkg");
            try {
                Files.deleteIfExists(file);
                try (org.roofline.app.session.SessionStore store = org.roofline.app.session.SessionStore.create(
                        file, null, UTM45N, List.of(), 1)) {
                    store.referencesChanged(refs, "reference.osm");
                }
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        org.roofline.app.review.UndoStack stack = new org.roofline.app.review.UndoStack(model);
        int edits = 200;
        SplittableRandom random = new SplittableRandom(3);
        double perEdit = time(o, "review: " + edits + " edits", edits, () -> {
            long start = System.nanoTime();
            for (int i = 0; i < edits; i++) {
                long id = 1 + random.nextInt(fps.size());
                stack.execute(new org.roofline.app.review.MoveFootprints(List.of(id), 3, 0));
                stack.undo();
            }
            return (System.nanoTime() - start) / 1e9 / (2.0 * edits);
        });
        double full = time(o, "re-match everything", ref.size(), () -> {
            long start = System.nanoTime();
            new ReferenceMatcher().match(footprints, ref);
            return (System.nanoTime() - start) / 1e9;
        });
        o.printf(Locale.ROOT, "classes after one edit: %.2f ms incremental, %.2f s re-matching everything: %.0fx "
                + "faster%n", perEdit * 1e3, full, full / perEdit);
        o.flush();
    }

    /** The CPU time of the whole process (every thread, GC included), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private <T> T time(PrintWriter o, String stage, int n, Supplier<T> work) {
        T result = null;
        for (int i = 0; i < warmup; i++) {
            result = work.get();
        }
        double[] seconds = new double[repeat];
        double[] cpu = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long startCpu = processCpuNanos();
            long start = System.nanoTime();
            result = work.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            cpu[i] = (processCpuNanos() - startCpu) / 1e9;
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        double median = seconds[repeat / 2];
        o.printf(Locale.ROOT, "  %-18s %7.2f s  %,10.0f buildings/s  (CPU %.2f s over %d cores)%n", stage, median,
                n / median, cpu[repeat / 2], Runtime.getRuntime().availableProcessors());
        o.flush();
        return result;
    }
}
