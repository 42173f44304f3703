package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeoTransformReaderTest {

    private static final String GDAL_GT = String.join("\n",
            "import sys",
            "from osgeo import gdal",
            "gdal.UseExceptions()",
            "for f in sys.argv[1:]:",
            "    gt = gdal.Open(f).GetGeoTransform(can_return_null=True)",
            "    print(f + '\\t' + ('none' if gt is None else ' '.join(repr(float(v)) for v in gt)))");

    @TempDir
    Path tmp;

    private static List<Path> kampala() throws Exception {
        Path dir = GdalPython.resources().resolve("samples/fair-kampala/binarymasks");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
    }

    @Test
    void equalsGdalGeoTransform() throws Exception {
        GdalPython.assumeGdal();
        List<Path> files = new java.util.ArrayList<>(kampala());
        files.addAll(List.of(GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif"),
                GdalPython.sample("spacenet-atlanta/sample_geotiff.tif"),
                GdalPython.sample("fair-kampala/chips/OAM-309612-261632-19.tif")));
        String[] args = files.stream().map(Path::toString).toArray(String[]::new);
        String[] lines = GdalPython.run(GDAL_GT, args).strip().split("\n");
        assertEquals(files.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            String[] parts = lines[i].split("\t");
            Path f = files.get(i);
            assertEquals(f.toString(), parts[0]);
            Optional<PixelToMap> actual = GeoTransformReader.read(f);
            if (parts[1].equals("none")) {
                assertTrue(actual.isEmpty(), f + " has no georeferencing for GDAL");
            } else {
                double[] expected = Stream.of(parts[1].split(" ")).mapToDouble(Double::parseDouble).toArray();
                assertTrue(actual.isPresent(), f.toString());
                assertArrayEquals(expected, actual.get().toGdal(), 0, f.toString());
            }
        }
    }

    @Test
    void knownValuesWithoutGdal() throws Exception {
        // from the sample's NOTICE: SpaceNet Atlanta tile, EPSG:32616, 0.5 m pixels
        PixelToMap atlanta = GeoTransformReader.read(GdalPython.sample("spacenet-atlanta/sample_geotiff.tif")).orElseThrow();
        assertArrayEquals(new double[] {733601.0, 0.5, 0, 3725139.0, 0, -0.5}, atlanta.toGdal(), 0);
        assertTrue(atlanta.isNorthUp());
        // the Atlanta mask carries no georeferencing of its own
        assertTrue(GeoTransformReader.read(GdalPython.sample("spacenet-atlanta/sample_fp_mask_from_geojson.tif")).isEmpty());
        for (Path f : kampala()) {
            PixelToMap g = GeoTransformReader.read(f).orElseThrow();
            assertTrue(g.originX() > 32.59 && g.originX() < 32.6, f + " " + g);
            assertTrue(g.originY() > 0.35 && g.originY() < 0.352, f + " " + g);
            assertTrue(g.pixelWidth() > 0 && g.pixelHeight() < 0);
        }
    }

    @Test
    void pngHasNoGeoreferencing() throws Exception {
        Path png = tmp.resolve("plain.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        assertTrue(GeoTransformReader.read(png).isEmpty());
        Path tif = tmp.resolve("plain.tif");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "tiff", tif.toFile());
        assertTrue(GeoTransformReader.read(tif).isEmpty());
    }

    @Test
    void badFiles() throws Exception {
        Path missing = tmp.resolve("nope.tif");
        RooflineInputException e = assertThrows(RooflineInputException.class, () -> GeoTransformReader.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        Path junk = tmp.resolve("junk.tif");
        Files.writeString(junk, "not a tiff at all");
        e = assertThrows(RooflineInputException.class, () -> GeoTransformReader.read(junk));
        assertTrue(e.getMessage().startsWith(junk + ": not an image"), e.getMessage());
        byte[] full = Files.readAllBytes(kampala().get(1));
        Path cut = tmp.resolve("cut.tif");
        Files.write(cut, java.util.Arrays.copyOf(full, 100));
        e = assertThrows(RooflineInputException.class, () -> GeoTransformReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void convertsGeometriesBothWays() throws Exception {
        Path f = GdalPython.sample("fair-kampala/binarymasks/OAM-1238448-1046535-21.mask.tif");
        PixelToMap g = GeoTransformReader.read(f).orElseThrow();
        // pixel corners map to gdalinfo's corner coordinates
        Coordinate ul = g.toMap(0, 0);
        assertEquals(g.originX(), ul.x, 0);
        assertEquals(g.originY(), ul.y, 0);
        Coordinate lr = g.toMap(256, 256);
        assertEquals(g.originX() + 256 * g.pixelWidth(), lr.x, 1e-15);
        assertEquals(g.originY() + 256 * g.pixelHeight(), lr.y, 1e-15);

        Geometry pixels = new WKTReader().read("POLYGON ((10 20, 110 20, 110 70, 10 70, 10 20))");
        Geometry map = g.toMap(pixels);
        assertEquals(g.originX() + 10 * g.pixelWidth(), map.getEnvelopeInternal().getMinX(), 1e-12);
        assertEquals(g.originY() + 70 * g.pixelHeight(), map.getEnvelopeInternal().getMinY(), 1e-12);
        assertEquals(100 * 50 * g.pixelWidth() * -g.pixelHeight(), map.getArea(), 1e-20);
        Geometry back = g.toPixel(map);
        assertTrue(back.equalsExact(pixels, 1e-6), back.toString());

        PixelToMap rotated = new PixelToMap(1000, 0.8, 0.6, 2000, 0.6, -0.8);
        Geometry r = rotated.toPixel(rotated.toMap(pixels));
        assertTrue(r.equalsExact(pixels, 1e-9), r.toString());
        assertFalse(rotated.isNorthUp());
        assertThrows(IllegalArgumentException.class, () -> new PixelToMap(0, 0, 0, 0, 0, 1));
    }
}
