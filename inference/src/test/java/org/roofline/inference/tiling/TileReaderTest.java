package org.roofline.inference.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.RasterInfo;
import org.roofline.inference.imagery.RasterWindow;
import org.roofline.inference.imagery.SampleType;
import org.roofline.inference.model.ModelMetadata;

class TileReaderTest {

    static ModelMetadata metadata(List<Integer> bands) {
        return new ModelMetadata("t", 16, 2, 0.5, bands,
                ModelMetadata.Normalization.meanStd(List.of(10.0, 20.0), List.of(2.0, 4.0)),
                ModelMetadata.Output.SIGMOID, 0, 0.5);
    }

    static RasterWindow window(int w, int h, int value0) {
        WritableRaster r = Raster.createBandedRaster(DataBuffer.TYPE_BYTE, w, h, 3, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, value0 + x);
                r.setSample(x, y, 1, 100 + y);
                r.setSample(x, y, 2, 200);
            }
        }
        return new RasterWindow(new Rectangle(0, 0, w, h), 1, SampleType.BYTE, r, Georeferencing.none());
    }

    @Test
    void normalizesInBandOrderChannelsFirstAndPads() {
        RasterWindow w = window(10, 12, 20);
        RasterInfo info = new RasterInfo(10, 12, 3, SampleType.BYTE, OptionalDouble.empty(), Georeferencing.none());
        // model reads band 2 then band 1
        float[] out = TileReader.normalize(w, info, metadata(List.of(2, 1)), new int[] {1, 0}, 16);
        assertEquals(2 * 16 * 16, out.length);
        assertEquals(((100 + 3) - 10) / 2.0, out[3 * 16 + 5], 1e-6); // channel 0 = band 2, mean 10 std 2
        assertEquals(((20 + 5) - 20) / 4.0, out[256 + 3 * 16 + 5], 1e-6); // channel 1 = band 1
        assertEquals(0f, out[3 * 16 + 12]); // padding right of the image
        assertEquals(0f, out[256 + 14 * 16 + 1]); // padding below
    }

    @Test
    void allNoDataIsNullAndNoDataPixelsAreZero() {
        RasterInfo info = new RasterInfo(4, 4, 3, SampleType.BYTE, OptionalDouble.of(0), Georeferencing.none());
        WritableRaster r = Raster.createBandedRaster(DataBuffer.TYPE_BYTE, 4, 4, 3, null);
        RasterWindow empty = new RasterWindow(new Rectangle(0, 0, 4, 4), 1, SampleType.BYTE, r,
                Georeferencing.none());
        assertNull(TileReader.normalize(empty, info, metadata(List.of(1)), new int[] {0}, 16));
        r.setSample(1, 1, 0, 30);
        float[] out = TileReader.normalize(empty, info, metadata(List.of(1)), new int[] {0}, 16);
        assertEquals((30 - 10) / 2.0, out[16 + 1], 1e-6);
        assertEquals(0f, out[0]);
    }
}
