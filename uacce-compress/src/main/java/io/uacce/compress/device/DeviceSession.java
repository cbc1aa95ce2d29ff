package io.uacce.compress.device;

import io.uacce.UacceException;
import io.uacce.compress.engine.SessionCounters;
import io.uacce.compress.types.Format;
import io.uacce.compress.types.OutputTooSmallException;
import io.uacce.compress.types.ZipStatusException;
import io.uacce.compress.zip.GzipChecksum;
import io.uacce.compress.zip.HeaderParser;
import io.uacce.compress.zip.Headers;
import io.uacce.compress.zip.RequestType;
import io.uacce.compress.zip.SqeType;
import io.uacce.compress.zip.ZipRequest;
import io.uacce.compress.zip.ZipResult;
import io.uacce.compress.zip.ZipSqe;
import io.uacce.compress.zip.ZipStatus;
import io.uacce.request.DeviceMemory;
import io.uacce.request.RequestQueue;
import io.uacce.request.Ticket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DataFormatException;

/**
 * One stream on the device (spec §4.4). Stateful requests carry a 64 KiB context buffer (the
 * device gets buffer + 64) and the stream words from one request to the next. Native input and
 * output the device can reach go to it directly; anything else passes once through this
 * session's staging buffers. The library writes (compression) or parses (decompression) the
 * header; the device writes and checks the trailer.
 */
final class DeviceSession extends SessionCounters {
    /** Below this, native compression input is gathered in staging rather than sent on its own. */
    private static final long MIN_DIRECT_INPUT = 64 * 1024;
    /** Below this, output goes through staging: the device wants room (spec §4.7: >= 200 bytes). */
    private static final long MIN_DIRECT_OUTPUT = 4096;

    private final DeviceEngine engine;
    final RequestQueue<ZipRequest, ZipResult> queue;
    private final SqeType sqeType;
    final Format format;
    final boolean compress;
    private final ZipRequest request = new ZipRequest();
    private final Ticket<ZipResult> ticket;
    private final MemorySegment context;
    private final long contextAddress;
    private MemorySegment stagingIn;
    private MemorySegment stagingOut;
    private long stagingInAddress;
    private long stagingOutAddress;
    private final byte[] header;
    private final HeaderParser parser;
    private int headerPos;
    private boolean first = true;
    private boolean finished;
    private boolean drain;
    private long pendingPos;
    private long pendingLen;
    /** Compression input gathered in stagingIn, not yet taken by the device. */
    private long stagedLen;
    private int checksum;

    DeviceSession(DeviceEngine engine, RequestQueue<ZipRequest, ZipResult> queue, Format format, boolean compress) {
        this.engine = engine;
        queue.retain(); // the context and staging buffers live in this queue's memory
        this.queue = queue;
        this.sqeType = SqeType.forVersion(queue.version());
        this.ticket = new Ticket<>(new ZipResult().sqeType(sqeType));
        this.format = format;
        this.compress = compress;
        DeviceMemory mem = queue.memory();
        try {
            this.context = engine.allocate(queue, ZipSqe.STREAM_CTX_SIZE);
        } catch (RuntimeException e) {
            queue.release();
            throw e;
        }
        this.contextAddress = mem.deviceAddress(context) + ZipSqe.STREAM_CTX_SOFTWARE;
        this.header = Headers.header(format);
        this.parser = new HeaderParser(format);
        request.sqeType(sqeType).requestType(RequestType.of(format))
                .window(sqeType == SqeType.TYPE3 ? engine.settings().window() : null);
        reset();
    }

    @Override
    public void step(MemorySegment in, MemorySegment out, boolean finish) throws DataFormatException {
        long outPos = drainPending(out, 0);
        long inPos = 0;
        if (pendingLen > 0 || finished) {
            account(0, outPos);
            return;
        }
        if (compress && headerPos < header.length) {
            int n = (int) Math.min(header.length - headerPos, out.byteSize() - outPos);
            MemorySegment.copy(MemorySegment.ofArray(header), headerPos, out, outPos, n);
            headerPos += n;
            outPos += n;
            if (headerPos < header.length) {
                account(0, outPos);
                return;
            }
        }
        if (!compress && !parser.done()) {
            inPos += parser.feed(in, 0, in.byteSize());
            if (!parser.done()) {
                account(inPos, outPos);
                return;
            }
        }
        long avail = in.byteSize() - inPos;
        boolean last = compress && finish;
        if (avail == 0 && !drain && !last) {
            account(inPos, outPos);
            return;
        }
        ensureStaging();
        if (compress && last && first && avail == 0 && stagedLen == 0) {
            emptyStream(); // UADK: an empty final request never reaches the device (spec §4.4)
            account(inPos, drainPending(out, outPos));
            return;
        }
        MemorySegment src = in.asSlice(inPos);
        long direct = stagedLen == 0 ? queue.memory().deviceAddress(src) : -1;
        long srcAddress;
        long chunk;
        boolean gathered = false;
        if (compress && (direct < 0 || avail < MIN_DIRECT_INPUT && !last)) {
            // Compression gathers input in staging, as zlib buffers it: fewer, larger requests
            // (each stateful request ends in a sync flush) and a better ratio for small writes.
            long take = Math.min(avail, stagingIn.byteSize() - stagedLen);
            MemorySegment.copy(src, 0, stagingIn, stagedLen, take);
            stagedLen += take;
            inPos += take;
            boolean allIn = inPos == in.byteSize();
            if (!(finish && allIn) && stagedLen < stagingIn.byteSize()) {
                account(inPos, outPos);
                return;
            }
            srcAddress = stagingInAddress;
            chunk = stagedLen;
            last = finish && allIn;
            gathered = true;
        } else if (direct >= 0) {
            srcAddress = direct;
            chunk = Math.min(avail, ZipSqe.MAX_BUFFER);
            last = last && chunk == avail;
        } else {
            chunk = Math.min(avail, stagingIn.byteSize());
            MemorySegment.copy(src, 0, stagingIn, 0, chunk);
            srcAddress = stagingInAddress;
        }
        MemorySegment dst = out.asSlice(outPos);
        long dstAddress = dst.byteSize() >= MIN_DIRECT_OUTPUT ? queue.memory().deviceAddress(dst) : -1;
        boolean staged = dstAddress < 0;
        long room = staged ? stagingOut.byteSize() : Math.min(dst.byteSize(), ZipSqe.MAX_BUFFER);
        if (staged) {
            dstAddress = stagingOutAddress;
        }
        request.stateful(contextAddress, first, last).source(srcAddress, (int) chunk).destination(dstAddress, room);
        ZipResult r = execute();
        int status = r.status();
        if (!ZipStatus.of(status).success() && status != ZipStatus.DEST_TOO_SMALL.code()) {
            if (compress) {
                throw failure(status);
            }
            DataFormatException d = new DataFormatException(failure(status).getMessage());
            d.initCause(failure(status));
            throw d;
        }
        first = false;
        request.carry(r);
        long consumed = Integer.toUnsignedLong(r.consumed());
        long produced = Integer.toUnsignedLong(r.produced());
        if (consumed > chunk || produced > room) {
            throw new UacceException(queue.name() + " reported consumed " + consumed + " of " + chunk + " and produced "
                    + produced + " into " + room + " bytes: impossible counts, the device or model misbehaves");
        }
        if (gathered) {
            stagedLen -= consumed; // what the device left stays at the front of the staging buffer
            if (stagedLen > 0) {
                MemorySegment.copy(stagingIn, consumed, stagingIn, 0, stagedLen);
            }
        } else {
            inPos += consumed;
        }
        if (staged) {
            pendingPos = 0;
            pendingLen = produced;
            outPos = drainPending(out, outPos);
        } else {
            outPos += produced;
        }
        checksum = format == Format.GZIP ? GzipChecksum.crcFromDevice(r.checksum()) : r.checksum();
        if (compress) {
            // [inferred] the stream is complete when the finishing request took all its input,
            // found room (no 0x0E) and left no output behind (ctx_st 1 = "last block, no space").
            finished = last && consumed == chunk && status != ZipStatus.DEST_TOO_SMALL.code() && r.ctxState() != 1;
            // (gathered: consumed == chunk also means the staging buffer is empty again)
        } else {
            finished = status == ZipStatus.STREAM_END.code();
            int st = r.ctxState();
            drain = !finished && (st == 1 || st == 2 || status == ZipStatus.DEST_TOO_SMALL.code());
        }
        account(inPos, outPos);
    }

    // ---- stateless blocks (one request for a whole input of at most 8 MiB), sync and async

    /** What {@link #prepareBlock} decided; read by {@link #finishBlock}. */
    private long blockInLength;
    private long blockBodyLength;
    private MemorySegment blockDst;
    private int blockHeader;
    private long blockRoom;
    private boolean blockStaged;

    /** Result of {@link #finishBlock} meaning "not doable as one request: use the stream path". */
    static final long FALL_BACK = -1;

    /**
     * Encodes a stateless request (new stream + finish, spec §4.4) for all of {@code src}:
     * compression writes the header itself and gives the device {@code dst + header};
     * decompression parses the header in software and gives the device the rest.
     *
     * @return false when the input does not suit one request (the caller streams instead)
     */
    boolean prepareBlock(MemorySegment src, MemorySegment dst) throws DataFormatException {
        int hdr = 0;
        if (compress) {
            hdr = header.length;
            if (dst.byteSize() < hdr) {
                throw new OutputTooSmallException("the destination holds " + dst.byteSize() + " bytes, fewer than the "
                        + hdr + "-byte " + format.algorithm() + " header");
            }
        } else {
            parser.reset();
            hdr = parser.feed(src, 0, src.byteSize());
            if (!parser.done()) {
                return false; // truncated header: the stream path reports it
            }
        }
        // Offsets instead of slices: a one-shot call on native memory allocates nothing.
        int inOffset = compress ? 0 : hdr;
        int outOffset = compress ? hdr : 0;
        long inLength = src.byteSize() - inOffset;
        long srcAddress = queue.memory().deviceAddress(src);
        if (srcAddress < 0) {
            ensureStaging();
            if (inLength > stagingIn.byteSize()) {
                return false;
            }
            MemorySegment.copy(src, inOffset, stagingIn, 0, inLength);
            srcAddress = stagingInAddress;
        } else if (inLength > ZipSqe.MAX_BUFFER) {
            return false;
        } else {
            srcAddress += inOffset;
        }
        long bodyLength = dst.byteSize() - outOffset;
        long dstAddress = bodyLength > 0 ? queue.memory().deviceAddress(dst) : -1;
        blockStaged = dstAddress < 0;
        if (blockStaged) {
            ensureStaging();
            dstAddress = stagingOutAddress;
        } else {
            dstAddress += outOffset;
        }
        blockRoom = Math.min(blockStaged ? stagingOut.byteSize() : bodyLength, ZipSqe.MAX_BUFFER);
        blockInLength = inLength;
        blockBodyLength = bodyLength;
        blockDst = dst;
        blockHeader = hdr;
        request.stateless().source(srcAddress, (int) inLength).destination(dstAddress, blockRoom);
        return true;
    }

    /** Sync: runs the prepared block; bytes written to dst, or {@link #FALL_BACK}. */
    long runBlock() throws DataFormatException {
        return finishBlock(execute());
    }

    /**
     * Async: submits the prepared block. The future completes on the request layer's reaper with
     * no lock held; the caller then runs {@link #finishBlock} and gives the session back.
     */
    CompletableFuture<ZipResult> submitBlock() {
        return queue.submit(request, ticket.result());
    }

    /** Checks the result of a block and moves the output into place. */
    long finishBlock(ZipResult r) throws DataFormatException {
        int status = r.status();
        if (status == ZipStatus.DEST_TOO_SMALL.code()) {
            if (blockRoom < blockBodyLength) {
                return FALL_BACK; // the device saw less room than the caller has: stream it
            }
            throw new OutputTooSmallException("the destination holds " + blockDst.byteSize() + " bytes, too few for the "
                    + (compress ? "compressed" : "decompressed") + " result of " + (blockInLength + blockHeader)
                    + " input bytes (device status 0x0E)");
        }
        if (!ZipStatus.of(status).success()) {
            if (compress) {
                throw failure(status);
            }
            DataFormatException d = new DataFormatException(failure(status).getMessage());
            d.initCause(failure(status));
            throw d;
        }
        long produced = Integer.toUnsignedLong(r.produced());
        if (produced > blockBodyLength) {
            return FALL_BACK; // staged result larger than the caller's room: the stream path says so
        }
        if (!compress && !ZipStatus.blockDecompressionComplete(status, Integer.toUnsignedLong(r.consumed()),
                blockInLength)) {
            return FALL_BACK; // truncated, another gzip member or trailing data: the stream path decides
        }
        int outOffset = compress ? blockHeader : 0;
        if (compress) {
            MemorySegment.copy(header, 0, blockDst, ValueLayout.JAVA_BYTE, 0, blockHeader);
        }
        if (blockStaged) {
            MemorySegment.copy(stagingOut, 0, blockDst, outOffset, produced);
        }
        return (compress ? blockHeader : 0) + produced;
    }

    /** Staging buffers are made on first need: native callers never need them. */
    private void ensureStaging() {
        if (stagingIn == null) {
            int size = engine.stagingBytes(queue);
            stagingIn = engine.allocate(queue, size);
            stagingOut = engine.allocate(queue, size);
            stagingInAddress = queue.memory().deviceAddress(stagingIn);
            stagingOutAddress = queue.memory().deviceAddress(stagingOut);
        }
    }

    private ZipResult execute() {
        return queue.call(request, ticket);
    }

    private ZipStatusException failure(int status) {
        return new ZipStatusException(status, (compress ? "compression" : "decompression") + " on "
                + queue.name() + " failed: " + ZipStatus.describe(status));
    }

    private void emptyStream() {
        byte[] e = Headers.emptyStream(format);
        int n = e.length - header.length;
        MemorySegment.copy(MemorySegment.ofArray(e), header.length, stagingOut, 0, n);
        pendingPos = 0;
        pendingLen = n;
        finished = true;
        checksum = format == Format.ZLIB ? 1 : 0;
    }

    private long drainPending(MemorySegment out, long outPos) {
        if (pendingLen == 0) {
            return outPos;
        }
        long n = Math.min(pendingLen, out.byteSize() - outPos);
        MemorySegment.copy(stagingOut, pendingPos, out, outPos, n);
        pendingPos += n;
        pendingLen -= n;
        return outPos + n;
    }

    @Override
    public boolean finished() {
        return finished && pendingLen == 0;
    }

    @Override
    public int checksum() {
        return format == Format.RAW ? 0 : checksum;
    }

    @Override
    public void reset() {
        headerPos = 0;
        parser.reset();
        first = true;
        finished = false;
        drain = false;
        pendingPos = pendingLen = 0;
        stagedLen = 0;
        checksum = format == Format.ZLIB ? 1 : 0;
        resetCounters();
    }

    /** Back to the engine's pool (or freed). */
    @Override
    public void close() {
        engine.giveBack(this);
    }

    void free() {
        try {
            queue.memory().free(context);
            if (stagingIn != null) {
                queue.memory().free(stagingIn);
                queue.memory().free(stagingOut);
            }
        } finally {
            queue.release();
        }
    }
}
