package org.roofline.app.editor.tools;

import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.inference.imagery.Georeferencing;

/**
 * The frame footprints are re-regularized in: square on the ground, so that right angles there are right angles on
 * the ground, with its unit per image pixel so that tolerances can be given in image pixels (the post-processor's
 * unit).
 *
 * <ul>
 *   <li>Georeferenced with a known CRS: a <b>local metric frame</b> (east, north in metres) centred on a place, from
 *       {@link GroundMetres#metresPerUnit}: for a geographic CRS the degrees of longitude and latitude are scaled to
 *       metres at that place (an affine approximation whose angle error stays below 0.01&deg; within a few km of the
 *       centre); for a projected CRS map units are scaled to metres.</li>
 *   <li>Otherwise the <b>image's pixels</b> (map coordinates are then pixel coordinates anyway).</li>
 * </ul>
 *
 * @param mapToWorking       affine transform from map coordinates to the frame
 * @param workingUnitsPerPixel the frame's units per image pixel (metres per pixel, or 1)
 * @param metric             whether the frame's unit is the metre
 */
public record RegularizationFrame(AffineTransformation mapToWorking, double workingUnitsPerPixel, boolean metric) {

    public RegularizationFrame {
        Objects.requireNonNull(mapToWorking, "mapToWorking");
        if (!(workingUnitsPerPixel > 0) || Double.isInfinite(workingUnitsPerPixel)) {
            throw new IllegalArgumentException("units per pixel must be positive, was " + workingUnitsPerPixel);
        }
    }

    /** The frame for footprints around {@code centre} (map coordinates) on an image with this georeferencing. */
    public static RegularizationFrame of(Georeferencing georef, Coordinate centre) {
        Objects.requireNonNull(georef, "georef");
        Objects.requireNonNull(centre, "centre");
        if (!georef.isGeoreferenced() || georef.crs() == null) {
            return new RegularizationFrame(georef.transform().toPixelTransformation(), 1, false);
        }
        GroundMetres metres;
        try {
            metres = GroundMetres.of(georef);
        } catch (IllegalStateException unknownUnit) {
            return new RegularizationFrame(georef.transform().toPixelTransformation(), 1, false);
        }
        Coordinate m = metres.metresPerUnit(centre);
        AffineTransformation t = AffineTransformation.translationInstance(-centre.x, -centre.y).scale(m.x, m.y);
        var p = georef.transform();
        double alongRow = Math.hypot(p.pixelWidth() * m.x, p.rotY() * m.y);
        double alongColumn = Math.hypot(p.rotX() * m.x, p.pixelHeight() * m.y);
        return new RegularizationFrame(t, (alongRow + alongColumn) / 2, true);
    }
}
