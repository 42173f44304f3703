package org.roofline.app.cli;

import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.crs.CrsTransform;
import java.util.List;
import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.geojson.GeoJsonWriter;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;

/**
 * How the commands read and write vector files (GeoJSON, Shapefile, GeoPackage): the format from the extension, the
 * checks before the work, and every failure as one {@link CliException} naming the file, with the file system's reason
 * and never a bare path.
 */
final class VectorFiles {

    private VectorFiles() {
    }

    /** The format {@code file}'s extension names; another extension is a one-line error. */
    static VectorFormat format(Path file) {
        try {
            return VectorFormat.forPath(file);
        } catch (IllegalArgumentException e) {
            throw new CliException(file.toString(), "unknown vector format: use .geojson, .shp or .gpkg");
        }
    }

    /** Reads a vector file in the format its extension names. */
    static VectorLayer read(Path file) {
        try {
            return VectorIo.read(file);
        } catch (IOException e) {
            throw new CliException(file.toString(), stripSubject(e.getMessage(), file), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(file.toString(), e.getMessage(), e);
        }
    }

    /** Fails fast, before the work, when the output cannot be created. */
    static void checkWritable(Path out) {
        if (Files.isDirectory(out)) {
            throw new CliException(out.toString(), "cannot write: is a directory");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CliException(out.toString(), "cannot write: directory " + dir + " does not exist");
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new CliException(out.toString(), "cannot write: directory " + dir + " is not writable");
        }
    }

    /** The layer name of an output: its file name without the extension. */
    static String layerName(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Writes a layer in the format {@code out}'s extension names.
     *
     * @param keepCrs for GeoJSON: keep the layer's CRS (a legacy crs member) instead of RFC 7946 WGS 84
     */
    static void write(VectorLayer layer, Path out, boolean keepCrs) {
        try {
            if (keepCrs && VectorFormat.forPath(out) == VectorFormat.GEOJSON) {
                new GeoJsonWriter().keepingSourceCrs().write(layer, out);
            } else {
                VectorIo.write(layer, out);
            }
        } catch (AccessDeniedException e) {
            throw new CliException(out.toString(), "cannot write: permission denied", e);
        } catch (IOException e) {
            throw new CliException(out.toString(), "cannot write: " + writeFailure(e, out), e);
        } catch (IllegalArgumentException e) {
            // a footprint the writer cannot reproject (to RFC 7946 WGS 84): its coordinates lie outside the CRS
            throw new CliException(out.toString(), "cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * The CRS of the coordinates {@link #write} writes for a layer in {@code crs} (not null): RFC 7946 WGS 84 for
     * GeoJSON unless {@code keepCrs} or the CRS cannot be reprojected, else {@code crs} itself.
     */
    static Crs crsWritten(Crs crs, Path out, boolean keepCrs) {
        boolean geojson = VectorFormat.forPath(out) == VectorFormat.GEOJSON;
        return geojson && !keepCrs && crs.canReproject() ? Crs.WGS84 : crs;
    }

    /**
     * Why writing {@code out} failed, for people: the file system's reason, never a bare path (Java's
     * {@link FileSystemException}s carry the path in their message and often no reason).
     */
    static String writeFailure(IOException e, Path out) {
        if (e instanceof FileSystemException fs && !(e instanceof AccessDeniedException)) {
            Path dir = out.toAbsolutePath().getParent();
            String where = fs.getFile() == null || fs.getFile().equals(out.toString()) ? "" : " (" + fs.getFile() + ")";
            if (fs.getReason() != null) {
                return fs.getReason() + where;
            }
            if (e instanceof NoSuchFileException) {
                return "the file system refuses to create files in " + dir + where;
            }
            if (e instanceof FileAlreadyExistsException) {
                return "a file is in the way" + where;
            }
            return e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                    .toLowerCase(Locale.ROOT) + where;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.startsWith(out + ": ")) {
            msg = msg.substring(out.toString().length() + 2);
        }
        return msg;
    }

    /** Readers put the file first in their messages; the one-line error puts it first already. */
    static String stripSubject(String message, Path file) {
        if (message == null) {
            return "cannot be read";
        }
        for (String prefix : new String[] {file.toString() + ": ", file.getFileName().toString() + ": "}) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    /**
     * The layer in another CRS; a CRS pair without a transform, or a feature that does not transform, is one line
     * naming the file it came from.
     */
    static VectorLayer reproject(VectorLayer layer, Crs target, Path file) {
        CrsTransform t;
        try {
            t = CrsTransform.of(layer.crs(), target);
        } catch (IllegalArgumentException e) {
            throw new CliException(file.toString(), "cannot reproject from " + layer.crs() + " to " + target + ": "
                    + e.getMessage(), e);
        }
        List<VectorFeature> out = new ArrayList<>(layer.features().size());
        for (int i = 0; i < layer.features().size(); i++) {
            VectorFeature f = layer.features().get(i);
            try {
                out.add(new VectorFeature(t.transform(f.geometry()), f.attributes()));
            } catch (IllegalArgumentException e) {
                throw new CliException(file.toString(), "feature " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return layer.withFeatures(out).withCrs(target);
    }
}
