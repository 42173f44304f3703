package org.roofline.app.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.UserDirectories;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;

/**
 * A review in progress: the image, the {@link ReviewModel} and the {@link SessionStore} that the model writes every
 * change to before making it. Created from footprints the first time, reopened from the session file afterwards, with
 * every decision, the visited tiles and the outlines before regularization (so the doubt-first order works again).
 *
 * <p>The review tiles are fixed by the image (about a quarter of its larger side each, {@link #tilesFor}), so a
 * reopened session has the same tiles as when it was made. Closing the review closes the store (which leaves one
 * self-contained file). Not thread-safe: open on a background thread, then hand it to the editor.
 *
 * @param image the reviewed image
 * @param model the review model, persisting to {@code store}
 * @param store the session file
 */
public record ReviewSession(Path image, ReviewModel model, SessionStore store) implements AutoCloseable {

    /** The suffix of the session {@code roofline open IMAGE} keeps beside an image. */
    public static final String SUFFIX = ".roofline.gpkg";

    public ReviewSession {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(store, "store");
    }

    /**
     * The session kept beside an image: {@code IMAGE-stem.roofline.gpkg} in the image's folder; when that folder
     * cannot be written (an image on read-only media, or installed under /opt) and holds no such session yet, the
     * same name in the user's sessions folder ({@link UserDirectories#sessions()}; see
     * {@link #defaultFileFor(Path, Path)}).
     */
    public static Path defaultFileFor(Path image) {
        return defaultFileFor(image, UserDirectories.standard().sessions());
    }

    /** {@link #defaultFileFor(Path)} with the folder to use when the image's own folder cannot be written. */
    public static Path defaultFileFor(Path image, Path fallbackFolder) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path beside = image.toAbsolutePath().resolveSibling(stem + SUFFIX);
        Path folder = beside.getParent();
        if (java.nio.file.Files.exists(beside) || folder == null || java.nio.file.Files.isWritable(folder)) {
            return beside;
        }
        // images of the same name in different read-only folders must not share a session
        String tag = Integer.toHexString(folder.toString().hashCode());
        try {
            java.nio.file.Files.createDirectories(fallbackFolder);
        } catch (java.io.IOException e) {
            // creating the session there then fails with a message naming the file
        }
        return fallbackFolder.toAbsolutePath().resolve(stem + "-" + tag + SUFFIX);
    }

    /** Review tiles along an image's longer side. */
    public static final int TILES_PER_SIDE = 4;

    /**
     * The review tiles of an image: {@value #TILES_PER_SIDE} along its longer side, square on its pixels (so on the
     * ground, for most imagery; not in degrees), exactly covering it.
     */
    public static ReviewTiles tilesFor(Envelope imageExtent, int widthPx, int heightPx) {
        return ReviewTiles.dividing(imageExtent, widthPx, heightPx, TILES_PER_SIDE);
    }

    /**
     * Reopens a session, finding its image where it was stored or, when moved, relative to the session file
     * ({@link SessionStore#locateImage()}). The image is looked for, and read, before the session is opened for
     * writing: a session whose image is gone is left exactly as it was.
     *
     * @throws SessionLock.HeldException when another editor holds the session ({@link #openReadOnly} reads it)
     * @throws IOException one line naming the file: not a session, damaged, or its image is gone
     */
    public static ReviewSession open(Path sessionFile) throws IOException {
        Path image;
        try (SessionStore peek = SessionStore.openReadOnly(sessionFile)) {
            image = imageOf(peek, sessionFile);
        }
        return open(sessionFile, image);
    }

    /**
     * Reopens a session on a given image (the user's, whatever the session recorded); the image is read before the
     * session is opened for writing.
     *
     * @throws SessionLock.HeldException when another editor holds the session
     * @throws IOException one line naming the file that cannot be read
     */
    public static ReviewSession open(Path sessionFile, Path image) throws IOException {
        ImageFacts facts = facts(image);
        SessionStore store = SessionStore.open(sessionFile);
        try {
            return reopen(store, image, facts);
        } catch (IOException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /**
     * Opens a session to look at, not to decide: {@link SessionStore#openReadOnly read-only}, without the lock, so
     * while another editor holds it too. Every decision is refused with a message saying so; the file is not changed.
     *
     * @throws IOException one line naming the file: not a session, damaged, or its image is gone
     */
    public static ReviewSession openReadOnly(Path sessionFile) throws IOException {
        return openReadOnly(sessionFile, null);
    }

    /** {@link #openReadOnly(Path)} on a given image, or (null) the session's. */
    public static ReviewSession openReadOnly(Path sessionFile, Path givenImage) throws IOException {
        SessionStore store = SessionStore.openReadOnly(sessionFile);
        try {
            Path image = givenImage != null ? givenImage : imageOf(store, sessionFile);
            return reopen(store, image, facts(image));
        } catch (IOException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    private static Path imageOf(SessionStore store, Path sessionFile) throws IOException {
        return store.locateImage().orElseThrow(() -> new IOException(sessionFile + ": its image "
                + (store.image() == null ? "is not recorded" : store.image() + " is gone (not there, nor beside "
                + "the session); put the image back, or open it with 'roofline open IMAGE --session "
                + sessionFile + "'")));
    }

    private static ReviewSession reopen(SessionStore store, Path image, ImageFacts facts) throws IOException {
        SessionStore.Contents contents = store.load();
        ReviewTiles tiles = tilesFor(facts.extent(), facts.width(), facts.height());
        ReviewModel model = new ReviewModel(contents.footprints(), contents.originals(), tiles,
                store, Clock.systemUTC());
        model.restoreVisited(contents.visitedTiles().stream().boxed().toList());
        SessionStore.References references = store.loadReferences();
        if (!references.buildings().isEmpty()) {
            model.restoreReferences(references.buildings(), references.source());
        }
        return new ReviewSession(image, model, store);
    }

    /**
     * Creates a session file for an image and footprints (in the image's CRS) and opens it.
     *
     * @param originals the footprints' outlines before regularization by id, or empty
     * @throws IOException one line naming the file: the image cannot be read, the session exists or cannot be written
     */
    public static ReviewSession create(Path sessionFile, Path image, Collection<Footprint> footprints,
                                       Map<Long, Polygon> originals) throws IOException {
        Objects.requireNonNull(sessionFile, "sessionFile");
        ImageFacts facts = facts(image);
        ReviewTiles tiles = tilesFor(facts.extent(), facts.width(), facts.height());
        SessionStore store = SessionStore.create(sessionFile, image.toAbsolutePath(), facts.crs(), footprints,
                originals, tiles.count());
        try {
            return new ReviewSession(image, new ReviewModel(footprints, originals, tiles, store, Clock.systemUTC()),
                    store);
        } catch (RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /**
     * The review of an image: its session reopened when the file exists (with every decision; the footprints file is
     * then not read), otherwise created from the footprints file (reprojected to the image's CRS; none: an empty
     * review).
     *
     * @param footprintsFile the footprints for a new session, or null
     * @param sessionFile    the session, or null for {@link #defaultFileFor} the image
     * @throws IOException one line naming the file that cannot be read or written
     */
    public static ReviewSession openOrCreate(Path image, Path footprintsFile, Path sessionFile) throws IOException {
        Path file = sessionFile != null ? sessionFile : defaultFileFor(image);
        if (Files.exists(file)) {
            return open(file, image);
        }
        FootprintFile f = footprintsFile == null ? FootprintFile.empty()
                : FootprintFile.read(footprintsFile, facts(image).crs());
        return create(file, image, f.footprints(), f.originals());
    }

    /**
     * Reads a reference map for this review (see {@link ReferenceFile}): reprojected to the image's CRS, clipped to its
     * extent. Only reads (the image and the file): call it on a background thread, then hand the buildings to {@link
     * ReviewModel#addReferences} on the model's thread.
     *
     * @throws IOException one line naming the file and the problem
     */
    public ReferenceFile readReference(Path referenceFile) throws IOException {
        ImageFacts f = facts(image);
        return ReferenceFile.read(referenceFile, f.crs(), f.extent());
    }

    private record ImageFacts(Envelope extent, int width, int height, Crs crs) {
    }

    private static ImageFacts facts(Path image) throws IOException {
        Objects.requireNonNull(image, "image");
        if (!Files.exists(image)) {
            throw new IOException(image + ": no such file");
        }
        try (GeoImage img = GeoImage.open(image)) {
            return new ImageFacts(img.info().extent(), img.info().width(), img.info().height(), img.georef().crs());
        } catch (RooflineInputException e) {
            throw new IOException(e.file() + ": " + e.problem(), e);
        }
    }

    private static void closeQuietly(SessionStore store) {
        try {
            store.close();
        } catch (IOException | RuntimeException ignored) {
            // the original error matters more
        }
    }

    /** Closes the session file (every change is already committed). */
    @Override
    public void close() throws IOException {
        store.close();
    }
}
