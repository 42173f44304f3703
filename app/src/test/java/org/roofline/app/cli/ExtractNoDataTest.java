package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;

/**
 * Nodata in real GeoTIFFs written by GDAL: tiles that are all nodata are skipped (never shown to the model), and an
 * image with no data at all is one clear error with nothing written.
 */
class ExtractNoDataTest {

    @TempDir
    Path tmp;

    /** Writes a 3-band UTM GeoTIFF with nodata 0: random pixels, and zeros (nodata) left of column {@code dataFrom}. */
    private Path geotiff(String name, int size, int dataFrom) throws Exception {
        boolean gdal = Files.isExecutable(Path.of("/usr/bin/python3"));
        Assumptions.assumeTrue(gdal || System.getenv("CI") != null, "python3-gdal is needed to write the GeoTIFF");
        Path file = tmp.resolve(name);
        ConvertCommandTest.gdal(String.join("\n",
                "import sys",
                "import numpy as np",
                "from osgeo import gdal, osr",
                "size, data_from = " + size + ", " + dataFrom,
                "ds = gdal.GetDriverByName('GTiff').Create(sys.argv[1], size, size, 3, gdal.GDT_Byte)",
                "ds.SetGeoTransform([733600, 0.3, 0, 3725100, 0, -0.3])",
                "srs = osr.SpatialReference(); srs.ImportFromEPSG(32616); ds.SetProjection(srs.ExportToWkt())",
                "rng = np.random.default_rng(1)",
                "for b in range(3):",
                "    a = rng.integers(1, 255, (size, size), dtype=np.uint8)",
                "    a[:, :data_from] = 0",
                "    band = ds.GetRasterBand(b + 1); band.WriteArray(a); band.SetNoDataValue(0)",
                "ds = None",
                "print('ok')"), file);
        return file;
    }

    @Test
    void tilesThatAreAllNodataAreSkipped() throws Exception {
        Path image = geotiff("half.tif", 1024, 512);
        Path out = tmp.resolve("half.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", image.toString(), "-o", out.toString(),
                "--device", "cpu");
        assertEquals(0, r.exit(), r.err());
        // 5 x 5 tiles of 256 px every 224 px: the first two columns lie wholly left of x = 512
        assertTrue(r.out().matches("(?s)extract: \\d+ buildings? from 25 tiles \\(10 skipped as nodata, 0 failed\\).*"),
                r.out());
        VectorLayer layer = VectorIo.read(out);
        double leftOfData = 733600 + 512 * 0.3;
        for (VectorFeature f : layer.features()) {
            assertTrue(f.geometry().getEnvelopeInternal().getMaxX() > leftOfData - 1,
                    "no building inside the nodata half: " + f.geometry());
        }
    }

    @Test
    void anImageWithNoDataAtAllIsOneClearError() throws Exception {
        Path image = geotiff("empty.tif", 300, 300);
        Path out = tmp.resolve("empty.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("extract", image.toString(), "-o", out.toString(),
                "--device", "cpu");
        assertEquals(1, r.exit(), r.out());
        assertEquals("roofline: " + image + ": has no data to extract from: all 4 tiles are nodata; nothing written",
                r.err().strip().lines().reduce((a, b) -> b).orElse(""));
        assertFalse(Files.exists(out));
    }
}
