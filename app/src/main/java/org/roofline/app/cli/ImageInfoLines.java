package org.roofline.app.cli;

import java.nio.file.Path;
import java.util.List;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;

/** The lines {@code roofline info} prints for an image. */
final class ImageInfoLines {

    private ImageInfoLines() {
    }

    static List<String> of(Path file) {
        try (GeoImage image = GeoImage.open(file)) {
            return image.describe();
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
    }
}
