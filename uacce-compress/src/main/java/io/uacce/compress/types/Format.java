package io.uacce.compress.types;

/**
 * Container formats of DEFLATE data. The sysfs algorithm names are the ones a hisi_zip device
 * lists in its {@code algorithms} attribute.
 */
public enum Format {
    /** Raw DEFLATE (RFC 1951): no header, no trailer. On the device: QM V3 and newer only. */
    RAW("deflate", 0, 0),
    /** zlib (RFC 1950): 2-byte header 78 9C, Adler-32 trailer (big-endian). */
    ZLIB("zlib", 2, 4),
    /** gzip (RFC 1952): 10-byte header written as 1F 8B 08 00 00 00 00 00 00 03, CRC-32 + ISIZE trailer. */
    GZIP("gzip", 10, 8);

    private final String algorithm;
    private final int headerLength;
    private final int trailerLength;

    Format(String algorithm, int headerLength, int trailerLength) {
        this.algorithm = algorithm;
        this.headerLength = headerLength;
        this.trailerLength = trailerLength;
    }

    /** The algorithm name as listed in sysfs {@code algorithms}: "deflate", "zlib" or "gzip". */
    public String algorithm() {
        return algorithm;
    }

    /** Length of the header this library writes when compressing. */
    public int headerLength() {
        return headerLength;
    }

    /** Length of the trailer (checksum, size) at the end of a stream. */
    public int trailerLength() {
        return trailerLength;
    }

    /**
     * An upper bound of the compressed size of {@code n} input bytes in this format: deflate's
     * worst case for incompressible input (stored blocks) plus header and trailer, with room
     * for the device's block framing.
     */
    public long maxCompressedLength(long n) {
        return n + (n >>> 3) + 512 + headerLength() + trailerLength();
    }

    /** Parses "raw"/"deflate", "zlib" or "gzip" (case-insensitive). */
    public static Format parse(String name) {
        String n = name.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "raw", "deflate" -> RAW;
            case "zlib" -> ZLIB;
            case "gzip", "gz" -> GZIP;
            default -> throw new IllegalArgumentException("unknown format '" + name
                    + "': use raw (deflate), zlib or gzip");
        };
    }
}
