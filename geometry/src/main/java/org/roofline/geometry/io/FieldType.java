package org.roofline.geometry.io;

/** The type of an attribute field, as every supported vector format can store it. */
public enum FieldType {
    /** Whole numbers (Java {@link Long}). */
    INTEGER,
    /** Floating-point numbers (Java {@link Double}). */
    REAL,
    /** Text (Java {@link String}). */
    STRING,
    /** True or false (Java {@link Boolean}); Shapefile stores it as a logical field. */
    BOOLEAN,
    /** An instant in UTC (Java {@link java.time.Instant}); Shapefile stores it as ISO-8601 text. */
    DATETIME
}
