package io.uacce.compress.zip;

/**
 * The device's representation of the gzip CRC-32 in dw31 (spec §4.8): the standard CRC-32
 * equals the bit reversal of the bitwise NOT of dw31. zlib's Adler-32 is carried as is.
 */
public final class GzipChecksum {
    private GzipChecksum() {
    }

    /** The standard CRC-32 for a dw31 value. */
    public static int crcFromDevice(int dw31) {
        return Integer.reverse(~dw31);
    }

    /** The dw31 value for a standard CRC-32. */
    public static int deviceFromCrc(int crc) {
        return ~Integer.reverse(crc);
    }
}
