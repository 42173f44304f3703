package org.roofline.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.RooflineEditor;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.ReviewTiles;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code roofline open}: the editor on an image, with footprints to review. */
@Command(name = "open",
        mixinStandardHelpOptions = true,
        header = "Opens the review editor on an image, with footprints from a vector file.",
        description = "Keys: N or Space next tile, P previous, A accept, D reject, Shift+A accept the tile's pending "
                + "footprints, Ctrl+Z / Ctrl+Y undo / redo. Needs a display.")
final class OpenCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to review.")
    Path image;

    @Option(names = "--footprints", paramLabel = "FILE",
            description = "Footprints to review (.gpkg, .shp, .geojson), reprojected to the image's CRS.")
    Path footprints;

    @Option(names = "--session", paramLabel = "SESSION.gpkg",
            description = "The review session: created from --footprints when it does not exist, reopened (with "
                    + "every decision made so far) when it does. Every decision is committed to it as it is made.")
    Path session;

    @Override
    public Integer call() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException("open", "no display to open the editor on (DISPLAY is not set); use the command "
                    + "line tools, or run under a desktop or Xvfb");
        }
        Review review = review(image, footprints, session);
        try {
            RooflineEditor.launch(image, review.model());
        } finally {
            review.close();
        }
        return 0;
    }

    /** A review model and the session it writes to (null without one). */
    record Review(ReviewModel model, SessionStore store) implements AutoCloseable {
        @Override
        public void close() {
            if (store != null) {
                try {
                    store.close();
                } catch (IOException e) {
                    throw new CliException(store.file().toString(), "cannot close the session: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The review of an image: its footprints (from a vector file, or from the session when it exists), review tiles
     * of about a quarter of the image each (fixed by the image, so they stay the same across sessions), and the
     * session as the model's persistence.
     */
    static Review review(Path image, Path footprintsFile, Path sessionFile) {
        Envelope extent;
        Crs crs;
        try (GeoImage img = GeoImage.open(image)) {
            extent = img.info().extent();
            crs = img.georef().crs();
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
        ReviewTiles tiles = ReviewTiles.covering(extent, Math.max(extent.getWidth(), extent.getHeight()) / 4);
        if (sessionFile != null && Files.exists(sessionFile)) {
            try {
                SessionStore store = SessionStore.open(sessionFile);
                SessionStore.Contents contents = store.load();
                ReviewModel model = new ReviewModel(contents.footprints(), Map.of(), tiles, store, Clock.systemUTC());
                model.restoreVisited(contents.visitedTiles().stream().boxed().toList());
                return new Review(model, store);
            } catch (IOException e) {
                throw new CliException(sessionFile.toString(), ConvertCommand.stripSubject(e.getMessage(), sessionFile), e);
            }
        }
        List<Footprint> list = new ArrayList<>();
        if (footprintsFile != null) {
            VectorLayer layer = ConvertCommand.read(footprintsFile);
            CrsTransform t = crs != null && layer.crs() != null && !crs.equals(layer.crs())
                    ? CrsTransform.of(layer.crs(), crs) : null;
            for (Footprint f : FootprintLayers.fromLayer(layer).footprints()) {
                list.add(t == null ? f : f.withPolygon((Polygon) t.transform(f.polygon())));
            }
        }
        if (sessionFile == null) {
            return new Review(new ReviewModel(list, Map.of(), tiles, ReviewPersistence.NONE, Clock.systemUTC()), null);
        }
        try {
            SessionStore store = SessionStore.create(sessionFile, image.toAbsolutePath(), crs, list, tiles.count());
            return new Review(new ReviewModel(list, Map.of(), tiles, store, Clock.systemUTC()), store);
        } catch (IOException e) {
            throw new CliException(sessionFile.toString(), ConvertCommand.stripSubject(e.getMessage(), sessionFile), e);
        }
    }
}
