package io.uacce.compress.zip;

import static io.uacce.compress.zip.ZipSqe.*;

import java.lang.foreign.MemorySegment;

/** The result fields of a completed SQE (spec §4.5), read by {@link #readFrom}. Mutable, reused. */
public final class ZipResult {
    private SqeType sqeType = SqeType.TYPE0;
    private int consumed;
    private int produced;
    private int dw3;
    private int ctx0;
    private int ctx1;
    private int ctx2;
    private int isize;
    private int checksum;
    private int dw7;
    private int dw9;
    private int tag;

    /** The SQE type {@link ZipCodec#decode} reads this result as (the queue's; default type 0). */
    public ZipResult sqeType(SqeType type) {
        this.sqeType = type;
        return this;
    }

    public SqeType sqeType() {
        return sqeType;
    }

    /** Reads the results from the SQE the device completed; the tag from the dword of {@code type}. */
    public ZipResult readFrom(MemorySegment sqe, SqeType type) {
        consumed = dw(sqe, DW_CONSUMED);
        produced = dw(sqe, DW_PRODUCED);
        dw3 = dw(sqe, DW_STATUS);
        ctx0 = dw(sqe, DW_CTX0);
        ctx1 = dw(sqe, DW_CTX1);
        ctx2 = dw(sqe, DW_CTX2);
        isize = dw(sqe, DW_ISIZE);
        checksum = dw(sqe, DW_CHECKSUM);
        dw7 = dw(sqe, DW_FLAGS);
        dw9 = dw(sqe, DW_REQUEST);
        tag = dw(sqe, type.tagDword());
        return this;
    }

    /** Input bytes the device consumed (unsigned; at most 8 MiB). */
    public int consumed() {
        return consumed;
    }

    /** Output bytes the device wrote. */
    public int produced() {
        return produced;
    }

    /** dw3[7:0]. */
    public int status() {
        return dw3 & STATUS_MASK;
    }

    /** dw3 bit 8: the final deflate block was reached. */
    public boolean lastBlock() {
        return (dw3 & STATUS_LAST_BLOCK) != 0;
    }

    /** ctx_dw0[3:0]: the decompression state ctx_st (spec §4.6). */
    public int ctxState() {
        return ctx0 & CTX_ST_MASK;
    }

    public int ctx0() {
        return ctx0;
    }

    public int ctx1() {
        return ctx1;
    }

    public int ctx2() {
        return ctx2;
    }

    public int isize() {
        return isize;
    }

    public int checksum() {
        return checksum;
    }

    /** The echoed dw7 (flags); the device leaves it as sent. */
    public int flags() {
        return dw7;
    }

    /** The echoed dw9[7:0]. */
    public int requestCode() {
        return dw9 & 0xFF;
    }

    public int tag() {
        return tag;
    }
}
