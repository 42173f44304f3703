package org.roofline.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.editor.RooflineEditor;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
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

    @Override
    public Integer call() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException("open", "no display to open the editor on (DISPLAY is not set); use the command "
                    + "line tools, or run under a desktop or Xvfb");
        }
        Envelope extent;
        Crs crs;
        try (GeoImage img = GeoImage.open(image)) {
            extent = img.info().extent();
            crs = img.georef().crs();
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
        List<Footprint> list = new ArrayList<>();
        if (footprints != null) {
            VectorLayer layer = ConvertCommand.read(footprints);
            CrsTransform t = crs != null && layer.crs() != null && !crs.equals(layer.crs())
                    ? CrsTransform.of(layer.crs(), crs) : null;
            for (Footprint f : FootprintLayers.fromLayer(layer).footprints()) {
                list.add(t == null ? f : f.withPolygon((Polygon) t.transform(f.polygon())));
            }
        }
        // about 4 x 4 review tiles over the image
        double tile = Math.max(extent.getWidth(), extent.getHeight()) / 4;
        RooflineEditor.launch(image, ReviewModel.of(list, tile, ReviewPersistence.NONE, Clock.systemUTC()));
        return 0;
    }
}
