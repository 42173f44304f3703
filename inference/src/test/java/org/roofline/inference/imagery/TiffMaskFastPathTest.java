package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.ByteMask;

/**
 * The one-pass mask GeoTIFF reader gives the same pixels as the JDK's TIFF reader and the same georeferencing as
 * {@link GeoImage}, on the repository's real masks and on GeoTIFFs GDAL writes in every layout it takes (and those it
 * leaves to the general readers still read the same).
 */
class TiffMaskFastPathTest {

    @TempDir
    Path tmp;

    /** Band 0 of the JDK's decoding, row by row. */
    private static byte[] imageIoPixels(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) samples[i];
        }
        return out;
    }

    /** Checks one file; returns whether the fast path took it. */
    private static boolean check(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        TiffMaskFastPath.Layout layout = TiffMaskFastPath.parse(bytes);
        MaskImageReader reader = new MaskImageReader();
        MaskImageReader.GeoreferencedMask read = reader.readGeoreferenced(file);
        Georeferencing expected;
        try (GeoImage image = GeoImage.open(file)) {
            expected = image.georef();
        }
        assertEquals(expected, read.georef(), file + ": georeferencing");
        assertEquals(BitMask.copyOf(reader.read(file)).countForeground(),
                BitMask.copyOf(read.mask()).countForeground(), file.toString());
        if (layout == null) {
            return false;
        }
        byte[] pixels = layout.decode(bytes);
        assertNotNull(pixels, file + ": the fast path parsed it but did not decode it");
        assertArrayEquals(imageIoPixels(file), pixels, file + ": pixels");
        assertInstanceOf(ByteMask.class, read.mask());
        return true;
    }

    @Test
    void realMasksReadAsTheGeneralReadersDo() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(GdalPython.sample("fair-kampala/binarymasks"))) {
            s.filter(p -> p.toString().endsWith(".tif")).sorted().limit(40).forEach(files::add);
        }
        files.add(GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif"));
        int fast = 0;
        for (Path f : files) {
            if (check(f)) {
                fast++;
            }
        }
        assertTrue(fast >= files.size() - 1, fast + " of " + files.size() + " took the fast path");
    }

    @Test
    void gdalLayoutsReadAsTheGeneralReadersDo() throws Exception {
        GdalPython.assumeGdal();
        Path src = GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif");
        String script = String.join("\n",
                "import sys",
                "from osgeo import gdal",
                "gdal.UseExceptions()",
                "src, out = sys.argv[1], sys.argv[2]",
                "T = lambda name, **kw: gdal.Translate(out + '/' + name, src, **kw)",
                "T('deflate.tif', creationOptions=['COMPRESS=DEFLATE'])",
                "T('deflate-pred.tif', creationOptions=['COMPRESS=DEFLATE', 'PREDICTOR=2', 'BLOCKYSIZE=7'])",
                "T('tiled.tif', creationOptions=['TILED=YES', 'COMPRESS=DEFLATE', 'BLOCKXSIZE=256', 'BLOCKYSIZE=128'])",
                "T('plain.tif')",
                "T('utm.tif', creationOptions=['COMPRESS=DEFLATE'], outputSRS='EPSG:32636',",
                "  outputBounds=[450000, 40000, 450300, 39700])",
                "T('lzw.tif', creationOptions=['COMPRESS=LZW'])",
                "T('point.tif', creationOptions=['COMPRESS=DEFLATE'], metadataOptions=['AREA_OR_POINT=Point'])",
                "T('bigendian.tif', creationOptions=['COMPRESS=DEFLATE', 'ENDIANNESS=BIG'])",
                "T('nogeo.tif', creationOptions=['COMPRESS=DEFLATE', 'PROFILE=BASELINE'], outputSRS=None)",
                "print('ok')");
        assertEquals("ok", GdalPython.run(script, src.toString(), tmp.toString()).strip());
        for (String name : new String[] {"deflate.tif", "deflate-pred.tif", "tiled.tif", "plain.tif", "utm.tif",
                "bigendian.tif", "nogeo.tif"}) {
            assertTrue(check(tmp.resolve(name)), name + " takes the fast path");
        }
        // LZW is left to the JDK's decoder; a PixelIsPoint georeferencing to Apache SIS
        assertTrue(!check(tmp.resolve("lzw.tif")));
        check(tmp.resolve("point.tif"));
        assertTrue(new MaskImageReader().readGeoreferenced(tmp.resolve("utm.tif")).georef().isGeoreferenced());
    }

    @Test
    void truncatedDataIsLeftToTheGeneralReader() throws Exception {
        byte[] full = Files.readAllBytes(GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif"));
        TiffMaskFastPath.Layout layout = TiffMaskFastPath.parse(full);
        assertNotNull(layout);
        for (int cut : new int[] {full.length / 2, full.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            TiffMaskFastPath.Layout l = TiffMaskFastPath.parse(part);
            assertNull(l == null ? null : l.decode(part), "cut at " + cut);
        }
    }
}
