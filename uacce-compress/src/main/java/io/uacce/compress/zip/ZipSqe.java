package io.uacce.compress.zip;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Field map of the 128-byte ZIP SQE (spec §4.1, §4.2): dword indices, bit positions and
 * little-endian dword access. Both the request encoder ({@link ZipRequest}) and the result
 * decoder ({@link ZipResult}) go through here.
 */
public final class ZipSqe {
    /** Bytes per SQE. */
    public static final int SIZE = 128;

    public static final int DW_CONSUMED = 0;
    public static final int DW_PRODUCED = 1;
    public static final int DW_COMP_DATA_LENGTH = 2;
    public static final int DW_STATUS = 3;
    public static final int DW_INPUT_LENGTH = 4;
    public static final int DW_FLAGS = 7;
    public static final int DW_OUT_SGL_OFFSET = 8;
    public static final int DW_REQUEST = 9;
    public static final int DW_TAG_TYPE0 = 13;
    public static final int DW_DEST_AVAIL_OUT = 14;
    public static final int DW_CTX0 = 15;
    public static final int DW_SOURCE_L = 18;
    public static final int DW_SOURCE_H = 19;
    public static final int DW_DEST_L = 20;
    public static final int DW_DEST_H = 21;
    public static final int DW_STREAM_CTX_L = 22;
    public static final int DW_STREAM_CTX_H = 23;
    public static final int DW_TAG_TYPE3 = 26;
    public static final int DW_TAG_TYPE3_HIGH = 27;
    public static final int DW_CTX1 = 28;
    public static final int DW_CTX2 = 29;
    public static final int DW_ISIZE = 30;
    public static final int DW_CHECKSUM = 31;

    /** dw3[7:0]: status. */
    public static final int STATUS_MASK = 0xFF;
    /** dw3 bit 8: decompression reached the final deflate block. */
    public static final int STATUS_LAST_BLOCK = 0x100;

    /** dw7 bit 25: 1 = finish (last request), 0 = sync flush, more data follows. */
    public static final int FLAG_FLUSH_FINISH = 1 << 25;
    /** dw7 bit 26: 1 = stateful (stream mode), 0 = stateless block. */
    public static final int FLAG_STREAM_MODE = 1 << 26;
    /** dw7 bit 27: 1 on the first request of a stream. */
    public static final int FLAG_NEW_STREAM = 1 << 27;
    /** dw7[31:28]: SQE type. */
    public static final int TYPE_SHIFT = 28;

    /** dw9 [11:8] buffer type, [15:12] window size. */
    public static final int BUF_TYPE_SHIFT = 8;
    public static final int WINDOW_SHIFT = 12;
    /** Buffer type 0: flat buffer (the only one this driver uses). */
    public static final int BUF_TYPE_FLAT = 0;

    /** ctx_dw0[3:0]: decompression state ctx_st. */
    public static final int CTX_ST_MASK = 0xF;

    /** Size of the per-session stream context UADK allocates; the device gets ctx + 64. */
    public static final int STREAM_CTX_SIZE = 0x10000;
    /** Software-owned head of the context buffer. */
    public static final int STREAM_CTX_SOFTWARE = 64;
    /** Largest input of one flat-buffer request, and the clamp of dest_avail_out (spec §4.7). */
    public static final int MAX_BUFFER = 8 << 20;
    /** Smallest useful output room of a stateful request (spec §4.7: at least 200 bytes). */
    public static final int MIN_STREAM_OUTPUT = 200;

    private static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT_UNALIGNED
            .withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private ZipSqe() {
    }

    /** Reads dword {@code index} (little-endian). */
    public static int dw(MemorySegment sqe, int index) {
        return sqe.get(DW, 4L * index);
    }

    /** Writes dword {@code index} (little-endian). */
    public static void dw(MemorySegment sqe, int index, int value) {
        sqe.set(DW, 4L * index, value);
    }

    /** Writes a 64-bit address as low/high dwords. */
    public static void address(MemorySegment sqe, int lowIndex, long address) {
        dw(sqe, lowIndex, (int) address);
        dw(sqe, lowIndex + 1, (int) (address >>> 32));
    }

    /** Reads a 64-bit address from low/high dwords. */
    public static long address(MemorySegment sqe, int lowIndex) {
        return (dw(sqe, lowIndex) & 0xFFFF_FFFFL) | ((long) dw(sqe, lowIndex + 1) << 32);
    }
}
