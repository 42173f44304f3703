package org.roofline.inference.imagery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The checks the readers make on a file when they open it, before anything is allocated for pixels. */
final class OpenChecks {

    private OpenChecks() {
    }

    /**
     * Refuses a file that is missing, a directory, or unreadable.
     *
     * @throws RooflineInputException naming the file and which of these it is
     */
    static void readableFile(Path file) throws RooflineInputException {
        if (!Files.exists(file)) {
            throw new RooflineInputException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new RooflineInputException(file, "is a directory, not an image file");
        }
        if (!Files.isReadable(file)) {
            throw new RooflineInputException(file, "permission denied");
        }
    }

    /**
     * Refuses an empty image, one of more than {@link GeoImage#MAX_PIXELS} pixels, or an impossible band count.
     *
     * @throws RooflineInputException naming the file, with the declared size
     */
    static void size(Path file, long width, long height, int bands) throws RooflineInputException {
        if (width <= 0 || height <= 0) {
            throw new RooflineInputException(file, "image is empty or its header corrupt (" + width + " x " + height
                    + " pixels)");
        }
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || width * height > GeoImage.MAX_PIXELS) {
            throw new RooflineInputException(file, "the header declares " + width + " x " + height + " pixels, more "
                    + "than the " + GeoImage.MAX_PIXELS + " (2^36) this reader accepts: a corrupt header or a "
                    + "decompression bomb");
        }
        if (bands < 1 || bands > 65535) {
            throw new RooflineInputException(file, "corrupt header: " + bands + " bands");
        }
    }

    /**
     * Refuses georeferencing that puts the image off the earth in its CRS (see {@link EarthExtentCheck}).
     *
     * @param georefFile the sidecar or world file the georeferencing came from, named in the message; or null
     */
    static void onEarth(Path file, RasterInfo info, Path georefFile) throws RooflineInputException {
        if (!info.georef().isGeoreferenced()) {
            return;
        }
        Optional<String> problem = EarthExtentCheck.problem(info.georef().crs(), info.extent());
        if (problem.isPresent()) {
            throw new RooflineInputException(file, problem.get()
                    + (georefFile == null ? "" : " (georeferencing from " + georefFile.getFileName() + ")"));
        }
    }
}
