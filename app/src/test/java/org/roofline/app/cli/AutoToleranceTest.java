package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.synthetic.EdgeNoise;
import org.roofline.inference.imagery.MaskImageReader;

/**
 * {@code polygonize} chooses each building's tolerance from its own outline unless told a number: on a real 7.5 cm
 * drone mask with network-like edge noise the default squares the ragged walls the fixed 3 px leaves jagged.
 */
class AutoToleranceTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultIsAutoAndSquaresNoisyWallsWithFarFewerVertices() throws Exception {
        Path clean = MainTest.samples().resolve("fair-kampala/binarymasks/OAM-1238448-1046535-21.mask.tif");
        BitMask noisy = EdgeNoise.apply(new MaskImageReader().read(clean), 1.5, 3, 42);
        Path png = tmp.resolve("noisy.png");
        BufferedImage img = new BufferedImage(noisy.width(), noisy.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < noisy.height(); y++) {
            for (int x = 0; x < noisy.width(); x++) {
                img.getRaster().setSample(x, y, 0, noisy.get(x, y) ? 255 : 0);
            }
        }
        ImageIO.write(img, "png", png.toFile());

        double[] byDefault = polygonize(png, "default");
        double[] auto = polygonize(png, "auto");
        double[] fixed = polygonize(png, "3");
        assertEquals(byDefault[0], auto[0], "vertices: the default is auto");
        assertEquals(byDefault[1], auto[1], 1e-6, "area: the default is auto");
        assertTrue(auto[0] < 0.75 * fixed[0], "vertices auto " + auto[0] + " vs 3 px " + fixed[0]);
        assertEquals(fixed[1], auto[1], 0.03 * fixed[1], "the same buildings, about the same area");
    }

    /** @return total vertices and total area of polygonize's output with the given --tolerance ("default": none) */
    private double[] polygonize(Path mask, String tolerance) throws IOException {
        Path out = tmp.resolve(tolerance + ".geojson");
        ConvertCommandTest.Run r = tolerance.equals("default")
                ? ConvertCommandTest.run("polygonize", mask.toString(), "-o", out.toString(), "--threads", "1")
                : ConvertCommandTest.run("polygonize", mask.toString(), "-o", out.toString(), "--threads", "1",
                        "--tolerance", tolerance);
        assertEquals(0, r.exit(), r.toString());
        double vertices = 0;
        double area = 0;
        for (VectorFeature f : VectorIo.read(out).features()) {
            vertices += f.geometry().getNumPoints();
            area += f.geometry().getArea();
        }
        assertTrue(vertices > 0, tolerance + ": no footprints");
        return new double[] {vertices, area};
    }
}
