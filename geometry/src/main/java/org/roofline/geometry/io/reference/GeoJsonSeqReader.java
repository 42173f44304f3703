package org.roofline.geometry.io.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.roofline.geometry.io.geojson.GeoJsonReader;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.VectorReader;

/**
 * Reads newline-delimited GeoJSON (also called GeoJSONL or GeoJSON Lines; and RFC 8142 GeoJSON text sequences, whose
 * records start with the RS character): one Feature per line, in WGS 84 longitude/latitude. Blank lines are skipped.
 * The features are read exactly as {@link GeoJsonReader} reads a FeatureCollection of them (field types over the
 * whole file, geometries as they are), so the two give the same layer for the same features.
 *
 * <p>The whole file is held in memory as text once. Instances are immutable and thread-safe.
 */
public final class GeoJsonSeqReader implements VectorReader {

    /** The extensions of newline-delimited GeoJSON, lower case with the dot. */
    public static final java.util.List<String> EXTENSIONS = java.util.List.of(".geojsonl", ".geojsons", ".geojsonseq",
            ".ndjson", ".jsonl");

    /** @return whether the file's name ends in one of {@link #EXTENSIONS}, case-insensitively */
    public static boolean isGeoJsonSeq(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /**
     * @throws IOException whose message starts with the file: not found, a line that is not a GeoJSON Feature (with its
     *                     number)
     */
    @Override
    public VectorLayer read(Path file) throws IOException {
        StringBuilder collection = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        int features = 0;
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String text = line.replace('\u001e', ' ').strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (!text.startsWith("{") || !text.endsWith("}")) {
                    throw new IOException(file + ": line " + lineNumber + " is not a GeoJSON Feature on one line");
                }
                if (features++ > 0) {
                    collection.append(",\n");
                }
                collection.append(text);
            }
        }
        collection.append("]}");
        String base = file.getFileName() == null ? "layer" : file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        try {
            return new GeoJsonReader().read(collection.toString(), dot > 0 ? base.substring(0, dot) : base);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
