package org.roofline.app.finetune;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.roofline.app.review.ReviewTiles;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.training.LabelledImage;

/**
 * The finished tiles of a review as training patches: each tile's window of the image, read at the model's
 * resolution, labelled with the footprints that were kept there — accepted, edited and drawn ones are buildings; a
 * rejected footprint's area is background unless a kept footprint covers it (only kept outlines are drawn). Pending
 * footprints of a neighbouring tile that reach into the window count as buildings: they are the model's own answer,
 * neither taught for nor against.
 */
public final class ReviewLabels {

    private static final GeometryFactory GF = new GeometryFactory();

    private ReviewLabels() {
    }

    /**
     * @param image          the reviewed image (the footprints are in its CRS)
     * @param grid           the review's tiles
     * @param footprints     every footprint of the review (a snapshot)
     * @param tiles          the tiles to make patches of (the finished ones)
     * @param metresPerPixel the model's resolution
     * @throws IOException naming the image when it cannot be read
     */
    public static List<LabelledImage> patches(Path image, ReviewTiles grid, Collection<Footprint> footprints,
                                              List<Integer> tiles, double metresPerPixel) throws IOException {
        List<LabelledImage> out = new ArrayList<>(tiles.size());
        try (GeoImage img = GeoImage.open(image)) {
            for (int t : tiles) {
                Envelope e = grid.envelope(t);
                Geometry px = img.georef().toPixel(GF.toGeometry(e));
                Envelope p = px.getEnvelopeInternal();
                int x0 = (int) Math.floor(p.getMinX() + 1e-6);
                int y0 = (int) Math.floor(p.getMinY() + 1e-6);
                int x1 = (int) Math.ceil(p.getMaxX() - 1e-6);
                int y1 = (int) Math.ceil(p.getMaxY() - 1e-6);
                List<Geometry> labels = new ArrayList<>();
                for (Footprint f : footprints) {
                    if (f.status() != ReviewStatus.REJECTED && !f.polygon().isEmpty()
                            && f.polygon().getEnvelopeInternal().intersects(e)) {
                        labels.add(f.polygon());
                    }
                }
                out.add(LabelledImage.loadWindow(image, new Rectangle(x0, y0, x1 - x0, y1 - y0), labels,
                        metresPerPixel));
            }
        } catch (RooflineInputException ex) {
            throw new IOException(ex.file() + ": " + ex.problem(), ex);
        }
        return out;
    }
}
