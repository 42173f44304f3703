package org.roofline.geometry.io.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.osm.OsmXmlReader;

/**
 * Reads a reference map, the reader chosen by extension: {@code .osm} with {@link OsmXmlReader} (buildings only, with
 * {@code osm_type}, {@code osm_id}, {@code osm_version} and their tags), newline-delimited GeoJSON ({@link
 * GeoJsonSeqReader#EXTENSIONS}) with {@link GeoJsonSeqReader}, anything else with {@link VectorIo} (GeoJSON,
 * Shapefile, GeoPackage). Features are not filtered, reprojected or repaired.
 */
public final class ReferenceReader {

    private ReferenceReader() {
    }

    /** The extensions this reads, for messages. */
    public static final String KNOWN = ".geojson, .geojsonl (newline-delimited), .shp, .gpkg or .osm";

    /**
     * @throws IllegalArgumentException if the extension is none of {@link #KNOWN}
     * @throws IOException              whose message names the file and the problem
     */
    public static VectorLayer read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (OsmXmlReader.isOsmXml(file)) {
            return new OsmXmlReader().read(file);
        }
        if (GeoJsonSeqReader.isGeoJsonSeq(file)) {
            return new GeoJsonSeqReader().read(file);
        }
        try {
            return VectorIo.read(file);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("unknown vector format")) {
                throw new IllegalArgumentException("unknown reference format for " + file + ": use " + KNOWN, e);
            }
            throw e;
        }
    }
}
