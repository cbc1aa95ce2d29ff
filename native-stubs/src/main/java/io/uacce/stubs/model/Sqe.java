package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The device's own view of the 128-byte ZIP SQE (spec §4.1, §4.2): little-endian 32-bit words
 * read and written in place in the SQ slot.
 */
final class Sqe {
    static final ValueLayout.OfInt DW = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int CONSUMED = 0;
    static final int PRODUCED = 1;
    static final int COMP_DATA_LENGTH = 2;
    static final int STATUS = 3;
    static final int INPUT_LENGTH = 4;
    static final int FLAGS = 7;
    static final int REQUEST = 9;
    static final int DEST_AVAIL_OUT = 14;
    static final int CTX_DW0 = 15;
    static final int SOURCE = 18;
    static final int DEST = 20;
    static final int STREAM_CTX = 22;
    static final int CTX_DW1 = 28;
    static final int CTX_DW2 = 29;
    static final int ISIZE = 30;
    static final int CHECKSUM = 31;

    static final int FLUSH_FINISH = 1 << 25;
    static final int STATEFUL = 1 << 26;
    static final int NEW_STREAM = 1 << 27;

    private Sqe() {
    }

    static int dw(MemorySegment sqe, int index) {
        return sqe.get(DW, 4L * index);
    }

    static void setDw(MemorySegment sqe, int index, int value) {
        sqe.set(DW, 4L * index, value);
    }

    /** A 64-bit address held in dw[index] (low) and dw[index + 1] (high). */
    static long address(MemorySegment sqe, int index) {
        return Integer.toUnsignedLong(dw(sqe, index)) | (long) dw(sqe, index + 1) << 32;
    }

    static int sqeType(MemorySegment sqe) {
        return dw(sqe, FLAGS) >>> 28;
    }
}
