package io.uacce.compress.zip;

import io.uacce.compress.types.Format;


/** dw9[7:0]: what the engine does with the buffer (spec §4.3). */
public enum RequestType {
    /** Raw deflate; SQE type 3 only. */
    DEFLATE(0x01, true),
    /** zlib; type 0 and type 3. */
    ZLIB(0x02, false),
    /** gzip; type 0 and type 3. */
    GZIP(0x03, false),
    /** LZ4 block compression (newer V3+, compression only, stateless only). Later: not used yet. */
    LZ4(0x04, true),
    /** lz77_zstd (V3+, input at most 128 KiB, separate literal buffer). Later: not used yet. */
    LZ77_ZSTD(0x43, true);

    private final int code;
    private final boolean type3Only;

    RequestType(int code, boolean type3Only) {
        this.code = code;
        this.type3Only = type3Only;
    }

    public int code() {
        return code;
    }

    /** True when only SQE type 3 (QM V3+) hardware knows the request type. */
    public boolean type3Only() {
        return type3Only;
    }

    /** The request type for a container format. */
    public static RequestType of(Format format) {
        return switch (format) {
            case RAW -> DEFLATE;
            case ZLIB -> ZLIB;
            case GZIP -> GZIP;
        };
    }

    /** The request type with this dw9[7:0] code, or null. */
    public static RequestType fromCode(int code) {
        for (RequestType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
