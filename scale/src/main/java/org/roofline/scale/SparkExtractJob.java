package org.roofline.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.regularize.RegularizationMethod;
import org.roofline.inference.engine.EngineException;
import org.roofline.inference.engine.EngineRequest;

/**
 * The extraction as a {@code spark-submit} application (the main class of {@code roofline-scale.jar}), for a cluster:
 * <pre>
 * spark-submit --master URL --class org.roofline.scale.SparkExtractJob \
 *     --jars "$(echo scale/target/lib/*.jar | tr ' ' ,)" scale/target/roofline-scale.jar \
 *     IMAGES...|LIST.txt --out DIR|FILE.parquet|FILE.gpkg [--model FILE|DIR] [--device auto|cpu|gpu] [--batch N]
 *     [--threads N] [--allow-failed]
 * </pre>
 * The images must be readable at the same paths on every executor (a shared file system). The master is
 * spark-submit's. A directory or {@code .parquet} output is GeoParquet written by the executors; a {@code .gpkg},
 * {@code .shp} or {@code .geojson} one is written on the driver from the streamed result. Exit status 1 with one line
 * on a failure, 2 on a usage error.
 */
public final class SparkExtractJob {

    private SparkExtractJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> images = new ArrayList<>();
        String out = null;
        String model = null;
        String device = "auto";
        int batch = 8;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean allowFailed = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = args[++i];
                    case "--model" -> model = args[++i];
                    case "--device" -> device = args[++i];
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--allow-failed" -> allowFailed = true;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        images.add(args[i]);
                    }
                }
            }
            if (out == null || images.isEmpty()) {
                throw new IllegalArgumentException("needs IMAGES...|LIST.txt and --out");
            }
            if (images.size() == 1 && images.get(0).toLowerCase(Locale.ROOT).endsWith(".txt")) {
                Path list = Path.of(images.get(0)).toAbsolutePath();
                images.clear();
                for (String line : Files.readAllLines(list)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        images.add(list.getParent().resolve(l).toString());
                    }
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("roofline-scale: " + e.getMessage() + "; usage: IMAGES...|LIST.txt --out DIR|FILE "
                    + "[--model M] [--device auto|cpu|gpu] [--batch N] [--threads N] [--allow-failed]");
            return 2;
        }
        EngineRequest request = new EngineRequest(images.stream().map(p -> Path.of(p).toAbsolutePath().toString())
                .toList(), null, model, device, batch, 0, -1, RegularizationMethod.RIGHT_ANGLES, "auto", threads,
                allowFailed);
        Path target = Path.of(out);
        long t0 = System.nanoTime();
        try {
            String crs = SparkEngine.checkImages(request);
            SparkSession session = SparkSession.builder().appName("roofline extract").getOrCreate();
            try (SparkRun run = SparkEngine.run(session, request, crs, line -> System.err.println("extract: " + line),
                    t0)) {
                for (String f : run.failures()) {
                    System.err.println("roofline-scale: " + f + " (skipped)");
                }
                String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isDirectory(target) || name.endsWith(".parquet") || !name.contains(".")) {
                    run.writeGeoParquet(target);
                } else {
                    List<org.roofline.geometry.footprint.Footprint> all = new ArrayList<>();
                    run.footprints().forEachRemaining(all::add);
                    String layer = target.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                    VectorIo.write(FootprintLayers.toLayer(layer, all, run.crs()), target);
                }
                System.out.printf(Locale.ROOT, "extract: %d buildings: %s, %.2f s -> %s%n", run.count(),
                        run.summary(), (System.nanoTime() - t0) / 1e9, target);
            }
            return 0;
        } catch (EngineException e) {
            System.err.println("roofline-scale: " + e.subject() + ": " + e.problem());
            return 1;
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("roofline-scale: " + target + ": " + e.getMessage());
            return 1;
        }
    }
}
