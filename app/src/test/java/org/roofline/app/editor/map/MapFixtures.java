package org.roofline.app.editor.map;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.PixelToMap;

/** Inputs for the map tests: the bundled Banepa tile, a large generated TIFF, footprints. */
final class MapFixtures {

    static final Path RESOURCES = Path.of(System.getProperty("roofline.resources"));
    /** 512 x 512 JPEG drone tile, EPSG:4326 from its .aux.xml, about 0.13 m pixels. */
    static final Path BANEPA = RESOURCES.resolve("samples/fair-banepa/oam/OAM-386690-220241-19.tif");
    static final GeometryFactory GF = new GeometryFactory();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private MapFixtures() {
    }

    /**
     * An uncompressed, tiled RGB TIFF (no georeferencing) whose every pixel differs from its neighbours, so a pixel
     * shown from a subsampled level or the overview is told apart from the full-resolution one.
     */
    static Path noiseTiff(Path dir, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, noise(x, y));
            }
        }
        Path file = dir.resolve("noise-" + w + "x" + h + ".tif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
        p.setTiling(256, 256, 0, 0);
        p.setCompressionMode(ImageWriteParam.MODE_DISABLED);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return file;
    }

    /** The generated image's RGB at a pixel. */
    static int noise(int x, int y) {
        int v = x * 73856093 ^ y * 19349663;
        v ^= v >>> 13;
        v *= 0x5bd1e995;
        v ^= v >>> 15;
        return v & 0xFFFFFF;
    }

    /** The GeoTransform of a GDAL PAM sidecar, read independently of Roofline's reader. */
    static PixelToMap geoTransform(Path auxXml) throws IOException {
        String xml = Files.readString(auxXml);
        int a = xml.indexOf("<GeoTransform>");
        int b = xml.indexOf("</GeoTransform>");
        String[] t = xml.substring(a + "<GeoTransform>".length(), b).trim().split("\\s*,\\s*");
        return new PixelToMap(Double.parseDouble(t[0]), Double.parseDouble(t[1]), Double.parseDouble(t[2]),
                Double.parseDouble(t[3]), Double.parseDouble(t[4]), Double.parseDouble(t[5]));
    }

    static Polygon poly(double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2 + 1];
        for (int i = 0; i < xy.length / 2; i++) {
            c[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        c[c.length - 1] = new Coordinate(c[0]);
        return GF.createPolygon(c);
    }

    /** A square in map coordinates, given in image pixels through a transform. */
    static Polygon pixelSquare(PixelToMap t, double x, double y, double size) {
        Coordinate[] c = {t.toMap(x, y), t.toMap(x + size, y), t.toMap(x + size, y + size), t.toMap(x, y + size),
                t.toMap(x, y)};
        return GF.createPolygon(c);
    }

    /** A grid of n x n squares of {@code size} image pixels, spaced {@code step}, starting at (x0, y0). */
    static List<Footprint> grid(PixelToMap t, int n, double x0, double y0, double step, double size) {
        List<Footprint> out = new ArrayList<>();
        long id = 1;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                out.add(Footprint.pending(id++, pixelSquare(t, x0 + i * step, y0 + j * step, size), "test", true,
                        "test"));
            }
        }
        return out;
    }

    static ReviewModel model(Collection<Footprint> footprints) {
        Envelope e = ReviewModel.extentOf(footprints);
        double tile = e.isNull() ? 1 : Math.max(e.getWidth(), e.getHeight()) / 4 + 1e-12;
        return ReviewModel.of(footprints, tile, ReviewPersistence.NONE, CLOCK);
    }
}
