package org.roofline.geometry.crs;

import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Reprojects coordinates and JTS geometries from one {@link Crs} to another with proj4j, which agrees with PROJ's
 * {@code cs2cs} to the millimetre for projections that involve no datum change. Datum changes use the registry's
 * {@code +towgs84} (Helmert) parameters, as PROJ 4 did; PROJ 6 and later may pick a more accurate, grid-based
 * transformation, so expect differences of up to a few metres between datums.
 *
 * <p>Coordinates are (x, y) = (easting or longitude, northing or latitude), see {@link Crs}; a z ordinate is kept
 * unchanged. Between equal CRSs the transform is the identity and returns its input.
 *
 * <p>Instances are immutable and thread-safe: proj4j's transform objects are not, so each thread gets its own.
 *
 * <pre>{@code
 * Geometry wgs84 = CrsTransform.of(Crs.epsg(32616), Crs.WGS84).transform(utmPolygon);
 * }</pre>
 */
public final class CrsTransform {

    private final Crs source;
    private final Crs target;
    private final boolean identity;
    private final ThreadLocal<CoordinateTransform> transforms;

    private CrsTransform(Crs source, Crs target) {
        this.source = source;
        this.target = target;
        this.identity = source.equals(target);
        if (identity) {
            transforms = null;
        } else {
            CoordinateTransform first = create(source, target); // fails here, not later, if proj4j rejects a definition
            transforms = ThreadLocal.withInitial(() -> create(source, target));
            transforms.set(first);
        }
    }

    /**
     * A transform between two CRSs.
     *
     * @throws IllegalArgumentException if either CRS cannot be reprojected (a WKT that matched no EPSG code, see
     *                                  {@link Crs#canReproject()})
     */
    public static CrsTransform of(Crs from, Crs to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.equals(to)) {
            for (Crs crs : new Crs[] {from, to}) {
                if (!crs.canReproject()) {
                    throw new IllegalArgumentException("cannot reproject " + (crs == from ? "from " : "to ") + crs
                            + ": its WKT matches no EPSG definition Roofline knows");
                }
            }
        }
        return new CrsTransform(from, to);
    }

    private static CoordinateTransform create(Crs source, Crs target) {
        CRSFactory factory = new CRSFactory();
        return new BasicCoordinateTransform(proj4j(factory, source), proj4j(factory, target));
    }

    private static CoordinateReferenceSystem proj4j(CRSFactory factory, Crs crs) {
        try {
            return factory.createFromParameters(crs.epsgCode().isPresent() ? "EPSG:" + crs.epsgCode().getAsInt()
                    : crs.name(), crs.proj4());
        } catch (Proj4jException e) {
            throw new IllegalArgumentException("cannot reproject " + crs + ": proj4j rejects its definition '"
                    + crs.proj4() + "': " + e.getMessage(), e);
        }
    }

    public Crs source() {
        return source;
    }

    public Crs target() {
        return target;
    }

    /** @return whether source and target are the same CRS, so that transforming changes nothing */
    public boolean isIdentity() {
        return identity;
    }

    /**
     * @return the transformed coordinate (a new object; z copied)
     * @throws IllegalArgumentException if the coordinates or the result are not finite, a latitude is beyond ±90°, or
     *                                  proj4j fails. proj4j does not check a projection's domain of use: a point far
     *                                  outside it (the other side of the Earth in a UTM zone) gives a meaningless but
     *                                  finite result
     */
    public Coordinate transform(Coordinate c) {
        if (identity) {
            return c.copy();
        }
        Coordinate out = c.copy();
        ProjCoordinate p = new ProjCoordinate(c.x, c.y);
        transformInPlace(p);
        out.x = p.x;
        out.y = p.y;
        return out;
    }

    /**
     * @return a transformed copy of the geometry, or the geometry itself for the identity; its SRID is left as is
     * @throws IllegalArgumentException if a vertex is outside the domain of the projection
     */
    public Geometry transform(Geometry geometry) {
        if (identity) {
            return geometry;
        }
        Geometry copy = geometry.copy();
        ProjCoordinate p = new ProjCoordinate();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                p.x = seq.getX(i);
                p.y = seq.getY(i);
                p.z = Double.NaN;
                transformInPlace(p);
                seq.setOrdinate(i, CoordinateSequence.X, p.x);
                seq.setOrdinate(i, CoordinateSequence.Y, p.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }

    private void transformInPlace(ProjCoordinate p) {
        double x = p.x;
        double y = p.y;
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw outOfDomain(x, y, "the coordinates are not finite", null);
        }
        if (source.isGeographic() && Math.abs(y) > 90) {
            throw outOfDomain(x, y, "latitude " + y + " is outside [-90, 90] (are the coordinates in another CRS?)", null);
        }
        try {
            transforms.get().transform(p, p);
        } catch (Proj4jException | ArithmeticException e) {
            throw outOfDomain(x, y, e.getMessage(), e);
        }
        if (!Double.isFinite(p.x) || !Double.isFinite(p.y)) {
            throw outOfDomain(x, y, "the result is not finite", null);
        }
        if (target.isGeographic() && Math.abs(p.y) > 90) {
            throw outOfDomain(x, y, "the result's latitude " + p.y + " is outside [-90, 90]", null);
        }
    }

    private IllegalArgumentException outOfDomain(double x, double y, String why, Exception cause) {
        return new IllegalArgumentException("cannot transform (" + x + ", " + y + ") from " + source + " to " + target
                + ": " + why, cause);
    }

    @Override
    public String toString() {
        return "CrsTransform[" + source + " -> " + target + "]";
    }
}
