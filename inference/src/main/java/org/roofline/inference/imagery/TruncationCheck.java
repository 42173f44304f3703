package org.roofline.inference.imagery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an image file is cut short, judged from its structure without decoding pixels: for a TIFF or BigTIFF,
 * that every directory and every strip or tile (offset + byte count) of every image in it lies within the file; for a
 * PNG, that it ends with its IEND chunk; for a JPEG, that its end-of-image marker is near the end.
 *
 * <p>Guarantee: a file whose image data the header points past the end of the file is reported, with how many blocks
 * are missing. A file that passes may still be corrupt inside its blocks (that shows only when they are decoded).
 * Reads the directories and the offset and byte-count arrays only (for a BigTIFF of a million tiles, 16 MB).
 */
final class TruncationCheck {

    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    /** The most directories followed (overviews and masks of a GDAL file are a handful). */
    private static final int MAX_DIRECTORIES = 1000;
    /** The largest offset array read: beyond it the file is not checked (no real file has 2^25 blocks a level). */
    private static final long MAX_ARRAY_BYTES = 256L << 20;
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    /** Marks an offset or byte-count array that itself lies past the end of the file. */
    private static final long[] CUT_OFF = new long[0];

    private TruncationCheck() {
    }

    /**
     * @return why the file is damaged (for example "truncated: 12 of 16 tiles lie past the end of the file (it has
     *         200000 bytes, the image data needs 362907)"), or empty when its structure is whole
     * @throws IOException if the file cannot be read
     */
    static Optional<String> problem(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] head = read(ch, 0, (int) Math.min(16, size)).array();
            if (head.length >= 4 && (head[0] == 'I' && head[1] == 'I' || head[0] == 'M' && head[1] == 'M')) {
                return tiff(ch, size, head[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            }
            if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
                byte[] tail = read(ch, Math.max(0, size - PNG_IEND.length), PNG_IEND.length).array();
                return java.util.Arrays.equals(tail, PNG_IEND) ? Optional.empty()
                        : Optional.of("truncated: the PNG does not end with its IEND chunk (" + size + " bytes)");
            }
            if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
                int n = (int) Math.min(size, 1024);
                byte[] tail = read(ch, size - n, n).array();
                for (int i = tail.length - 2; i >= 0; i--) {
                    if ((tail[i] & 0xFF) == 0xFF && (tail[i + 1] & 0xFF) == 0xD9) {
                        return Optional.empty();
                    }
                }
                return Optional.of("truncated: the JPEG has no end-of-image marker at its end (" + size + " bytes)");
            }
            return Optional.empty();
        }
    }

    private static Optional<String> tiff(FileChannel ch, long size, ByteOrder order) throws IOException {
        ByteBuffer h = read(ch, 0, (int) Math.min(16, size)).order(order);
        if (h.limit() < 8) {
            return Optional.of("truncated: " + size + " bytes, shorter than a TIFF header");
        }
        int magic = h.getShort(2) & 0xFFFF;
        boolean big = magic == 43;
        if (!big && magic != 42) {
            return Optional.empty();
        }
        if (big && h.limit() < 16) {
            return Optional.of("truncated: " + size + " bytes, shorter than a BigTIFF header");
        }
        long ifd = big ? h.getLong(8) : h.getInt(4) & 0xFFFFFFFFL;
        long needed = 0;
        long blocks = 0;
        long missing = 0;
        String kind = "strips";
        Set<Long> seen = new HashSet<>();
        for (int d = 0; ifd != 0 && d < MAX_DIRECTORIES && seen.add(ifd); d++) {
            int countSize = big ? 8 : 2;
            if (ifd < 0 || ifd + countSize > size) {
                return Optional.of(String.format(Locale.ROOT, "truncated: image directory %d starts at byte %d, "
                        + "past the end of the file (%d bytes)", d + 1, ifd, size));
            }
            ByteBuffer c = read(ch, ifd, countSize).order(order);
            long entries = big ? c.getLong(0) : c.getShort(0) & 0xFFFF;
            int entrySize = big ? 20 : 12;
            long dirEnd = ifd + countSize + entries * entrySize + (big ? 8 : 4);
            if (entries < 0 || entries > 100_000 || dirEnd > size) {
                return Optional.of(String.format(Locale.ROOT, "truncated: image directory %d runs to byte %d, past "
                        + "the end of the file (%d bytes)", d + 1, dirEnd, size));
            }
            ByteBuffer dir = read(ch, ifd + countSize, (int) (dirEnd - ifd - countSize)).order(order);
            long[] offsets = null;
            long[] counts = null;
            for (int e = 0; e < entries; e++) {
                int at = e * entrySize;
                int tag = dir.getShort(at) & 0xFFFF;
                if (tag == STRIP_OFFSETS || tag == TILE_OFFSETS) {
                    offsets = values(ch, dir, at, big, order);
                    kind = tag == TILE_OFFSETS ? "tiles" : "strips";
                } else if (tag == STRIP_BYTE_COUNTS || tag == TILE_BYTE_COUNTS) {
                    counts = values(ch, dir, at, big, order);
                }
            }
            if (offsets == CUT_OFF || counts == CUT_OFF) {
                return Optional.of(String.format(Locale.ROOT, "truncated: the table of its %s (image %d) lies past "
                        + "the end of the file (%d bytes)", kind, d + 1, size));
            }
            if (offsets != null && counts != null) {
                for (int i = 0; i < Math.min(offsets.length, counts.length); i++) {
                    if (counts[i] == 0) {
                        continue; // a sparse block (GDAL): no data, read as nodata
                    }
                    blocks++;
                    long end = offsets[i] + counts[i];
                    needed = Math.max(needed, end);
                    if (end > size || end < 0) {
                        missing++;
                    }
                }
            }
            ByteBuffer next = dir.position(dir.limit() - (big ? 8 : 4)).slice().order(order);
            ifd = big ? next.getLong(0) : next.getInt(0) & 0xFFFFFFFFL;
        }
        if (missing == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "truncated: %d of %d %s lie past the end of the file (it has "
                + "%d bytes, the image data needs %d)", missing, blocks, kind, size, needed));
    }

    /** The values of a SHORT, LONG or LONG8 entry, read from the entry or from where it points; null otherwise. */
    private static long[] values(FileChannel ch, ByteBuffer dir, int at, boolean big, ByteOrder order)
            throws IOException {
        int type = dir.getShort(at + 2) & 0xFFFF;
        int width = switch (type) {
            case 3 -> 2;
            case 4, 13 -> 4;
            case 16, 18 -> 8;
            default -> 0;
        };
        long n = big ? dir.getLong(at + 4) : dir.getInt(at + 4) & 0xFFFFFFFFL;
        if (width == 0 || n < 0 || n * width > MAX_ARRAY_BYTES) {
            return null;
        }
        int inline = big ? 8 : 4;
        int valueAt = at + (big ? 12 : 8);
        ByteBuffer data;
        if (n * width <= inline) {
            data = dir.duplicate().order(order).position(valueAt).slice().order(order);
        } else {
            long offset = big ? dir.getLong(valueAt) : dir.getInt(valueAt) & 0xFFFFFFFFL;
            if (offset < 0 || offset + n * width > ch.size()) {
                return CUT_OFF;
            }
            data = read(ch, offset, (int) (n * width)).order(order);
        }
        long[] v = new long[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (width) {
                case 2 -> data.getShort(i * 2) & 0xFFFF;
                case 4 -> data.getInt(i * 4) & 0xFFFFFFFFL;
                default -> data.getLong(i * 8);
            };
        }
        return v;
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }
}
