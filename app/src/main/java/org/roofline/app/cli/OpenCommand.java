package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.roofline.app.editor.OpenedReview;
import org.roofline.app.editor.RecentFiles;
import org.roofline.app.editor.RooflineEditor;
import org.roofline.app.sample.BundledSample;
import org.roofline.app.session.OriginalOutlines;
import org.roofline.app.session.ReviewSession;
import org.roofline.app.session.SessionLock;
import org.roofline.app.session.SessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code roofline open}: the editor on a review session, or on an image with footprints to review. Every review has a
 * session: every decision is committed to it as it is made.
 */
@Command(name = "open",
        mixinStandardHelpOptions = true,
        header = "Opens the review editor on a review session, or on an image with footprints to review.",
        description = {
                "IMAGE: the review is kept in a session beside it, IMAGE-stem" + ReviewSession.SUFFIX + " (or the "
                        + "file --session names): created from --footprints the first time, reopened with every "
                        + "decision afterwards. SESSION (a Roofline session .gpkg): reopens it on its image, found "
                        + "where it was or beside the session when both were moved.",
                "Keys: N or Space next tile, P previous, A accept, D reject, Shift+A accept the tile's pending "
                        + "footprints, Ctrl+Z / Ctrl+Y undo / redo. Needs a display."})
final class OpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE|SESSION",
            description = "The image to review, or a Roofline review session (.gpkg) to reopen.")
    Path path;

    @Option(names = "--footprints", paramLabel = "FILE",
            description = "Footprints to review (.gpkg, .shp, .geojson), reprojected to the image's CRS; used when "
                    + "the session is created. A GeoPackage's " + OriginalOutlines.TABLE + " table (from 'extract "
                    + "--keep-originals') gives the outlines before regularization, for the doubt-first order.")
    Path footprints;

    @Option(names = "--session", paramLabel = "SESSION.gpkg",
            description = "The review session for IMAGE instead of IMAGE-stem" + ReviewSession.SUFFIX + ": created "
                    + "when it does not exist, reopened when it does.")
    Path session;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "An existing map to review against (.geojson, .geojsonl, .shp, .gpkg or OSM XML .osm), "
                    + "reprojected to the image's CRS and clipped to it, kept in the session: footprints get their "
                    + "change class (new, unchanged, changed), and the review can replace, keep or mark demolished "
                    + "the map's buildings. Read once: a session that has a reference keeps it.")
    Path reference;

    @Option(names = READ_ONLY,
            description = "Open the session only to look at it (when another editor has it open, say): the file "
                    + "is not changed and no decision can be made.")
    boolean readOnly;

    /** The option that opens a session read-only. */
    static final String READ_ONLY = "--read-only";

    @Override
    public Integer call() throws IOException {
        requireDisplay();
        PrintWriter err = spec.commandLine().getErr();
        ReviewSession review = review(path, footprints, session, readOnly, err);
        if (reference != null) {
            try {
                addReference(review, reference, err);
            } catch (RuntimeException e) {
                review.close();
                throw e;
            }
        }
        launch(review, err);
        return 0;
    }

    /**
     * Opens the editor on a review (blocks until the window closes) and records it as recent; File &gt; Open and
     * Recent open other images and sessions the same way as this command. The editor closes the review it shows
     * last; this closes the first one too, in case the window never opened (closing twice is harmless).
     */
    static void launch(ReviewSession review, PrintWriter err) throws IOException {
        try (review) {
            remember(review.store().file(), err);
            RooflineEditor.launch(opened(review), new OpenedReview.Opener() {
                @Override
                public OpenedReview open(Path path) throws Exception {
                    ReviewSession next = review(path, null, null, false, err);
                    remember(next.store().file(), err);
                    return opened(next);
                }

                @Override
                public OpenedReview openReadOnly(Path path) throws Exception {
                    return opened(review(path, null, null, true, err));
                }
            }, () -> RecentFiles.standard().list());
        }
    }

    /** What the editor shows of a review session. */
    static OpenedReview opened(ReviewSession r) {
        return new OpenedReview(r.image(), r.model(), r.store().crs(), r.store().file(), r,
                r.store().isReadOnly());
    }

    /**
     * The review of the bundled sample: copied to the data directory on first use, its session created from the
     * extracted footprints the first time and reopened afterwards.
     */
    static ReviewSession sample() throws IOException {
        BundledSample.Location s = BundledSample.install();
        return ReviewSession.openOrCreate(s.image(), s.footprints(), s.session());
    }

    /** Fails with one line when there is no display to show a window on. */
    static void requireDisplay() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException("no display", "DISPLAY is not set, so the editor cannot open; run Roofline in a "
                    + "desktop session or under Xvfb (xvfb-run " + Invocation.command() + " ...), or use the command-line "
                    + "tools ('roofline --help' lists them)");
        }
    }

    /**
     * The review {@code roofline open PATH [--footprints F] [--session S]} opens, before any window: a session
     * reopened, or an image's session created or reopened.
     *
     * @param readOnly whether to open an existing session {@link ReviewSession#openReadOnly read-only}
     * @param err      where notes go (for example that --footprints is not used because the session exists)
     * @throws CliException one line: among others, that another editor holds the session (and that --read-only
     *                      opens it to look at)
     */
    static ReviewSession review(Path path, Path footprintsFile, Path sessionFile, boolean readOnly, PrintWriter err)
            throws IOException {
        try {
            return reviewOrHeld(path, footprintsFile, sessionFile, readOnly, err);
        } catch (SessionLock.HeldException e) {
            throw new CliException(e.session().toString(), e.problem() + "; add " + READ_ONLY + " to look at it "
                    + "without making decisions", e);
        }
    }

    private static ReviewSession reviewOrHeld(Path path, Path footprintsFile, Path sessionFile, boolean readOnly,
                                              PrintWriter err) throws IOException {
        if (!Files.exists(path)) {
            throw new CliException(path.toString(), "no such file");
        }
        if (SessionStore.isSession(path)) {
            if (footprintsFile != null || sessionFile != null) {
                throw new CliException(path.toString(), "is a review session: open it alone, without --footprints "
                        + "or --session");
            }
            return readOnly ? ReviewSession.openReadOnly(path) : ReviewSession.open(path);
        }
        if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gpkg")) {
            java.util.Optional<String> cut = org.roofline.geometry.io.geopackage.SqliteTruncation.problem(path);
            if (cut.isPresent()) {
                throw new CliException(path.toString(), "damaged GeoPackage, " + cut.get());
            }
            throw new CliException(path.toString(), "is a GeoPackage but not a Roofline review session; to review "
                    + "its footprints, open the image with --footprints " + path);
        }
        Path file = sessionFile != null ? sessionFile : ReviewSession.defaultFileFor(path);
        if (readOnly) {
            if (!Files.exists(file)) {
                throw new CliException(file.toString(), "no such session to open " + READ_ONLY + " (without "
                        + READ_ONLY + ", it is created)");
            }
            return ReviewSession.openReadOnly(file, path);
        }
        if (Files.exists(file) && footprintsFile != null) {
            err.println("roofline: " + file + ": reopening this session with its decisions; --footprints "
                    + footprintsFile + " is not read (name another --session to start afresh)");
            err.flush();
        }
        return ReviewSession.openOrCreate(path, footprintsFile, file);
    }

    /**
     * Adds a reference layer to a review that has none (a note when it has one already: the session keeps the map it
     * was first given, with the decisions made against it).
     *
     * @throws CliException one line naming the file that cannot be read, or a session opened read-only
     */
    static void addReference(ReviewSession review, Path referenceFile, PrintWriter err) {
        if (review.model().hasReference()) {
            err.println("roofline: " + review.store().file() + ": the session has a reference layer already ("
                    + review.model().referenceSource() + ", with the decisions made against it); --reference "
                    + referenceFile + " is not read");
            err.flush();
            return;
        }
        if (review.store().isReadOnly()) {
            throw new CliException(referenceFile.toString(), "cannot be added to a session opened " + READ_ONLY);
        }
        org.roofline.app.session.ReferenceFile file;
        try {
            file = review.readReference(referenceFile);
        } catch (IOException e) {
            throw new CliException(referenceFile.toString(), VectorFiles.stripSubject(e.getMessage(), referenceFile),
                    e);
        }
        review.model().addReferences(file.buildings(), file.source());
    }

    /** Records an opened file as recent; a list that cannot be written is a note, not a failure. */
    static void remember(Path file, PrintWriter err) {
        try {
            RecentFiles.standard().add(file);
        } catch (IOException e) {
            err.println("roofline: " + e.getMessage() + " (the review goes on)");
            err.flush();
        }
    }
}
