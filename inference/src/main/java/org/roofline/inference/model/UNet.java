package org.roofline.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Roofline's small U-Net, built from DJL blocks: per level two 3x3 convolutions (each with batch norm and ReLU),
 * 2x2 max pooling down, nearest-neighbour upsampling by 2 followed by a 3x3 convolution up (the PyTorch engine of DJL has no transposed convolution), and the encoder's features concatenated with the
 * upsampled ones (skip connections) before the decoder's convolutions; a final 1x1 convolution gives the output
 * channels' logits (one for a footprint-only model; footprint, boundary and contact for one that separates touching
 * buildings). Fully convolutional: any input whose height and width are multiples of {@code 2^(levels-1)}
 * ({@link #sizeMultiple}) maps {@code N x 3 x H x W} to {@code N x outputs x H x W}.
 */
public final class UNet {

    /** The channels of the bundled model's levels. */
    public static final int[] CHANNELS = {16, 32, 64, 128};

    private UNet() {
    }

    /** @return the bundled architecture ({@link #CHANNELS}) with one output channel */
    public static Block build() {
        return build(CHANNELS, 1);
    }

    /** @return a U-Net with the given channels per level, top first, and one output channel */
    public static Block build(int[] channels) {
        return build(channels, 1);
    }

    /**
     * @param channels feature channels per level, top first
     * @param outputs  output channels (logits), e.g. 3 for footprint, boundary and contact
     * @return the network
     */
    public static Block build(int[] channels, int outputs) {
        if (channels.length < 1) {
            throw new IllegalArgumentException("no levels");
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("at least one output channel, was " + outputs);
        }
        return new SequentialBlock()
                .add(level(channels, 0))
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(outputs).build());
    }

    /** @return the multiple the input height and width must be of */
    public static int sizeMultiple(int[] channels) {
        return 1 << (channels.length - 1);
    }

    private static Block level(int[] channels, int i) {
        int c = channels[i];
        if (i == channels.length - 1) {
            return convBlock(c);
        }
        Block down = new SequentialBlock()
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(level(channels, i + 1))
                .add(new LambdaBlock(UNet::upsample2, "upsample2"))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(c)
                        .build());
        Block skip = new ParallelBlock(UNet::concatChannels, List.of(Blocks.identityBlock(), down));
        return new SequentialBlock().add(convBlock(c)).add(skip).add(convBlock(c));
    }

    /** Nearest-neighbour upsampling by 2 of {@code N x C x H x W}. */
    static NDList upsample2(NDList in) {
        NDArray x = in.singletonOrThrow();
        return new NDList(x.repeat(2, 2).repeat(3, 2));
    }

    private static NDList concatChannels(List<NDList> parts) {
        NDList arrays = new NDList();
        for (NDList p : parts) {
            arrays.add(p.singletonOrThrow());
        }
        return new NDList(NDArrays.concat(arrays, 1));
    }

    private static Block convBlock(int c) {
        SequentialBlock b = new SequentialBlock();
        for (int k = 0; k < 2; k++) {
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(c)
                    .optBias(false).build());
            b.add(BatchNorm.builder().build());
            b.add(Activation::relu);
        }
        return b;
    }

    /** @return the number of values in the block's parameters (initialized), running statistics included */
    public static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            n += a.size();
        }
        return n;
    }
}
