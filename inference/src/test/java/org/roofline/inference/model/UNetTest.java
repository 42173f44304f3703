package org.roofline.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class UNetTest {

    @Test
    void mapsThreeBandsToOneChannelOfTheSameSize() throws Exception {
        TorchEngine.start();
        try (NDManager m = NDManager.newBaseManager(TorchEngine.ENGINE_NAME)) {
            Block block = UNet.build();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            NDArray x = m.randomNormal(new Shape(2, 3, 64, 64));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 1, 64, 64), y.getShape());
            // fully convolutional: another multiple of 8 works too
            NDArray y2 = block.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 3, 40, 24))),
                    false).singletonOrThrow();
            assertEquals(new Shape(1, 1, 40, 24), y2.getShape());
            long params = UNet.parameterCount(block);
            assertTrue(params > 100_000 && params * 4 < 5_000_000, "parameters: " + params);
        }
    }

    @Test
    void upsamplesByNearestNeighbour() throws Exception {
        TorchEngine.start();
        try (NDManager m = NDManager.newBaseManager(TorchEngine.ENGINE_NAME)) {
            NDArray x = m.arange(4f).reshape(1, 1, 2, 2);
            float[] up = UNet.upsample2(new NDList(x)).singletonOrThrow().toFloatArray();
            assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3}, up);
        }
    }
}
