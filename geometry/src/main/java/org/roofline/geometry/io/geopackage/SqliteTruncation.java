package org.roofline.geometry.io.geopackage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a GeoPackage (an SQLite database file) is cut short, from its 100-byte header alone: the header states the
 * page size and, when the count is valid, the number of pages, so the file's size must be at least their product
 * (and a whole number of pages). Without this a truncated file reads as "not a GeoPackage", "not a session" or an SQL
 * statement that failed.
 *
 * <p>Guarantee: a file shorter than its header says is reported. A file beside its write-ahead log ({@code -wal}) is
 * not judged (its last pages may live in the log). A file that is not SQLite is not judged either.
 */
public final class SqliteTruncation {

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteTruncation() {
    }

    /** @return why the file is cut short, one line ("truncated: ..."), or empty */
    public static Optional<String> problem(Path file) throws IOException {
        if (Files.exists(file.resolveSibling(file.getFileName() + "-wal"))) {
            return Optional.empty();
        }
        long size = Files.size(file);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(100);
        }
        if (head.length < MAGIC.length || !java.util.Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        if (head.length < 100) {
            return Optional.of("truncated: " + size + " bytes, shorter than an SQLite header (100 bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int pageSize = b.getShort(16) & 0xFFFF;
        pageSize = pageSize == 1 ? 65536 : pageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            return Optional.of("corrupt: the SQLite header gives a page size of " + pageSize);
        }
        long pages = b.getInt(28) & 0xFFFFFFFFL;
        boolean countValid = pages > 0 && b.getInt(24) == b.getInt(92);
        if (countValid && size < pages * pageSize) {
            return Optional.of("truncated: the SQLite header announces " + pages + " pages of " + pageSize
                    + " bytes (" + pages * pageSize + " bytes), the file has " + size);
        }
        if (size % pageSize != 0) {
            return Optional.of("truncated: " + size + " bytes is not a whole number of " + pageSize + "-byte pages");
        }
        return Optional.empty();
    }
}
