package io.uacce.compress.zip;

import static io.uacce.compress.zip.ZipSqe.*;

import java.lang.foreign.MemorySegment;

/**
 * One ZIP request, encoded into an SQE slot by {@link #writeTo}. Mutable and reused by its
 * session so a request costs no allocation. The stream words (ctx_dw0/1/2, isize, checksum)
 * are carried from one completed request to the next by {@link #carry(ZipResult)}.
 */
public final class ZipRequest {
    private SqeType sqeType = SqeType.TYPE0;
    private RequestType requestType = RequestType.ZLIB;
    private WindowSize window;
    private boolean stateful;
    private boolean newStream = true;
    private boolean finish = true;
    private long source;
    private int inputLength;
    private long destination;
    private int destAvailOut;
    private long streamContext;
    private int tag;
    private int ctx0;
    private int ctx1;
    private int ctx2;
    private int isize;
    private int checksum;

    public ZipRequest sqeType(SqeType t) {
        this.sqeType = t;
        return this;
    }

    public ZipRequest requestType(RequestType t) {
        if (t.type3Only() && sqeType != SqeType.TYPE3) {
            throw new IllegalArgumentException("request type " + t + " (0x" + Integer.toHexString(t.code())
                    + ") needs SQE type 3 (QM V3 or newer); this device uses SQE type 0");
        }
        this.requestType = t;
        return this;
    }

    /** The window field; {@code null} leaves dw9[15:12] at 0 as UADK does on SQE type 0. */
    public ZipRequest window(WindowSize w) {
        this.window = w;
        return this;
    }

    /** A stateless block: new stream, stream mode 0, finish, no context (spec §4.4). */
    public ZipRequest stateless() {
        this.stateful = false;
        this.newStream = true;
        this.finish = true;
        this.streamContext = 0;
        resetStream();
        return this;
    }

    /** A stateful request; {@code context} is the address the device gets (buffer + 64). */
    public ZipRequest stateful(long context, boolean first, boolean last) {
        this.stateful = true;
        this.newStream = first;
        this.finish = last;
        this.streamContext = context;
        if (first) {
            resetStream();
        }
        return this;
    }

    /** Input bytes of the request (source length). */
    public int inputLength() {
        return inputLength;
    }

    public ZipRequest source(long address, int length) {
        if (length < 0 || length > MAX_BUFFER) {
            throw new IllegalArgumentException("input length " + Integer.toUnsignedString(length)
                    + " outside 0.." + MAX_BUFFER + " (flat-buffer limit, spec §4.7): chunk the input");
        }
        this.source = address;
        this.inputLength = length;
        return this;
    }

    /** Output buffer; its size is clamped to 8 MiB (spec §4.7). */
    public ZipRequest destination(long address, long length) {
        this.destination = address;
        this.destAvailOut = (int) Math.min(Math.max(length, 0), MAX_BUFFER);
        return this;
    }

    public ZipRequest tag(int t) {
        this.tag = t;
        return this;
    }

    /** Zeroes the words carried between requests (start of a stream: UADK passes 0). */
    public void resetStream() {
        ctx0 = ctx1 = ctx2 = isize = checksum = 0;
    }

    /** Copies ctx_dw0/1/2, isize and checksum from a completed request (spec §4.4). */
    public void carry(ZipResult r) {
        ctx0 = r.ctx0();
        ctx1 = r.ctx1();
        ctx2 = r.ctx2();
        isize = r.isize();
        checksum = r.checksum();
    }

    public int dw7() {
        int f = sqeType.code() << TYPE_SHIFT;
        if (finish) {
            f |= FLAG_FLUSH_FINISH;
        }
        if (stateful) {
            f |= FLAG_STREAM_MODE;
        }
        if (newStream) {
            f |= FLAG_NEW_STREAM;
        }
        return f;
    }

    public int dw9() {
        int v = requestType.code() | BUF_TYPE_FLAT << BUF_TYPE_SHIFT;
        if (window != null) {
            v |= window.code() << WINDOW_SHIFT;
        }
        return v;
    }

    /** Zero-fills the 128-byte slot and writes every request field (spec §4.1). */
    public void writeTo(MemorySegment sqe) {
        sqe.asSlice(0, SIZE).fill((byte) 0);
        dw(sqe, DW_INPUT_LENGTH, inputLength);
        dw(sqe, DW_FLAGS, dw7());
        dw(sqe, DW_REQUEST, dw9());
        dw(sqe, sqeType.tagDword(), tag);
        dw(sqe, DW_DEST_AVAIL_OUT, destAvailOut);
        dw(sqe, DW_CTX0, ctx0);
        // UADK: with no input the source fields still carry a valid address, the destination.
        address(sqe, DW_SOURCE_L, inputLength == 0 ? destination : source);
        address(sqe, DW_DEST_L, destination);
        address(sqe, DW_STREAM_CTX_L, streamContext);
        dw(sqe, DW_CTX1, ctx1);
        dw(sqe, DW_CTX2, ctx2);
        dw(sqe, DW_ISIZE, isize);
        dw(sqe, DW_CHECKSUM, checksum);
    }

    public SqeType sqeType() {
        return sqeType;
    }

    public RequestType requestType() {
        return requestType;
    }

    public int tag() {
        return tag;
    }

    public int checksum() {
        return checksum;
    }

    public int isize() {
        return isize;
    }
}
