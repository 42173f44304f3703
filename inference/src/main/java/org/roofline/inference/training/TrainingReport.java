package org.roofline.inference.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training run did.
 *
 * @param epochs          epochs run
 * @param seconds         wall time of the whole run (loading, training, validation, saving)
 * @param trainLoss       mean training loss (BCE + soft Dice) per epoch
 * @param heldOutIou      pixel IoU of the building class over all held-out images together (NaN with none)
 * @param heldOutF1       pixel F1 of the building class over all held-out images together (NaN with none)
 * @param perImageIou     held-out image name -> its own building IoU
 * @param parameterCount  values in the network's parameters
 * @param trainImages     names of the images trained on
 * @param heldOutImages   names of the held-out images
 * @param paramsFile      the weights written
 * @param metadataFile    the metadata JSON written
 */
public record TrainingReport(int epochs, double seconds, List<Double> trainLoss, double heldOutIou, double heldOutF1,
                             Map<String, Double> perImageIou, long parameterCount, List<String> trainImages,
                             List<String> heldOutImages, Path paramsFile, Path metadataFile) {

    public TrainingReport {
        trainLoss = List.copyOf(trainLoss);
        perImageIou = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perImageIou));
        trainImages = List.copyOf(trainImages);
        heldOutImages = List.copyOf(heldOutImages);
    }
}
