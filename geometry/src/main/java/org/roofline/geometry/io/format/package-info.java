/**
 * The vector format registry, above the format packages: {@code VectorFormat} (a format by file extension, with its
 * reader and writer) and {@code VectorIo} (read or write any supported file by its extension). The entry point for
 * callers that do not care which format a file is in.
 */
package org.roofline.geometry.io.format;
