package org.roofline.inference.training;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.PolygonRasterizer;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RasterWindow;
import org.roofline.inference.imagery.RooflineInputException;

/**
 * An image at the training resolution with its building mask on the same pixel grid.
 *
 * @param name        the image's file name
 * @param width       width in pixels (after subsampling)
 * @param height      height in pixels
 * @param subsampling the factor the image was subsampled by
 * @param pixels      band values as read ({@code 3 x height x width}, band-major, row-major)
 * @param targets     the footprint, boundary and contact targets on the same grid ({@link InstanceTargets})
 */
public record LabelledImage(String name, int width, int height, int subsampling, float[] pixels,
                            InstanceTargets targets) {

    /** Number of input bands (RGB: bands 1, 2, 3 of the image). */
    public static final int BANDS = 3;

    /**
     * Reads an image subsampled to about {@code metresPerPixel} and rasterizes the polygons that intersect it
     * (pixel centres inside) onto the subsampled grid, each with its own id, from which the
     * {@link InstanceTargets} are derived (where polygons overlap, the later one wins the pixel).
     *
     * @param polygons building polygons in the image's CRS
     */
    public static LabelledImage load(Path file, List<Geometry> polygons, double metresPerPixel)
            throws RooflineInputException {
        return loadWindow(file, null, polygons, metresPerPixel);
    }

    /**
     * {@link #load} of a window of the image only (in the image's full-resolution pixels, clipped to it; null for the
     * whole image): its name is the file's with {@code #x,y,w,h} appended.
     *
     * @throws RooflineInputException also when the window lies outside the image
     */
    public static LabelledImage loadWindow(Path file, Rectangle pixelWindow, List<Geometry> polygons,
                                           double metresPerPixel) throws RooflineInputException {
        try (GeoImage image = GeoImage.open(file)) {
            if (image.info().bands() < BANDS) {
                throw new RooflineInputException(file, "has " + image.info().bands() + " bands, RGB needed");
            }
            Rectangle all = new Rectangle(0, 0, image.info().width(), image.info().height());
            Rectangle rect = pixelWindow == null ? all : pixelWindow.intersection(all);
            if (rect.isEmpty()) {
                throw new RooflineInputException(file, "window " + pixelWindow + " lies outside the image");
            }
            Optional<Georeferencing.PixelSize> size = image.info().groundPixelSize();
            int sub = size.map(s -> Math.max(1, (int) Math.round(metresPerPixel / s.mean()))).orElse(1);
            RasterWindow window = image.read(rect, sub);
            int ow = window.width();
            int oh = window.height();
            float[] pixels = new float[BANDS * ow * oh];
            double[] band = null;
            for (int b = 0; b < BANDS; b++) {
                band = window.samplesDouble(b, band);
                for (int i = 0; i < ow * oh; i++) {
                    pixels[b * ow * oh + i] = (float) band[i];
                }
            }
            Georeferencing georef = window.georef();
            Envelope extent = georef.extent(ow, oh);
            int[] ids = new int[ow * oh];
            int id = 0;
            for (Geometry g : polygons) {
                if (!(g instanceof Polygonal) || !g.getEnvelopeInternal().intersects(extent)) {
                    continue;
                }
                id++;
                Geometry px = georef.toPixel(g);
                Envelope e = px.getEnvelopeInternal();
                int x0 = Math.max(0, (int) Math.floor(e.getMinX()));
                int y0 = Math.max(0, (int) Math.floor(e.getMinY()));
                int x1 = Math.min(ow, (int) Math.ceil(e.getMaxX()) + 1);
                int y1 = Math.min(oh, (int) Math.ceil(e.getMaxY()) + 1);
                if (x1 <= x0 || y1 <= y0) {
                    continue;
                }
                BitMask bits = new BitMask(x1 - x0, y1 - y0);
                PolygonRasterizer.rasterize(px, bits, x0, y0);
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        if (bits.get(x - x0, y - y0)) {
                            ids[y * ow + x] = id;
                        }
                    }
                }
            }
            InstanceTargets targets = InstanceTargets.of(ids, ow, oh);
            String name = file.getFileName().toString() + (pixelWindow == null ? "" : "#" + rect.x + "," + rect.y
                    + "," + rect.width + "," + rect.height);
            return new LabelledImage(name, ow, oh, sub, pixels, targets);
        }
    }

    /** Reads the polygons of label files (polygonal features only; others are skipped). */
    public static List<Geometry> readPolygons(List<Path> files) throws IOException {
        List<Geometry> out = new ArrayList<>();
        for (Path f : files) {
            VectorLayer layer = VectorIo.read(f);
            for (VectorFeature feature : layer.features()) {
                Geometry g = feature.geometry();
                if (g != null && !g.isEmpty() && g instanceof Polygonal) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** @return 1 for building pixels, else 0 ({@code height x width}) */
    public byte[] mask() {
        return targets.footprint();
    }

    /** @return the fraction of building pixels */
    public double buildingFraction() {
        byte[] mask = mask();
        long n = 0;
        for (byte b : mask) {
            n += b;
        }
        return mask.length == 0 ? 0 : (double) n / mask.length;
    }
}
