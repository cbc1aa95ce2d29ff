package io.uacce.compress.soft;

import io.uacce.compress.engine.SessionCounters;
import io.uacce.compress.types.Format;
import io.uacce.compress.zip.HeaderParser;
import io.uacce.compress.zip.Headers;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Decompression with java.util.zip.Inflater (raw) plus our header parsing and trailer check. */
final class SoftInflateSession extends SessionCounters {
    private static final byte[] NOTHING = {};

    private enum State { HEADER, BODY, TRAILER, DONE }

    private final Format format;
    private final Inflater inflater = new Inflater(true);
    private final SoftChecksums checksum;
    private final HeaderParser header;
    private final byte[] trailer = new byte[8];
    private State state;
    private int trailerPos;

    SoftInflateSession(Format format) {
        this.format = format;
        this.checksum = new SoftChecksums(format);
        this.header = new HeaderParser(format);
        reset();
    }

    @Override
    public void step(MemorySegment in, MemorySegment out, boolean finish) throws DataFormatException {
        long inPos = 0;
        long outPos = 0;
        long inSize = in.byteSize();
        loop:
        while (true) {
            switch (state) {
                case HEADER -> {
                    inPos += header.feed(in, inPos, inSize - inPos);
                    if (!header.done()) {
                        break loop;
                    }
                    state = State.BODY;
                }
                case BODY -> {
                    ByteBuffer ib = in.asSlice(inPos).asByteBuffer();
                    ByteBuffer ob = out.asSlice(outPos).asByteBuffer();
                    inflater.setInput(ib);
                    try {
                        while (!inflater.finished() && ob.hasRemaining()) {
                            int before = ib.position();
                            int n = inflater.inflate(ob);
                            if (inflater.needsDictionary()) {
                                throw new DataFormatException("the deflate stream asks for a preset dictionary");
                            }
                            if (n == 0 && ib.position() == before) {
                                break;
                            }
                        }
                    } catch (DataFormatException e) {
                        throw new DataFormatException("corrupt deflate data near compressed byte "
                                + (totalIn() + inPos + ib.position()) + ": " + e.getMessage());
                    } finally {
                        inflater.setInput(NOTHING);
                    }
                    checksum.update(out.asSlice(outPos, ob.position()));
                    inPos += ib.position();
                    outPos += ob.position();
                    if (!inflater.finished()) {
                        break loop;
                    }
                    state = format == Format.RAW ? State.DONE : State.TRAILER;
                }
                case TRAILER -> {
                    int n = (int) Math.min(format.trailerLength() - trailerPos, inSize - inPos);
                    MemorySegment.copy(in, inPos, MemorySegment.ofArray(trailer), trailerPos, n);
                    trailerPos += n;
                    inPos += n;
                    if (trailerPos < format.trailerLength()) {
                        break loop;
                    }
                    verifyTrailer(totalOut() + outPos);
                    state = State.DONE;
                }
                case DONE -> {
                    break loop;
                }
            }
        }
        account(inPos, outPos);
    }

    private void verifyTrailer(long size) throws DataFormatException {
        int expected = Headers.trailerChecksum(format, trailer);
        int actual = checksum.value();
        if (expected != actual) {
            throw new DataFormatException(String.format("%s checksum mismatch: the trailer says 0x%08X, the data gives"
                    + " 0x%08X (corrupt data)", format == Format.ZLIB ? "Adler-32" : "CRC-32", expected, actual));
        }
        if (format == Format.GZIP && Headers.trailerSize(trailer) != (int) size) {
            throw new DataFormatException("gzip size mismatch: the trailer says " + Integer.toUnsignedString(
                    Headers.trailerSize(trailer)) + " bytes (mod 2^32), the data gives " + size + " (corrupt data)");
        }
    }

    @Override
    public boolean finished() {
        return state == State.DONE;
    }

    @Override
    public int checksum() {
        return checksum.value();
    }

    @Override
    public void reset() {
        inflater.reset();
        checksum.reset();
        header.reset();
        state = State.HEADER;
        trailerPos = 0;
        resetCounters();
    }

    @Override
    public void close() {
        inflater.end();
    }
}
