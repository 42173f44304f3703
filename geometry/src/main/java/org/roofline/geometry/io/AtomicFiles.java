package org.roofline.geometry.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers never see a half-written one: the content goes to a hidden temporary file in the
 * target's directory ({@link TempFiles}: removed when the process is interrupted), which is renamed over the target
 * only when writing has succeeded. On any failure the temporary file (with its SQLite companions) is deleted and an
 * existing target is left untouched. The rename is atomic where the file system can do it, else a plain move.
 *
 * <p>{@link #write} takes the bytes through a stream; {@link #writeByPath} and {@link #createByPath} hand the
 * temporary file's path to a library that writes the file itself (SQLite, a GeoPackage); {@link #replace} and {@link
 * #moveNew} are the renames alone, for callers that manage their temporary files themselves (a Shapefile's parts).
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a file that does not exist yet, by its path. */
    @FunctionalInterface
    public interface PathContent {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target  the file to create or replace; its directory must exist
     * @param content writes the bytes; the stream is buffered, and closed by this method
     * @throws IOException if the directory does not exist, the target is a directory, or writing fails
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, VectorWriter.Check.NONE);
    }

    /**
     * Writes {@code target} atomically, replacing it only when the check accepts the complete temporary file.
     *
     * @param check looks at the temporary file (named {@link TempFiles#beside}, so with the target's extension)
     * @throws IOException if the directory does not exist, the target is a directory, writing fails or the check
     *                     fails (its exception)
     */
    public static void write(Path target, Content content, VectorWriter.Check check) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": is a directory");
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(target + ": directory " + dir + " does not exist");
        }
        writeByPath(absolute, tmp -> {
            // CREATE_NEW with default attributes: the file gets the usual permissions (umask), unlike createTempFile.
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            check.verify(tmp);
        });
    }

    /**
     * Creates or replaces {@code target} atomically: {@code content} writes a temporary file ({@link
     * TempFiles#beside}, not yet existing), which is then {@linkplain #replace renamed over} the target. Unlike
     * {@link #write}, the target's directory is not checked first.
     *
     * @throws IOException if writing fails (the content's exception) or the rename does
     */
    public static void writeByPath(Path target, PathContent content) throws IOException {
        viaTemporary(target, content, true);
    }

    /**
     * Like {@link #writeByPath}, for a target that should not exist: the temporary file is {@linkplain #moveNew moved}
     * to it without asking to replace anything.
     */
    public static void createByPath(Path target, PathContent content) throws IOException {
        viaTemporary(target, content, false);
    }

    /**
     * Renames a finished file over a target, replacing it: {@code ATOMIC_MOVE} and {@code REPLACE_EXISTING}, or, where
     * the file system cannot move atomically, {@code REPLACE_EXISTING} alone.
     */
    public static void replace(Path from, Path target) throws IOException {
        try {
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Renames a finished file to a target that should not exist: {@code ATOMIC_MOVE} alone (whether that replaces an
     * existing target is the platform's choice), or, where the file system cannot move atomically, a plain move,
     * which fails if the target exists.
     */
    public static void moveNew(Path from, Path target) throws IOException {
        try {
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target);
        }
    }

    private static void viaTemporary(Path target, PathContent content, boolean replace) throws IOException {
        Path tmp = TempFiles.beside(target);
        boolean done = false;
        try {
            content.writeTo(tmp);
            if (replace) {
                replace(tmp, target);
            } else {
                moveNew(tmp, target);
            }
            done = true;
            TempFiles.release(tmp);
        } finally {
            if (!done) {
                TempFiles.discard(tmp);
            }
        }
    }
}
