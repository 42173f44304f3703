package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.inference.imagery.GeoImage;

/**
 * {@code roofline extract} end to end with the tiny TorchScript fixture (made by
 * inference/src/test/resources/models/make_fixture.py) on real imagery: the engine, tiling, the pipeline, the
 * post-processor and the writers together. The fixture's weights are arbitrary, so the test checks the plumbing, not
 * the quality of the buildings.
 */
class ExtractCommandTest {

    @TempDir
    Path tmp;

    static Path root() {
        return Path.of(System.getProperty("roofline.resources", "../resources")).getParent();
    }

    static Path fixture() {
        return root().resolve("inference/src/test/resources/models/tiny-seg.pt");
    }

    static Path kampalaChip() {
        return root().resolve("resources/samples/fair-kampala/chips/OAM-309612-261632-19.tif");
    }

    @Test
    void extractsFootprintsWithConfidenceInTheImageCrs() throws Exception {
        Path out = tmp.resolve("found.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", kampalaChip().toString(), "--model",
                fixture().toString(), "--device", "cpu", "-o", out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)extract: \\d+ buildings? from 9 tiles \\(0 skipped as nodata, 0 failed\\).*"),
                r.out());
        VectorLayer layer = VectorIo.read(out);
        assertEquals(Crs.WGS84, layer.crs());
        org.locationtech.jts.geom.Envelope extent;
        try (GeoImage image = GeoImage.open(kampalaChip())) {
            extent = image.info().extent();
        }
        extent.expandBy(1e-9);
        for (VectorFeature f : layer.features()) {
            double c = ((Number) f.get("confidence")).doubleValue();
            assertTrue(c >= 0.5 && c <= 1, "confidence " + c);
            assertTrue(extent.contains(f.geometry().getEnvelopeInternal()));
            assertTrue(f.geometry().isValid());
        }
    }

    @Test
    void aModelThatReadsMoreBandsThanTheImageHasIsRefused() {
        Path atlanta = root().resolve("resources/samples/spacenet-atlanta/sample_geotiff.tif");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", atlanta.toString(), "--model",
                fixture().toString(), "-o", tmp.resolve("x.geojson").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("has 1 band but the model"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.geojson")));
    }

    @Test
    void aFileThatIsNotAModelIsRefusedClearly() throws Exception {
        Path bad = tmp.resolve("bad.pt");
        Files.writeString(bad, "not a model");
        Files.copy(fixture().resolveSibling("tiny-seg.json"), tmp.resolve("bad.json"));
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", kampalaChip().toString(), "--model",
                bad.toString(), "-o", tmp.resolve("y.geojson").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("roofline: " + bad + ": "), r.err());
        assertTrue(r.err().contains("not a TorchScript model"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("bad.json", "bad.pt"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
