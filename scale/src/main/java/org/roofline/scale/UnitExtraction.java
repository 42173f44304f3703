package org.roofline.scale;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.spark.TaskContext;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.AffineTransformationFactory;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.engine.EngineRequest;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelFiles;
import org.roofline.inference.pipeline.ExtractionResult;
import org.roofline.inference.tiling.TileGrid;

/**
 * The executor side of a run: each unit of a partition through the extraction pipeline of a slot ({@link SlotPool}),
 * its footprints out as {@link Part}s, marked final or edge.
 *
 * <p><b>Failures.</b> A unit that fails (unreadable image, a model error, a tile that cannot be segmented) throws on
 * every attempt but the last, so Spark re-runs the task (elsewhere, on a cluster); on the last attempt it is handed
 * back as one failure {@link Part} instead, so that the job goes on and the other units land. A retried unit gives
 * the same parts: the pipeline is deterministic for a given model and image.
 */
final class UnitExtraction {

    /** A footprint within this many working pixels of its unit's edge takes part in the seam join. */
    static final double EDGE_PIXELS = 2;

    /**
     * Test hook: with this system property set to a unit's index (in the executor's JVM: local mode), that unit's
     * first attempt fails after its extraction, as a lost executor would.
     */
    static final String FAIL_FIRST_ATTEMPT = "roofline.scale.failFirstAttempt";

    private UnitExtraction() {
    }

    /**
     * Runs a partition's units.
     *
     * @param attempts how many attempts Spark makes of a task (the last one reports a failure instead of throwing)
     */
    static Iterator<Part> run(Iterator<WorkUnit> units, EngineRequest request, int attempts) throws Exception {
        List<Part> out = new ArrayList<>();
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        while (units.hasNext()) {
            WorkUnit unit = units.next();
            try {
                out.addAll(extract(unit, request));
                if (attempt == 0 && String.valueOf(unit.index()).equals(System.getProperty(FAIL_FIRST_ATTEMPT))) {
                    throw new IllegalStateException("injected failure of the first attempt");
                }
            } catch (Exception e) {
                if (attempt + 1 < attempts) {
                    throw new UnitFailure(unit.image() + ": " + oneLine(e), e);
                }
                out.add(Part.failed(unit.index(), unit.image() + ": " + oneLine(e) + " (after " + attempts
                        + " attempts)"));
            }
        }
        return out.iterator();
    }

    /** One unit through the pipeline of a slot. */
    static List<Part> extract(WorkUnit unit, EngineRequest request) throws Exception {
        SlotPool.Slot slot = SlotPool.borrow(request);
        try (GeoImage image = GeoImage.open(java.nio.file.Path.of(unit.image()))) {
            Optional<String> missing = slot.model().metadata().missingBand(image.info().bands());
            if (missing.isPresent()) {
                throw new RooflineInputException(image.file(), missing.get());
            }
            ExtractionResult result;
            try {
                result = slot.pipeline().start(image, p -> { }).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
            if (!result.errors().isEmpty()) {
                throw new IllegalStateException(result.errors().size() + " tiles failed (the first: "
                        + result.errors().get(0) + ")");
            }
            return parts(unit, image, result);
        } finally {
            SlotPool.release(slot);
        }
    }

    private static List<Part> parts(WorkUnit unit, GeoImage image, ExtractionResult result) {
        TileGrid grid = result.grid();
        Georeferencing working = grid.workingGeoref(image.georef());
        AffineTransformation toMap = affine(working);
        Envelope extent = working.extent(grid.width(), grid.height());
        double pixel = Math.max(Math.abs(toMap.getMatrixEntries()[0]) + Math.abs(toMap.getMatrixEntries()[1]),
                Math.abs(toMap.getMatrixEntries()[3]) + Math.abs(toMap.getMatrixEntries()[4]));
        Envelope inner = new Envelope(extent);
        inner.expandBy(-EDGE_PIXELS * pixel);
        double[] ext = {extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()};
        double[] matrix = toMap.getMatrixEntries();
        String crs = crsText(result.crs());
        WKBWriter wkb = new WKBWriter();
        List<Part> parts = new ArrayList<>(result.footprints().size());
        int order = 0;
        for (Footprint f : result.footprints()) {
            boolean edge = inner.isNull() || !inner.contains(f.polygon().getEnvelopeInternal());
            parts.add(new Part(unit.index(), order++, wkb.write(f.polygon()), f.confidence(), f.method(),
                    f.regularized(), f.source(), edge, ext, matrix, crs, null));
        }
        return parts;
    }

    /** A CRS as text that {@link #crsOf} reads back: {@code EPSG:n}, or WKT 1; null for none. */
    static String crsText(org.roofline.geometry.crs.Crs crs) {
        if (crs == null) {
            return null;
        }
        return crs.epsgCode().isPresent() ? "EPSG:" + crs.epsgCode().getAsInt() : crs.toWkt1();
    }

    /** The CRS {@link #crsText} wrote; null for none. */
    static org.roofline.geometry.crs.Crs crsOf(String text) {
        if (text == null) {
            return null;
        }
        return text.startsWith("EPSG:") ? org.roofline.geometry.crs.Crs.parse(text)
                : org.roofline.geometry.crs.Crs.fromWkt(text);
    }

    /** The working pixel to map transformation as a JTS affine transformation (three control points). */
    static AffineTransformation affine(Georeferencing working) {
        Coordinate o = working.toMap(new Coordinate(0, 0));
        Coordinate x = working.toMap(new Coordinate(1, 0));
        Coordinate y = working.toMap(new Coordinate(0, 1));
        return AffineTransformationFactory.createFromControlVectors(new Coordinate(0, 0), new Coordinate(1, 0),
                new Coordinate(0, 1), o, x, y);
    }

    private static String oneLine(Throwable e) {
        Throwable t = e;
        if (t instanceof ModelFiles.Failure f) {
            return f.file() + ": " + f.problem();
        }
        if (t instanceof RooflineInputException r) {
            return r.problem();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    /** A unit's failure on an attempt that Spark will retry. */
    static final class UnitFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnitFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
