package org.roofline.app.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.format.VectorFormat;

/**
 * What an export wrote, checked by reading the file back.
 *
 * @param out      the file written
 * @param format   its format
 * @param crs      the CRS of the file's coordinates as read back, or null for pixel coordinates
 * @param byStatus footprints written per exported status (every requested status present, possibly with 0)
 * @param written  footprints written
 * @param readBack footprints read back from the file (equal to {@code written}, each equal to what was written: the
 *                 exporter fails otherwise)
 * @param elapsed  the time the export took
 */
public record ExportReport(Path out, VectorFormat format, Crs crs, Map<ReviewStatus, Integer> byStatus, int written,
                           int readBack, Duration elapsed) {

    public ExportReport {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(elapsed, "elapsed");
        byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
    }

    /** {@code Wrote 12 footprints (accepted 9, edited 3) to out.shp (read back: 12)}. */
    public String summary() {
        StringJoiner parts = new StringJoiner(", ", " (", ")");
        parts.setEmptyValue("");
        for (Map.Entry<ReviewStatus, Integer> e : byStatus.entrySet()) {
            parts.add(e.getKey().code() + " " + e.getValue());
        }
        return "Wrote " + written + " footprint" + (written == 1 ? "" : "s") + parts + " to " + out
                + " (read back: " + readBack + ")";
    }

    /** The file's coordinates in words: the CRS, or {@code pixel coordinates}. */
    public String coordinates() {
        return crs == null ? "pixel coordinates" : crs.toString();
    }
}
