package org.roofline.geometry.io.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.geojson.GeoJsonReader;
import org.roofline.geometry.io.VectorLayer;

class ReferenceReaderTest {

    @TempDir
    Path dir;

    private static final String A = "{\"type\":\"Feature\",\"properties\":{\"height\":3,\"name\":\"a\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[85,27],[85.0001,27],[85.0001,27.0001],[85,27]]]}}";
    private static final String B = "{\"type\":\"Feature\",\"properties\":{\"height\":4.5},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[86,27],[86.0001,27],[86.0001,27.0001],[86,27]]]}}";

    @Test
    void newlineDelimitedGeoJsonReadsLikeACollection() throws IOException {
        Path seq = dir.resolve("buildings.geojsonl");
        Files.writeString(seq, A + "\n\n\u001e" + B + "\n");
        VectorLayer layer = ReferenceReader.read(seq);
        VectorLayer same = new GeoJsonReader().read("{\"type\":\"FeatureCollection\",\"features\":[" + A + "," + B
                + "]}", "buildings");
        assertEquals(same, layer);
        assertEquals(Crs.WGS84, layer.crs());
        assertEquals(FieldType.REAL, layer.fields().get(0).type());
        assertEquals(2, layer.features().size());
    }

    @Test
    void aBadLineIsNamed() throws IOException {
        Path seq = dir.resolve("bad.ndjson");
        Files.writeString(seq, A + "\n" + "[1, 2]\n");
        IOException e = assertThrows(IOException.class, () -> ReferenceReader.read(seq));
        assertEquals(seq + ": line 2 is not a GeoJSON Feature on one line", e.getMessage());
    }

    @Test
    void otherFormatsGoThroughVectorIoAndUnknownOnesAreNamed() throws IOException {
        Path json = dir.resolve("b.geojson");
        Files.writeString(json, "{\"type\":\"FeatureCollection\",\"features\":[" + A + "]}");
        assertEquals(1, ReferenceReader.read(json).features().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceReader.read(dir.resolve("b.csv")));
        assertTrue(e.getMessage().contains(ReferenceReader.KNOWN), e.getMessage());
        assertEquals(List.of(".geojsonl", ".geojsons", ".geojsonseq", ".ndjson", ".jsonl"),
                GeoJsonSeqReader.EXTENSIONS);
    }
}
