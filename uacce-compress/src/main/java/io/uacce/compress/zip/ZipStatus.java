package io.uacce.compress.zip;

/** Device status codes of dw3[7:0] (spec §4.6) with their meaning and what a caller can do. */
public enum ZipStatus {
    OK(0x00, "success", null),
    NEGATIVE_COMPRESSION(0x0D, "negative compression: output larger than input (treated as success"
            + " by the kernel and UADK)", null),
    DEST_TOO_SMALL(0x0E, "destination buffer too small (dest_avail_out insufficient)",
            "give the request a larger output buffer; inside a stream the driver continues with more room"),
    INPUT_DIF_ERROR(0x0F, "input-data DIF check error",
            "DIF is not used by this driver; report the device and kernel version"),
    CHECKSUM_ERROR(0x10, "CRC/checksum error: the stream's trailer does not match the data",
            "the compressed data is corrupt; obtain an intact copy"),
    OUTPUT_DIF_ERROR(0x12, "uncompressed-data DIF check error",
            "DIF is not used by this driver; report the device and kernel version"),
    STREAM_END(0x13, "decompression reached the end of the stream", null),
    UNKNOWN(-1, "no public meaning known (usually malformed compressed data)",
            "check the input; if it is intact, retry in software mode (-D" + "uacce.compress.mode=software)"
                    + " and report the status code");

    private final int code;
    private final String meaning;
    private final String advice;

    ZipStatus(int code, String meaning, String advice) {
        this.code = code;
        this.meaning = meaning;
        this.advice = advice;
    }

    /** The status for a dw3[7:0] value; {@link #UNKNOWN} for codes without a documented meaning. */
    public static ZipStatus of(int status) {
        return switch (status) {
            case 0x00 -> OK;
            case 0x0D -> NEGATIVE_COMPRESSION;
            case 0x0E -> DEST_TOO_SMALL;
            case 0x0F -> INPUT_DIF_ERROR;
            case 0x10 -> CHECKSUM_ERROR;
            case 0x12 -> OUTPUT_DIF_ERROR;
            case 0x13 -> STREAM_END;
            default -> UNKNOWN;
        };
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** What to do, or null when the status is a success. */
    public String advice() {
        return advice;
    }

    /** OK, negative compression and stream end. */
    public boolean success() {
        return this == OK || this == NEGATIVE_COMPRESSION || this == STREAM_END;
    }

    /**
     * Whether a stateless (block) decompression is the complete result: it consumed its whole
     * input and reported 0x00, as silicon does for a completed stateless request (spec §4.6,
     * corrected 2026-12; the kernel's acomp path and UADK's block mode accept only 0x00), or
     * 0x13 (stream end, as older models report). Anything else (input left over: another gzip
     * member or trailing data) goes to the stream path. [inferred] A truncated raw-deflate block
     * that silicon reports as 0x00 with all input consumed cannot be told from a complete one;
     * zlib and gzip carry a trailer the device checks (0x10 on mismatch).
     */
    public static boolean blockDecompressionComplete(int status, long consumed, long inputLength) {
        return (status == OK.code || status == STREAM_END.code) && consumed == inputLength;
    }

    /** "status 0x10 (CRC/checksum error: ...): what to do" for an actual dw3[7:0] value. */
    public static String describe(int status) {
        ZipStatus s = of(status);
        String text = String.format("device status 0x%02X (%s)", status, s.meaning);
        return s.advice == null ? text : text + ": " + s.advice;
    }
}
