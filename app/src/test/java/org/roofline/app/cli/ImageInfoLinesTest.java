package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The summary {@code roofline info} prints for an image holds the items it promises, with GDAL's values. */
class ImageInfoLinesTest {

    /** Width, height, bands, type of band 1, its no-data value and the EPSG code, as GDAL sees an image. */
    private static final String GDAL_INFO = String.join("\n",
            "import sys",
            "from osgeo import gdal",
            "gdal.UseExceptions()",
            "ds = gdal.Open(sys.argv[1])",
            "b = ds.GetRasterBand(1)",
            "srs = ds.GetSpatialRef()",
            "epsg = 'none'",
            "if srs is not None:",
            "    try:",
            "        srs.AutoIdentifyEPSG()",
            "    except Exception:",
            "        pass",
            "    epsg = srs.GetAuthorityCode(None) or 'none'",
            "nd = b.GetNoDataValue()",
            "print('\\t'.join([str(ds.RasterXSize), str(ds.RasterYSize), str(ds.RasterCount),",
            "    gdal.GetDataTypeName(b.DataType), 'none' if nd is None else repr(float(nd)), epsg]))");

    private static Path sample(String relative) {
        return ExtractCommandTest.root().resolve("resources/samples").resolve(relative);
    }

    @Test
    void describeLines() throws Exception {
        Assumptions.assumeTrue(ConvertCommandTest.gdalAvailable() || System.getenv("CI") != null,
                "python3-gdal is needed for GDAL's values");
        for (Path f : List.of(sample("spacenet-atlanta/sample_geotiff.tif"),
                sample("fair-banepa/oam/OAM-386690-220241-19.tif"),
                sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif"))) {
            String[] g = ConvertCommandTest.gdal(GDAL_INFO, f).split("\t", -1);
            List<String> lines = ImageInfoLines.describe(f).lines();
            String all = String.join("\n", lines);
            assertTrue(lines.stream().noneMatch(l -> l.contains("\n")));
            assertTrue(all.contains("Size:           " + g[0] + " x " + g[1] + " pixels"), all);
            assertTrue(all.contains("Bands:          " + g[2]), all);
            assertTrue(all.contains("Type:           " + g[3]), all);
            assertTrue(all.contains("NoData:         " + (g[4].equals("none") ? "none" : "0")), all);
            if (!g[5].equals("none")) {
                assertTrue(all.contains("(EPSG:" + g[5] + ")"), all);
                assertTrue(all.matches("(?s).*Resolution: +\\d+\\.\\d{3} x \\d+\\.\\d{3} m.*"), all);
            } else {
                assertTrue(all.contains("CRS:            none (pixel coordinates)"), all);
            }
            for (String key : List.of("File:", "Format:", "Extent:", "Pixel size:", "Resolution:",
                    "Georeferencing:")) {
                assertTrue(all.contains(key), key + " in " + all);
            }
        }
    }
}
