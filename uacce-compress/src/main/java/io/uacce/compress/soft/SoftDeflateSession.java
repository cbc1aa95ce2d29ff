package io.uacce.compress.soft;

import io.uacce.compress.engine.SessionCounters;
import io.uacce.compress.types.Format;
import io.uacce.compress.zip.Headers;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/** Compression with java.util.zip.Deflater (raw) plus our header and trailer. */
final class SoftDeflateSession extends SessionCounters {
    private static final int MAX_IDLE = 3;
    private static final byte[] NOTHING = {};

    private final Format format;
    private final Deflater deflater;
    private final SoftChecksums checksum;
    private final byte[] header;
    private final byte[] trailer = new byte[8];
    private int headerPos;
    private int trailerLen = -1;
    private int trailerPos;
    private boolean finished;

    SoftDeflateSession(Format format, int level) {
        this.format = format;
        this.deflater = new Deflater(level, true);
        this.checksum = new SoftChecksums(format);
        this.header = Headers.header(format);
    }

    @Override
    public void step(MemorySegment in, MemorySegment out, boolean finish) {
        long consumed = 0;
        long outPos = 0;
        if (headerPos < header.length) {
            int n = (int) Math.min(header.length - headerPos, out.byteSize());
            MemorySegment.copy(MemorySegment.ofArray(header), headerPos, out, 0, n);
            headerPos += n;
            outPos += n;
            if (headerPos < header.length) {
                account(0, outPos);
                return;
            }
        }
        if (!deflater.finished()) {
            ByteBuffer ib = in.asByteBuffer();
            deflater.setInput(ib);
            if (finish) {
                deflater.finish();
            }
            ByteBuffer ob = out.asSlice(outPos).asByteBuffer();
            int idle = 0;
            while (ob.hasRemaining() && !deflater.finished()) {
                int n = deflater.deflate(ob, Deflater.NO_FLUSH);
                if (n == 0 && (!finish && deflater.needsInput() || ++idle > MAX_IDLE)) {
                    break;
                }
            }
            consumed = ib.position();
            checksum.update(in.asSlice(0, consumed));
            outPos += ob.position();
            deflater.setInput(NOTHING); // drop the reference to the caller's memory
        }
        if (deflater.finished()) {
            if (trailerLen < 0) {
                trailerLen = Headers.writeTrailer(format, checksum.value(), totalIn() + consumed, trailer, 0);
            }
            int n = (int) Math.min(trailerLen - trailerPos, out.byteSize() - outPos);
            MemorySegment.copy(MemorySegment.ofArray(trailer), trailerPos, out, outPos, n);
            trailerPos += n;
            outPos += n;
            finished = trailerPos == trailerLen;
        }
        account(consumed, outPos);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public int checksum() {
        return checksum.value();
    }

    @Override
    public void reset() {
        deflater.reset();
        checksum.reset();
        headerPos = 0;
        trailerLen = -1;
        trailerPos = 0;
        resetCounters();
        finished = false;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
