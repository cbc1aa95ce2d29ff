package io.uacce.compress.zip;

import io.uacce.compress.types.Format;


/**
 * Header and trailer bytes. The library writes the header, the device writes the trailer
 * (spec §4.8); software writes the trailer only for an empty stream (§4.4), and the software
 * engine writes both.
 */
public final class Headers {
    private static final byte[] ZLIB = {0x78, (byte) 0x9C};
    private static final byte[] GZIP = {0x1F, (byte) 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03};
    private static final byte[] NONE = {};
    /** A final empty stored block: what UADK emits for an empty last request (spec §4.4). */
    private static final byte[] EMPTY_STORED_BLOCK = {0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private Headers() {
    }

    /** The header this library writes for {@code format} (a copy). */
    public static byte[] header(Format format) {
        return switch (format) {
            case RAW -> NONE.clone();
            case ZLIB -> ZLIB.clone();
            case GZIP -> GZIP.clone();
        };
    }

    /** Copies the header into {@code dst} at {@code off}; returns its length. */
    public static int writeHeader(Format format, byte[] dst, int off) {
        byte[] h = format == Format.ZLIB ? ZLIB : format == Format.GZIP ? GZIP : NONE;
        System.arraycopy(h, 0, dst, off, h.length);
        return h.length;
    }

    /**
     * Writes the trailer: zlib Adler-32 big-endian; gzip CRC-32 and ISIZE little-endian; nothing
     * for raw. {@code checksum} is the standard Adler-32 or CRC-32. Returns the length written.
     */
    public static int writeTrailer(Format format, int checksum, long isize, byte[] dst, int off) {
        switch (format) {
            case ZLIB -> {
                dst[off] = (byte) (checksum >>> 24);
                dst[off + 1] = (byte) (checksum >>> 16);
                dst[off + 2] = (byte) (checksum >>> 8);
                dst[off + 3] = (byte) checksum;
                return 4;
            }
            case GZIP -> {
                putLe(dst, off, checksum);
                putLe(dst, off + 4, (int) isize);
                return 8;
            }
            default -> {
                return 0;
            }
        }
    }

    /** The complete compressed form of empty input: header, empty stored block, trailer. */
    public static byte[] emptyStream(Format format) {
        byte[] out = new byte[format.headerLength() + EMPTY_STORED_BLOCK.length + format.trailerLength()];
        int n = writeHeader(format, out, 0);
        System.arraycopy(EMPTY_STORED_BLOCK, 0, out, n, EMPTY_STORED_BLOCK.length);
        n += EMPTY_STORED_BLOCK.length;
        // Adler-32 of nothing is 1, CRC-32 of nothing is 0.
        writeTrailer(format, format == Format.ZLIB ? 1 : 0, 0, out, n);
        return out;
    }

    /** Reads the trailer's checksum: Adler-32 (big-endian) or CRC-32 (little-endian). */
    public static int trailerChecksum(Format format, byte[] t) {
        return format == Format.ZLIB
                ? (t[0] & 0xFF) << 24 | (t[1] & 0xFF) << 16 | (t[2] & 0xFF) << 8 | t[3] & 0xFF
                : getLe(t, 0);
    }

    /** Reads the gzip trailer's ISIZE (little-endian, at offset 4). */
    public static int trailerSize(byte[] t) {
        return getLe(t, 4);
    }

    private static void putLe(byte[] d, int off, int v) {
        d[off] = (byte) v;
        d[off + 1] = (byte) (v >>> 8);
        d[off + 2] = (byte) (v >>> 16);
        d[off + 3] = (byte) (v >>> 24);
    }

    private static int getLe(byte[] d, int off) {
        return d[off] & 0xFF | (d[off + 1] & 0xFF) << 8 | (d[off + 2] & 0xFF) << 16 | (d[off + 3] & 0xFF) << 24;
    }
}
