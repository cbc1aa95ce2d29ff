package io.uacce.it;

import io.uacce.qm.QmVersion;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The suite's own writer/reader of stateless hisi_zip SQEs, straight from spec §4 (not the
 * compress module's codec: the suite checks devices and drivers independently). 128 bytes,
 * little-endian dwords; type 0 (tag in dw13) on QM V1/V2, type 3 (tag in dw26) on V3.
 */
final class SuiteZipSqe {
    static final int SIZE = 128;
    private static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int DW_CONSUMED = 0;
    static final int DW_PRODUCED = 1;
    static final int DW_STATUS = 3;
    static final int DW_INPUT_LEN = 4;
    static final int DW_FLAGS = 7;
    static final int DW_REQ = 9;
    static final int DW_TAG_TYPE0 = 13;
    static final int DW_DEST_AVAIL = 14;
    static final int DW_SRC_L = 18;
    static final int DW_SRC_H = 19;
    static final int DW_DST_L = 20;
    static final int DW_DST_H = 21;
    static final int DW_TAG_TYPE3 = 26;

    static final int FLAG_FINISH = 1 << 25;
    static final int FLAG_NEW_STREAM = 1 << 27;
    /** dw3[7:0]: OK. */
    static final int STATUS_OK = 0x00;
    /** dw3[7:0]: output buffer too small. */
    static final int STATUS_DEST_TOO_SMALL = 0x0E;
    /** dw3[7:0]: decompression reached the end of the stream (with dw3 bit 8 "last block"). */
    static final int STATUS_STREAM_END = 0x13;
    static final int LAST_BLOCK = 0x100;

    /** The request formats of dw9[7:0]; raw deflate exists on type 3 (QM V3) only. */
    enum Format {
        DEFLATE(0x01, 0), ZLIB(0x02, 2), GZIP(0x03, 10);

        final int requestType;
        /** Header bytes the library (not the device) writes / skips (§4.8). */
        final int headerLength;

        Format(int requestType, int headerLength) {
            this.requestType = requestType;
            this.headerLength = headerLength;
        }

        byte[] header() {
            return switch (this) {
                case DEFLATE -> new byte[0];
                case ZLIB -> new byte[] {0x78, (byte) 0x9C};
                case GZIP -> new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3};
            };
        }
    }

    private SuiteZipSqe() {
    }

    static int get(MemorySegment sqe, int dw) {
        return sqe.get(DW, 4L * dw);
    }

    static void set(MemorySegment sqe, int dw, int value) {
        sqe.set(DW, 4L * dw, value);
    }

    static int type(QmVersion v) {
        return v == QmVersion.V3 ? 3 : 0;
    }

    static int tagDword(QmVersion v) {
        return v == QmVersion.V3 ? DW_TAG_TYPE3 : DW_TAG_TYPE0;
    }

    /**
     * A stateless request (new stream + finish, §4.4): {@code srcLen} bytes at device address
     * {@code src} in, at most {@code dstLen} bytes out at {@code dst} (process addresses with SVA,
     * DMA addresses from GET_SS_DMA without). The direction is the queue's (qc_type).
     */
    static void writeStateless(MemorySegment sqe, QmVersion v, Format f, long src, long srcLen,
                               long dst, long dstLen, int tag) {
        sqe.fill((byte) 0);
        int type = type(v);
        set(sqe, DW_INPUT_LEN, (int) srcLen);
        set(sqe, DW_FLAGS, FLAG_NEW_STREAM | FLAG_FINISH | (type << 28));
        int window = type == 3 ? 4 << 12 : 0; // 32 KiB window on type 3; type 0 leaves it 0 as UADK does
        set(sqe, DW_REQ, f.requestType | window);
        set(sqe, tagDword(v), tag);
        set(sqe, DW_DEST_AVAIL, (int) dstLen);
        set(sqe, DW_SRC_L, (int) src);
        set(sqe, DW_SRC_H, (int) (src >>> 32));
        set(sqe, DW_DST_L, (int) dst);
        set(sqe, DW_DST_H, (int) (dst >>> 32));
    }

    static int status(MemorySegment sqe) {
        return get(sqe, DW_STATUS) & 0xFF;
    }

    static boolean lastBlock(MemorySegment sqe) {
        return (get(sqe, DW_STATUS) & LAST_BLOCK) != 0;
    }

    static int consumed(MemorySegment sqe) {
        return get(sqe, DW_CONSUMED);
    }

    static int produced(MemorySegment sqe) {
        return get(sqe, DW_PRODUCED);
    }

    static int tag(MemorySegment sqe, QmVersion v) {
        return get(sqe, tagDword(v));
    }
}
