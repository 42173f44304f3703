package org.roofline.geometry.io;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times as attribute values: the text form in which GeoJSON and Shapefile carry a {@link
 * FieldType#DATETIME} field.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /** @return the instant of an ISO-8601 date-time with a zone or offset, or null if the text is not one */
    public static Instant parseOrNull(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
