package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roofline info}: a truncated image (real samples cut short) is reported as damaged, with exit status 1, not
 * described as fine; images and vector files are described in one style.
 */
class InfoCommandTest {

    @TempDir
    Path tmp;

    private static Path sample(String relative) {
        return ExtractCommandTest.root().resolve("resources/samples").resolve(relative);
    }

    private Path cut(Path source, String name, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Path file = tmp.resolve(name);
        Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
        return file;
    }

    private static void damaged(Path file, String problem) {
        ConvertCommandTest.Run r = ConvertCommandTest.run("info", file.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("roofline: " + file + ": damaged image, " + problem), r.err().lines().toList());
        assertTrue(r.out().contains("Damaged:        " + problem), r.out());
    }

    @Test
    void truncatedImagesAreDamaged() throws IOException {
        // JPEG-compressed, tiled 256 x 256: 16 tiles
        damaged(cut(sample("banepa-2x2/banepa-2x2.tif"), "banepa.tif", 200_000.0 / 362_907),
                "truncated: 7 of 16 tiles lie past the end of the file (it has 200000 bytes, the image data needs "
                        + "362907)");
        // uncompressed, strips of 10 rows: 26 strips
        Path chip = ExtractCommandTest.kampalaChip();
        Path half = cut(chip, "chip.tif", 0.5);
        ConvertCommandTest.Run r = ConvertCommandTest.run("info", half.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().matches("roofline: " + java.util.regex.Pattern.quote(half.toString())
                + ": damaged image, truncated: 1[34] of 26 strips lie past the end of the file \\(it has \\d+ bytes, "
                + "the image data needs " + Files.size(chip) + "\\)\\n"), r.err());
        // a PNG without its end
        Path png = tmp.resolve("whole.png");
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            img.getRaster().setSample(i, i, 0, 255);
        }
        ImageIO.write(img, "png", png.toFile());
        Path cutPng = cut(png, "cut.png", 0.9);
        damaged(cutPng, "truncated: the PNG does not end with its IEND chunk (" + Files.size(cutPng) + " bytes)");
    }

    @Test
    void wholeImagesAreNotDamaged() {
        for (Path p : List.of(sample("banepa-2x2/banepa-2x2.tif"), ExtractCommandTest.kampalaChip(),
                sample("spacenet-atlanta/sample_geotiff.tif"))) {
            ConvertCommandTest.Run r = ConvertCommandTest.run("info", p.toString());
            assertEquals(0, r.exit(), r.toString());
            assertFalse(r.out().contains("Damaged"), r.out());
        }
    }

    @Test
    void imagesAndVectorFilesInOneStyle() {
        ConvertCommandTest.Run image = ConvertCommandTest.run("info", sample("banepa-2x2/banepa-2x2.tif").toString());
        ConvertCommandTest.Run vector = ConvertCommandTest.run("info",
                sample("banepa-2x2/banepa-2x2.footprints.gpkg").toString());
        assertEquals(0, vector.exit(), vector.toString());
        for (String key : List.of("File", "Format", "CRS", "Extent")) {
            assertTrue(image.out().lines().anyMatch(l -> l.startsWith(String.format("%-15s ", key + ":"))), key);
            assertTrue(vector.out().lines().anyMatch(l -> l.startsWith(String.format("%-15s ", key + ":"))),
                    key + " in " + vector.out());
        }
        String crs = "CRS:            WGS 84 (EPSG:4326)";
        assertTrue(image.out().contains(crs) && vector.out().contains(crs), vector.out());
        String extent = "Extent:         85.51895141601562, 27.633048834227704 : 85.52032470703125, 27.63426547568562 "
                + "(min x, min y : max x, max y; degrees)";
        assertTrue(image.out().contains(extent), image.out());
        assertTrue(vector.out().lines().anyMatch(l -> l.matches("Extent: +[-\\d.]+, [-\\d.]+ : [-\\d.]+, [-\\d.]+ "
                + "\\(min x, min y : max x, max y; degrees\\)")), vector.out());
    }
}
