package org.roofline.geometry.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a layer to a vector file. Implementations write to temporary files beside the target and move them into
 * place only on success, so a failure never leaves a half-written file (see {@link AtomicFiles}).
 */
public interface VectorWriter {

    void write(VectorLayer layer, Path file) throws IOException;
}
