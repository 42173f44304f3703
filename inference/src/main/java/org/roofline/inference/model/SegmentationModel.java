package org.roofline.inference.model;

import java.util.List;

/**
 * A building segmentation network: normalized image tiles in, building probabilities out. Implementations own their
 * engine resources (a DJL model and predictor, say) and are used by one thread at a time: the segmentation service
 * owns the model and feeds it batches.
 */
public interface SegmentationModel extends AutoCloseable {

    /** @return what the model expects and produces */
    ModelMetadata metadata();

    /**
     * Segments a batch of tiles.
     *
     * @param tiles each tile normalized per the metadata, channels first: {@code bands x size x size} floats in
     *              row-major order ({@code size} = {@link ModelMetadata#tileSize()})
     * @return one array per tile of {@link ModelMetadata#planes()} planes of {@code size x size} probabilities in
     *         [0, 1], plane after plane, each row-major: the building probability alone for a model that does not
     *         name its channels, else the named channels in their order (footprint, boundary, contact, ...)
     * @throws ModelException if the engine fails on this batch (the caller reports and skips the tiles)
     */
    List<float[]> predict(List<float[]> tiles) throws ModelException;

    @Override
    void close();
}
