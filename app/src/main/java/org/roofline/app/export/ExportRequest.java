package org.roofline.app.export;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * What to export, and where.
 *
 * @param out       the file to write; its extension chooses the format ({@code .shp}, {@code .geojson}/{@code .json},
 *                  {@code .gpkg}); an existing file is replaced, atomically
 * @param statuses  the review statuses to take (see {@link ExportStatuses}); not empty
 * @param targetCrs the CRS to write, or null to keep the footprints' own CRS (GeoJSON without a target is RFC 7946
 *                  WGS 84, as the format asks; GeoJSON with another target names it in a legacy {@code crs} member)
 */
public record ExportRequest(Path out, Set<ReviewStatus> statuses, Crs targetCrs) {

    public ExportRequest {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(statuses, "statuses");
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one status");
        }
        statuses = Set.copyOf(statuses);
    }

    /** The reviewer's footprints (accepted and edited) in their own CRS. */
    public static ExportRequest kept(Path out) {
        return new ExportRequest(out, ExportStatuses.KEPT, null);
    }
}
