package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roofline.geometry.mask.UShortMask;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.ByteMask;
import org.roofline.geometry.mask.FloatMask;
import org.roofline.geometry.mask.Mask;

class MaskImageReaderTest {

    /** Counts foreground pixels with GDAL, applying the documented threshold semantics to band 1: argv = T, files. */
    private static final String GDAL_COUNT = String.join("\n",
            "import sys",
            "import numpy as np",
            "from osgeo import gdal",
            "gdal.UseExceptions()",
            "t = float(sys.argv[1])",
            "for f in sys.argv[2:]:",
            "    ds = gdal.Open(f)",
            "    a = ds.GetRasterBand(1).ReadAsArray()",
            "    if a.dtype.kind == 'f':",
            "        fg = a.astype(np.float64) >= t",
            "    elif int(a.max()) == 1:",
            "        fg = a >= 1",
            "    else:",
            "        nbits = ds.GetRasterBand(1).GetMetadataItem('NBITS', 'IMAGE_STRUCTURE')",
            "        rng = (1 << int(nbits)) - 1 if nbits else np.iinfo(a.dtype).max",
            "        fg = a.astype(np.float64) / float(rng) >= t",
            "    print(int(fg.sum()), ds.RasterXSize, ds.RasterYSize)");

    @TempDir
    Path tmp;

    private static long count(Mask mask) {
        return BitMask.copyOf(mask).countForeground();
    }

    /** The expected counts from GDAL, or null when python3-gdal is missing. */
    private static long[] gdalCounts(List<Path> files, double threshold) throws IOException {
        if (!GdalPython.available()) {
            GdalPython.failOnCi("python3 with osgeo.gdal"); // elsewhere: checked against ImageIO only
            return null;
        }
        String[] args = new String[files.size() + 1];
        args[0] = Double.toString(threshold);
        for (int i = 0; i < files.size(); i++) {
            args[i + 1] = files.get(i).toString();
        }
        String[] lines = GdalPython.run(GDAL_COUNT, args).strip().split("\n");
        assertEquals(files.size(), lines.length);
        long[] counts = new long[files.size()];
        for (int i = 0; i < counts.length; i++) {
            String[] out = lines[i].split(" ");
            Path f = files.get(i);
            MaskImageReader.ImageSize size = assertDoesNotThrow(() -> MaskImageReader.size(f));
            assertEquals(size.width(), Integer.parseInt(out[1]), "GDAL width");
            assertEquals(size.height(), Integer.parseInt(out[2]), "GDAL height");
            counts[i] = Long.parseLong(out[0]);
        }
        return counts;
    }

    /**
     * The expected count by a plain per-pixel loop over ImageIO's own decoded raster (getSampleDouble), applying the
     * documented semantics: independent of the reader's stride arithmetic and packed-bit conversion.
     */
    private static long imageIoCount(Path file, double threshold) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        Raster r = image.getRaster();
        int type = r.getDataBuffer().getDataType();
        boolean floating = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE;
        double max = 0;
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                max = Math.max(max, r.getSampleDouble(x, y, 0));
            }
        }
        double range = Math.pow(2, r.getSampleModel().getSampleSize(0)) - 1;
        long n = 0;
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                double v = r.getSampleDouble(x, y, 0);
                boolean fg = floating ? v >= threshold : max == 1 ? v >= 1 : v / range >= threshold;
                if (fg) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Checks the reader's foreground counts against ImageIO's raster and GDAL (when installed). */
    private static void checkCounts(List<Path> files, double threshold) throws Exception {
        long[] gdal = gdalCounts(files, threshold);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long actual = count(new MaskImageReader(threshold).read(file));
            assertEquals(imageIoCount(file, threshold), actual, file + " at " + threshold + " vs ImageIO's raster");
            if (gdal != null) {
                assertEquals(gdal[i], actual, file + " at " + threshold + " vs GDAL");
            }
        }
    }

    private static void checkCounts(Path file, double threshold) throws Exception {
        checkCounts(List.of(file), threshold);
    }

    // --- real files

    @Test
    void kampalaMasksAreZeroOneMasks() throws Exception {
        Path dir = GdalPython.resources().resolve("samples/fair-kampala/binarymasks");
        assumeTrue(Files.isDirectory(dir), "no sample data at " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        assertEquals(13, files.size());
        long total = 0;
        for (Path f : files) {
            Mask mask = new MaskImageReader().read(f);
            assertInstanceOf(ByteMask.class, mask, "8-bit TIFF is wrapped, not copied");
            assertEquals(256, mask.width());
            assertEquals(256, mask.height());
            // 0/1 masks: the threshold does not matter
            assertEquals(count(new MaskImageReader(0.01).read(f)), count(new MaskImageReader(1).read(f)));
            total += count(mask);
        }
        assertTrue(total > 0);
        checkCounts(files, 0.5);
        checkCounts(files, 1.0);
    }

    @Test
    void emptyKampalaMaskIsEmptyNotAnError() throws Exception {
        Path f = GdalPython.sample("fair-kampala/binarymasks/OAM-1238448-1046530-21.mask.tif");
        assertEquals(0, count(new MaskImageReader().read(f)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.5, 0.75, 1.0})
    void atlantaMaskIsZero255(double threshold) throws Exception {
        Path f = GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif");
        checkCounts(f, threshold);
        assertTrue(count(new MaskImageReader(threshold).read(f)) > 0);
    }

    @Test
    void sixteenBitTiffIsScaledByItsFullRange() throws Exception {
        Path f = GdalPython.sample("spacenet-atlanta/sample_geotiff.tif");
        Mask mask = new MaskImageReader(0.05).read(f);
        assertInstanceOf(UShortMask.class, mask);
        checkCounts(f, 0.05);
        checkCounts(f, 0.5);
        long some = count(mask);
        assertTrue(some > 0 && some < 900L * 900, "threshold 0.05 splits this image: " + some);
    }

    /** GDAL-written encodings of the Atlanta mask: compressions, tiling, predictor, float, 1-bit, PNG. */
    @Test
    void gdalWrittenVariants() throws Exception {
        GdalPython.assumeGdal();
        Path src = GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif");
        String script = String.join("\n",
                "import sys",
                "from osgeo import gdal",
                "gdal.UseExceptions()",
                "src, out = sys.argv[1], sys.argv[2]",
                "T = lambda name, **kw: gdal.Translate(out + '/' + name, src, **kw)",
                "T('lzw.tif', creationOptions=['COMPRESS=LZW'])",
                "T('tiled.tif', creationOptions=['TILED=YES', 'COMPRESS=DEFLATE', 'PREDICTOR=2', 'BLOCKXSIZE=256', 'BLOCKYSIZE=256'])",
                "T('packbits.tif', creationOptions=['COMPRESS=PACKBITS', 'INTERLEAVE=BAND'])",
                "T('float.tif', outputType=gdal.GDT_Float32, scaleParams=[[0, 255, 0, 1]])",
                "T('uint16.tif', outputType=gdal.GDT_UInt16, scaleParams=[[0, 255, 0, 65535]])",
                "T('bits.tif', scaleParams=[[0, 255, 0, 1]], creationOptions=['NBITS=1'])",
                "T('mask.png', format='PNG')",
                "try:",
                "    T('zstd.tif', creationOptions=['COMPRESS=ZSTD'])",
                "except Exception:",
                "    pass",
                "print('ok')");
        assertEquals("ok", GdalPython.run(script, src.toString(), tmp.toString()).strip());
        List<Path> files = Stream.of("lzw.tif", "tiled.tif", "packbits.tif", "float.tif", "uint16.tif", "bits.tif",
                "mask.png").map(tmp::resolve).toList();
        long expected = count(new MaskImageReader().read(src));
        for (Path f : files) {
            assertEquals(expected, count(new MaskImageReader().read(f)), f.toString());
        }
        checkCounts(files, 0.5);
        checkCounts(files, 0.2);
        Path zstd = tmp.resolve("zstd.tif");
        if (Files.exists(zstd)) {
            assertTrue(bad(zstd).problem().startsWith("TIFF compression ZSTD is not supported"), bad(zstd).problem());
        }
    }

    // --- generated files of other layouts

    private Path write(BufferedImage image, String name, String format) throws IOException {
        Path f = tmp.resolve(name);
        assertTrue(ImageIO.write(image, format, f.toFile()), "no " + format + " writer for " + name);
        return f;
    }

    private static BufferedImage gradient(int type, int w, int h, int maxValue) {
        BufferedImage im = new BufferedImage(w, h, type);
        WritableRaster r = im.getRaster();
        Random rnd = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (int) ((long) maxValue * ((x + y * 7L) % 101) / 100);
                if (rnd.nextInt(10) == 0) {
                    v = rnd.nextInt(maxValue + 1);
                }
                for (int b = 0; b < r.getNumBands(); b++) {
                    r.setSample(x, y, b, b == 0 ? v : maxValue - v);
                }
            }
        }
        return im;
    }

    @Test
    void eightBitPng() throws Exception {
        Path f = write(gradient(BufferedImage.TYPE_BYTE_GRAY, 131, 77, 255), "gray8.png", "png");
        for (double t : new double[] {0.01, 0.2, 0.5, 0.5019607843137255, 0.99, 1}) {
            checkCounts(f, t);
        }
        // 128/255 >= 0.5 but 127/255 < 0.5
        BufferedImage two = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        two.getRaster().setSample(0, 0, 0, 127);
        two.getRaster().setSample(1, 0, 0, 128);
        BitMask m = BitMask.copyOf(new MaskImageReader().read(write(two, "two.png", "png")));
        assertFalse(m.get(0, 0));
        assertTrue(m.get(1, 0));
    }

    @Test
    void sixteenBitPng() throws Exception {
        Path f = write(gradient(BufferedImage.TYPE_USHORT_GRAY, 90, 64, 65535), "gray16.png", "png");
        assertInstanceOf(UShortMask.class, new MaskImageReader().read(f));
        for (double t : new double[] {0.01, 0.5, 1}) {
            checkCounts(f, t);
        }
    }

    @Test
    void oneBitPngIsAZeroOneMask() throws Exception {
        Path f = write(gradient(BufferedImage.TYPE_BYTE_BINARY, 100, 37, 1), "bits.png", "png");
        for (double t : new double[] {0.01, 0.5, 1}) {
            checkCounts(f, t);
        }
        assertTrue(count(new MaskImageReader().read(f)) > 0);
    }

    @Test
    void rgbPngUsesBandZero() throws Exception {
        Path f = write(gradient(BufferedImage.TYPE_INT_RGB, 70, 50, 255), "rgb.png", "png");
        checkCounts(f, 0.5);
        checkCounts(f, 0.9);
    }

    @Test
    void floatTiffIsAProbabilityMask() throws Exception {
        int w = 67;
        int h = 45;
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        Random rnd = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, rnd.nextInt(20) == 0 ? Float.NaN : rnd.nextFloat());
            }
        }
        r.setSample(0, 0, 0, 0.3f);
        r.setSample(1, 0, 0, Math.nextDown(0.3f));
        r.setSample(2, 0, 0, 1f);
        Path f = write(new BufferedImage(cm, r, false, null), "prob.tif", "tiff");
        assertInstanceOf(FloatMask.class, new MaskImageReader().read(f));
        for (double t : new double[] {0.3, 0.5, 0.999, 1}) {
            checkCounts(f, t);
        }
        BitMask m = BitMask.copyOf(new MaskImageReader(0.3).read(f));
        assertEquals((double) 0.3f >= 0.3, m.get(0, 0));
        assertFalse(m.get(1, 0));
        assertTrue(m.get(2, 0));
    }

    @Test
    void wrapsStridedRastersInPlace() {
        // TYPE_3BYTE_BGR: pixel stride 3, and band 0 (red) is the third byte of each pixel; a child raster adds a
        // translation
        BufferedImage bgr = gradient(BufferedImage.TYPE_3BYTE_BGR, 80, 30, 255);
        Raster child = bgr.getRaster().createChild(5, 3, 60, 20, 0, 0, null);
        Mask mask = new MaskImageReader().wrap(child);
        assertInstanceOf(ByteMask.class, mask);
        BitMask bits = BitMask.copyOf(mask);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 60; x++) {
                assertEquals(bgr.getRaster().getSample(x + 5, y + 3, 0) >= 128, bits.get(x, y), x + "," + y);
            }
        }
        // two-band float: strided, converted
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_FLOAT);
        WritableRaster fr = cm.createCompatibleWritableRaster(70, 3);
        for (int x = 0; x < 70; x++) {
            fr.setSample(x, 1, 0, x / 69f);
            fr.setSample(x, 1, 1, 1 - x / 69f);
        }
        BitMask fm = BitMask.copyOf(new MaskImageReader(0.5).wrap(fr));
        for (int x = 0; x < 70; x++) {
            assertEquals(x / 69f >= 0.5, fm.get(x, 1));
            assertFalse(fm.get(x, 0));
        }
    }

    @Test
    void minForegroundMatchesTheDivision() {
        for (double t : new double[] {1e-9, 0.001, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.999, 1}) {
            MaskImageReader r = new MaskImageReader(t);
            for (long range : new long[] {3, 15, 255, 65535}) {
                long v = r.minForeground(range, range);
                assertTrue((double) v / range >= t, t + " " + range);
                assertTrue(v == 1 || (double) (v - 1) / range < t, t + " " + range);
            }
            assertEquals(1, r.minForeground(1, 255));
        }
    }

    @Test
    void rejectsBadThresholds() {
        for (double t : new double[] {0, -0.1, 1.0001, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new MaskImageReader(t));
        }
    }

    // --- bad input

    private static RooflineInputException bad(Path file) {
        RooflineInputException e = assertThrows(RooflineInputException.class, () -> new MaskImageReader().read(file),
                file.toString());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.problem().isBlank());
        return e;
    }

    @Test
    void missingFile() {
        assertEquals("no such file", bad(tmp.resolve("missing.png")).problem());
    }

    @Test
    void directory() {
        assertTrue(bad(tmp).problem().contains("directory"));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = tmp.resolve("empty.tif");
        Files.write(f, new byte[0]);
        assertTrue(bad(f).problem().contains("empty file"));
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[1000];
        new Random(1).nextBytes(junk);
        junk[0] = 'x';
        Path f = tmp.resolve("junk.png");
        Files.write(f, junk);
        assertTrue(bad(f).problem().startsWith("not an image"));
        Path text = tmp.resolve("notes.tif");
        Files.writeString(text, "hello, this is text\n");
        assertTrue(bad(text).problem().startsWith("not an image"));
    }

    @Test
    void truncatedTiff() throws IOException {
        byte[] full = Files.readAllBytes(GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif"));
        for (int cut : new int[] {8, 100, 300, 20_000, full.length / 2, full.length - 1}) {
            Path f = tmp.resolve("cut" + cut + ".tif");
            Files.write(f, Arrays.copyOf(full, cut));
            bad(f);
        }
        byte[] kampala = Files.readAllBytes(GdalPython.sample("fair-kampala/binarymasks/OAM-619224-523267-20.mask.tif"));
        Path f = tmp.resolve("kampala-cut.tif");
        Files.write(f, Arrays.copyOf(kampala, kampala.length * 2 / 3));
        bad(f);
    }

    @Test
    void truncatedPng() throws IOException {
        Path ok = write(gradient(BufferedImage.TYPE_BYTE_GRAY, 300, 200, 255), "whole.png", "png");
        byte[] full = Files.readAllBytes(ok);
        // (a cut within the last 21 bytes -- zlib checksum, chunk CRC, IEND -- leaves all pixel data, which the JDK's
        // PNG reader then decodes completely and correctly: that is not treated as an error)
        for (int cut : new int[] {4, 12, 20, 40, full.length / 2, full.length - 30}) {
            Path f = tmp.resolve("cut" + cut + ".png");
            Files.write(f, Arrays.copyOf(full, cut));
            bad(f);
        }
    }

    /** A PNG consisting of the signature, an IHDR chunk with the given size, and IEND: the header only. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void zeroByZeroPng() throws IOException {
        Path f = tmp.resolve("zero.png");
        Files.write(f, pngHeaderOnly(0, 0));
        assertTrue(bad(f).problem().contains("empty"), bad(f).problem());
    }

    @Test
    void imageTooLargeForJavaArrays() throws Exception {
        Path f = tmp.resolve("huge.png");
        Files.write(f, pngHeaderOnly(50_000, 50_000));
        assertEquals(new MaskImageReader.ImageSize(50_000, 50_000), MaskImageReader.size(f));
        assertTrue(bad(f).problem().startsWith("image too large (50000 x 50000"), bad(f).problem());
    }

    @Test
    void imageTooLargeForTheHeap() throws IOException {
        assumeTrue(Runtime.getRuntime().maxMemory() < 2_500_000_000L, "the test heap is large");
        Path f = tmp.resolve("big.png");
        Files.write(f, pngHeaderOnly(46_000, 46_000));
        String problem = bad(f).problem();
        assertTrue(problem.startsWith("not enough memory for big.png (46000 x 46000); raise -Xmx"), problem);
    }

    @Test
    void unreadableFile() throws IOException {
        Path f = write(gradient(BufferedImage.TYPE_BYTE_GRAY, 10, 10, 255), "secret.png", "png");
        assumeTrue(f.toFile().setReadable(false, false), "cannot change permissions");
        try {
            assumeTrue(!Files.isReadable(f), "running as a user who reads everything (root)");
            assertEquals("permission denied", bad(f).problem());
        } finally {
            f.toFile().setReadable(true, false);
        }
    }
}
