package org.roofline.inference.imagery;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.NoninvertibleTransformationException;

/**
 * The affine map from pixel coordinates to map coordinates of a georeferenced image, in GDAL's geotransform order:
 * <pre>
 *   mapX = originX + px * pixelWidth + py * rotX
 *   mapY = originY + px * rotY       + py * pixelHeight
 * </pre>
 * Pixel coordinates have x to the right and y down, with the top-left corner of the top-left pixel at (0, 0) (so the
 * centre of pixel (i, j) is at (i + 0.5, j + 0.5)). For a north-up image {@code rotX} and {@code rotY} are 0 and
 * {@code pixelHeight} is negative.
 *
 * @param originX     GDAL GT[0]: map x of the top-left corner
 * @param pixelWidth  GDAL GT[1]
 * @param rotX        GDAL GT[2]: map x change per pixel row
 * @param originY     GDAL GT[3]: map y of the top-left corner
 * @param rotY        GDAL GT[4]: map y change per pixel column
 * @param pixelHeight GDAL GT[5], negative for north-up images
 */
public record PixelToMap(double originX, double pixelWidth, double rotX, double originY, double rotY,
                         double pixelHeight) {

    public PixelToMap {
        double det = pixelWidth * pixelHeight - rotX * rotY;
        if (!Double.isFinite(originX) || !Double.isFinite(originY) || !Double.isFinite(det) || det == 0) {
            throw new IllegalArgumentException("not an invertible geotransform: " + originX + ", " + pixelWidth + ", "
                    + rotX + ", " + originY + ", " + rotY + ", " + pixelHeight);
        }
    }

    /** From a GDAL geotransform array of six values. */
    public static PixelToMap fromGdal(double[] gt) {
        if (gt.length != 6) {
            throw new IllegalArgumentException("a geotransform has 6 values, not " + gt.length);
        }
        return new PixelToMap(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]);
    }

    /** @return the six values in GDAL order */
    public double[] toGdal() {
        return new double[] {originX, pixelWidth, rotX, originY, rotY, pixelHeight};
    }

    /** @return the transformation from pixel to map coordinates */
    public AffineTransformation toMapTransformation() {
        return new AffineTransformation(pixelWidth, rotX, originX, rotY, pixelHeight, originY);
    }

    /** @return the transformation from map to pixel coordinates */
    public AffineTransformation toPixelTransformation() {
        try {
            return toMapTransformation().getInverse();
        } catch (NoninvertibleTransformationException e) {
            throw new IllegalStateException(e); // excluded by the constructor
        }
    }

    /** @return a copy of a geometry in pixel coordinates, in map coordinates */
    public Geometry toMap(Geometry pixelGeometry) {
        return toMapTransformation().transform(pixelGeometry);
    }

    /** @return a copy of a geometry in map coordinates, in pixel coordinates */
    public Geometry toPixel(Geometry mapGeometry) {
        return toPixelTransformation().transform(mapGeometry);
    }

    /** @return the map coordinates of pixel position (px, py) */
    public Coordinate toMap(double px, double py) {
        return new Coordinate(originX + px * pixelWidth + py * rotX, originY + px * rotY + py * pixelHeight);
    }

    /** @return whether the image is north-up: no rotation */
    public boolean isNorthUp() {
        return rotX == 0 && rotY == 0;
    }
}
