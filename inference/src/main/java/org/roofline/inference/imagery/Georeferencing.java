package org.roofline.inference.imagery;

import java.awt.Rectangle;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.roofline.geometry.crs.Crs;

/**
 * Where an image's pixels lie on the map: an affine pixel-to-map transform, the coordinate reference system of the map
 * coordinates, and where that information came from.
 *
 * <h2>Coordinates</h2>
 * Pixel coordinates have x to the right and y down, with the top-left corner of the top-left pixel at (0, 0); the
 * centre of pixel (i, j) is at (i + 0.5, j + 0.5). Map coordinates are always in the "traditional GIS order", x east
 * and y north (longitude then latitude for a geographic CRS, whatever axis order the CRS's definition declares), as
 * GDAL's geotransform and GeoTIFF use them.
 *
 * <h2>Not georeferenced</h2>
 * With {@link Source#NONE} the transform is the identity (GDAL's default geotransform {@code 0 1 0 0 0 1}): "map"
 * coordinates are then the image's pixel coordinates, y pointing down, and {@link #crs()} is null (for a window read
 * from such an image, {@link #forWindow} gives the window's place in the image instead of the identity). Callers that
 * need real map coordinates check {@link #isGeoreferenced()} and say so once to the user.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param transform the pixel-to-map transform, never null
 * @param crs       the coordinate reference system of the map coordinates, or null when unknown (always null for
 *                  {@link Source#NONE}; may also be null with a transform, for instance a world file without a
 *                  {@code .prj})
 * @param source    where the transform came from
 */
public record Georeferencing(PixelToMap transform, Crs crs, Source source) {

    /** Where the georeferencing of an image came from, in the order {@link GeoImage} looks for it. */
    public enum Source {
        /** The GeoTIFF tags of the image itself (ModelTiepoint/ModelPixelScale or ModelTransformation, GeoKeys). */
        GEOTIFF_KEYS("GeoTIFF keys"),
        /** A GDAL PAM sidecar {@code <image file>.aux.xml} (GeoTransform and SRS elements). */
        PAM_SIDECAR("GDAL PAM sidecar (.aux.xml)"),
        /** An Esri world file ({@code .tfw}, {@code .pgw}, {@code .jgw}, {@code .wld}, ...), CRS from a {@code .prj}. */
        WORLD_FILE("world file"),
        /** None: coordinates are pixel coordinates. */
        NONE("none (pixel coordinates)");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** @return a short description for people */
        public String label() {
            return label;
        }
    }

    /**
     * The ground size of one pixel, in metres.
     *
     * @param x the distance between the pixel's left and right edge midpoints (along a row)
     * @param y the distance between its top and bottom edge midpoints (along a column)
     */
    public record PixelSize(double x, double y) {
        /** @return the mean of {@link #x} and {@link #y} */
        public double mean() {
            return (x + y) / 2;
        }
    }

    private static final PixelToMap IDENTITY = new PixelToMap(0, 1, 0, 0, 0, 1);
    private static final Georeferencing NONE = new Georeferencing(IDENTITY, null, Source.NONE);

    public Georeferencing {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(source, "source");
        if (source == Source.NONE && crs != null) {
            throw new IllegalArgumentException("an image without georeferencing has no CRS");
        }
    }

    /** @return the georeferencing of an image that has none: pixel coordinates, {@link Source#NONE} */
    public static Georeferencing none() {
        return NONE;
    }

    /** @return the identity transform: map coordinates equal to pixel coordinates */
    public static PixelToMap identity() {
        return IDENTITY;
    }

    /** @return whether map coordinates are real map coordinates (not pixel coordinates) */
    public boolean isGeoreferenced() {
        return source != Source.NONE;
    }

    /** @return the CRS, if known */
    public Optional<Crs> optionalCrs() {
        return Optional.ofNullable(crs);
    }

    /** @return the map position of a pixel position (a new coordinate; z is kept) */
    public Coordinate toMap(Coordinate pixel) {
        Coordinate c = transform.toMap(pixel.x, pixel.y);
        c.setZ(pixel.getZ());
        return c;
    }

    /** @return the pixel position of a map position (a new coordinate; z is kept) */
    public Coordinate toPixel(Coordinate map) {
        Coordinate c = new Coordinate();
        transform.toPixelTransformation().transform(map, c);
        c.setZ(map.getZ());
        return c;
    }

    /** @return a copy of a geometry in pixel coordinates, in map coordinates */
    public Geometry toMap(Geometry pixelGeometry) {
        return transform.toMap(pixelGeometry);
    }

    /** @return a copy of a geometry in map coordinates, in pixel coordinates */
    public Geometry toPixel(Geometry mapGeometry) {
        return transform.toPixel(mapGeometry);
    }

    /**
     * The map extent of an image of this size: the envelope of its four corners (for a rotated image it holds map
     * area outside the image).
     */
    public Envelope extent(int width, int height) {
        Envelope e = new Envelope(transform.toMap(0, 0), transform.toMap(width, height));
        e.expandToInclude(transform.toMap(width, 0));
        e.expandToInclude(transform.toMap(0, height));
        return e;
    }

    /**
     * The smallest pixel window of an image of this size that covers a map area, clipped to the image.
     *
     * @return the window, or empty when the area does not overlap the image
     */
    public Optional<Rectangle> windowFor(Envelope mapArea, int width, int height) {
        if (mapArea.isNull()) {
            return Optional.empty();
        }
        Envelope px = new Envelope();
        for (Coordinate corner : new Coordinate[] {new Coordinate(mapArea.getMinX(), mapArea.getMinY()),
                new Coordinate(mapArea.getMaxX(), mapArea.getMinY()), new Coordinate(mapArea.getMinX(), mapArea.getMaxY()),
                new Coordinate(mapArea.getMaxX(), mapArea.getMaxY())}) {
            px.expandToInclude(toPixel(corner));
        }
        int x0 = (int) Math.max(0, Math.floor(px.getMinX()));
        int y0 = (int) Math.max(0, Math.floor(px.getMinY()));
        int x1 = (int) Math.min(width, Math.ceil(px.getMaxX()));
        int y1 = (int) Math.min(height, Math.ceil(px.getMaxY()));
        if (x1 <= x0 || y1 <= y0) {
            return Optional.empty();
        }
        return Optional.of(new Rectangle(x0, y0, x1 - x0, y1 - y0));
    }

    /**
     * The georeferencing of a window read from this image with a subsampling: pixel (i, j) of the window is pixel
     * (window.x + i * subsampling, window.y + j * subsampling) of the image, and its cell covers {@code subsampling}
     * image pixels each way. Same CRS and source.
     */
    public Georeferencing forWindow(Rectangle window, int subsampling) {
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, was " + subsampling);
        }
        if (window.x == 0 && window.y == 0 && subsampling == 1) {
            return this;
        }
        Coordinate o = transform.toMap(window.x, window.y);
        PixelToMap t = new PixelToMap(o.x, transform.pixelWidth() * subsampling, transform.rotX() * subsampling,
                o.y, transform.rotY() * subsampling, transform.pixelHeight() * subsampling);
        return new Georeferencing(t, crs, source);
    }

    /**
     * The ground size of a pixel at the centre of an image of this size, in metres.
     *
     * <ul>
     *   <li><b>Geographic CRS</b>: the geodesic distances (GeographicLib, Karney's algorithm, accurate to nanometres,
     *       on the CRS's ellipsoid; WGS 84 when SIS cannot read the CRS's definition) between the midpoints of the
     *       centre pixel's opposite edges. Pixels a constant size in degrees shrink east-west towards the poles; this
     *       is the size at the centre only.</li>
     *   <li><b>Projected CRS</b>: the nominal pixel size, the geotransform's pixel size converted from the CRS's
     *       linear unit (metre, US survey foot, ...) to metres, as {@code gdalinfo} and GIS tools report it. It is
     *       not corrected for the projection's scale (for Web Mercator the true ground size is smaller by
     *       cos(latitude), for UTM within 0.1 %).</li>
     * </ul>
     *
     * @return the size, or empty when not georeferenced, the CRS is unknown, or its unit cannot be determined
     */
    public Optional<PixelSize> groundPixelSize(int width, int height) {
        if (!isGeoreferenced()) {
            return Optional.empty();
        }
        return SisReferencing.pixelSize(transform, crs, width / 2.0, height / 2.0);
    }
}
