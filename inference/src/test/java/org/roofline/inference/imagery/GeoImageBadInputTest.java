package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be used: each gives one line naming the file at fault and the problem. */
class GeoImageBadInputTest {

    @TempDir
    Path tmp;

    /** Opens and reads the whole image; returns the exception, checked for the file named and a one-line message. */
    private static RooflineInputException bad(Path image, Path culprit) {
        RooflineInputException e = assertThrows(RooflineInputException.class, () -> {
            try (GeoImage g = GeoImage.open(image)) {
                g.readAll(1);
            }
        }, image.toString());
        assertEquals(culprit, e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith(culprit + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertFalse(e.problem().isBlank());
        if (System.getenv("SHOW_MESSAGES") != null) {
            System.out.println(e.getMessage());
        }
        return e;
    }

    private static RooflineInputException bad(Path image) {
        return bad(image, image);
    }

    @Test
    void missingDirectoryEmpty() throws IOException {
        assertEquals("no such file", bad(tmp.resolve("missing.tif")).problem());
        assertTrue(bad(tmp).problem().contains("directory"));
        Path empty = Files.write(tmp.resolve("empty.tif"), new byte[0]);
        assertTrue(bad(empty).problem().startsWith("empty file"));
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[4000];
        new Random(3).nextBytes(junk);
        junk[0] = 'x';
        Path f = Files.write(tmp.resolve("random.tif"), junk);
        assertTrue(bad(f).problem().startsWith("not an image"), bad(f).problem());
        // a TIFF signature (each byte order, classic and BigTIFF) followed by garbage
        for (byte[] magic : new byte[][] {{'I', 'I', 42, 0}, {'M', 'M', 0, 42}, {'I', 'I', 43, 0}, {'M', 'M', 0, 43}}) {
            byte[] b = junk.clone();
            System.arraycopy(magic, 0, b, 0, 4);
            Path t = Files.write(tmp.resolve("garbage" + magic[2] + (char) magic[0] + ".tif"), b);
            String p = bad(t).problem();
            assertTrue(p.startsWith("cannot read the TIFF header") || p.contains("corrupt"), p);
        }
    }

    @Test
    void truncatedGeoTiffs() throws IOException {
        Path chip = GdalPython.sample("fair-kampala/chips/OAM-309612-261632-19.tif");
        Path mask = GdalPython.sample("spacenet-atlanta/sample_geotiff.tif");
        for (Path src : new Path[] {chip, mask}) {
            byte[] full = Files.readAllBytes(src);
            for (int cut : new int[] {4, 8, 100, 1000, full.length / 2, full.length - 100, full.length - 1}) {
                Path f = Files.write(tmp.resolve("cut" + cut + "-" + src.getFileName()), Arrays.copyOf(full, cut));
                bad(f);
            }
        }
    }

    @Test
    void truncatedJpegAndPng() throws Exception {
        Path tile = GdalPython.sample("fair-banepa/oam/OAM-386690-220241-19.tif");
        byte[] full = Files.readAllBytes(tile);
        for (int cut : new int[] {3, 200, full.length / 2, full.length - 10}) {
            Path f = Files.write(tmp.resolve("cut" + cut + ".jpg"), Arrays.copyOf(full, cut));
            bad(f);
        }
        Path png = tmp.resolve("whole.png");
        java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(300, 200,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        new Random(5).ints(300 * 200L, 0, 1 << 24).forEach(new java.util.function.IntConsumer() {
            int i;

            @Override
            public void accept(int v) {
                im.setRGB(i % 300, i / 300, v);
                i++;
            }
        });
        javax.imageio.ImageIO.write(im, "png", png.toFile());
        byte[] pngBytes = Files.readAllBytes(png);
        for (int cut : new int[] {12, 40, pngBytes.length / 2, pngBytes.length - 30}) {
            Path f = Files.write(tmp.resolve("cut" + cut + ".png"), Arrays.copyOf(pngBytes, cut));
            bad(f);
        }
    }

    /** A classic little-endian TIFF header declaring the size, 8-bit grey, one strip of the given rows, no data. */
    static byte[] tiffHeader(long width, long height, long rowsPerStrip) {
        int[][] entries = {{256, 4, (int) width}, {257, 4, (int) height}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
                {273, 4, 200}, {277, 3, 1}, {278, 4, (int) rowsPerStrip}, {279, 4, 16}};
        ByteBuffer b = ByteBuffer.allocate(216).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries.length);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            if (e[1] == 3) {
                b.putShort((short) e[2]).putShort((short) 0);
            } else {
                b.putInt(e[2]);
            }
        }
        b.putInt(0);
        return b.array();
    }

    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(bean.getThreadAllocatedBytes(bean.getAllThreadIds())).filter(v -> v > 0).sum();
    }

    /** A 216-byte header declaring 10^6 x 10^6 pixels: refused at open, before anything is allocated for pixels. */
    @Test
    void decompressionBombHeader() throws Exception {
        Path warm = Files.write(tmp.resolve("warm.tif"), tiffHeader(64, 64, 64));
        try (GeoImage g = GeoImage.open(warm)) { // loads the libraries, so that what follows measures the open alone
            assertEquals(64, g.info().width());
        }
        Path f = Files.write(tmp.resolve("bomb.tif"), tiffHeader(1_000_000, 1_000_000, 1_000_000));
        long before = allocatedBytes();
        RooflineInputException e = bad(f);
        long allocated = allocatedBytes() - before;
        assertTrue(e.problem().contains("declares 1000000 x 1000000 pixels"), e.problem());
        assertTrue(e.problem().contains("decompression bomb"), e.problem());
        System.out.printf("decompression bomb refused after allocating %.1f MB (10^12 pixels declared)%n",
                allocated / 1e6);
        assertTrue(allocated < 32L << 20, "allocated " + allocated + " bytes to refuse it");

        // within the pixel limit but one strip of 50000 x 50000: too large a block to decode for any window
        Path strip = Files.write(tmp.resolve("strip.tif"), tiffHeader(50_000, 50_000, 50_000));
        String p = bad(strip).problem();
        assertTrue(p.startsWith("one strip of 50000 x 50000 pixels would decode to 2384 MB"), p);

        // a PNG header declaring 10^6 x 10^6 pixels
        Path png = Files.write(tmp.resolve("bomb.png"), MaskImageReaderTest.pngHeaderOnly(1_000_000, 1_000_000));
        assertTrue(bad(png).problem().contains("declares 1000000 x 1000000 pixels"), bad(png).problem());
        Path zero = Files.write(tmp.resolve("zero.png"), MaskImageReaderTest.pngHeaderOnly(0, 0));
        bad(zero);
    }

    // --- sidecars

    private Path banepaCopy(String name) throws IOException {
        Path f = tmp.resolve(name);
        Files.copy(GdalPython.sample("fair-banepa/oam/OAM-386690-220241-19.tif"), f, StandardCopyOption.REPLACE_EXISTING);
        return f;
    }

    @Test
    void garbledPamSidecars() throws IOException {
        String[][] cases = {
                {"<PAMDataset><SRS>GEOGCS[\"WGS 84\"", "not well-formed XML (line 1"},
                {"<PAMDataset><GeoTransform>1, 2, 3</GeoTransform></PAMDataset>", "<GeoTransform> must hold 6"},
                {"<PAMDataset><GeoTransform>1, 2, 0, 4, 0, x</GeoTransform></PAMDataset>", "<GeoTransform> value 6"},
                {"<PAMDataset><GeoTransform>1, 0, 0, 4, 0, 0</GeoTransform></PAMDataset>",
                        "<GeoTransform> is not an invertible geotransform"},
                {"<PAMDataset><SRS>this is no coordinate system</SRS></PAMDataset>", "cannot understand the <SRS>"},
                {"<PAMDataset><SRS>GEOGCS[\"broken\",DATUM[</SRS></PAMDataset>", "cannot understand the <SRS>"},
                {"<Something/>", "not a GDAL PAM file"},
                {"<PAMDataset><PAMRasterBand band=\"1\"><NoDataValue>none</NoDataValue></PAMRasterBand></PAMDataset>",
                        "<NoDataValue> is not a number"},
                {"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><PAMDataset>"
                        + "<SRS>&e;</SRS></PAMDataset>", "not well-formed XML"},
                {"", "empty file"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path image = banepaCopy("tile" + i + ".tif");
            Path aux = Files.writeString(tmp.resolve("tile" + i + ".tif.aux.xml"), c[0]);
            RooflineInputException e = bad(image, aux);
            assertTrue(e.problem().startsWith(c[1]), c[0] + " -> " + e.problem());
            assertFalse(e.problem().contains("root:"), "nothing of /etc/passwd: " + e.problem());
            i++;
        }
    }

    @Test
    void garbledWorldFilesAndPrj() throws IOException {
        String pgw = "0.5\n0\n0\n-0.5\n1000.25\n1999.75\n";
        String[][] cases = {
                // world file, prj, which file is at fault, problem
                {"0.5\n0\nzero\n-0.5\n1000\n2000\n", null, "pgw", "a world file holds 6 numbers, one a line; line 3"},
                {"0.5\n0\n0\n-0.5\n", null, "pgw", "a world file holds 6 numbers, one a line; found 4"},
                {"0\n0\n0\n0\n1000\n2000\n", null, "pgw", "the world file's transform is not an invertible"},
                {pgw, "PROJCS[\"broken\", GEOGCS[", "prj", "cannot understand the coordinate system (WKT)"},
                {pgw, "not a CRS at all", "prj", "cannot understand the coordinate system (WKT)"},
                {pgw, "  \n", "prj", "empty .prj"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path png = tmp.resolve("img" + i + ".png");
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
            Path world = Files.writeString(tmp.resolve("img" + i + ".pgw"), c[0]);
            Path prj = c[1] == null ? null : Files.writeString(tmp.resolve("img" + i + ".prj"), c[1]);
            RooflineInputException e = bad(png, c[2].equals("pgw") ? world : prj);
            assertTrue(e.problem().startsWith(c[3]), e.problem());
            i++;
        }
    }

    @Test
    void programmingErrors() throws Exception {
        GeoImage g = GeoImage.open(GdalPython.sample("fair-kampala/binarymasks/OAM-309612-261632-19.mask.tif"));
        assertThrows(IllegalArgumentException.class, () -> g.read(new Rectangle(0, 0, 257, 10), 1));
        assertThrows(IllegalArgumentException.class, () -> g.read(new Rectangle(-1, 0, 10, 10), 1));
        assertThrows(IllegalArgumentException.class, () -> g.read(new Rectangle(0, 0, 0, 10), 1));
        assertThrows(IllegalArgumentException.class, () -> g.read(new Rectangle(0, 0, 10, 10), 0));
        g.close();
        assertThrows(IllegalStateException.class, () -> g.read(new Rectangle(0, 0, 10, 10), 1));
        g.close(); // twice is fine
    }
}
