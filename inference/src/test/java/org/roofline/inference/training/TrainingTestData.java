package org.roofline.inference.training;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's {@code resources/} from the test's working directory (the module or the root). */
final class TrainingTestData {

    private TrainingTestData() {
    }

    static Path resources() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path r = dir.resolve("resources");
            if (Files.isDirectory(r.resolve("samples"))) {
                return r;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("resources/samples not found above " + Path.of("").toAbsolutePath());
    }

    static Path kampala() {
        return resources().resolve("samples/fair-kampala");
    }
}
