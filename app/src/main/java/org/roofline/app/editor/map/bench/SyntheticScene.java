package org.roofline.app.editor.map.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;

/**
 * A synthetic town for the map benchmark: {@code n} rotated rectangular buildings on a jittered grid over a square
 * image, in UTM zone 45N (EPSG:32645, near Banepa), and the image itself: a tiled, uncompressed RGB TIFF with a world
 * file and {@code .prj}, showing ground texture and the buildings' roofs where the footprints are.
 *
 * @param image      the TIFF written
 * @param footprints the buildings, ids 1..n, map coordinates
 * @param size       the image's width and height in pixels
 * @param pixelSize  metres per pixel
 */
public record SyntheticScene(Path image, List<Footprint> footprints, int size, double pixelSize) {

    static final double ORIGIN_X = 340_000;
    static final double ORIGIN_Y = 3_064_000;

    /**
     * Writes the scene's image into {@code dir} and returns the scene.
     *
     * @param n         buildings (at least 1)
     * @param size      image width and height in pixels (at least 256)
     * @param pixelSize metres per pixel (positive)
     */
    public static SyntheticScene write(Path dir, int n, int size, double pixelSize, long seed) throws IOException {
        if (n < 1 || size < 256 || !(pixelSize > 0)) {
            throw new IllegalArgumentException("need n >= 1, size >= 256, pixel size > 0: " + n + ", " + size + ", "
                    + pixelSize);
        }
        Random rnd = new Random(seed);
        GeometryFactory gf = new GeometryFactory();
        double extent = size * pixelSize;
        int cols = (int) Math.ceil(Math.sqrt(n));
        double step = extent / cols;
        List<Footprint> fps = new ArrayList<>(n);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        ground(img, rnd);
        for (int k = 0; k < n; k++) {
            int i = k % cols;
            int j = k / cols;
            double cx = ORIGIN_X + (i + 0.5 + 0.1 * rnd.nextGaussian()) * step;
            double cy = ORIGIN_Y - (j + 0.5 + 0.1 * rnd.nextGaussian()) * step;
            double w = step * (0.35 + 0.3 * rnd.nextDouble());
            double h = step * (0.35 + 0.3 * rnd.nextDouble());
            double a = Math.toRadians(rnd.nextDouble() * 40 - 20);
            Coordinate[] c = new Coordinate[5];
            int[] px = new int[4];
            int[] py = new int[4];
            double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
            for (int q = 0; q < 4; q++) {
                double x = cx + corners[q][0] * Math.cos(a) - corners[q][1] * Math.sin(a);
                double y = cy + corners[q][0] * Math.sin(a) + corners[q][1] * Math.cos(a);
                c[q] = new Coordinate(x, y);
                px[q] = (int) Math.round((x - ORIGIN_X) / pixelSize);
                py[q] = (int) Math.round((ORIGIN_Y - y) / pixelSize);
            }
            c[4] = new Coordinate(c[0]);
            Polygon p = gf.createPolygon(c);
            fps.add(Footprint.pending(k + 1, p, "synthetic", true, "bench"));
            int shade = 140 + rnd.nextInt(90);
            g.setColor(new Color(shade, (int) (shade * 0.55), (int) (shade * 0.45)));
            g.fillPolygon(px, py, 4);
        }
        g.dispose();
        Path file = dir.resolve("synthetic-town-" + size + ".tif");
        writeTiff(img, file);
        String base = file.getFileName().toString().replaceFirst("\\.tif$", "");
        Files.writeString(dir.resolve(base + ".tfw"), String.format(Locale.ROOT, "%s%n0%n0%n%s%n%s%n%s%n",
                pixelSize, -pixelSize, ORIGIN_X + pixelSize / 2, ORIGIN_Y - pixelSize / 2));
        Files.writeString(dir.resolve(base + ".prj"), Crs.epsg(32645).toEsriWkt());
        return new SyntheticScene(file, List.copyOf(fps), size, pixelSize);
    }

    private static void ground(BufferedImage img, Random rnd) {
        int size = img.getWidth();
        byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int field = ((x >> 7) * 31 + (y >> 7) * 17) % 5;
                int v = 70 + field * 12 + rnd.nextInt(24);
                int o = (y * size + x) * 3;
                data[o] = (byte) (v * 0.6); // blue
                data[o + 1] = (byte) (v + 10); // green
                data[o + 2] = (byte) (v * 0.85); // red
            }
        }
    }

    private static void writeTiff(BufferedImage img, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
        p.setTiling(256, 256, 0, 0);
        p.setCompressionMode(ImageWriteParam.MODE_DISABLED);
        try (OutputStream os = Files.newOutputStream(file);
             ImageOutputStream out = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
    }
}
