package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.inference.engine.EngineException;
import org.roofline.inference.engine.EngineRequest;
import org.roofline.inference.engine.EngineResult;
import org.roofline.inference.engine.ExtractionEngine;
import org.roofline.inference.engine.ExtractionEngines;

/**
 * {@code roofline extract --engine NAME}: the extraction of many images on an engine found at run time
 * ({@link ExtractionEngines}; the Spark one lives in the separate module {@code roofline-scale}). Without that engine
 * on the class path it says in one line how to get it. The output is a GeoParquet directory (an existing directory,
 * a name without extension, or a {@code .parquet} name), written by the engine; or one vector file written exactly
 * as the local engine writes it ({@link VectorFiles#write}).
 */
final class EngineExtraction {

    /** How to get the Spark engine, for the one-line message when it is missing. */
    static final String HOW_TO_GET = "the Spark engine is not on the class path: build it (mvn -q -DskipTests "
            + "package) and run scale/roofline-spark instead of roofline (README: When one machine is not enough)";

    private final ExtractCommand c;

    EngineExtraction(ExtractCommand command) {
        this.c = command;
    }

    int run() {
        long start = System.nanoTime();
        if ("local".equals(c.engine)) {
            throw InvalidOption.of(c.spec, c.moreImages.isEmpty() ? "--master" : "IMAGE",
                    c.moreImages.isEmpty() ? "needs --engine spark" : "the local engine takes one image; "
                            + "--engine spark takes many");
        }
        if (c.keepOriginals) {
            throw InvalidOption.of(c.spec, "--keep-originals", "is not offered by --engine " + c.engine);
        }
        ExtractionEngine engine = ExtractionEngines.find(c.engine).orElseThrow(() -> "spark".equals(c.engine)
                ? new CliException("--engine spark", HOW_TO_GET)
                : InvalidOption.of(c.spec, "--engine", c.engine + " is neither local nor spark"));
        List<String> images = images();
        boolean parquet = isGeoParquet(c.out);
        if (!parquet) {
            VectorFiles.format(c.out);
            VectorFiles.checkWritable(c.out);
            c.overwrite.guard(c.out);
        } else if (Files.exists(c.out) && !c.overwrite.overwrite) {
            throw new CliException(c.out.toString(), "exists; --overwrite replaces it");
        }
        PrintWriter err = c.spec.commandLine().getErr();
        EngineRequest request = new EngineRequest(images, c.master,
                c.model == null ? null : c.model.toString(), c.device, c.batch, c.tile == null ? 0 : c.tile,
                c.overlap == null ? -1 : c.overlap, c.method.method(), c.tolerance, c.threads, c.allowFailedTiles);
        long count;
        String summary;
        try (EngineResult result = engine.extract(request, line -> {
            err.println("extract: " + line);
            err.flush();
        })) {
            for (String failure : result.failures()) {
                err.println("roofline: " + failure + " (skipped)");
            }
            err.flush();
            count = result.count();
            if (parquet) {
                result.writeGeoParquet(c.out);
            } else {
                List<Footprint> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, count));
                for (Iterator<Footprint> it = result.footprints(); it.hasNext(); ) {
                    all.add(it.next());
                }
                VectorFiles.write(FootprintLayers.toLayer(VectorFiles.layerName(c.out), all, result.crs()), c.out,
                        c.keepCrs);
            }
            summary = result.summary() + (result.crs() == null ? ", pixel coordinates"
                    : ", " + (parquet ? result.crs() : VectorFiles.crsWritten(result.crs(), c.out, c.keepCrs)));
        } catch (EngineException e) {
            throw new CliException(e.subject(), e.problem(), e);
        }
        c.spec.commandLine().getOut().printf(Locale.ROOT, "extract: %s on %s: %s, %.2f s -> %s%n",
                ExtractCommand.buildings(count), c.engine, summary, (System.nanoTime() - start) / 1e9, c.out);
        c.spec.commandLine().getOut().flush();
        return 0;
    }

    /** The images: IMAGE and MORE, or the lines of IMAGE when it is one {@code .txt} list (relative to the list). */
    private List<String> images() {
        List<Path> given = new ArrayList<>();
        given.add(c.image);
        given.addAll(c.moreImages);
        if (given.size() == 1 && c.image.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) {
            given.clear();
            try {
                Path dir = c.image.toAbsolutePath().getParent();
                for (String line : Files.readAllLines(c.image)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        given.add(dir.resolve(l));
                    }
                }
            } catch (IOException e) {
                throw new CliException(c.image.toString(), "cannot read the list of images: " + e.getMessage(), e);
            }
            if (given.isEmpty()) {
                throw new CliException(c.image.toString(), "lists no image");
            }
        }
        List<String> out = new ArrayList<>(given.size());
        for (Path p : given) {
            if (!Files.isRegularFile(p)) {
                throw new CliException(p.toString(), Files.exists(p) ? "is not a file" : "does not exist");
            }
            out.add(p.toAbsolutePath().toString());
        }
        return out;
    }

    /** A directory, a name without extension, or a {@code .parquet} name. */
    static boolean isGeoParquet(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isDirectory(out) || name.endsWith(".parquet") || !name.contains(".");
    }
}
