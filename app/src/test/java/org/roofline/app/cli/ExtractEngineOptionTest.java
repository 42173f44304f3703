package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract --engine}: the app does not carry the Spark engine (module roofline-scale), so here, without it,
 * {@code --engine spark} says in one line how to get it; the local engine takes one image.
 */
class ExtractEngineOptionTest {

    @TempDir
    Path tmp;

    private static Path tile(String name) {
        return ExtractCommandTest.root().resolve("resources/samples/fair-banepa/oam/" + name);
    }

    @Test
    void sparkWithoutTheScaleModuleSaysHowToGetIt() {
        Path out = tmp.resolve("x.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", "--engine", "spark",
                tile("OAM-386690-220241-19.tif").toString(), tile("OAM-386691-220241-19.tif").toString(), "--out",
                out.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("roofline: --engine spark: the Spark engine is not on the class path")
                && r.err().contains("roofline-spark"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void theLocalEngineTakesOneImage() {
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", tile("OAM-386690-220241-19.tif").toString(),
                tile("OAM-386691-220241-19.tif").toString(), "--out", tmp.resolve("x.gpkg").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("the local engine takes one image"), r.err());
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", "--engine", "flink",
                tile("OAM-386690-220241-19.tif").toString(), "--out", tmp.resolve("x.gpkg").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--engine") && r.err().contains("flink"), r.err());
    }

    /** The app (and so the installer, built from app/target) carries no Spark: it is not on the app's class path. */
    @Test
    void theAppCarriesNoSpark() {
        org.junit.jupiter.api.Assertions.assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.spark.SparkContext"));
        assertTrue(org.roofline.inference.engine.ExtractionEngines.find("spark").isEmpty());
    }
}
