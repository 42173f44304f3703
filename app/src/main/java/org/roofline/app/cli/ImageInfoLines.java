package org.roofline.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;

/** The lines {@code roofline info} prints for an image, and whether the image is damaged. */
final class ImageInfoLines {

    /**
     * @param lines  the description, one item a line (a damaged image has a {@code Damaged:} line)
     * @param damage why the image is damaged (cut short), or empty
     */
    record Description(List<String> lines, Optional<String> damage) {
    }

    private ImageInfoLines() {
    }

    static List<String> of(Path file) {
        return describe(file).lines();
    }

    /** Opens the image, describes it and checks it is whole; a file that cannot be opened is a one-line error. */
    static Description describe(Path file) {
        try (GeoImage image = GeoImage.open(file)) {
            return new Description(image.describe(), image.damage());
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
    }
}
