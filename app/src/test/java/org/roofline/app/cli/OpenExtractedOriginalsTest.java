package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.session.FootprintFile;
import org.roofline.geometry.footprint.Footprint;

/**
 * {@code extract --keep-originals}: the GeoPackage holds the regularized footprints and, in table
 * {@code original_outlines}, each one's traced outline under the same id; the footprints match a plain extract's.
 * What {@code open --footprints} reads (tested with the session in {@link OpenSessionTest}).
 */
class OpenExtractedOriginalsTest {

    @TempDir
    Path tmp;

    @Test
    void extractKeepsTheOutlinesBeforeRegularization() throws Exception {
        Path image = ExtractCommandTest.root().resolve("resources/samples/fair-banepa/oam/OAM-386691-220242-19.tif");
        Path kept = tmp.resolve("kept.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", image.toString(), "--out", kept.toString(),
                "--keep-originals");
        assertEquals(0, r.exit(), r.err());
        Path plain = tmp.resolve("plain.gpkg");
        ConvertCommandTest.Run p = ConvertCommandTest.run("extract", image.toString(), "--out", plain.toString());
        assertEquals(0, p.exit(), p.err());

        FootprintFile withOriginals = FootprintFile.read(kept, null);
        FootprintFile without = FootprintFile.read(plain, null);
        int n = withOriginals.footprints().size();
        assertTrue(n > 5, "footprints: " + n);
        assertEquals(withOriginals.footprints().stream().map(Footprint::id).collect(Collectors.toSet()),
                withOriginals.originals().keySet(), "one outline per footprint, same ids");
        assertEquals(0, without.originals().size(), "a plain extract has no outlines table");

        int tracedVertices = 0;
        int regularVertices = 0;
        for (Footprint f : withOriginals.footprints()) {
            Polygon o = withOriginals.originals().get(f.id());
            double iou = f.polygon().intersection(o).getArea() / f.polygon().union(o).getArea();
            assertTrue(iou > 0.5, "footprint " + f.id() + " vs its outline: IoU " + iou);
            tracedVertices += o.getNumPoints();
            regularVertices += f.polygon().getNumPoints();
            assertTrue(f.polygon().isValid(), "footprint " + f.id());
        }
        assertTrue(tracedVertices > 2 * regularVertices, "traced " + tracedVertices + " vs regularized "
                + regularVertices + " vertices");
        // regularizing after the merge instead of per block changes little
        int m = without.footprints().size();
        assertTrue(Math.abs(n - m) <= Math.max(1, m / 10), n + " vs " + m + " footprints");
        double area = withOriginals.footprints().stream().mapToDouble(f -> f.polygon().getArea()).sum();
        double plainArea = without.footprints().stream().mapToDouble(f -> f.polygon().getArea()).sum();
        assertEquals(plainArea, area, plainArea * 0.05, "total area");

        Path ogr = Path.of("/usr/bin/ogrinfo");
        if (Files.isExecutable(ogr)) {
            Process o = new ProcessBuilder(ogr.toString(), "-ro", "-so", kept.toString(), "original_outlines")
                    .redirectErrorStream(true).start();
            String out = new String(o.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, o.waitFor(), out);
            assertTrue(out.contains("Feature Count: " + n), out);
        }
        try (var left = Files.list(tmp)) {
            assertEquals(2, left.count(), "no temporary file stays behind");
        }
    }

    @Test
    void keepOriginalsNeedsAGeoPackage() {
        Path image = ExtractCommandTest.root().resolve("resources/samples/fair-banepa/oam/OAM-386691-220242-19.tif");
        Path out = tmp.resolve("x.geojson");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", image.toString(), "--out", out.toString(),
                "--keep-originals");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--keep-originals") && r.err().contains("GeoPackage"), r.err());
        assertFalse(Files.exists(out));
    }
}
