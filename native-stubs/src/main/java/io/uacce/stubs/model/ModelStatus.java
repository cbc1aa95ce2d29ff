package io.uacce.stubs.model;

/**
 * The ZIP status codes (SQE dw3[7:0]) the model writes. The first four have a public meaning
 * (spec §4.6); the last three are the model's own choices for cases the spec leaves open.
 */
public final class ModelStatus {
    /** Success. */
    public static final int OK = 0x00;
    /** The output does not fit in dest_avail_out (stateless requests). */
    public static final int DEST_TOO_SMALL = 0x0E;
    /** The zlib/gzip trailer does not match the decompressed data. */
    public static final int CHECKSUM = 0x10;
    /** Decompression reached the end of the stream; written together with {@link #LAST_BLOCK}. */
    public static final int STREAM_END = 0x13;
    /** dw3 bit 8: the final deflate block was decoded. */
    public static final int LAST_BLOCK = 0x100;
    /** Model choice: corrupt or truncated compressed input. */
    public static final int BAD_DATA = 0x11;
    /** Model choice: a buffer or context address the device cannot reach. */
    public static final int ADDRESS_FAULT = 0x14;
    /** Model choice: a request the engine does not support (SQE type, request type, SGL, sizes). */
    public static final int BAD_REQUEST = 0x15;

    private ModelStatus() {
    }

    /** Short description of a dw3 status byte, for messages. */
    public static String describe(int status) {
        return switch (status & 0xFF) {
            case OK -> "ok";
            case 0x0D -> "negative compression";
            case DEST_TOO_SMALL -> "destination buffer too small";
            case CHECKSUM -> "checksum mismatch";
            case STREAM_END -> "end of stream";
            case BAD_DATA -> "corrupt input (model)";
            case ADDRESS_FAULT -> "address fault (model)";
            case BAD_REQUEST -> "unsupported request (model)";
            default -> String.format("status 0x%02X", status & 0xFF);
        };
    }
}
