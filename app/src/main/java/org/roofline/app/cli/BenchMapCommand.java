package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.application.Platform;
import org.roofline.app.editor.map.bench.MapFrameBenchmark;
import org.roofline.app.editor.map.bench.SyntheticScene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roofline bench map}: the map's frame times with many footprints, in a real window (see
 * {@link MapFrameBenchmark}), on a synthetic town written to a temporary folder (see {@link SyntheticScene}).
 */
@Command(name = "map",
        mixinStandardHelpOptions = true,
        header = "Times the map's frames (pan and zoom) with many footprints, against drawing them all.",
        description = "Opens a window (needs a display, or -Dglass.platform=Monocle -Dmonocle.platform=Headless), "
                + "pans and zooms through a scripted path for a zoomed-in, a mid and a whole-extent view, with the "
                + "map's spatial index and level of detail and then with every footprint drawn every frame, and "
                + "prints the median, 95th percentile and maximum frame time and the frame rate of each.")
final class BenchMapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--footprints", paramLabel = "N", defaultValue = "100000",
            description = "Buildings in the synthetic town (default: ${DEFAULT-VALUE}).")
    int footprints;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "4096",
            description = "Width and height of the synthetic image (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--pixel-size", paramLabel = "M", defaultValue = "1.2",
            description = "Metres per image pixel (default: ${DEFAULT-VALUE}).")
    double pixelSize;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "300",
            description = "Measured frames per run (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "60",
            description = "Frames before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "20",
            description = "A run stops after this long (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x800",
            description = "Window size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int width;
        int height;
        try {
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
        } catch (RuntimeException e) {
            throw InvalidOption.of(spec, "--size", "expected WIDTHxHEIGHT, was " + size);
        }
        if (footprints < 1 || imageSize < 256 || !(pixelSize > 0) || frames < 2 || warmup < 0 || !(maxSeconds > 0)
                || width < 100 || height < 100) {
            throw InvalidOption.of(spec, "--footprints/--image-size/--pixel-size/--frames/--size",
                    "must be positive (image at least 256 px, window at least 100 x 100, at least 2 frames)");
        }
        boolean monocle = "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
        if (!monocle && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException("bench map", "no display to open the window on (DISPLAY is not set); run under a "
                    + "desktop or Xvfb (app/bench/map-frames.sh does)");
        }
        startToolkit();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("roofline-bench-map");
        try {
            long t0 = System.nanoTime();
            SyntheticScene scene = SyntheticScene.write(dir, footprints, imageSize, pixelSize, seed);
            out.printf(Locale.ROOT, "bench map: %d footprints over a %d x %d image (%.2f m pixels, EPSG:32645), "
                            + "written in %.1f s%n", footprints, imageSize, imageSize, pixelSize,
                    (System.nanoTime() - t0) / 1e9);
            MapFrameBenchmark.Settings settings = new MapFrameBenchmark.Settings(width, height, frames, warmup,
                    maxSeconds);
            List<MapFrameBenchmark.Run> runs = MapFrameBenchmark.run(scene.image(), scene.footprints(), settings,
                    line -> {
                        System.err.println(line);
                    });
            out.printf(Locale.ROOT, "window %d x %d, pipeline %s, pulses %s%n", width, height, pipeline(),
                    Boolean.getBoolean("javafx.animation.fullspeed") ? "uncapped (javafx.animation.fullspeed)"
                            : "paced at 60 Hz");
            out.printf(Locale.ROOT, "%-13s %-12s %9s %7s %9s %8s %8s %6s %15s%n", "view", "mode", "drawn", "frames",
                    "median ms", "p95 ms", "max ms", "fps", "redraw ms p50/95");
            Map<String, Double> indexed = new HashMap<>();
            Map<String, Double> baseline = new HashMap<>();
            for (MapFrameBenchmark.Run r : runs) {
                out.printf(Locale.ROOT, "%-13s %-12s %9d %7d %9.1f %8.1f %8.1f %6.1f %7.1f/%-7.1f%n", r.view(),
                        r.mode(), r.visible(), r.frames(), r.medianMs(), r.p95Ms(), r.maxMs(), r.fps(),
                        r.drawMedianMs(), r.drawP95Ms());
                (r.mode().equals("baseline") ? baseline : indexed).put(r.view(), r.medianMs());
            }
            StringBuilder ratio = new StringBuilder("baseline / indexed+LOD median frame time:");
            for (String v : List.of("zoomed-in", "mid", "whole extent")) {
                if (indexed.containsKey(v) && baseline.containsKey(v)) {
                    ratio.append(String.format(Locale.ROOT, " %s %.1fx", v, baseline.get(v) / indexed.get(v)));
                }
            }
            out.println(ratio);
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private static void startToolkit() {
        try {
            Platform.startup(() -> {
            });
        } catch (IllegalStateException alreadyRunning) {
            // started by an earlier caller in this JVM (tests): use it
        } catch (RuntimeException | LinkageError e) {
            throw new CliException("bench map", "JavaFX cannot start (prism.order="
                    + System.getProperty("prism.order", "default") + "): " + rootMessage(e)
                    + "; try -Dprism.order=sw", e);
        }
        Platform.setImplicitExit(false);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The Prism pipeline in use ("sw", "es2", ...), from Prism's internals when it can be read. */
    private static String pipeline() {
        try {
            Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
            String n = p.getClass().getSimpleName();
            return n.replace("Pipeline", "").toLowerCase(Locale.ROOT);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return System.getProperty("prism.order", "default");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS cleans it
        }
    }
}
