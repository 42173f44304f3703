package org.roofline.app.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.roofline.app.UserDirectories;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.io.AtomicFiles;

/**
 * The sample Roofline opens when started without arguments: a 1024 x 1024 drone mosaic of Banepa, Nepal (EPSG:4326,
 * about 0.13 m; OpenAerialMap contributors, CC BY 4.0) with the footprints the bundled model extracted from it and
 * their outlines before regularization. It travels inside the jar ({@code /sample/banepa-2x2/}) and is copied on
 * first use to the user's data directory, where its review session lives too.
 *
 * <p>The data directory is {@link UserDirectories#data()}; the sample goes to its {@code sample} folder. Files already there with the bundled size are kept as they are; others are (re)copied through a temporary
 * file and an atomic rename, so two programs starting at once, or a copy interrupted half-way, never leave a torn
 * file. The session file is never touched here: it holds the user's decisions.
 */
public final class BundledSample {

    /** The system property that overrides the data directory. */
    public static final String DATA_DIR_PROPERTY = UserDirectories.DATA_DIR_PROPERTY;
    /** The sample's name: its files are {@code NAME.tif} and {@code NAME.footprints.gpkg}. */
    public static final String NAME = "banepa-2x2";
    private static final String RESOURCES = "/sample/" + NAME + "/";
    private static final String IMAGE = NAME + ".tif";
    private static final String FOOTPRINTS = NAME + ".footprints.gpkg";

    /**
     * Where the sample's files are.
     *
     * @param image      the GeoTIFF mosaic
     * @param footprints the extracted footprints (GeoPackage, with table {@code original_outlines})
     * @param session    the review session of the sample (it may not exist yet: then create it from
     *                   {@code footprints})
     */
    public record Location(Path image, Path footprints, Path session) {
        public Location {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(footprints, "footprints");
            Objects.requireNonNull(session, "session");
        }
    }

    private BundledSample() {
    }

    /** The user's data directory for Roofline (see the class comment); not created here. */
    public static Path dataDirectory() {
        return UserDirectories.standard().data();
    }

    /**
     * Copies the sample to {@code dataDirectory()/sample} unless it is there already, and says where it is.
     *
     * @throws IOException one line naming the directory or file that cannot be written, or saying the jar lacks the
     *                     sample
     */
    public static Location install() throws IOException {
        return install(dataDirectory().resolve("sample"));
    }

    /** Copies the sample into a folder (created when missing) unless it is there already. */
    public static Location install(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException(folder + ": cannot create the folder for the sample (" + e.getMessage() + ")", e);
        }
        Path image = copy(IMAGE, folder);
        Path footprints = copy(FOOTPRINTS, folder);
        return new Location(image, footprints, ReviewSession.defaultFileFor(image));
    }

    private static Path copy(String name, Path folder) throws IOException {
        Path target = folder.resolve(name);
        try (InputStream in = BundledSample.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException(RESOURCES + name + ": not in this build of Roofline (the sample is packed "
                        + "into the jar by 'mvn package')");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return target;
            }
            AtomicFiles.write(target, out -> out.write(bytes)); // ordinary permissions, unlike createTempFile
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw m.startsWith(RESOURCES) || m.startsWith(target.toString()) ? e
                    : new IOException(target + ": cannot copy the sample there (" + m + ")", e);
        }
        return target;
    }
}
