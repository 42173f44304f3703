package org.roofline.inference.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Packs tiles into one N x bands x size x size batch and splits a model's flat output back into tiles. */
final class TileBatches {

    private TileBatches() {
    }

    /** @return the tiles one after the other, each checked to hold bands x size x size values */
    static float[] pack(List<float[]> tiles, ModelMetadata metadata) {
        int size = metadata.tileSize();
        int per = metadata.bands() * size * size;
        float[] batch = new float[tiles.size() * per];
        for (int i = 0; i < tiles.size(); i++) {
            float[] tile = tiles.get(i);
            if (tile.length != per) {
                throw new IllegalArgumentException("tile " + i + " has " + tile.length + " values, expected " + per
                        + " (" + metadata.bands() + " x " + size + " x " + size + ")");
            }
            System.arraycopy(tile, 0, batch, i * per, per);
        }
        return batch;
    }

    /**
     * @return {@code n} arrays of planes x size x size probabilities from a flat output, checked to be exactly that
     *         long ({@link ModelMetadata#planes()})
     */
    static List<float[]> unpack(float[] flat, int n, ModelMetadata metadata, String modelName) throws ModelException {
        int size = metadata.tileSize();
        int area = size * size * metadata.planes();
        if (flat.length != n * area) {
            throw new ModelException("Model " + modelName + " gave " + flat.length + " values for " + n
                    + " tiles of " + metadata.planes() + " x " + size + " x " + size);
        }
        List<float[]> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(Arrays.copyOfRange(flat, i * area, (i + 1) * area));
        }
        return result;
    }
}
