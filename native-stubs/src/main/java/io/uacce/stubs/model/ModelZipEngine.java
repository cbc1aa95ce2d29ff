package io.uacce.stubs.model;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The hisi_zip engine (spec §4), with java.util.zip as the "silicon". Direction comes from the
 * queue's qc_type; the request type (dw9) selects raw deflate / zlib / gzip; dw7 selects
 * stateless (one SQE = one whole stream) or stateful (the stream continues across SQEs, its
 * state keyed by the context address). The library writes headers, the device writes trailers.
 * Only the result words are written back; request words (dw7, dw9, tags, dest_avail_out) stay.
 */
final class ModelZipEngine implements SqeProcessor {
    /** Flat-buffer limit of the hardware (§4.7). */
    static final long MAX_LENGTH = 8L << 20;

    private final ModelDevice device;
    private final ModelQueue queue;
    private final boolean decompress;
    private final ModelDeviceMemory memory;
    private final Staging input = new Staging();
    private final Staging output = new Staging();
    private final Staging scratch = new Staging();
    private final Deflater deflater;
    private final Inflater inflater = new Inflater(true);

    /** The result words of one SQE. */
    private static final class Result {
        int status;
        boolean lastBlock;
        long consumed;
        long produced;
        int ctx0;
        int isize;
        int checksum;
        int ctx2;

        Result(int status, int isize, int checksum) {
            this.status = status;
            this.isize = isize;
            this.checksum = checksum;
        }
    }

    ModelZipEngine(ModelDevice device, ModelQueue queue, boolean decompress, ModelDeviceMemory memory) {
        this.device = device;
        this.queue = queue;
        this.decompress = decompress;
        this.memory = memory;
        this.deflater = new Deflater(device.settings().zipLevel(), true);
    }

    @Override
    public void process(MemorySegment sqe) {
        Result r;
        try {
            r = run(sqe);
        } catch (AddressFault f) {
            r = new Result(ModelStatus.ADDRESS_FAULT, Sqe.dw(sqe, Sqe.ISIZE), Sqe.dw(sqe, Sqe.CHECKSUM));
        }
        Sqe.setDw(sqe, Sqe.CONSUMED, (int) r.consumed);
        Sqe.setDw(sqe, Sqe.PRODUCED, (int) r.produced);
        Sqe.setDw(sqe, Sqe.COMP_DATA_LENGTH, decompress ? 0 : (int) r.produced);
        Sqe.setDw(sqe, Sqe.STATUS, r.status | (r.lastBlock ? ModelStatus.LAST_BLOCK : 0));
        Sqe.setDw(sqe, Sqe.CTX_DW0, r.ctx0);
        Sqe.setDw(sqe, Sqe.CTX_DW1, 0);
        Sqe.setDw(sqe, Sqe.CTX_DW2, r.ctx2);
        Sqe.setDw(sqe, Sqe.ISIZE, r.isize);
        Sqe.setDw(sqe, Sqe.CHECKSUM, r.checksum);
    }

    private Result run(MemorySegment sqe) throws AddressFault {
        int flags = Sqe.dw(sqe, Sqe.FLAGS);
        int request = Sqe.dw(sqe, Sqe.REQUEST);
        ZipFormat format = ZipFormat.of(request & 0xFF);
        long inLen = Integer.toUnsignedLong(Sqe.dw(sqe, Sqe.INPUT_LENGTH));
        long avail = Math.min(Integer.toUnsignedLong(Sqe.dw(sqe, Sqe.DEST_AVAIL_OUT)), MAX_LENGTH);
        boolean stateful = (flags & Sqe.STATEFUL) != 0;
        long ctx = Sqe.address(sqe, Sqe.STREAM_CTX);
        Result bad = new Result(ModelStatus.BAD_REQUEST, Sqe.dw(sqe, Sqe.ISIZE), Sqe.dw(sqe, Sqe.CHECKSUM));
        int type = flags >>> 28;
        if (!device.spec().api.acceptsSqeType(type) || ((request >>> 8) & 0xF) != 0 || format == null
                || (format == ZipFormat.RAW && type != 3) || inLen > MAX_LENGTH || (stateful && ctx == 0)) {
            return bad;
        }
        MemorySegment in = input.get(inLen);
        memory.read(Sqe.address(sqe, Sqe.SOURCE), in, inLen);
        MemorySegment out = output.get(avail);
        Result r;
        if (!stateful) {
            r = decompress ? inflateBlock(format, in, out) : deflateBlock(format, in, out);
        } else {
            memory.read(ctx, scratch.get(8), 8); // the context area must be reachable
            ZipStream s;
            if ((flags & Sqe.NEW_STREAM) != 0) {
                s = device.streams().open(ctx, new ZipStream(queue, !decompress, format, device.settings().zipLevel()));
            } else {
                s = device.streams().get(ctx);
                if (s == null || s.compress == decompress || s.format != format) {
                    return bad;
                }
            }
            synchronized (s) {
                boolean first = (flags & Sqe.NEW_STREAM) != 0;
                int checksum = first ? format.initialChecksum() : format.fromDw31(Sqe.dw(sqe, Sqe.CHECKSUM));
                int isize = first ? 0 : Sqe.dw(sqe, Sqe.ISIZE);
                try {
                    r = decompress ? inflateStream(ctx, s, in, out, checksum, isize)
                            : deflateStream(ctx, s, in, out, checksum, isize, (flags & Sqe.FLUSH_FINISH) != 0);
                } catch (IllegalStateException | NullPointerException ended) {
                    return bad; // the stream was replaced or its queue released meanwhile
                }
                if (r.produced > 0) {
                    try {
                        memory.write(Sqe.address(sqe, Sqe.DEST), out, r.produced);
                    } catch (AddressFault f) {
                        device.streams().close(ctx, s);
                        throw f;
                    }
                }
                return r;
            }
        }
        if (r.produced > 0) {
            memory.write(Sqe.address(sqe, Sqe.DEST), out, r.produced);
        }
        return r;
    }

    /** Stateless compression: the whole input is one stream, finished, with trailer. */
    private Result deflateBlock(ZipFormat format, MemorySegment in, MemorySegment out) {
        Deflater d = deflater;
        d.reset();
        d.setInput(in.asByteBuffer());
        d.finish();
        ByteBuffer ob = out.asByteBuffer();
        while (!d.finished() && ob.hasRemaining()) {
            if (d.deflate(ob) == 0 && !d.finished() && ob.hasRemaining()) {
                break;
            }
        }
        int checksum = format.update(format.initialChecksum(), in.asByteBuffer());
        int isize = (int) in.byteSize();
        byte[] trailer = format.trailer(checksum, isize);
        if (!d.finished() || ob.remaining() < trailer.length) {
            return new Result(ModelStatus.DEST_TOO_SMALL, 0, 0);
        }
        ob.put(trailer);
        Result r = new Result(ModelStatus.OK, isize, format.toDw31(checksum));
        r.consumed = in.byteSize();
        r.produced = ob.position();
        return r;
    }

    /** Stateless decompression: input = deflate data + trailer; output must hold the whole stream. */
    private Result inflateBlock(ZipFormat format, MemorySegment in, MemorySegment out) {
        Inflater inf = inflater;
        inf.reset();
        inf.setInput(in.asByteBuffer());
        ByteBuffer ob = out.asByteBuffer();
        try {
            inflate(inf, ob);
            if (!inf.finished() && !ob.hasRemaining()) {
                // Output full: done only if nothing but the end-of-block code was left. The inflater
                // may already hold all the input (needsInput) and still have output to give: that
                // is a destination too small too; a probe that gives nothing and does not finish
                // is a truncated stream (below).
                byte[] probe = new byte[1];
                int more = inf.inflate(probe);
                if (more > 0 || (!inf.finished() && !inf.needsInput())) {
                    return new Result(ModelStatus.DEST_TOO_SMALL, 0, 0);
                }
            }
        } catch (DataFormatException e) {
            return new Result(ModelStatus.BAD_DATA, 0, 0);
        }
        if (!inf.finished()) {
            return new Result(ModelStatus.BAD_DATA, 0, 0); // truncated stream
        }
        long used = inf.getBytesRead();
        int produced = ob.position();
        int checksum = format.update(format.initialChecksum(), out.asSlice(0, produced).asByteBuffer());
        // A completed stateless decompression returns 0x00 (spec §4.6); 0x13 + lstblk is the end
        // of a stateful stream only.
        Result r = new Result(ModelStatus.OK, produced, format.toDw31(checksum));
        r.produced = produced;
        r.ctx0 = 0x80;
        int tl = format.trailerLength;
        if (in.byteSize() - used < tl) {
            return new Result(ModelStatus.BAD_DATA, 0, 0); // truncated trailer
        }
        byte[] expected = format.trailer(checksum, produced);
        byte[] got = in.asSlice(used, tl).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        if (!java.util.Arrays.equals(expected, got)) {
            r.status = ModelStatus.CHECKSUM; // 0x10 alone: lstblk comes with 0x13 only (docs/model.md)
        }
        r.consumed = used + tl;
        return r;
    }

    /** One request of a stateful compression stream (sync flush, or finish when the flag is set). */
    private Result deflateStream(long ctx, ZipStream s, MemorySegment in, MemorySegment out, int checksum,
            int isize, boolean finish) {
        ByteBuffer ob = out.asByteBuffer();
        long consumed = 0;
        if (!s.dataDone) {
            Deflater d = s.deflater;
            long before = d.getBytesRead();
            d.setInput(in.asByteBuffer());
            if (finish) {
                d.finish();
            }
            while (ob.hasRemaining() && !d.finished()) {
                if (d.deflate(ob, Deflater.SYNC_FLUSH) == 0) {
                    break;
                }
            }
            consumed = d.getBytesRead() - before;
            checksum = s.format.update(checksum, in.asSlice(0, consumed).asByteBuffer());
            isize += (int) consumed;
            if (d.finished()) {
                s.dataDone = true;
                s.trailer = s.format.trailer(checksum, isize);
                s.trailerPos = 0;
            }
        }
        if (s.dataDone) {
            int n = Math.min(ob.remaining(), s.trailer.length - s.trailerPos);
            ob.put(s.trailer, s.trailerPos, n);
            s.trailerPos += n;
        }
        boolean complete = s.dataDone && s.trailerPos == s.trailer.length;
        Result r = new Result(ModelStatus.OK, isize, s.format.toDw31(checksum));
        r.consumed = consumed;
        r.produced = ob.position();
        s.totalOut += r.produced;
        boolean allIn = consumed == in.byteSize();
        if (!complete && allIn && (finish || !ob.hasRemaining())) {
            r.ctx0 = 0x1; // output pending: resend with empty input to drain
        }
        r.ctx2 = (int) Math.min(s.totalOut, 0x8000);
        if (complete) {
            device.streams().close(ctx, s);
        }
        return r;
    }

    /** One request of a stateful decompression stream; the trailer may arrive split over requests. */
    private Result inflateStream(long ctx, ZipStream s, MemorySegment in, MemorySegment out, int checksum,
            int isize) {
        ByteBuffer ob = out.asByteBuffer();
        long consumed = 0;
        if (!s.dataDone) {
            Inflater inf = s.inflater;
            long before = inf.getBytesRead();
            inf.setInput(in.asByteBuffer());
            try {
                inflate(inf, ob);
            } catch (DataFormatException e) {
                device.streams().close(ctx, s);
                return new Result(ModelStatus.BAD_DATA, isize, s.format.toDw31(checksum));
            }
            consumed = inf.getBytesRead() - before;
            checksum = s.format.update(checksum, out.asSlice(0, ob.position()).asByteBuffer());
            isize += ob.position();
            s.dataDone = inf.finished();
        }
        Result r = new Result(ModelStatus.OK, isize, s.format.toDw31(checksum));
        if (s.dataDone) {
            int take = (int) Math.min(in.byteSize() - consumed, s.trailer.length - s.trailerPos);
            MemorySegment.copy(in, java.lang.foreign.ValueLayout.JAVA_BYTE, consumed, s.trailer, s.trailerPos, take);
            s.trailerPos += take;
            consumed += take;
            r.ctx0 = 0x80;
            if (s.trailerPos == s.trailer.length) {
                boolean match = java.util.Arrays.equals(s.trailer, s.format.trailer(checksum, isize));
                r.status = match ? ModelStatus.STREAM_END : ModelStatus.CHECKSUM;
                r.lastBlock = match;
                device.streams().close(ctx, s);
            }
        } else if (!ob.hasRemaining() && consumed == in.byteSize()) {
            r.ctx0 = 0x2; // no space while decompressing: resend to drain
        }
        r.consumed = consumed;
        r.produced = ob.position();
        s.totalOut += r.produced;
        r.ctx2 = (int) Math.min(s.totalOut, 0x8000);
        return r;
    }

    private static void inflate(Inflater inf, ByteBuffer ob) throws DataFormatException {
        while (ob.hasRemaining() && !inf.finished()) {
            if (inf.inflate(ob) == 0 && (inf.needsInput() || inf.needsDictionary())) {
                break;
            }
        }
        if (inf.needsDictionary()) {
            throw new DataFormatException("preset dictionary requested");
        }
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
        input.close();
        output.close();
        scratch.close();
        if (memory instanceof ProcessMemory pm) {
            pm.close();
        }
    }
}
