package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoTIFF layouts and compressions, PNG and JPEG with sidecars, written by GDAL from the real samples, read with
 * {@link GeoImage} and compared with GDAL's reading of the same files.
 */
class GeoImageFormatsTest {

    @TempDir
    static Path dir;

    /** GDAL-written files: name -> whether GDAL's CRS must be ours too. */
    private static final String GENERATE = String.join("\n",
            "import sys",
            "from osgeo import gdal, osr",
            "gdal.UseExceptions()",
            "chip, atl, mask, out = sys.argv[1:5]",
            "def T(name, src, **kw):",
            "    gdal.Translate(out + '/' + name, src, **kw)",
            "T('deflate_tiled_pred.tif', chip, creationOptions=['TILED=YES', 'BLOCKXSIZE=64', 'BLOCKYSIZE=48',"
                    + " 'COMPRESS=DEFLATE', 'PREDICTOR=2'])",
            "T('lzw16_strips.tif', atl, creationOptions=['COMPRESS=LZW', 'PREDICTOR=2', 'BLOCKYSIZE=7'])",
            "T('bigtiff16_tiled.tif', atl, creationOptions=['BIGTIFF=YES', 'TILED=YES', 'BLOCKXSIZE=128',"
                    + " 'BLOCKYSIZE=128', 'COMPRESS=DEFLATE'])",
            "T('bigtiff_strips.tif', chip, creationOptions=['BIGTIFF=YES', 'COMPRESS=LZW'])",
            "T('band_interleaved.tif', chip, creationOptions=['INTERLEAVE=BAND', 'TILED=YES', 'BLOCKXSIZE=64',"
                    + " 'BLOCKYSIZE=32', 'COMPRESS=LZW'])",
            "T('packbits.tif', chip, creationOptions=['COMPRESS=PACKBITS'])",
            "T('jpeg_ycbcr_tiled.tif', chip, creationOptions=['TILED=YES', 'BLOCKXSIZE=64', 'BLOCKYSIZE=64',"
                    + " 'COMPRESS=JPEG', 'PHOTOMETRIC=YCBCR'])",
            "T('jpeg_rgb_strips.tif', chip, creationOptions=['COMPRESS=JPEG', 'PHOTOMETRIC=RGB'])",
            "T('jpeg_gray.tif', atl, outputType=gdal.GDT_Byte, scaleParams=[[0, 7000, 0, 255]],"
                    + " creationOptions=['COMPRESS=JPEG'])",
            "T('rgba.tif', chip, bandList=[1, 2, 3, 1], creationOptions=['ALPHA=YES', 'COMPRESS=DEFLATE'])",
            "T('int16.tif', atl, outputType=gdal.GDT_Int16, scaleParams=[[0, 7000, -3500, 3500]], noData=-3500)",
            "T('float32_nan.tif', atl, outputType=gdal.GDT_Float32, scaleParams=[[0, 7000, 0, 1]], noData='nan',"
                    + " creationOptions=['TILED=YES', 'COMPRESS=DEFLATE'])",
            "T('float64.tif', atl, outputType=gdal.GDT_Float64, creationOptions=['COMPRESS=LZW'])",
            "T('int32.tif', atl, outputType=gdal.GDT_Int32, scaleParams=[[0, 7000, -100000, 100000]])",
            "T('bits1.tif', mask, scaleParams=[[0, 255, 0, 1]], creationOptions=['NBITS=1'])",
            "T('pixel_is_point.tif', chip, metadataOptions=['AREA_OR_POINT=Point'])",
            "gdal.Warp(out + '/epsg3857.tif', chip, dstSRS='EPSG:3857')",
            "T('epsg2056.tif', mask, outputSRS='EPSG:2056', outputBounds=[2600000, 1200100, 2600090, 1200010])",
            "T('epsg2231_ftus.tif', mask, outputSRS='EPSG:2231', outputBounds=[3000000, 1700300, 3000300, 1700000])",
            "ds = gdal.GetDriverByName('GTiff').CreateCopy(out + '/rotated.tif', gdal.Open(mask))",
            "ds.SetGeoTransform([733601.0, 0.4, 0.3, 3725139.0, 0.3, -0.4])",
            "s = osr.SpatialReference(); s.ImportFromEPSG(32616); ds.SetSpatialRef(s); ds = None",
            "T('png_pam.png', chip, format='PNG')",
            "T('png_wld.png', chip, format='PNG', creationOptions=['WORLDFILE=YES'])",
            "T('jpg_wld.jpg', chip, format='JPEG', creationOptions=['WORLDFILE=YES'])",
            "T('atl16.png', atl, format='PNG')",
            "T('baseline.tif', chip, creationOptions=['PROFILE=BASELINE', 'TFW=YES'])",
            "print('ok')");

    private static final List<String> TIFFS = List.of("deflate_tiled_pred.tif", "lzw16_strips.tif",
            "bigtiff16_tiled.tif", "bigtiff_strips.tif", "band_interleaved.tif", "packbits.tif", "jpeg_ycbcr_tiled.tif",
            "jpeg_rgb_strips.tif", "jpeg_gray.tif", "rgba.tif", "int16.tif", "float32_nan.tif", "float64.tif",
            "int32.tif", "bits1.tif", "pixel_is_point.tif", "epsg3857.tif", "epsg2056.tif", "epsg2231_ftus.tif",
            "rotated.tif");

    @BeforeAll
    static void generate() throws Exception {
        if (!GdalPython.available()) {
            return; // each test says so
        }
        String out = GdalPython.run(GENERATE, GdalPython.sample("fair-kampala/chips/OAM-309612-261632-19.tif").toString(),
                GdalPython.sample("spacenet-atlanta/sample_geotiff.tif").toString(),
                GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif").toString(), dir.toString());
        assertEquals("ok", out.strip());
    }

    /** Compares header, georeferencing, CRS and the standard windows of each file with GDAL. */
    private static void assertLikeGdal(List<Path> files, boolean checkCrs) throws Exception {
        Map<Path, GdalReference.Info> gdal = GdalReference.info(files);
        Map<Path, List<GdalReference.Window>> windows = new LinkedHashMap<>();
        for (GdalReference.Info g : gdal.values()) {
            windows.put(g.file(), GdalReference.standardWindows(g.width(), g.height()));
        }
        List<List<double[]>> expected = GdalReference.samples(windows, dir);
        int i = 0;
        for (Path f : files) {
            try (GeoImage image = GeoImage.open(f)) {
                GdalReference.assertHeader(image, gdal.get(f), checkCrs);
                GdalReference.assertSamples(image, windows.get(f), expected.get(i), 0);
            }
            i++;
        }
    }

    @Test
    void tiffLayoutsAndCompressions() throws Exception {
        GdalPython.assumeGdal();
        assertLikeGdal(TIFFS.stream().map(dir::resolve).toList(), true);
    }

    @Test
    void formatNamesAndDecoders() throws Exception {
        GdalPython.assumeGdal();
        try (GeoImage big = GeoImage.open(dir.resolve("bigtiff16_tiled.tif"));
             GeoImage jpeg = GeoImage.open(dir.resolve("jpeg_ycbcr_tiled.tif"));
             GeoImage planar = GeoImage.open(dir.resolve("band_interleaved.tif"))) {
            assertEquals("BigTIFF GeoTIFF", big.format());
            assertEquals("DEFLATE, tiled 128 x 128", big.layout().orElseThrow());
            assertEquals("JPEG, tiled 64 x 64, YCbCr", jpeg.layout().orElseThrow());
            assertTrue(planar.layout().orElseThrow().endsWith("band-interleaved"), planar.layout().orElseThrow());
        }
    }

    @Test
    void ftUsResolutionInMetres() throws Exception {
        GdalPython.assumeGdal();
        Path f = dir.resolve("epsg2231_ftus.tif");
        GdalReference.Info g = GdalReference.info(List.of(f)).get(f);
        try (GeoImage image = GeoImage.open(f)) {
            Georeferencing.PixelSize px = image.info().groundPixelSize().orElseThrow();
            // GDAL: pixel size in US survey feet times the metres per unit of the CRS
            assertEquals(g.gt()[1] * g.metresPerUnit(), px.x(), 1e-9);
            assertEquals(-g.gt()[5] * g.metresPerUnit(), px.y(), 1e-9);
            assertTrue(g.metresPerUnit() > 0.3048 && g.metresPerUnit() < 0.30481, "US survey foot");
        }
    }

    @Test
    void pngAndJpegWithGdalSidecars() throws Exception {
        GdalPython.assumeGdal();
        List<Path> files = List.of(dir.resolve("png_pam.png"), dir.resolve("png_wld.png"), dir.resolve("jpg_wld.jpg"),
                dir.resolve("atl16.png"));
        assertLikeGdal(files, true);
        try (GeoImage pam = GeoImage.open(files.get(0));
             GeoImage wld = GeoImage.open(files.get(1));
             GeoImage jpg = GeoImage.open(files.get(2));
             GeoImage atl = GeoImage.open(files.get(3))) {
            assertEquals(Georeferencing.Source.PAM_SIDECAR, pam.georef().source());
            // GDAL wrote the transform to the world file and the SRS to the PAM sidecar
            assertEquals(Georeferencing.Source.WORLD_FILE, wld.georef().source());
            assertEquals(dir.resolve("png_wld.wld"), wld.georeferencingFile().orElseThrow());
            assertEquals(4326, wld.georef().crs().epsgCode().orElseThrow());
            assertEquals(Georeferencing.Source.WORLD_FILE, jpg.georef().source());
            assertEquals("PNG", pam.format());
            assertEquals("JPEG", jpg.format());
            assertEquals(SampleType.USHORT, atl.info().type());
            assertEquals(0, atl.info().nodata().orElseThrow(), "no-data from the PNG's tRNS chunk, as GDAL reads it");
        }
    }

    /** A world file with every name GDAL tries, and a .prj in Esri's WKT for the CRS. */
    @Test
    void worldFileAndPrj() throws Exception {
        GdalPython.assumeGdal();
        Path src = dir.resolve("png_pam.png");
        String script = String.join("\n",
                "import sys",
                "from osgeo import gdal, osr",
                "gdal.UseExceptions()",
                "gt = gdal.Open(sys.argv[1]).GetGeoTransform()",
                "a, b, d, e = gt[1], gt[2], gt[4], gt[5]",
                "c = gt[0] + 0.5 * a + 0.5 * b",
                "f = gt[3] + 0.5 * d + 0.5 * e",
                "open(sys.argv[2], 'w').write('\\n'.join(repr(v) for v in (a, d, b, e, c, f)) + '\\n')",
                "s = osr.SpatialReference(); s.ImportFromEPSG(int(sys.argv[4])); s.MorphToESRI()",
                "open(sys.argv[3], 'w').write(s.ExportToWkt())",
                "print('ok')");
        String[][] cases = {{"w1.png", "w1.pgw"}, {"w2.png", "w2.pngw"}, {"w3.png", "w3.wld"}, {"w4.png", "w4.PGW"},
                {"w5.jpg", "w5.jgw"}, {"w6.tif", "w6.tfw"}, {"w7.tif", "w7.tifw"}};
        for (String[] c : cases) {
            Path image = dir.resolve(c[0]);
            if (c[0].endsWith(".png")) {
                Files.copy(src, image, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(dir.resolve(c[0].endsWith(".jpg") ? "jpg_wld.jpg" : "baseline.tif"), image,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Path prj = image.resolveSibling(c[0].substring(0, 2) + ".prj");
            assertEquals("ok", GdalPython.run(script, src.toString(), image.resolveSibling(c[1]).toString(),
                    prj.toString(), "32616").strip());
            // GDAL reads the world file (not the .prj: its PNG/JPEG/GTiff drivers take the CRS from PAM only)
            GdalReference.Info g = GdalReference.info(List.of(image)).get(image);
            try (GeoImage gi = GeoImage.open(image)) {
                assertEquals(Georeferencing.Source.WORLD_FILE, gi.georef().source(), c[1]);
                assertEquals(image.resolveSibling(c[1]), gi.georeferencingFile().orElseThrow());
                GdalReference.assertGeoTransform(g.gt(), gi.georef().transform().toGdal(), c[1]);
                assertEquals(32616, gi.georef().crs().epsgCode().orElseThrow(), "EPSG from the Esri .prj");
            }
            Files.delete(prj);
            try (GeoImage gi = GeoImage.open(image)) {
                assertNull(gi.georef().crs(), "a world file without .prj gives no CRS");
                assertTrue(gi.georef().isGeoreferenced());
            }
        }
    }

    /** For a TIFF without GeoTIFF keys: the PAM sidecar first, then the .tfw; GDAL agrees on each. */
    @Test
    void plainTiffWithPamAndTfw() throws Exception {
        GdalPython.assumeGdal();
        Path f = dir.resolve("plain.tif");
        Files.copy(dir.resolve("baseline.tif"), f, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("baseline.tif.aux.xml"), dir.resolve("plain.tif.aux.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        // a world file that disagrees with the sidecar: the sidecar wins
        Files.writeString(dir.resolve("plain.tfw"), "0.5\n0\n0\n-0.5\n1000.25\n2000.25\n");
        try (GeoImage image = GeoImage.open(f)) {
            assertEquals("TIFF", image.format());
            assertEquals(Georeferencing.Source.PAM_SIDECAR, image.georef().source());
            assertLikeGdal(List.of(f), true);
        }
        Files.delete(dir.resolve("plain.tif.aux.xml"));
        try (GeoImage image = GeoImage.open(f)) {
            assertEquals(Georeferencing.Source.WORLD_FILE, image.georef().source());
            assertEquals(new PixelToMap(1000, 0.5, 0, 2000.5, 0, -0.5), image.georef().transform());
            assertLikeGdal(List.of(f), true);
        }
    }

    /** GeoTIFF keys come before a PAM sidecar (GDAL's GeoTIFF driver prefers the sidecar unless told otherwise). */
    @Test
    void keysBeforePam() throws Exception {
        GdalPython.assumeGdal();
        Path f = dir.resolve("keys.tif");
        Files.copy(dir.resolve("packbits.tif"), f, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("keys.tif.aux.xml"), "<PAMDataset><GeoTransform>1, 2, 0, 3, 0, -2"
                + "</GeoTransform><SRS>EPSG:32616</SRS></PAMDataset>");
        String script = String.join("\n",
                "import sys",
                "from osgeo import gdal",
                "gdal.UseExceptions()",
                "gdal.SetConfigOption('GDAL_GEOREF_SOURCES', sys.argv[2])",
                "print(' '.join(repr(v) for v in gdal.Open(sys.argv[1]).GetGeoTransform()))");
        double[] internal = java.util.stream.Stream.of(GdalPython.run(script, f.toString(), "INTERNAL,PAM,WORLDFILE")
                .strip().split(" ")).mapToDouble(Double::parseDouble).toArray();
        double[] pam = java.util.stream.Stream.of(GdalPython.run(script, f.toString(), "PAM,INTERNAL,WORLDFILE")
                .strip().split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(2, pam[1], "GDAL's default order reads the sidecar");
        try (GeoImage image = GeoImage.open(f)) {
            assertEquals(Georeferencing.Source.GEOTIFF_KEYS, image.georef().source());
            GdalReference.assertGeoTransform(internal, image.georef().transform().toGdal(), f.toString());
            assertEquals(4326, image.georef().crs().epsgCode().orElseThrow(), "the CRS of the keys, not the sidecar's");
        }
    }

    @Test
    void unsupportedCompressionsSayHowToConvert() throws Exception {
        GdalPython.assumeGdal();
        String script = String.join("\n",
                "import sys",
                "from osgeo import gdal",
                "gdal.UseExceptions()",
                "src, out = sys.argv[1], sys.argv[2]",
                "for name, opts in [('zstd.tif', ['COMPRESS=ZSTD']), ('lerc.tif', ['COMPRESS=LERC']),",
                "                   ('webp.tif', ['COMPRESS=WEBP']), ('bigjpeg.tif', ['COMPRESS=JPEG', 'BIGTIFF=YES']),",
                "                   ('fpred.tif', ['COMPRESS=DEFLATE', 'PREDICTOR=3'])]:",
                "    try:",
                "        s = gdal.Open(src) if name != 'fpred.tif' else gdal.Translate('/vsimem/f.tif', src,"
                        + " outputType=gdal.GDT_Float32)",
                "        gdal.Translate(out + '/' + name, s, creationOptions=opts)",
                "        print(name)",
                "    except Exception:",
                "        pass");
        List<String> made = List.of(GdalPython.run(script,
                GdalPython.sample("fair-kampala/chips/OAM-309612-261632-19.tif").toString(), dir.toString())
                .strip().split("\n"));
        assertTrue(made.contains("bigjpeg.tif") && made.contains("fpred.tif"), made.toString());
        List<String> problems = new ArrayList<>();
        for (String name : made) {
            Path f = dir.resolve(name);
            try (GeoImage image = GeoImage.open(f)) { // the header is readable
                assertEquals(256, image.info().width());
                RooflineInputException e = assertThrows(RooflineInputException.class, () -> image.readAll(1), name);
                assertEquals(f, e.file());
                assertFalse(e.getMessage().contains("\n"));
                problems.add(e.problem());
                if (name.equals("zstd.tif")) {
                    assertTrue(e.problem().startsWith("TIFF compression ZSTD is not supported"), e.problem());
                }
                if (name.equals("bigjpeg.tif")) {
                    assertTrue(e.problem().startsWith("BigTIFF with JPEG"), e.problem());
                }
                if (name.equals("fpred.tif")) {
                    assertTrue(e.problem().startsWith("the TIFF floating-point predictor"), e.problem());
                }
            }
        }
        System.out.println("unsupported TIFF variants:\n  " + String.join("\n  ", problems));
    }
}
