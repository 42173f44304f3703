package org.roofline.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {

    private static ModelMetadata reading(List<Integer> bands) {
        return new ModelMetadata("Roofs", 16, 2, 0.5, bands,
                ModelMetadata.Normalization.minMax(List.of(0.0, 0.0, 0.0), List.of(255.0, 255.0, 255.0)),
                ModelMetadata.Output.SIGMOID, 0, 0.5);
    }

    @Test
    void anImageWithEveryBandTheModelReadsHasNoneMissing() {
        assertEquals(Optional.empty(), reading(List.of(3, 1, 2)).missingBand(3));
        assertEquals(Optional.empty(), reading(List.of(1)).missingBand(4));
    }

    @Test
    void theFirstBandTheImageLacksIsNamedWithTheBandOrder() {
        assertEquals(Optional.of("has 1 band but the model Roofs reads band 2 (band order [1, 2, 3])"),
                reading(List.of(1, 2, 3)).missingBand(1));
        assertEquals(Optional.of("has 2 bands but the model Roofs reads band 4 (band order [4, 1])"),
                reading(List.of(4, 1)).missingBand(2));
    }
}
