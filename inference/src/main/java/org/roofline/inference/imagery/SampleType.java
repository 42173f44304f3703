package org.roofline.inference.imagery;

import java.awt.image.DataBuffer;
import java.util.Optional;

/**
 * The type of one sample (one band of one pixel) of a raster, as it is stored in Java: each constant maps to one
 * {@link DataBuffer} type.
 *
 * <p>Limits: Java has no unsigned 32-bit or signed 8-bit buffers. A UInt32 image is read as {@link #INT} (values of
 * 2<sup>31</sup> and more come out negative) and an Int8 image as {@link #BYTE} (negative values come out as 128..255);
 * {@link #fromTiff} says so by returning the nearest type. Sub-byte samples (1, 2 or 4 bits, as in 1-bit masks) are
 * {@link #BYTE}.
 */
public enum SampleType {
    /** Unsigned 8-bit, 0..255 (GDAL Byte). */
    BYTE(8, "Byte", DataBuffer.TYPE_BYTE, true),
    /** Unsigned 16-bit, 0..65535 (GDAL UInt16). */
    USHORT(16, "UInt16", DataBuffer.TYPE_USHORT, true),
    /** Signed 16-bit (GDAL Int16). */
    SHORT(16, "Int16", DataBuffer.TYPE_SHORT, true),
    /** Signed 32-bit (GDAL Int32). */
    INT(32, "Int32", DataBuffer.TYPE_INT, true),
    /** 32-bit IEEE float (GDAL Float32). */
    FLOAT(32, "Float32", DataBuffer.TYPE_FLOAT, false),
    /** 64-bit IEEE float (GDAL Float64). */
    DOUBLE(64, "Float64", DataBuffer.TYPE_DOUBLE, false);

    private final int bits;
    private final String gdalName;
    private final int dataBufferType;
    private final boolean integer;

    SampleType(int bits, String gdalName, int dataBufferType, boolean integer) {
        this.bits = bits;
        this.gdalName = gdalName;
        this.dataBufferType = dataBufferType;
        this.integer = integer;
    }

    /** @return bits per sample in memory: 8, 16, 32 or 64 */
    public int bits() {
        return bits;
    }

    /** @return bytes per sample in memory */
    public int bytes() {
        return bits / 8;
    }

    /** @return GDAL's name for the type, as {@code gdalinfo} prints it ("Byte", "UInt16", ...) */
    public String gdalName() {
        return gdalName;
    }

    /** @return the {@link DataBuffer} type constant ({@link DataBuffer#TYPE_BYTE} ...) */
    public int dataBufferType() {
        return dataBufferType;
    }

    /** @return whether the samples are integers */
    public boolean isInteger() {
        return integer;
    }

    /**
     * @param dataBufferType a {@link DataBuffer} type constant
     * @return the sample type holding that buffer's samples
     * @throws IllegalArgumentException for {@link DataBuffer#TYPE_UNDEFINED} or an unknown constant
     */
    public static SampleType ofDataBuffer(int dataBufferType) {
        for (SampleType t : values()) {
            if (t.dataBufferType == dataBufferType) {
                return t;
            }
        }
        throw new IllegalArgumentException("no sample type for DataBuffer type " + dataBufferType);
    }

    /**
     * The type a TIFF image's samples are read into.
     *
     * @param bitsPerSample TIFF tag 258 (1..64)
     * @param sampleFormat  TIFF tag 339: 1 unsigned integer (the default), 2 signed integer, 3 IEEE float
     * @return the type, or empty for combinations Java cannot hold (complex numbers, 24-bit floats, 64-bit integers)
     */
    public static Optional<SampleType> fromTiff(int bitsPerSample, int sampleFormat) {
        boolean signed = sampleFormat == 2;
        if (sampleFormat == 3) {
            return bitsPerSample == 32 ? Optional.of(FLOAT) : bitsPerSample == 64 ? Optional.of(DOUBLE) : Optional.empty();
        }
        if (sampleFormat != 1 && sampleFormat != 2 && sampleFormat != 4) { // 4: undefined, read as unsigned
            return Optional.empty();
        }
        if (bitsPerSample >= 1 && bitsPerSample <= 8) {
            return Optional.of(BYTE);
        }
        if (bitsPerSample > 8 && bitsPerSample <= 16) {
            return Optional.of(signed ? SHORT : USHORT);
        }
        if (bitsPerSample > 16 && bitsPerSample <= 32) {
            return Optional.of(INT);
        }
        return Optional.empty();
    }
}
