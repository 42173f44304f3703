package org.roofline.geometry.io;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a vector file into a layer. */
public interface VectorReader {

    /**
     * @throws IOException with a one-line message naming the file and the problem (missing .dbf or .shx, unknown or
     *                     garbled .prj, not a GeoJSON/GeoPackage, ...)
     */
    VectorLayer read(Path file) throws IOException;
}
