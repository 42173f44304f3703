package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;

/** {@code roofline bench formats} with a few synthetic footprints, one round, on the real Boulder Shapefile. */
class BenchFormatsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsEveryStageAndWritesReadableFiles() throws Exception {
        int count = 37;
        ConvertCommandTest.Run run = ConvertCommandTest.run("bench", "formats", "--count", "" + count,
                "--repeat", "1", "--warmup", "0", "--out", tmp.toString(),
                "--boulder", ConvertCommandTest.boulder().toString());
        assertEquals(0, run.exit(), run.err() + run.out());
        for (String stage : List.of("boulder-read-shp", "boulder-write-gpkg", "boulder-write-geojson",
                "boulder-write-shp", "synthetic-generate", "synthetic-write-gpkg", "synthetic-write-geojson",
                "synthetic-write-shp", "synthetic-read-gpkg")) {
            assertTrue(run.out().lines().anyMatch(l -> l.matches("  " + stage + " +[0-9.]+ s +[0-9]+ features/s.*")),
                    stage + " missing in:\n" + run.out());
        }
        assertTrue(run.out().contains("reprojected from EPSG:32616 to WGS 84"), run.out());

        for (String ext : List.of("gpkg", "geojson", "shp")) {
            VectorLayer boulder = VectorIo.read(tmp.resolve("boulder." + ext));
            assertEquals(13_491, boulder.features().size(), ext);
            VectorLayer synthetic = VectorIo.read(tmp.resolve("footprints." + ext));
            assertEquals(count, synthetic.features().size(), ext);
            assertEquals(ext.equals("geojson") ? Crs.WGS84 : Crs.epsg(32616), synthetic.crs(), ext);
            assertEquals(count, FootprintLayers.fromLayer(synthetic).footprints().size(), ext);
        }
        // in UTM zone 16N near the Atlanta origin, east and south of it
        VectorLayer gpkg = VectorIo.read(tmp.resolve("footprints.gpkg"));
        var env = gpkg.features().get(0).geometry().getEnvelopeInternal();
        assertTrue(env.getMinX() > 733_600 && env.getMaxY() < 3_725_100 && env.getMaxX() < 735_000, env.toString());
        assertTrue(Files.size(tmp.resolve("footprints.dbf")) > 0);
    }

    @Test
    void generatesExactlyTheCountAcrossScenes() {
        VectorLayer layer = BenchFormatsCommand.generate(BenchFormatsCommand.SCENE_BUILDINGS + 3, Crs.epsg(32616));
        assertEquals(BenchFormatsCommand.SCENE_BUILDINGS + 3, layer.features().size());
        assertEquals(FootprintLayers.FIELDS, layer.fields());
    }
}
