package org.roofline.app.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.geojson.GeoJsonWriter;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorWriter;

/**
 * Writes the footprints of a review to a vector file: the one export used by {@code roofline export} and the editor's
 * Export dialog.
 *
 * <p>Steps: the footprints whose status was asked for are taken (in the snapshot's order), reprojected to the target
 * CRS if one is given, written with the footprint schema ({@link FootprintLayers}) by the format's writer (which writes
 * a temporary file beside the output), and the temporary file is read back: the export fails unless it holds as many
 * footprints as were written, each with the same id and status and the same polygon (compared after normalizing ring
 * order and orientation, which a Shapefile changes, to within 1e-9 of the coordinates' magnitude). Only a file that
 * passed this check is renamed over the output (atomically): a failed export, whether writing or reading back failed,
 * leaves an existing output exactly as it was and no temporary file.
 *
 * <p>Runs on the calling thread and takes as long as the writing: call it from a background thread in a UI. An
 * interrupt between steps aborts it before the file is written ({@link ExportException}, "cancelled").
 */
public final class FootprintExporter {

    /** Told what the export is doing; called on the exporting thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param step     what is being done, in words ("writing out.shp")
         * @param fraction how much of the export is done, in [0, 1]
         */
        void progress(String step, double fraction);

        Listener NONE = (step, fraction) -> { };
    }

    private FootprintExporter() {
    }

    /**
     * Exports.
     *
     * @throws ExportException one line naming the file or option: unknown format, missing output directory, output is
     *                         a directory, footprints in pixel coordinates asked to be reprojected, a CRS that cannot
     *                         be reprojected, a write failure, a read-back that differs
     */
    public static ExportReport export(FootprintSnapshot snapshot, ExportRequest request, Listener listener)
            throws ExportException {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        long t0 = System.nanoTime();
        Path out = request.out();
        VectorFormat format = checkOutput(out);

        listener.progress("selecting footprints", 0);
        Map<ReviewStatus, Integer> byStatus = new EnumMap<>(ReviewStatus.class);
        for (ReviewStatus s : request.statuses()) {
            byStatus.put(s, 0);
        }
        List<Footprint> selected = new ArrayList<>();
        for (Footprint f : snapshot.footprints()) {
            if (request.statuses().contains(f.status())) {
                selected.add(f);
                byStatus.merge(f.status(), 1, Integer::sum);
            }
        }

        Crs crs = snapshot.crs();
        Crs target = request.targetCrs();
        if (target != null && !target.equals(crs)) {
            selected = reproject(selected, snapshot, target, listener);
            crs = target;
        }
        checkCancelled(out);

        listener.progress("writing " + out.getFileName(), 0.5);
        VectorLayer layer = ReasonField.added(FootprintLayers.toLayer(layerName(out), selected, crs), selected);
        List<Footprint> written = selected;
        Crs writtenCrs = crs;
        Crs[] fileCrs = new Crs[1];
        int[] readBack = new int[1];
        write(layer, out, format == VectorFormat.GEOJSON && target != null && !Crs.WGS84.equals(target), temp -> {
            listener.progress("reading back " + out.getFileName(), 0.8);
            VectorLayer read;
            try {
                read = VectorIo.read(temp);
            } catch (IOException | RuntimeException e) {
                throw new Refused(new ExportException(out.toString(), "written but cannot be read back: "
                        + Messages.withoutSubject(e.getMessage(), temp), e));
            }
            List<Footprint> back = FootprintLayers.fromLayer(read).footprints();
            try {
                compare(written, writtenCrs, back, read.crs(), out);
                ReasonField.compare(written, read, out);
            } catch (ExportException e) {
                throw new Refused(e);
            }
            fileCrs[0] = read.crs();
            readBack[0] = back.size();
        });
        listener.progress("done", 1);
        return new ExportReport(out, format, fileCrs[0], byStatus, selected.size(), readBack[0],
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Checks, before any work, that the output's extension names a format and that the file can be created.
     *
     * @return the format
     * @throws ExportException naming the file otherwise
     */
    public static VectorFormat checkOutputFormat(Path out) throws ExportException {
        return checkOutput(out);
    }

    private static VectorFormat checkOutput(Path out) throws ExportException {
        VectorFormat format;
        try {
            format = VectorFormat.forPath(out);
        } catch (IllegalArgumentException e) {
            throw new ExportException(out.toString(), "unknown vector format: use .shp, .geojson or .gpkg");
        }
        if (Files.isDirectory(out)) {
            throw new ExportException(out.toString(), "cannot write: is a directory");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new ExportException(out.toString(), "cannot write: directory " + dir + " does not exist");
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new ExportException(out.toString(), "cannot write: directory " + dir + " is not writable");
        }
        return format;
    }

    private static List<Footprint> reproject(List<Footprint> footprints, FootprintSnapshot snapshot, Crs target,
                                             Listener listener) throws ExportException {
        if (snapshot.crs() == null) {
            throw new ExportException(snapshot.source(), "the footprints are in pixel coordinates (no CRS): they "
                    + "cannot be reprojected to " + target);
        }
        CrsTransform t;
        try {
            t = CrsTransform.of(snapshot.crs(), target);
        } catch (IllegalArgumentException e) {
            throw new ExportException(snapshot.source(), "cannot reproject from " + snapshot.crs() + " to " + target
                    + ": " + Messages.oneLine(e), e);
        }
        List<Footprint> out = new ArrayList<>(footprints.size());
        int step = Math.max(1, footprints.size() / 50);
        for (int i = 0; i < footprints.size(); i++) {
            Footprint f = footprints.get(i);
            Geometry g;
            try {
                g = t.transform(f.polygon());
            } catch (RuntimeException e) {
                throw new ExportException(snapshot.source(), "footprint " + f.id() + " cannot be reprojected to "
                        + target + ": " + Messages.oneLine(e), e);
            }
            out.add(f.withPolygon((Polygon) g));
            if (i % step == 0) {
                listener.progress("reprojecting to " + target, 0.5 * i / footprints.size());
            }
        }
        return out;
    }

    /** A read-back that refused the written file, carried through the writer's check. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient ExportException reason;

        Refused(ExportException reason) {
            super(reason.getMessage(), reason);
            this.reason = reason;
        }
    }

    /** Writes a temporary file beside {@code out}, lets the check read it back, and only then renames it over out. */
    private static void write(VectorLayer layer, Path out, boolean keepGeoJsonCrs, VectorWriter.Check check)
            throws ExportException {
        try {
            if (keepGeoJsonCrs) {
                new GeoJsonWriter().keepingSourceCrs().write(layer, out, check);
            } else {
                VectorFormat.forPath(out).writer().write(layer, out, check);
            }
        } catch (Refused e) {
            throw e.reason;
        } catch (AccessDeniedException e) {
            throw new ExportException(out.toString(), "cannot write: permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new ExportException(out.toString(), "cannot write: " + Messages.withoutSubject(e.getMessage(), out),
                    e);
        }
    }

    /** Checks that the file holds what was written (see the class comment). */
    private static void compare(List<Footprint> written, Crs writtenCrs, List<Footprint> back, Crs backCrs, Path out)
            throws ExportException {
        if (back.size() != written.size()) {
            throw new ExportException(out.toString(), "read back " + back.size() + " footprints, " + written.size()
                    + " were written");
        }
        // a GeoJSON writer reprojects to WGS 84 itself: compare in the file's CRS, with the writer's transform
        CrsTransform toFile = writtenCrs != null && backCrs != null && !writtenCrs.equals(backCrs)
                ? CrsTransform.of(writtenCrs, backCrs) : null;
        Map<Long, Footprint> byId = new HashMap<>();
        for (Footprint f : back) {
            byId.put(f.id(), f);
        }
        for (Footprint w : written) {
            Footprint r = byId.get(w.id());
            if (r == null) {
                throw new ExportException(out.toString(), "read back without footprint " + w.id());
            }
            if (r.status() != w.status()) {
                throw new ExportException(out.toString(), "footprint " + w.id() + " read back as " + r.status().code()
                        + ", written as " + w.status().code());
            }
            Geometry expected = toFile == null ? w.polygon() : toFile.transform(w.polygon());
            Envelope e = expected.getEnvelopeInternal();
            double magnitude = Math.max(1, Math.max(Math.max(Math.abs(e.getMinX()), Math.abs(e.getMaxX())),
                    Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY()))));
            if (!expected.norm().equalsExact(r.polygon().norm(), 1e-9 * magnitude)) {
                throw new ExportException(out.toString(), "footprint " + w.id()
                        + " read back with a different polygon than was written");
            }
        }
    }

    private static void checkCancelled(Path out) throws ExportException {
        if (Thread.currentThread().isInterrupted()) {
            throw new ExportException(out.toString(), "export cancelled; nothing written");
        }
    }

    static String layerName(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
