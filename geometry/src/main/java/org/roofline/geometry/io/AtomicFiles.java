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
 * target's directory ({@link TempFiles}: removed when the process is interrupted), which is renamed over the target only when writing has succeeded. On any failure the temporary
 * file is deleted and an existing target is left untouched.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
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
        Path tmp = TempFiles.beside(absolute);
        boolean done = false;
        try {
            // CREATE_NEW with default attributes: the file gets the usual permissions (umask), unlike createTempFile.
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            check.verify(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
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
