package org.roofline.inference.imagery;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The common mask GeoTIFF read in one pass, without javax.imageio or Apache SIS: a classic (not Big) TIFF whose first
 * image is one band of unsigned 8-bit samples, grey (BlackIsZero), in strips or tiles, uncompressed or DEFLATE
 * ({@link Inflater}), with no predictor or horizontal differencing: what GDAL writes for a mask by default. The strips
 * are inflated straight into the pixel array the mask then wraps.
 *
 * <p>Its georeferencing is read from the GeoTIFF tags when it is the simple kind (one tie point at pixel (0, 0), a
 * pixel scale, PixelIsArea, the CRS as an EPSG code); anything else is left to {@link GeoImage}.
 *
 * <p>This is only a shortcut: {@link #parse} gives null for any other layout and {@link Layout#decode} null for any
 * data that does not decode exactly to the image's size (truncated, corrupt, inconsistent), so that the general
 * readers, with their checks and messages, handle every file this does not.
 */
final class TiffMaskFastPath {

    private static final int COMPRESSION_NONE = 1;
    private static final int COMPRESSION_DEFLATE = 8;
    private static final int COMPRESSION_DEFLATE_OLD = 32946;
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int MODEL_PIXEL_SCALE = 33550;
    private static final int MODEL_TIEPOINT = 33922;
    private static final int MODEL_TRANSFORMATION = 34264;
    private static final int RASTER_TYPE_KEY = 1025;
    private static final int PIXEL_IS_AREA = 1;

    private TiffMaskFastPath() {
    }

    /** What the header says, for a file of the supported layout. */
    record Layout(int width, int height, boolean tiled, int blockWidth, int blockHeight, long[] offsets,
                  long[] byteCounts, int compression, boolean horizontalPredictor, double[] pixelScale,
                  double[] tiePoint, boolean transformationTag, int[] geoKeys) {

        /**
         * @return the pixels, row by row ({@code width * height} bytes), or null when the data does not decode
         *         exactly to that
         */
        byte[] decode(byte[] file) {
            if ((long) width * height > Integer.MAX_VALUE - 8) {
                return null;
            }
            byte[] pixels = new byte[width * height];
            int across = tiled ? ceilDiv(width, blockWidth) : 1;
            int down = ceilDiv(height, blockHeight);
            if (offsets.length < (long) across * down || byteCounts.length < offsets.length) {
                return null;
            }
            Inflater inflater = compression == COMPRESSION_NONE ? null : new Inflater();
            byte[] block = tiled ? new byte[blockWidth * blockHeight] : null;
            try {
                for (int row = 0; row < down; row++) {
                    for (int col = 0; col < across; col++) {
                        int index = row * across + col;
                        long offset = offsets[index];
                        long count = byteCounts[index];
                        if (offset < 0 || count < 0 || offset + count > file.length) {
                            return null;
                        }
                        int y0 = row * blockHeight;
                        int rows = tiled ? blockHeight : Math.min(blockHeight, height - y0);
                        int rowBytes = tiled ? blockWidth : width;
                        byte[] into = tiled ? block : pixels;
                        int at = tiled ? 0 : y0 * width;
                        int expected = rows * rowBytes;
                        if (!unpack(file, (int) offset, (int) count, into, at, expected, inflater)) {
                            return null;
                        }
                        if (horizontalPredictor) {
                            for (int r = 0; r < rows; r++) {
                                int start = at + r * rowBytes;
                                for (int i = start + 1; i < start + rowBytes; i++) {
                                    into[i] += into[i - 1];
                                }
                            }
                        }
                        if (tiled) {
                            int x0 = col * blockWidth;
                            int w = Math.min(blockWidth, width - x0);
                            int h = Math.min(blockHeight, height - y0);
                            for (int r = 0; r < h; r++) {
                                System.arraycopy(block, r * blockWidth, pixels, (y0 + r) * width + x0, w);
                            }
                        }
                    }
                }
            } catch (DataFormatException | RuntimeException e) {
                return null;
            } finally {
                if (inflater != null) {
                    inflater.end();
                }
            }
            return pixels;
        }

        private boolean unpack(byte[] file, int offset, int count, byte[] into, int at, int expected,
                               Inflater inflater) throws DataFormatException {
            if (inflater == null) {
                if (count < expected) {
                    return false;
                }
                System.arraycopy(file, offset, into, at, expected);
                return true;
            }
            inflater.reset();
            inflater.setInput(file, offset, count);
            int done = 0;
            while (done < expected) {
                int n = inflater.inflate(into, at + done, expected - done);
                if (n == 0) { // finished early, or needs input or a dictionary it will not get
                    return false;
                }
                done += n;
            }
            return true;
        }

        /** The value of a GeoKey stored in the directory itself, or -1 when absent or stored elsewhere. */
        int geoKey(int key) {
            if (geoKeys == null || geoKeys.length < 4) {
                return -1;
            }
            int keys = geoKeys[3];
            for (int k = 0; k < keys && 4 + 4 * k + 3 < geoKeys.length; k++) {
                int e = 4 + 4 * k;
                if (geoKeys[e] == key) {
                    return geoKeys[e + 1] == 0 && geoKeys[e + 2] == 1 ? geoKeys[e + 3] : -1;
                }
            }
            return -1;
        }

        /** Whether the georeferencing tags are the simple kind this class reads itself (see the class comment). */
        boolean simpleGeoreferencing() {
            if (transformationTag) {
                return false;
            }
            if (pixelScale == null && tiePoint == null) {
                return geoKeys == null;
            }
            return pixelScale != null && pixelScale.length >= 2 && tiePoint != null && tiePoint.length == 6
                    && tiePoint[0] == 0 && tiePoint[1] == 0 && pixelScale[0] > 0 && pixelScale[1] > 0
                    && Double.isFinite(tiePoint[3]) && Double.isFinite(tiePoint[4])
                    && geoKey(RASTER_TYPE_KEY) == PIXEL_IS_AREA;
        }

        /** The pixel-to-map transform of the simple georeferencing, or null for none. */
        PixelToMap transform() {
            if (pixelScale == null) {
                return null;
            }
            return new PixelToMap(tiePoint[3], pixelScale[0], 0, tiePoint[4], 0, -pixelScale[1]);
        }
    }

    /** @return the layout of the first image, or null when it is not the supported kind or the header is odd */
    static Layout parse(byte[] b) {
        try {
            if (b.length < 8) {
                return null;
            }
            ByteOrder order;
            if (b[0] == 'I' && b[1] == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (b[0] == 'M' && b[1] == 'M') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                return null;
            }
            ByteBuffer buf = ByteBuffer.wrap(b).order(order);
            if ((buf.getShort(2) & 0xffff) != 42) {
                return null;
            }
            long ifd = buf.getInt(4) & 0xffffffffL;
            if (ifd < 8 || ifd + 2 > b.length) {
                return null;
            }
            int entries = buf.getShort((int) ifd) & 0xffff;
            if (ifd + 2 + 12L * entries > b.length) {
                return null;
            }
            long width = -1;
            long height = -1;
            long bits = 1;
            long samples = 1;
            long compression = 1;
            long photometric = -1;
            long rowsPerStrip = -1;
            long planar = 1;
            long predictor = 1;
            long sampleFormat = 1;
            long tileWidth = -1;
            long tileHeight = -1;
            long[] offsets = null;
            long[] counts = null;
            long[] tileOffsets = null;
            long[] tileCounts = null;
            double[] scale = null;
            double[] tie = null;
            boolean transformation = false;
            int[] geoKeys = null;
            for (int e = 0; e < entries; e++) {
                int at = (int) ifd + 2 + 12 * e;
                int tag = buf.getShort(at) & 0xffff;
                int type = buf.getShort(at + 2) & 0xffff;
                long n = buf.getInt(at + 4) & 0xffffffffL;
                int size = switch (type) {
                    case 1, 2, 6, 7 -> 1;
                    case 3, 8 -> 2;
                    case 4, 9, 11 -> 4;
                    case 5, 10, 12 -> 8;
                    default -> 0;
                };
                if (size == 0 || n > Integer.MAX_VALUE / 8) {
                    return null;
                }
                long bytes = n * size;
                long where = bytes <= 4 ? at + 8 : buf.getInt(at + 8) & 0xffffffffL;
                if (where + bytes > b.length) {
                    return null;
                }
                switch (tag) {
                    case TiffTags.IMAGE_WIDTH -> width = single(buf, type, where, n);
                    case TiffTags.IMAGE_LENGTH -> height = single(buf, type, where, n);
                    case TiffTags.BITS_PER_SAMPLE -> bits = single(buf, type, where, n);
                    case TiffTags.COMPRESSION -> compression = single(buf, type, where, n);
                    case TiffTags.PHOTOMETRIC -> photometric = single(buf, type, where, n);
                    case TiffTags.SAMPLES_PER_PIXEL -> samples = single(buf, type, where, n);
                    case TiffTags.ROWS_PER_STRIP -> rowsPerStrip = single(buf, type, where, n);
                    case TiffTags.PLANAR_CONFIGURATION -> planar = single(buf, type, where, n);
                    case TiffTags.PREDICTOR -> predictor = single(buf, type, where, n);
                    case TiffTags.SAMPLE_FORMAT -> sampleFormat = single(buf, type, where, n);
                    case TiffTags.TILE_WIDTH -> tileWidth = single(buf, type, where, n);
                    case TiffTags.TILE_LENGTH -> tileHeight = single(buf, type, where, n);
                    case STRIP_OFFSETS -> offsets = integers(buf, type, where, n);
                    case STRIP_BYTE_COUNTS -> counts = integers(buf, type, where, n);
                    case TILE_OFFSETS -> tileOffsets = integers(buf, type, where, n);
                    case TILE_BYTE_COUNTS -> tileCounts = integers(buf, type, where, n);
                    case MODEL_PIXEL_SCALE -> scale = doubles(buf, type, where, n);
                    case MODEL_TIEPOINT -> tie = doubles(buf, type, where, n);
                    case MODEL_TRANSFORMATION -> transformation = true;
                    case TiffTags.GEO_KEY_DIRECTORY -> {
                        long[] k = integers(buf, type, where, n);
                        if (k == null) {
                            return null;
                        }
                        geoKeys = new int[k.length];
                        for (int i = 0; i < k.length; i++) {
                            geoKeys[i] = (int) k[i];
                        }
                    }
                    default -> {
                    }
                }
            }
            boolean tiled = tileWidth > 0 || tileHeight > 0 || tileOffsets != null;
            if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || bits != 8
                    || samples != 1 || sampleFormat != 1 || photometric != 1 || planar != 1
                    || (predictor != 1 && predictor != 2)
                    || (compression != COMPRESSION_NONE && compression != COMPRESSION_DEFLATE
                    && compression != COMPRESSION_DEFLATE_OLD)) {
                return null;
            }
            int blockW;
            int blockH;
            if (tiled) {
                if (tileWidth < 1 || tileHeight < 1 || tileOffsets == null || tileCounts == null
                        || tileWidth * tileHeight > GeoImage.MAX_BLOCK_BYTES) {
                    return null;
                }
                blockW = (int) tileWidth;
                blockH = (int) tileHeight;
                offsets = tileOffsets;
                counts = tileCounts;
            } else {
                if (offsets == null || counts == null) {
                    return null;
                }
                blockW = (int) width;
                blockH = (int) Math.min(height, rowsPerStrip < 1 ? height : rowsPerStrip);
                if ((long) blockW * blockH > GeoImage.MAX_BLOCK_BYTES) {
                    return null;
                }
            }
            return new Layout((int) width, (int) height, tiled, blockW, blockH, offsets, counts, (int) compression,
                    predictor == 2, scale, tie, transformation, geoKeys);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long single(ByteBuffer buf, int type, long where, long n) {
        long[] v = integers(buf, type, where, n);
        return v == null || v.length != 1 ? -2 : v[0];
    }

    private static long[] integers(ByteBuffer buf, int type, long where, long n) {
        long[] out = new long[(int) n];
        int at = (int) where;
        for (int i = 0; i < n; i++) {
            out[i] = switch (type) {
                case 3 -> buf.getShort(at + 2 * i) & 0xffff;
                case 4 -> buf.getInt(at + 4 * i) & 0xffffffffL;
                default -> -1;
            };
            if (out[i] < 0) {
                return null;
            }
        }
        return out;
    }

    private static double[] doubles(ByteBuffer buf, int type, long where, long n) {
        if (type != 12) {
            return null;
        }
        double[] out = new double[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getDouble((int) where + 8 * i);
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
