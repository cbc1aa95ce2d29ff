package io.uacce.stubs.model;

import java.nio.ByteBuffer;

/**
 * The request types of the ZIP engine (dw9[7:0], spec §4.3) and what the device does at the end
 * of a stream (§4.8): it writes and checks the trailer; the library owns the header.
 */
enum ZipFormat {
    RAW(0x01, 0),
    ZLIB(0x02, 4),
    GZIP(0x03, 8);

    final int requestType;
    final int trailerLength;

    ZipFormat(int requestType, int trailerLength) {
        this.requestType = requestType;
        this.trailerLength = trailerLength;
    }

    static ZipFormat of(int requestType) {
        for (ZipFormat f : values()) {
            if (f.requestType == requestType) {
                return f;
            }
        }
        return null;
    }

    /** Checksum of no data. */
    int initialChecksum() {
        return this == ZLIB ? 1 : 0;
    }

    /** Continues the running checksum over {@code data} (Adler-32 for zlib, CRC-32 otherwise). */
    int update(int checksum, ByteBuffer data) {
        return this == ZLIB ? ModelChecksums.adler32(checksum, data) : ModelChecksums.crc32(checksum, data);
    }

    /** The dw31 representation of a running checksum. */
    int toDw31(int checksum) {
        return switch (this) {
            case ZLIB -> checksum;
            case GZIP -> ModelChecksums.gzipDw31(checksum);
            case RAW -> 0;
        };
    }

    /** The running checksum carried in dw31 of a continuation SQE. */
    int fromDw31(int dw31) {
        return switch (this) {
            case ZLIB -> dw31;
            case GZIP -> ModelChecksums.crcFromDw31(dw31);
            case RAW -> 0;
        };
    }

    /** The trailer: zlib Adler-32 big-endian; gzip CRC-32 then ISIZE, little-endian. */
    byte[] trailer(int checksum, int isize) {
        return switch (this) {
            case RAW -> new byte[0];
            case ZLIB -> new byte[] {(byte) (checksum >>> 24), (byte) (checksum >>> 16),
                (byte) (checksum >>> 8), (byte) checksum};
            case GZIP -> new byte[] {(byte) checksum, (byte) (checksum >>> 8), (byte) (checksum >>> 16),
                (byte) (checksum >>> 24), (byte) isize, (byte) (isize >>> 8), (byte) (isize >>> 16),
                (byte) (isize >>> 24)};
        };
    }
}
