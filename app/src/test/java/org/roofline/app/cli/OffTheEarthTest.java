package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.crs.Crs;

/**
 * A mask or image whose georeferencing puts it off the earth is refused with one line naming the file, by
 * {@code polygonize} and {@code extract} alike, instead of giving polygons at [180, 90] or latitudes of millions; real
 * georeferencing on either side of the checks still works.
 */
class OffTheEarthTest {

    @TempDir
    Path tmp;

    /** A 64 x 64 PNG mask with a square building, georeferenced by a world file and a .prj. */
    private Path mask(String name, Crs crs, double originX, double originY, double pixel) throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 20; y < 40; y++) {
            for (int x = 20; x < 40; x++) {
                img.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path png = tmp.resolve(name + ".png");
        ImageIO.write(img, "png", png.toFile());
        Files.writeString(tmp.resolve(name + ".pgw"), String.join("\n", Double.toString(pixel), "0", "0",
                Double.toString(-pixel), Double.toString(originX), Double.toString(originY)) + "\n");
        Files.writeString(tmp.resolve(name + ".prj"), crs.toEsriWkt());
        return png;
    }

    private void refused(Path image, String command, String... extra) {
        Path out = tmp.resolve("never.geojson");
        List<String> args = new java.util.ArrayList<>(List.of(command, image.toString(), "-o", out.toString()));
        args.addAll(List.of(extra));
        ConvertCommandTest.Run r = ConvertCommandTest.run(args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("roofline: " + image + ": its georeferencing puts it off the earth: "),
                lines.get(0));
        assertFalse(Files.exists(out));
    }

    @Test
    void utmMetresTaggedWgs84AreRefused() throws Exception {
        Path m = mask("utm-as-4326", Crs.WGS84, 733600, 3725100, 0.3);
        refused(m, "polygonize");
        refused(m, "extract", "--model", ExtractCommandTest.fixture().toString(), "--device", "cpu");
        ConvertCommandTest.Run info = ConvertCommandTest.run("info", m.toString());
        assertEquals(1, info.exit());
        assertTrue(info.err().contains("outside where EPSG:4326 (WGS 84) is defined (longitude -180..360, latitude "
                + "-90..90 degrees)"), info.err());
    }

    @Test
    void anOriginAtABillionInWebMercatorIsRefused() throws Exception {
        refused(mask("far-3857", Crs.epsg(3857), 1e9, 1e9, 0.3), "polygonize");
    }

    @Test
    void realGeoreferencingStillWorks() throws Exception {
        for (Path m : List.of(mask("utm", Crs.epsg(32616), 733600, 3725100, 0.3),
                mask("mercator", Crs.epsg(3857), 9519000, 3205000, 0.15),
                mask("lonlat", Crs.WGS84, 179.9999, -89.9, 1e-6))) {
            Path out = tmp.resolve(m.getFileName() + ".geojson");
            ConvertCommandTest.Run r = ConvertCommandTest.run("polygonize", m.toString(), "-o", out.toString());
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().startsWith("polygonize: 1 building"), r.out());
        }
    }
}
