package org.roofline.geometry.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a layer to a vector file. Implementations write to temporary files beside the target ({@link TempFiles}) and
 * move them into place only on success, so a failure never leaves a half-written file and an existing file stays as it
 * was (see {@link AtomicFiles}).
 */
public interface VectorWriter {

    /**
     * Looks at a complete temporary file before it replaces the target; an exception stops the replacement (the
     * temporary file is deleted, an existing target is left as it was).
     */
    @FunctionalInterface
    interface Check {
        /**
         * @param written the temporary file: complete, in the target's folder, ending in the target's name (so with
         *                its extension; a Shapefile's companions beside it under the same base name)
         */
        void verify(Path written) throws IOException;

        /** Accepts every file. */
        Check NONE = written -> { };
    }

    /** Writes the layer to the file, replacing an existing one only when complete. */
    default void write(VectorLayer layer, Path file) throws IOException {
        write(layer, file, Check.NONE);
    }

    /** Writes the layer to the file, replacing an existing one only when complete and accepted by the check. */
    void write(VectorLayer layer, Path file, Check check) throws IOException;
}
